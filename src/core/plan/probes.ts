import { requireDurationSeconds } from '../duration.js';
import type { ImpactCount, MathProbe, MetricSpec, Probe } from '../scenario/types.js';
import type { PlanProblem } from './plan-problem.js';
import type { PlannedCount, PlannedMath, PlannedProbe, PlannedQuery } from './types.js';

const THRESHOLD = /^\s*(<=|>=|<|>)\s*(-?\d+(?:\.\d+)?)\s*$/;
const DEFAULT_PERIOD = 60;

function parseThreshold(text: string): PlannedProbe['threshold'] | undefined {
  const m = THRESHOLD.exec(text);
  return m ? { op: m[1] as NonNullable<PlannedProbe['threshold']>['op'], value: Number(m[2]) } : undefined;
}

function withPeriod(metric: MetricSpec): MetricSpec & { period: number } {
  return {
    namespace: metric.namespace,
    name: metric.name,
    ...(metric.dimensions ? { dimensions: { ...metric.dimensions } } : {}),
    stat: metric.stat,
    period: metric.period ?? DEFAULT_PERIOD,
  };
}

/** Steady-state probes with stable ids p0, p1… (usable as GetMetricData query ids). */
export function planProbes(probes: Probe[]): { probes: PlannedProbe[]; problems: PlanProblem[] } {
  const problems: PlanProblem[] = [];
  const planned = probes.map((probe, i): PlannedProbe => {
    if ('alarm' in probe) return { id: `p${i}`, name: probe.name, kind: 'alarm', alarm: probe.alarm };
    const threshold = parseThreshold(probe.threshold);
    if (!threshold) problems.push({ path: ['spec', 'steadyState', i, 'threshold'], message: `steadyState[${i}] "${probe.name}": threshold "${probe.threshold}" is not like "< 1.5" or ">= 99.9"` });
    const measured = 'metrics' in probe ? { math: planMath(probe.metrics) } : { metric: withPeriod(probe.metric) };
    return { id: `p${i}`, name: probe.name, kind: 'metric', ...measured, ...(threshold ? { threshold } : {}) };
  });
  return { probes: planned, problems };
}

/** validate has checked that every metricStat has the same period: the probe's. */
function planMath(queries: MathProbe['metrics']): PlannedMath {
  const periodSeconds = queries.find((q) => q.metricStat)?.metricStat?.period ?? DEFAULT_PERIOD;
  return {
    periodSeconds,
    queries: queries.map((q): PlannedQuery => {
      const common = { id: q.id, returnData: q.returnData ?? true, ...(q.label !== undefined ? { label: q.label } : {}) };
      if (q.metricStat) return { ...common, metric: { namespace: q.metricStat.namespace, name: q.metricStat.name, dimensions: { ...(q.metricStat.dimensions ?? {}) }, stat: q.metricStat.stat } };
      return { ...common, expression: q.expression! };
    }),
  };
}

/** Seconds per datapoint of a metric probe (60 for one without a metric of its own, such as the SLO's burn rate). */
export function probePeriodSeconds(probe: PlannedProbe | undefined): number {
  return probe?.metric?.period ?? probe?.math?.periodSeconds ?? DEFAULT_PERIOD;
}

/** The query a math probe's value comes from: the one that returns data. */
export function returnedQuery(math: PlannedMath): PlannedQuery {
  return math.queries.find((q) => q.returnData !== false)!;
}

/** Every metric a probe reads: its own, or its math's inputs. */
export function probeMetrics(probe: PlannedProbe): (MetricSpec & { period: number })[] {
  if (probe.metric) return [probe.metric];
  return (probe.math?.queries ?? []).flatMap((q) => ('metric' in q ? [{ ...q.metric, period: probe.math!.periodSeconds }] : []));
}

/** The data-loss probe: its worst value is the measured RPO, so it has no threshold. */
export function planDataLossProbe(metric: MetricSpec, index: number): PlannedProbe {
  return { id: `p${index}`, name: 'data-loss', kind: 'metric', metric: withPeriod(metric) };
}

const DEFAULT_BASELINE_SECONDS = 600;

/** spec.impact: each count with its metric (a probe's, when it names one) and ids c0, c1… */
export function planImpactCounts(impact: ImpactCount[], probes: PlannedProbe[]): PlannedCount[] {
  return impact.flatMap((count, i): PlannedCount[] => {
    const metric = count.metric ? withPeriod(count.metric) : probes.find((p) => p.name === count.probe && p.kind === 'metric')?.metric;
    if (!metric) return [];
    return [{ id: `c${i}`, name: count.name, metric, baselineSeconds: count.baseline ? requireDurationSeconds(count.baseline) : DEFAULT_BASELINE_SECONDS, ...(count.probe ? { probe: count.probe } : {}) }];
  });
}
