import { humanDuration } from '../duration.js';
import type { MetricSpec } from '../scenario/types.js';
import { returnedQuery } from './probes.js';
import { SLO_BURN_PROBE } from './slo.js';
import type { Plan, PlannedCount, PlannedMath, PlannedProbe } from './types.js';
import { limitText, thresholdText } from '../number-text.js';

/** Words shared by the text and markdown renderers, so both say the same thing. */

function statWords(metric: Omit<MetricSpec, 'period'>): string {
  const dims = Object.entries(metric.dimensions ?? {}).map(([k, v]) => `${k}=${v}`);
  return `${metric.namespace} ${metric.name} ${metric.stat}${dims.length ? ` (${dims.join(', ')})` : ''}`;
}

export function metricWords(metric: MetricSpec & { period: number }): string {
  return `${statWords(metric)} per ${humanDuration(metric.period)}`;
}

/** "100 * errors / requests per 1m < 1, where errors = AWS/ApplicationELB HTTPCode_Target_5XX_Count Sum (…); requests = …" */
function mathWords(math: PlannedMath, threshold: string): string {
  const value = returnedQuery(math);
  const rest = math.queries.filter((q) => q !== value).map((q) => `${q.id} = ${'metric' in q ? statWords(q.metric) : q.expression}`);
  return `${'metric' in value ? statWords(value.metric) : value.expression} per ${humanDuration(math.periodSeconds)}${threshold}${rest.length ? `, where ${rest.join('; ')}` : ''}`;
}

export function probeWords(probe: PlannedProbe): string {
  if (probe.kind === 'alarm') return `alarm ${probe.alarm} is OK`;
  const threshold = probe.threshold ? ` ${thresholdText(probe.threshold)}` : '';
  if (probe.math) return mathWords(probe.math, threshold);
  // The burn-rate probe reads the SLO's own queries (spec.slo), not a metric of its own.
  if (probe.id === SLO_BURN_PROBE.id) return `the SLO's burn rate each period (bad ÷ total ÷ (1 − objective))${threshold}×`;
  return `${probe.metric ? metricWords(probe.metric) : '?'}${threshold}`;
}

export function targetsSource(plan: Plan): string {
  const app = plan.target.resilienceHubAppArn;
  const written = [
    plan.recovery.rtoSeconds !== undefined ? `RTO ${humanDuration(plan.recovery.rtoSeconds)}` : undefined,
    plan.recovery.rpoSeconds !== undefined ? `RPO ${humanDuration(plan.recovery.rpoSeconds)}` : undefined,
  ].filter(Boolean);
  if (app) {
    return `the Resilience Hub policy of ${app} for disruption type ${plan.recovery.disruptionType}, read at run time${
      written.length ? `; the scenario's ${written.join(', ')} ${written.length === 1 ? 'is' : 'are'} compared with it` : ''
    }`;
  }
  return written.length ? `the scenario: ${written.join(', ')}` : 'none: the scenario sets no rto/rpo and has no Resilience Hub app';
}

export function recoveryWords(plan: Plan): string {
  const { settleSeconds, watchSeconds } = plan.recovery;
  return `recovered = every steady-state probe holds again for ${humanDuration(settleSeconds)}; unrecovered if not within ${humanDuration(watchSeconds)} after the fault ends`;
}

export function rpoWords(plan: Plan): string {
  const probe = plan.recovery.dataLoss;
  return probe?.metric ? `measured RPO = worst ${metricWords(probe.metric)} over the run` : 'RPO not measured (no data-loss probe)';
}

/** "failed requests: total of AWS/ApplicationELB HTTPCode_Target_5XX_Count Sum … against its rate in the 10m before the fault" */
export function impactCountWords(count: PlannedCount): string {
  return `${count.name}: total of ${metricWords(count.metric)} from the fault start to the end of the watch, against its rate in the ${humanDuration(count.baselineSeconds)} before the fault`;
}

export function disruptionStart(plan: Plan): string {
  const first = plan.actions.filter((a) => a.injectsFault);
  if (first.length === 0) return 'none';
  if (first.length > 3) return `${first.length} actions at ${humanDuration(first[0]!.startSeconds)}`;
  return first.map((a) => a.name).join(', ');
}

/** "8 FIS actions, 1h 00m of fault" / "1 FIS action, instantaneous" */
export function faultSummary(plan: Plan): string {
  const n = plan.actions.length;
  return `${n} FIS action${n === 1 ? '' : 's'}, ${plan.faultSeconds ? `${humanDuration(plan.faultSeconds)} of fault` : 'instantaneous'}`;
}

export function shortHash(plan: Plan): string {
  return plan.hash.slice(0, 12);
}

/** The FIS experiment report the template asks for (spec.fisReport), in words; undefined without one. */
export function fisReportWords(plan: Plan): string | undefined {
  const report = plan.template.experimentReportConfiguration;
  if (!report) return undefined;
  const { bucketName, prefix } = report.outputs.s3Configuration;
  const dashboards = report.dataSources?.cloudWatchDashboards.map((d) => d.dashboardIdentifier.replace(/^arn:[^:]+:cloudwatch::\d+:dashboard\//, '')) ?? [];
  const window = [report.preExperimentDuration ? `${report.preExperimentDuration} before` : '', report.postExperimentDuration ? `${report.postExperimentDuration} after` : ''].filter(Boolean);
  return `FIS writes an experiment report (PDF) to s3://${bucketName}/${prefix ?? ''}${dashboards.length ? ` with dashboards ${dashboards.join(', ')}` : ''}${window.length ? ` (${window.join(', ')} the experiment)` : ''}`;
}

/** A multi-account plan's target accounts, one line each: "222233334444 as arn:aws:iam::…:role/x (payments)"; empty for one account. */
export function targetAccountWords(plan: Plan): string[] {
  return (plan.targetAccounts ?? []).map((a) => `${a.accountId} as ${a.roleArn}${a.description ? ` (${a.description})` : ''}`);
}

/** spec.slo.burnRate.stopAbove's alarm, for the stop conditions: what it watches, and that the run creates it. */
export function sloStopWords(plan: Plan): string | undefined {
  const alarm = plan.slo?.stopAlarm;
  if (!plan.slo || !alarm) return undefined;
  return `SLO ${plan.slo.name} burns its error budget faster than ${limitText(alarm.threshold)}× in a ${humanDuration(alarm.periodSeconds)} period (spec.slo.burnRate.stopAbove): a metric math alarm the run creates before the template and deletes after it`;
}
