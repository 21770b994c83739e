import { requireDurationSeconds } from '../duration.js';
import type { Slo, SloSeries, Target } from '../scenario/types.js';
import { renameExpressionIds } from '../scenario/metric-math-syntax.js';
import type { PlanProblem } from './plan-problem.js';
import { alarmArn } from './stop-conditions.js';
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
  /** burnRate.stopAbove as the CloudWatch alarm gameday puts for the run and FIS stops the experiment on */
  stopAlarm?: SloStopAlarm;
}

/**
 * The SLO's burn rate as a metric math alarm (PutMetricAlarm `Metrics`): ALARM when one period burns
 * faster than stopAbove. It is one of the template's stop conditions, so FIS stops the experiment
 * even when gameday is not there to; a period without data (no requests, or no bad ones published)
 * is not breaching, as the watch counts it.
 */
export interface SloStopAlarm {
  name: string;
  alarmArn: string;
  /** the SLO's queries, none returned, and the burn rate (SLO_BURN_ID), the one the alarm compares */
  queries: PlannedQuery[];
  periodSeconds: number;
  threshold: number;
}

const SLO_BURN_ID = 'slo_burn_rate';
/** CloudWatch alarms take 10 or 30 s (high resolution) or a multiple of 60. */
const ALARM_PERIOD = (seconds: number): boolean => seconds === 10 || seconds === 30 || seconds % 60 === 0;
/** PutMetricAlarm: a metric math alarm reads at most 10 metrics. */
const ALARM_METRICS_MAX = 10;

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

export function planSlo(slo: Slo, run: { scenario: string; target: Pick<Target, 'region' | 'account'> }): { slo: PlannedSlo; problems: PlanProblem[] } {
  const counts = slo.good ? 'good' : 'bad';
  const planned: PlannedSlo = {
    name: slo.name,
    objective: slo.objective,
    windowSeconds: requireDurationSeconds(slo.window),
    periodSeconds: slo.period ?? 60,
    counts,
    queries: [...seriesQueries(SLO_COUNT_ID[counts], (slo.good ?? slo.bad)!), ...seriesQueries(SLO_COUNT_ID.total, slo.total)],
    burnRate: { ...(slo.burnRate?.below !== undefined ? { below: slo.burnRate.below } : {}), ...(slo.burnRate?.stopAbove !== undefined ? { stopAbove: slo.burnRate.stopAbove } : {}) },
  };
  const limit = slo.burnRate?.stopAbove;
  if (limit === undefined) return { slo: planned, problems: [] };
  const problems: PlanProblem[] = [];
  const path = ['spec', 'slo', 'burnRate', 'stopAbove'];
  if (!ALARM_PERIOD(planned.periodSeconds)) {
    problems.push({ path: ['spec', 'slo', 'period'], message: `slo.period ${planned.periodSeconds} s: burnRate.stopAbove is a CloudWatch alarm, whose period is 10, 30 or a multiple of 60 seconds` });
  }
  const metrics = planned.queries.filter((q) => 'metric' in q).length;
  if (metrics > ALARM_METRICS_MAX) {
    problems.push({ path, message: `the SLO reads ${metrics} metrics; burnRate.stopAbove is a CloudWatch metric math alarm, which reads at most ${ALARM_METRICS_MAX}` });
  }
  const name = `gameday-${run.scenario}-slo-burn-rate`;
  planned.stopAlarm = { name, alarmArn: alarmArn(run.target, name), queries: burnRateQueries(planned), periodSeconds: planned.periodSeconds, threshold: limit };
  return { slo: planned, problems };
}

/**
 * burnRate(): (bad ÷ total) ÷ (1 − objective), with the bad count total − good when the SLO counts
 * good requests. A negative bad count (good over total) stays below any limit, as the watch's max(0, …) does.
 */
function burnRateQueries(slo: PlannedSlo): PlannedQuery[] {
  const bad = slo.counts === 'bad' ? SLO_COUNT_ID.bad : `(${SLO_COUNT_ID.total} - ${SLO_COUNT_ID.good})`;
  return [
    ...slo.queries.map((q) => ({ ...q, returnData: false })),
    { id: SLO_BURN_ID, expression: `${bad} / ${SLO_COUNT_ID.total} * 100 / (100 - ${slo.objective})`, returnData: true, label: `${slo.name} burn rate` },
  ];
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
