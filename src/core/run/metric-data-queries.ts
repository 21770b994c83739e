import type { MetricDataQueryInput, MetricQuery } from '../../aws/ports.js';
import { returnedQuery } from '../plan/probes.js';
import type { PlannedProbe, PlannedQuery } from '../plan/types.js';
import type { MetricSpec } from '../scenario/types.js';
import { calledFunctions, renameExpressionIds } from '../scenario/metric-math-syntax.js';

/** One planned metric (a probe's, an impact count's) as a GetMetricData query under `id`. */
export function metricQuery(id: string, m: MetricSpec & { period: number }): MetricQuery {
  return { id, namespace: m.namespace, name: m.name, dimensions: m.dimensions ?? {}, stat: m.stat, period: m.period };
}

/** Planned queries as GetMetricData takes them, every one at `period`. */
export function metricDataQueries(queries: readonly PlannedQuery[], period: number): MetricDataQueryInput[] {
  return queries.map((q) =>
    'expression' in q ? { id: q.id, expression: q.expression, period, ...(q.returnData === false ? { returnData: false } : {}) } : { id: q.id, ...q.metric, returnData: q.returnData, period },
  );
}

/**
 * A metric probe's GetMetricData queries. Its value comes back under the probe's id; a math probe's
 * other queries are renamed under it (p2_errors), so two probes may both call a metric "errors".
 * With `inputs`, each metric the math reads is returned too (preflight checks each has data).
 */
export function probeQueries(probe: PlannedProbe, options: { inputs?: boolean } = {}): MetricDataQueryInput[] {
  if (probe.metric) return [metricQuery(probe.id, probe.metric)];
  if (!probe.math) return [];
  const value = returnedQuery(probe.math).id;
  const rename = (id: string) => (id === value ? probe.id : mathInputId(probe, id));
  const renamed = probe.math.queries.map((q): PlannedQuery =>
    'expression' in q ? { ...q, id: rename(q.id), expression: renameExpressionIds(q.expression, rename) } : { ...q, id: rename(q.id), returnData: q.returnData || options.inputs === true },
  );
  return metricDataQueries(renamed, probe.math.periodSeconds);
}

/** The GetMetricData id a math probe's query goes by (not its value's: that is the probe's own id). */
export function mathInputId(probe: PlannedProbe, id: string): string {
  return `${probe.id}_${id}`;
}

/**
 * A math probe whose expressions call a function: one over time (DIFF, RATE, RUNNING_SUM, FILL's REPEAT…)
 * computes a period's value from the periods before it in the same call, so it must be asked over the
 * whole run each time, never only the periods not journalled yet (its value for a period would depend on
 * when it was polled). Arithmetic alone computes each period on its own.
 */
export function readsOverTime(probe: PlannedProbe): boolean {
  return probe.math?.queries.some((q) => 'expression' in q && calledFunctions(q.expression).length > 0) ?? false;
}
