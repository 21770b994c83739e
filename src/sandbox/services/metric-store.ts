import type { MetricDatum } from '../contracts.js';

/** One PutMetricData entry as stored: a single value, or pre-aggregated statistics, or values with counts. */
export interface StoredSample {
  t: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  /** individual values (weighted by counts) when known, for percentiles */
  values?: number[];
  counts?: number[];
  unit?: string;
}

export interface MetricId {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
}

/** Statistics of the samples in one period. */
export interface PeriodAggregate {
  start: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  unit?: string;
  weighted: [number, number][];
}

export function metricKey(id: MetricId): string {
  const dims = Object.keys(id.dimensions)
    .sort()
    .map((k) => [k, id.dimensions[k]]);
  return JSON.stringify([id.namespace, id.metricName, dims]);
}

/** All samples per metric (exact dimension set, as CloudWatch identifies metrics), in time order. */
export class MetricStore {
  private readonly series = new Map<string, { id: MetricId; samples: StoredSample[] }>();

  put(id: MetricId, sample: StoredSample): void {
    const key = metricKey(id);
    let s = this.series.get(key);
    if (!s) {
      s = { id: { namespace: id.namespace, metricName: id.metricName, dimensions: { ...id.dimensions } }, samples: [] };
      this.series.set(key, s);
    }
    const samples = s.samples;
    if (samples.length === 0 || (samples[samples.length - 1] as StoredSample).t <= sample.t) samples.push(sample);
    else samples.splice(lowerBound(samples, sample.t + 1), 0, sample);
  }

  putDatum(d: MetricDatum): void {
    this.put(
      { namespace: d.namespace, metricName: d.metricName, dimensions: d.dimensions },
      { t: d.timestamp.getTime(), count: 1, sum: d.value, min: d.value, max: d.value, values: [d.value], ...(d.unit ? { unit: d.unit } : {}) },
    );
  }

  metrics(): MetricId[] {
    return [...this.series.values()].map((s) => s.id);
  }

  /**
   * Aggregates per period (aligned to multiples of `period` seconds since the epoch) in [startMs, endMs).
   * With `unit`, only the samples published with that unit count (no unit is "None"), as in CloudWatch.
   */
  aggregate(id: MetricId, startMs: number, endMs: number, periodSeconds: number, unit?: string): PeriodAggregate[] {
    const samples = this.series.get(metricKey(id))?.samples;
    if (!samples) return [];
    const periodMs = periodSeconds * 1000;
    const from = Math.floor(startMs / periodMs) * periodMs;
    const out: PeriodAggregate[] = [];
    let current: PeriodAggregate | undefined;
    for (let i = lowerBound(samples, from); i < samples.length; i++) {
      const s = samples[i] as StoredSample;
      if (s.t >= endMs) break;
      if (unit !== undefined && (s.unit ?? 'None') !== unit) continue;
      const start = Math.floor(s.t / periodMs) * periodMs;
      if (!current || current.start !== start) {
        current = { start, count: 0, sum: 0, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY, weighted: [] };
        out.push(current);
      }
      current.count += s.count;
      current.sum += s.sum;
      current.min = Math.min(current.min, s.min);
      current.max = Math.max(current.max, s.max);
      if (s.unit) current.unit = s.unit;
      s.values?.forEach((v, j) => (current as PeriodAggregate).weighted.push([v, s.counts?.[j] ?? 1]));
    }
    return out;
  }
}

/** First index whose t >= value. */
function lowerBound(samples: StoredSample[], value: number): number {
  let lo = 0;
  let hi = samples.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((samples[mid] as StoredSample).t < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const PERCENTILE = /^p(\d{1,2}(\.\d{1,10})?|100)$/;

export function isSupportedStatistic(stat: string): boolean {
  return ['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount'].includes(stat) || isPercentile(stat);
}

export function isPercentile(stat: string): boolean {
  return PERCENTILE.test(stat);
}

/**
 * One statistic of a period. Percentiles use the nearest-rank method over the individual values;
 * a period that only has pre-aggregated StatisticValues has no percentile (undefined), as in CloudWatch.
 */
export function statisticOf(agg: PeriodAggregate, stat: string): number | undefined {
  switch (stat) {
    case 'Average':
      return agg.count > 0 ? agg.sum / agg.count : undefined;
    case 'Sum':
      return agg.sum;
    case 'Minimum':
      return agg.min;
    case 'Maximum':
      return agg.max;
    case 'SampleCount':
      return agg.count;
  }
  if (!isPercentile(stat) || agg.weighted.length === 0) return undefined;
  const p = Number(stat.slice(1));
  const sorted = [...agg.weighted].sort((a, b) => a[0] - b[0]);
  const total = sorted.reduce((n, [, c]) => n + c, 0);
  const rank = Math.max(1, Math.ceil((p / 100) * total));
  let seen = 0;
  for (const [value, count] of sorted) {
    seen += count;
    if (seen >= rank) return value;
  }
  return (sorted[sorted.length - 1] as [number, number])[0];
}
