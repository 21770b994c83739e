import { requireDurationSeconds } from '../duration.js';
import type { Slo, SloSeries } from '../scenario/types.js';
import { renameExpressionIds } from '../scenario/metric-math-syntax.js';
import type { PlannedProbe, PlannedQuery } from './types.js';

/**
 * spec.slo compiled: the GetMetricData queries that give the good (or bad) and total requests per
 * period, with ids gameday owns (slo_good / slo_bad / slo_total; a math series' metrics renamed
 * under them, so two series may both call a metric "requests").
 */
export interface PlannedSlo {
  name: string;
  objective: number;
  windowSeconds: number;
  periodSeconds: number;
  /** which count the scenario gives beside the total */
  counts: 'good' | 'bad';
  queries: PlannedQuery[];
  burnRate: { below?: number; stopAbove?: number };
}

export const SLO_COUNT_ID = { good: 'slo_good', bad: 'slo_bad', total: 'slo_total' } as const;

function seriesQueries(id: string, series: SloSeries): PlannedQuery[] {
  const metric = (m: Exclude<SloSeries, { expression: string }>) => ({ namespace: m.namespace, name: m.name, dimensions: { ...(m.dimensions ?? {}) }, stat: m.stat });
  if (!('expression' in series)) return [{ id, metric: metric(series), returnData: true }];
  const names = Object.keys(series.metrics).sort();
  return [
    ...names.map((name) => ({ id: `${id}_${name}`, metric: metric(series.metrics[name]!), returnData: false })),
    { id, expression: renameExpressionIds(series.expression, (name) => (name in series.metrics ? `${id}_${name}` : name)) },
  ];
}

export function planSlo(slo: Slo): PlannedSlo {
  const counts = slo.good ? 'good' : 'bad';
  return {
    name: slo.name,
    objective: slo.objective,
    windowSeconds: requireDurationSeconds(slo.window),
    periodSeconds: slo.period ?? 60,
    counts,
    queries: [...seriesQueries(SLO_COUNT_ID[counts], (slo.good ?? slo.bad)!), ...seriesQueries(SLO_COUNT_ID.total, slo.total)],
    burnRate: { ...(slo.burnRate?.below !== undefined ? { below: slo.burnRate.below } : {}), ...(slo.burnRate?.stopAbove !== undefined ? { stopAbove: slo.burnRate.stopAbove } : {}) },
  };
}

/** The steady-state probe "burn rate below N×": sampled by the watch from the SLO's own queries (it has no metric of its own). */
export const SLO_BURN_PROBE = { id: 'slo_burn', name: 'slo-burn-rate' } as const;

export function sloBurnProbe(slo: PlannedSlo): PlannedProbe | undefined {
  return slo.burnRate.below === undefined ? undefined : { ...SLO_BURN_PROBE, kind: 'metric', threshold: { op: '<', value: slo.burnRate.below } };
}

/** Every metric the SLO's queries read (a math series' inputs included), each at the SLO's period. */
export function sloMetrics(slo: PlannedSlo): (Extract<PlannedQuery, { metric: unknown }>['metric'] & { period: number })[] {
  return slo.queries.flatMap((q) => ('metric' in q ? [{ ...q.metric, period: slo.periodSeconds }] : []));
}
