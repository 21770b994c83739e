import type { Metrics } from '../../aws/ports.js';
import type { SloSampled } from '../journal/events.js';
import { SLO_COUNT_ID, type PlannedSlo } from '../plan/slo.js';
import { badOf, burnRate } from '../slo/error-budget.js';
import { metricDataQueries } from './metric-data-queries.js';

/**
 * Reads the SLO's complete periods not read yet (one GetMetricData of its own queries, metric math
 * included) and turns each into bad/total requests and a burn rate.
 */
export class SloSampler {
  private last = -Infinity;

  constructor(
    private readonly slo: PlannedSlo,
    private readonly metrics: Metrics,
    private readonly since: Date,
  ) {}

  async sample(now: Date): Promise<Omit<SloSampled, 'type'>[]> {
    const periodMs = this.slo.periodSeconds * 1000;
    const from = new Date(this.from());
    if (now.getTime() - from.getTime() < periodMs) return [];
    const series = new Map((await this.metrics.getMetricData(metricDataQueries(this.slo.queries, this.slo.periodSeconds), from, now)).map((s) => [s.id, new Map(s.points.map((p) => [p.timestamp.getTime(), p.value]))]));
    const counts = series.get(SLO_COUNT_ID[this.slo.counts]) ?? new Map<number, number>();
    const totals = series.get(SLO_COUNT_ID.total) ?? new Map<number, number>();
    const out: Omit<SloSampled, 'type'>[] = [];
    for (const [t, total] of [...totals].sort((a, b) => a[0] - b[0])) {
      // Only complete periods, each once; a period whose count is missing had none of them.
      if (t <= this.last || t + periodMs > now.getTime()) continue;
      const bad = badOf(this.slo, counts.get(t) ?? (this.slo.counts === 'good' ? total : 0), total);
      out.push({ slo: this.slo.name, timestamp: new Date(t).toISOString(), bad, total, burnRate: burnRate(bad, total, this.slo.objective) });
      this.last = t;
    }
    return out;
  }

  /**
   * The first instant after `now` at which sample() may find a period it has not read: when it next
   * asks, or when another period completes (CloudWatch's periods are aligned to the epoch).
   */
  nextDueMs(now: Date): number {
    const periodMs = this.slo.periodSeconds * 1000;
    const asks = this.from() + periodMs;
    return Math.min(asks > now.getTime() ? asks : Infinity, (Math.floor(now.getTime() / periodMs) + 1) * periodMs);
  }

  /** The start of the first period not read yet. */
  private from(): number {
    const periodMs = this.slo.periodSeconds * 1000;
    return this.last === -Infinity ? this.since.getTime() - 2 * periodMs : this.last + periodMs;
  }
}
