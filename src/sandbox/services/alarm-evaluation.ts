import type { AlarmDefinition, AlarmStateValue } from '../contracts.js';

/**
 * CloudWatch metric-alarm evaluation, as a pure function of the last EvaluationPeriods datapoints.
 * Rules (docs "Evaluating an alarm" and "Configuring how CloudWatch alarms treat missing data"):
 * - ALARM when at least DatapointsToAlarm (M, default EvaluationPeriods N) of the N datapoints breach;
 * - missing datapoints count per TreatMissingData: breaching / notBreaching as such; missing and
 *   ignore leave them out — all N missing gives INSUFFICIENT_DATA (missing) or keeps the state (ignore);
 * - when fewer than M datapoints exist and all of them breach, missing → ALARM and ignore keeps the state
 *   (the docs' table row "- - X - -");
 * - otherwise OK.
 */
export interface EvaluatedDatapoint {
  /** start of the period */
  timestamp: Date;
  /** the alarm's statistic for the period; undefined when the period has no data */
  value: number | undefined;
  sampleCount?: number;
}

/** A metric math alarm has no statistic of its own (its queries do). */
export type EvaluatedAlarm = Pick<AlarmDefinition, 'period' | 'evaluationPeriods' | 'datapointsToAlarm' | 'threshold' | 'comparisonOperator' | 'treatMissingData'> & {
  statistic?: string;
};

export interface EvaluationResult {
  state: AlarmStateValue;
  reason: string;
  reasonData: string;
}

export function evaluateAlarmState(
  alarm: EvaluatedAlarm,
  /** the last N periods, newest first */
  datapoints: readonly EvaluatedDatapoint[],
  current: AlarmStateValue,
  at: Date,
): EvaluationResult {
  const n = alarm.evaluationPeriods;
  const m = alarm.datapointsToAlarm ?? n;
  const treat = alarm.treatMissingData ?? 'missing';
  const present = datapoints.filter((d): d is EvaluatedDatapoint & { value: number } => d.value !== undefined);
  const breaching = present.filter((d) => breaches(alarm, d.value));
  const missingCount = datapoints.length - present.length;
  const data = (): string => reasonData(alarm, datapoints, present, at);
  const keep = (): EvaluationResult => ({ state: current, reason: '', reasonData: '' });

  if (present.length === 0) {
    if (treat === 'ignore') return keep();
    if (treat === 'missing') return { state: 'INSUFFICIENT_DATA', reason: `Insufficient Data: ${count(n, 'datapoint')} ${n === 1 ? 'was' : 'were'} unknown.`, reasonData: data() };
    const state: AlarmStateValue = treat === 'breaching' ? 'ALARM' : 'OK';
    const as = treat === 'breaching' ? 'Breaching' : 'NonBreaching';
    return {
      state,
      reason: `Threshold Crossed: no datapoints were received for ${count(n, 'period')} and ${count(missingCount, 'missing datapoint')} ${missingCount === 1 ? 'was' : 'were'} treated as [${as}].`,
      reasonData: data(),
    };
  }

  const missingBreaching = treat === 'breaching' ? missingCount : 0;
  const breachCount = breaching.length + missingBreaching;
  const fewAllBreaching = present.length < m && breaching.length === present.length && treat !== 'breaching' && treat !== 'notBreaching';
  const alarmed = breachCount >= m || (fewAllBreaching && treat === 'missing');
  if (!alarmed && fewAllBreaching && treat === 'ignore') return keep();

  const words = comparisonWords(alarm.comparisonOperator);
  const threshold = formatNumber(alarm.threshold);
  if (alarmed) {
    const listed = `[${breaching.map(formatDatapoint).join(', ')}]`;
    const treated = missingBreaching > 0 ? ` and ${count(missingBreaching, 'missing datapoint')} treated as [Breaching]` : '';
    const shown = breaching.length + missingBreaching;
    const head =
      n === 1 ? `1 datapoint ${listed} was` : `${shown} out of the last ${n} datapoints ${listed}${treated} ${shown === 1 ? 'was' : 'were'}`;
    const minimum = m > 1 ? ` (minimum ${m} datapoints for ${current === 'ALARM' ? 'ALARM' : current} -> ALARM transition)` : '';
    return { state: 'ALARM', reason: `Threshold Crossed: ${head} ${words} the threshold (${threshold})${minimum}.`, reasonData: data() };
  }
  const recent = `[${present.map(formatDatapoint).join(', ')}]`;
  const reason =
    n === 1
      ? `Threshold Crossed: 1 datapoint ${recent} was not ${words} the threshold (${threshold}).`
      : `Threshold Crossed: ${breachCount === 0 ? 'no datapoints were' : `${breachCount} out of the last ${n} datapoints ${breachCount === 1 ? 'was' : 'were'}`} ${words} the threshold (${threshold})${m > 1 ? ` (minimum ${m} datapoints for ALARM -> OK transition)` : ''}. The most recent datapoints: ${recent}.`;
  return { state: 'OK', reason, reasonData: data() };
}

export function breaches(alarm: Pick<AlarmDefinition, 'comparisonOperator' | 'threshold'>, value: number): boolean {
  switch (alarm.comparisonOperator) {
    case 'GreaterThanThreshold':
      return value > alarm.threshold;
    case 'GreaterThanOrEqualToThreshold':
      return value >= alarm.threshold;
    case 'LessThanThreshold':
      return value < alarm.threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= alarm.threshold;
  }
}

function comparisonWords(op: AlarmDefinition['comparisonOperator']): string {
  return {
    GreaterThanThreshold: 'greater than',
    GreaterThanOrEqualToThreshold: 'greater than or equal to',
    LessThanThreshold: 'less than',
    LessThanOrEqualToThreshold: 'less than or equal to',
  }[op];
}

/** Java's Double.toString for the values CloudWatch prints: 25 → "25.0". */
export function formatNumber(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

/** "85.0 (26/11/26 04:30:00)": CloudWatch's dd/MM/yy HH:mm:ss in UTC. */
function formatDatapoint(d: { timestamp: Date; value: number }): string {
  const t = d.timestamp;
  const p = (n: number): string => String(n).padStart(2, '0');
  const date = `${p(t.getUTCDate())}/${p(t.getUTCMonth() + 1)}/${p(t.getUTCFullYear() % 100)}`;
  return `${formatNumber(d.value)} (${date} ${p(t.getUTCHours())}:${p(t.getUTCMinutes())}:${p(t.getUTCSeconds())})`;
}

function count(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/** CloudWatch's timestamp style in StateReasonData: 2026-11-26T04:31:00.000+0000. */
function reasonTime(d: Date): string {
  return d.toISOString().replace('Z', '+0000');
}

function reasonData(
  alarm: EvaluatedAlarm,
  datapoints: readonly EvaluatedDatapoint[],
  present: readonly (EvaluatedDatapoint & { value: number })[],
  at: Date,
): string {
  const oldest = datapoints[datapoints.length - 1];
  return JSON.stringify({
    version: '1.0',
    queryDate: reasonTime(at),
    ...(oldest ? { startDate: reasonTime(oldest.timestamp) } : {}),
    ...(alarm.statistic === undefined ? {} : { statistic: alarm.statistic }),
    period: alarm.period,
    recentDatapoints: present.map((d) => d.value),
    threshold: alarm.threshold,
    evaluatedDatapoints: present.map((d) => ({
      timestamp: reasonTime(d.timestamp),
      ...(d.sampleCount === undefined ? {} : { sampleCount: d.sampleCount }),
      value: d.value,
    })),
  });
}
