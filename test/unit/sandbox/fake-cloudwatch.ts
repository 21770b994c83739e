/**
 * An in-memory CloudWatchView for unit tests of the simulation (the real backend lives in
 * src/sandbox/services/cloudwatch.ts): stores datapoints, evaluates alarms per period with M of N,
 * and records every state transition.
 */
import type { AlarmDefinition, AlarmStateValue, CloudWatchView, MetricDatum, MetricMathAlarm } from '../../../src/sandbox/contracts.js';
import { breaches } from '../../../src/sandbox/services/alarm-evaluation.js';
import { type AlarmRule, evaluateAlarmRule, parseAlarmRule } from '../../../src/sandbox/services/composite-alarm-rule.js';
import { type Series, evaluate } from '../../../src/sandbox/services/metric-math.js';

export interface Transition {
  alarm: string;
  from: AlarmStateValue;
  to: AlarmStateValue;
  at: Date;
}

/** One sample as CloudWatch keeps it: each of a datum's values on its own. */
export interface Datapoint extends Omit<MetricDatum, 'values'> {
  value: number;
}

export class FakeCloudWatch implements CloudWatchView {
  readonly data: Datapoint[] = [];
  readonly alarms = new Map<string, AlarmDefinition | MetricMathAlarm>();
  readonly states = new Map<string, { state: AlarmStateValue; updated: Date }>();
  readonly transitions: Transition[] = [];
  /** composite alarms, evaluated after the metric alarms of each step */
  readonly composites = new Map<string, AlarmRule>();

  constructor(private readonly arnPrefix = 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:') {}

  putMetricData(data: MetricDatum[]): void {
    for (const { values, ...datum } of data) for (const value of values) this.data.push({ ...datum, value });
  }

  /** Like CloudWatch, a new alarm is evaluated at once against the data already there. */
  putMetricAlarm(alarm: AlarmDefinition | MetricMathAlarm): void {
    this.alarms.set(alarm.alarmName, alarm);
    this.states.set(alarm.alarmName, { state: 'INSUFFICIENT_DATA', updated: new Date(0) });
    if (this.lastEvaluation) this.evaluate([alarm], this.lastEvaluation);
  }

  putCompositeAlarm(alarm: { alarmName: string; alarmRule: string }): void {
    this.composites.set(alarm.alarmName, parseAlarmRule(alarm.alarmRule));
    this.states.set(alarm.alarmName, { state: 'INSUFFICIENT_DATA', updated: new Date(0) });
    if (this.lastEvaluation) this.evaluate([], this.lastEvaluation);
  }

  private lastEvaluation: Date | undefined;

  evaluateAlarms(now: Date): void {
    this.lastEvaluation = now;
    this.evaluate(this.alarms.values(), now);
  }

  private evaluate(alarms: Iterable<AlarmDefinition | MetricMathAlarm>, now: Date): void {
    for (const alarm of alarms) {
      const values: (number | undefined)[] = [];
      const periodMs = ('metrics' in alarm ? mathPeriod(alarm) : alarm.period) * 1000;
      const end = Math.floor(now.getTime() / periodMs) * periodMs;
      for (let i = alarm.evaluationPeriods; i >= 1; i--) values.push(this.valueOf(alarm, end - i * periodMs, end - (i - 1) * periodMs));
      const breaching = values.filter((v) => v !== undefined && breaches(alarm, v)).length;
      const next: AlarmStateValue = values.every((v) => v === undefined) ? 'INSUFFICIENT_DATA' : breaching >= (alarm.datapointsToAlarm ?? alarm.evaluationPeriods) ? 'ALARM' : 'OK';
      const current = this.states.get(alarm.alarmName)!;
      if (current.state !== next) {
        this.transitions.push({ alarm: alarm.alarmName, from: current.state, to: next, at: now });
        this.states.set(alarm.alarmName, { state: next, updated: now });
      }
    }
    for (const [name, rule] of this.composites) {
      const next: AlarmStateValue = evaluateAlarmRule(rule, (ref) => this.alarmState(ref)?.state) ? 'ALARM' : 'OK';
      const current = this.states.get(name)!;
      if (current.state !== next) {
        this.transitions.push({ alarm: name, from: current.state, to: next, at: now });
        this.states.set(name, { state: next, updated: now });
      }
    }
  }

  alarmState(nameOrArn: string) {
    const name = nameOrArn.startsWith(this.arnPrefix) ? nameOrArn.slice(this.arnPrefix.length) : nameOrArn;
    const s = this.states.get(name);
    return s === undefined ? undefined : { ...s, name, arn: `${this.arnPrefix}${name}` };
  }

  /** An alarm's value over one period: its metric's statistic, or its returned query's (metric math over the others). */
  private valueOf(alarm: AlarmDefinition | MetricMathAlarm, from: number, to: number): number | undefined {
    if (!('metrics' in alarm)) return this.statistic(alarm, from, to);
    const seriesOf = (id: string): Series => {
      const q = alarm.metrics.find((x) => x.id === id)!;
      if (q.expression !== undefined) {
        const value = evaluate(q.expression, seriesOf);
        return typeof value === 'number' ? new Map([[from, value]]) : value;
      }
      const m = q.metricStat!;
      const v = this.statistic({ namespace: m.metric.namespace, metricName: m.metric.metricName, dimensions: m.metric.dimensions ?? {}, statistic: m.stat }, from, to);
      return new Map(v === undefined ? [] : [[from, v]]);
    };
    return seriesOf(alarm.metrics.find((q) => q.returnData !== false)!.id).get(from);
  }

  /** The statistic of a metric over [from, to), or undefined when there is no datapoint. */
  statistic(m: { namespace: string; metricName: string; dimensions: Record<string, string>; statistic: string }, from: number, to: number): number | undefined {
    const values = this.data
      .filter((d) => d.namespace === m.namespace && d.metricName === m.metricName && sameDimensions(d.dimensions, m.dimensions) && d.timestamp.getTime() >= from && d.timestamp.getTime() < to)
      .map((d) => d.value);
    if (values.length === 0) return undefined;
    switch (m.statistic) {
      case 'Average':
        return values.reduce((a, b) => a + b, 0) / values.length;
      case 'Sum':
        return values.reduce((a, b) => a + b, 0);
      case 'Minimum':
        return Math.min(...values);
      case 'Maximum':
        return Math.max(...values);
      case 'SampleCount':
        return values.length;
      default: {
        const p = Number(m.statistic.slice(1));
        const sorted = [...values].sort((a, b) => a - b);
        return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
      }
    }
  }

  /** Per-minute series of a metric statistic between two times. */
  series(m: { namespace: string; metricName: string; dimensions: Record<string, string>; statistic: string }, from: number, to: number): { at: number; value: number | undefined }[] {
    const out: { at: number; value: number | undefined }[] = [];
    for (let t = from; t < to; t += 60_000) out.push({ at: t, value: this.statistic(m, t, t + 60_000) });
    return out;
  }
}

function sameDimensions(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}

function mathPeriod(alarm: MetricMathAlarm): number {
  return Math.max(...alarm.metrics.map((q) => q.metricStat?.period ?? q.period ?? 0));
}
