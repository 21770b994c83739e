import { createHash } from 'node:crypto';
import type { Clock } from '../clock.js';
import {
  type AlarmDefinition,
  type AlarmStateValue,
  type CloudWatchView,
  type MetricDatum,
  type MetricMathAlarm,
  type ServiceBackend,
  ServiceError,
} from '../contracts.js';
import { type EvaluatedDatapoint, evaluateAlarmState } from './alarm-evaluation.js';
import { alarmCommonOutput } from './alarm-output.js';
import { type CompositeAlarmRecord, compositeAlarmOutput, compositeReason, compositesInOrder, parseCompositeAlarm } from './composite-alarms.js';
import {
  type Members,
  decodeToken,
  dimensions,
  encodeToken,
  invalid,
  list,
  missing,
  optionalBoolean,
  optionalDate,
  optionalInteger,
  optionalNumber,
  optionalString,
  requiredDate,
  requiredNumber,
  requiredString,
  stringList,
  structure,
} from './members.js';
import { mathAlarmMembers } from './math-alarm-input.js';
import { type MetricQuery, checkPeriod, parseMetricQueries, querySeries } from './metric-queries.js';
import { type MetricId, MetricStore, type StoredSample, isPercentile, statisticOf } from './metric-store.js';

const COMPARISONS = ['GreaterThanThreshold', 'GreaterThanOrEqualToThreshold', 'LessThanThreshold', 'LessThanOrEqualToThreshold'] as const;
const TREAT_MISSING = ['breaching', 'notBreaching', 'ignore', 'missing'] as const;
const STATES: readonly AlarmStateValue[] = ['OK', 'ALARM', 'INSUFFICIENT_DATA'];
/** GetMetricData: "You can include up to 500 MetricDataQuery structures in each request." */
const MAX_QUERIES = 500;
const DEFAULT_MAX_DATAPOINTS = 100_800;
/** GetMetricStatistics: "The maximum number of data points returned from a single call is 1,440." */
const MAX_STATISTICS_DATAPOINTS = 1440;
/** DescribeAlarmHistory: "CloudWatch retains the history of an alarm for 30 days." */
const HISTORY_RETENTION_MS = 30 * 86_400_000;
/** Alarms more than this many evaluations behind catch up only over the most recent ones. */
const MAX_EVALUATIONS_PER_STEP = 5000;

/** A metric math alarm (PutMetricAlarm `Metrics`): it evaluates the one query with ReturnData true. */
interface MathAlarmDefinition extends Omit<AlarmDefinition, 'namespace' | 'metricName' | 'dimensions' | 'statistic'> {
  metrics: MetricQuery[];
}

type StoredAlarmDefinition = AlarmDefinition | MathAlarmDefinition;

interface AlarmRecord {
  definition: StoredAlarmDefinition;
  arn: string;
  extendedStatistic: boolean;
  actionsEnabled: boolean;
  okActions: string[];
  alarmActions: string[];
  insufficientDataActions: string[];
  unit?: string;
  configurationUpdated: Date;
  state: AlarmStateValue;
  reason: string;
  reasonData?: string;
  stateUpdated: Date;
  stateTransitioned: Date;
  /** the last evaluation time (virtual ms) */
  evaluatedUntil: number;
}

/** What a transition changes, metric or composite. */
type AlarmStateFields = Pick<AlarmRecord, 'state' | 'reason' | 'reasonData' | 'stateUpdated' | 'stateTransitioned'>;

interface HistoryItem {
  AlarmName: string;
  AlarmType: 'MetricAlarm' | 'CompositeAlarm';
  Timestamp: Date;
  HistoryItemType: 'ConfigurationUpdate' | 'StateUpdate';
  HistorySummary: string;
  HistoryData: string;
}

/**
 * CloudWatch in the sandbox: metrics (from the simulated world and PutMetricData), metric alarms
 * evaluated on the virtual clock with CloudWatch's rules, and the operations gameday and the AWS CLI use.
 */
export class CloudWatchBackend implements CloudWatchView, ServiceBackend {
  readonly service = 'monitoring' as const;
  readonly operations: ServiceBackend['operations'];
  private readonly metrics = new MetricStore();
  private readonly alarms = new Map<string, AlarmRecord>();
  private readonly composites = new Map<string, CompositeAlarmRecord>();
  /** metric alarm transitions not yet seen by the composite alarms, in the order they happened */
  private readonly changes: { t: number; name: string; state: AlarmStateValue }[] = [];
  private readonly history: HistoryItem[] = [];

  constructor(private readonly options: { clock: Clock; account: string; region: string }) {
    this.operations = {
      PutMetricData: (input) => this.putMetricDataCall(input),
      GetMetricData: (input) => this.getMetricData(input),
      GetMetricStatistics: (input) => this.getMetricStatistics(input),
      ListMetrics: (input) => this.listMetrics(input),
      PutMetricAlarm: (input) => this.putMetricAlarmCall(input),
      PutCompositeAlarm: (input) => this.putCompositeAlarmCall(input),
      DescribeAlarms: (input) => this.describeAlarms(input),
      DescribeAlarmHistory: (input) => this.describeAlarmHistory(input),
      DeleteAlarms: (input) => this.deleteAlarms(input),
      SetAlarmState: (input) => this.setAlarmState(input),
    };
  }

  // ---- CloudWatchView: the world's side ----

  putMetricData(data: MetricDatum[]): void {
    this.metrics.putData(data);
  }

  putMetricAlarm(alarm: AlarmDefinition | MetricMathAlarm): void {
    if ('metrics' in alarm) this.putMetricAlarmCall(mathAlarmMembers(alarm));
    else this.storeAlarm(alarm, {});
  }

  putCompositeAlarm(alarm: { alarmName: string; alarmRule: string; alarmDescription?: string }): void {
    this.putCompositeAlarmCall({ AlarmName: alarm.alarmName, AlarmRule: alarm.alarmRule, ...(alarm.alarmDescription === undefined ? {} : { AlarmDescription: alarm.alarmDescription }) });
  }

  evaluateAlarms(now: Date): void {
    const before = this.composites.size === 0 ? undefined : new Map([...this.alarms].map(([name, a]) => [name, a.state]));
    for (const alarm of this.alarms.values()) this.evaluate(alarm, now.getTime());
    if (before) this.replayChanges(before);
    else this.changes.length = 0;
  }

  alarmState(nameOrArn: string): { state: AlarmStateValue; updated: Date; name: string; arn: string } | undefined {
    const name = this.alarmName(nameOrArn);
    const alarm = this.alarms.get(name) ?? this.composites.get(name);
    if (!alarm) return undefined;
    return { state: alarm.state, updated: alarm.stateUpdated, name, arn: alarm.arn };
  }

  /** For the control API's state view. */
  alarmSummaries(): { name: string; state: AlarmStateValue; updated: string; reason: string }[] {
    return [
      ...[...this.alarms.values()].map((a) => ({ name: a.definition.alarmName, state: a.state, updated: a.stateUpdated.toISOString(), reason: a.reason })),
      ...[...this.composites.values()].map((a) => ({ name: a.name, state: a.state, updated: a.stateUpdated.toISOString(), reason: a.reason })),
    ];
  }

  private arnOf(name: string): string {
    return `arn:aws:cloudwatch:${this.options.region}:${this.options.account}:alarm:${name}`;
  }

  /** An alarm ARN of this account and Region names the alarm; anything else is taken as a name. */
  private alarmName(nameOrArn: string): string {
    const prefix = this.arnOf('');
    return nameOrArn.startsWith(prefix) ? nameOrArn.slice(prefix.length) : nameOrArn;
  }

  // ---- evaluation ----

  /**
   * Evaluations run at the interval's boundaries strictly after the last one, never before the
   * alarm's creation or its last state change (SetAlarmState), so StateUpdatedTimestamp never runs back.
   */
  private evaluate(alarm: AlarmRecord, nowMs: number): void {
    const def = alarm.definition;
    const interval = Math.min(def.period, 60) * 1000;
    let t = (Math.floor(Math.max(alarm.evaluatedUntil, alarm.stateUpdated.getTime()) / interval) + 1) * interval;
    if ((nowMs - t) / interval > MAX_EVALUATIONS_PER_STEP) t = (Math.floor(nowMs / interval) - MAX_EVALUATIONS_PER_STEP) * interval;
    for (; t <= nowMs; t += interval) this.evaluateAt(alarm, t);
  }

  private evaluateAt(alarm: AlarmRecord, t: number): void {
    const result = evaluateAlarmState(alarm.definition, this.datapointsFor(alarm.definition, t), alarm.state, new Date(t));
    alarm.evaluatedUntil = t;
    if (result.state !== alarm.state) this.transitionMetric(alarm, result.state, result.reason, result.reasonData, new Date(t));
  }

  private transitionMetric(alarm: AlarmRecord, state: AlarmStateValue, reason: string, reasonData: string | undefined, at: Date): void {
    this.transition(alarm, alarm.definition.alarmName, 'MetricAlarm', state, reason, reasonData, at);
    this.changes.push({ t: at.getTime(), name: alarm.definition.alarmName, state });
  }

  /**
   * Composite alarms follow their children at the instant each child changes: the metric alarms'
   * transitions of one step are replayed in time order (from the states `before` it), and the
   * composites re-evaluated after each instant's changes.
   */
  private replayChanges(before: Map<string, AlarmStateValue>): void {
    const changes = this.changes.splice(0).sort((a, b) => a.t - b.t);
    const view = new Map(before);
    for (let i = 0; i < changes.length; ) {
      const t = changes[i]!.t;
      const changed: string[] = [];
      for (; i < changes.length && changes[i]!.t === t; i++) {
        changed.push(changes[i]!.name);
        view.set(changes[i]!.name, changes[i]!.state);
      }
      this.settleComposites(t, changed, (n) => view.get(n));
    }
  }

  /**
   * Re-evaluates at `t` the composite alarms whose children `changed` (and `created`), parents after
   * children; a cycle is not evaluated, as in CloudWatch.
   */
  private settleComposites(t: number, changed: string[], metricState: (name: string) => AlarmStateValue | undefined = (n) => this.alarms.get(n)?.state, created?: string): void {
    const stateOf = (ref: string): AlarmStateValue | undefined => {
      const name = this.alarmName(ref);
      return this.composites.get(name)?.state ?? metricState(name);
    };
    const moved = new Set(changed);
    for (const composite of compositesInOrder(this.composites, (ref) => this.alarmName(ref))) {
      if (composite.name !== created && !composite.children.some((ref) => moved.has(this.alarmName(ref)))) continue;
      const next = compositeReason(composite, stateOf, (ref) => this.arnOf(this.alarmName(ref)), moved, new Date(t));
      if (next.state === composite.state) continue;
      this.transition(composite, composite.name, 'CompositeAlarm', next.state, next.reason, next.reasonData, new Date(t));
      moved.add(composite.name);
    }
  }

  /** The alarm's statistic (or its math expression) for its last N complete periods before `at`, newest first. */
  private datapointsFor(def: StoredAlarmDefinition, at: number): EvaluatedDatapoint[] {
    const periodMs = def.period * 1000;
    const end = Math.floor(at / periodMs) * periodMs;
    const start = end - def.evaluationPeriods * periodMs;
    const valueAt = this.periodValues(def, start, end);
    const out: EvaluatedDatapoint[] = [];
    for (let s = end - periodMs; s >= start; s -= periodMs) out.push({ timestamp: new Date(s), ...valueAt(s) });
    return out;
  }

  private periodValues(def: StoredAlarmDefinition, start: number, end: number): (periodStart: number) => { value: number | undefined; sampleCount?: number } {
    if ('metrics' in def) {
      const series = querySeries(def.metrics, this.metrics, start, end)(returnedQuery(def.metrics).id);
      return (s) => ({ value: series.get(s) });
    }
    const id = { namespace: def.namespace, metricName: def.metricName, dimensions: def.dimensions };
    const byStart = new Map(this.metrics.aggregate(id, start, end, def.period).map((a) => [a.start, a]));
    return (s) => {
      const agg = byStart.get(s);
      return { value: agg ? statisticOf(agg, def.statistic) : undefined, ...(agg ? { sampleCount: agg.count } : {}) };
    };
  }

  private transition(alarm: AlarmStateFields, name: string, type: HistoryItem['AlarmType'], state: AlarmStateValue, reason: string, reasonData: string | undefined, at: Date): void {
    const old = { stateValue: alarm.state, stateReason: alarm.reason };
    alarm.state = state;
    alarm.reason = reason;
    if (reasonData === undefined || reasonData === '') delete alarm.reasonData;
    else alarm.reasonData = reasonData;
    alarm.stateUpdated = at;
    alarm.stateTransitioned = at;
    const newState = { stateValue: state, stateReason: reason, ...(reasonData ? { stateReasonData: JSON.parse(reasonData) as unknown } : {}) };
    this.remember({
      AlarmName: name,
      AlarmType: type,
      Timestamp: at,
      HistoryItemType: 'StateUpdate',
      HistorySummary: `Alarm updated from ${old.stateValue} to ${state}`,
      HistoryData: JSON.stringify({ version: '1.0', oldState: old, newState }),
    });
  }

  /** CloudWatch keeps alarm history for 30 days: older items are dropped as new ones arrive. */
  private remember(item: HistoryItem): void {
    this.history.push(item);
    const oldest = this.history[0];
    if (oldest && item.Timestamp.getTime() - oldest.Timestamp.getTime() > HISTORY_RETENTION_MS) {
      const cutoff = item.Timestamp.getTime() - HISTORY_RETENTION_MS;
      const kept = this.history.filter((h) => h.Timestamp.getTime() >= cutoff);
      this.history.splice(0, this.history.length, ...kept);
    }
  }

  // ---- alarms ----

  private storeAlarm(definition: StoredAlarmDefinition, extra: Partial<AlarmRecord>): void {
    const now = this.options.clock.now();
    if (this.composites.has(definition.alarmName)) throw new ServiceError('ValidationError', `${definition.alarmName} is a composite alarm; a metric alarm cannot have its name.`);
    const existing = this.alarms.get(definition.alarmName);
    const arn = this.arnOf(definition.alarmName);
    // An update overwrites the configuration and keeps the state (PutMetricAlarm docs).
    const record: AlarmRecord = {
      definition,
      arn,
      extendedStatistic: 'statistic' in definition && isPercentile(definition.statistic),
      actionsEnabled: true,
      okActions: [],
      alarmActions: [],
      insufficientDataActions: [],
      configurationUpdated: now,
      state: existing?.state ?? 'INSUFFICIENT_DATA',
      reason: existing?.reason ?? 'Unchecked: Initial alarm creation',
      stateUpdated: existing?.stateUpdated ?? now,
      stateTransitioned: existing?.stateTransitioned ?? now,
      evaluatedUntil: existing?.evaluatedUntil ?? now.getTime(),
      ...(existing?.reasonData ? { reasonData: existing.reasonData } : {}),
      ...extra,
    };
    this.alarms.set(definition.alarmName, record);
    this.remember({
      AlarmName: definition.alarmName,
      AlarmType: 'MetricAlarm',
      Timestamp: now,
      HistoryItemType: 'ConfigurationUpdate',
      HistorySummary: `Alarm "${definition.alarmName}" ${existing ? 'updated' : 'created'}`,
      HistoryData: JSON.stringify({ version: '1.0', type: existing ? 'Update' : 'Create', updatedAlarm: describeDefinition(definition) }),
    });
    // A new alarm is evaluated at once, at its creation, against the data already there (as CloudWatch
    // does) rather than sitting in INSUFFICIENT_DATA until the next period boundary.
    if (!existing) this.evaluateAt(record, now.getTime());
    this.settleComposites(now.getTime(), this.changes.splice(0).map((c) => c.name));
  }

  private putCompositeAlarmCall(input: Members): undefined {
    const parsed = parseCompositeAlarm(input);
    const name = parsed.name;
    if (this.alarms.has(name)) throw new ServiceError('ValidationError', `${name} is a metric alarm; a composite alarm cannot have its name.`);
    const unknown = parsed.children.filter((ref) => {
      const child = this.alarmName(ref);
      return child === name || (!this.alarms.has(child) && !this.composites.has(child));
    });
    if (unknown.length > 0) {
      throw new ServiceError('ValidationError', `Could not save the composite alarm as alarms [${unknown.join(', ')}] in the alarm rule do not exist${unknown.some((r) => this.alarmName(r) === name) ? ' (or are the composite alarm itself)' : ''}.`);
    }
    const now = this.options.clock.now();
    const existing = this.composites.get(name);
    const record: CompositeAlarmRecord = {
      ...parsed,
      arn: this.arnOf(name),
      configurationUpdated: now,
      state: existing?.state ?? 'INSUFFICIENT_DATA',
      reason: existing?.reason ?? 'Unchecked: Initial alarm creation',
      stateUpdated: existing?.stateUpdated ?? now,
      stateTransitioned: existing?.stateTransitioned ?? now,
      ...(existing?.reasonData ? { reasonData: existing.reasonData } : {}),
    };
    this.composites.set(name, record);
    this.remember({
      AlarmName: name,
      AlarmType: 'CompositeAlarm',
      Timestamp: now,
      HistoryItemType: 'ConfigurationUpdate',
      HistorySummary: `Alarm "${name}" ${existing ? 'updated' : 'created'}`,
      HistoryData: JSON.stringify({ version: '1.0', type: existing ? 'Update' : 'Create', updatedAlarm: { alarmName: name, alarmRule: parsed.rule } }),
    });
    // Evaluated at once against its children's states, as a new metric alarm is against its data.
    this.settleComposites(now.getTime(), [], undefined, name);
    return undefined;
  }

  private putMetricAlarmCall(input: Members): undefined {
    const alarmName = requiredString(input, 'AlarmName');
    if (alarmName.length > 255) throw invalid('AlarmName', alarmName, 'At most 255 characters.');
    if (optionalString(input, 'ThresholdMetricId') !== undefined) {
      throw new ServiceError('ValidationError', 'ThresholdMetricId (anomaly detection bands) is not emulated by the sandbox; alarm on a Threshold.');
    }
    const metrics = list(input, 'Metrics');
    if (metrics.length > 0) return this.putMathAlarm(input, alarmName, metrics);
    const statistic = optionalString(input, 'Statistic');
    const extended = optionalString(input, 'ExtendedStatistic');
    if ((statistic === undefined) === (extended === undefined)) {
      throw new ServiceError('InvalidParameterCombination', 'Exactly one of Statistic or ExtendedStatistic must be specified.');
    }
    const stat = (statistic ?? extended) as string;
    if (statistic !== undefined && !['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount'].includes(statistic)) throw invalid('Statistic', statistic);
    if (extended !== undefined && !isPercentile(extended)) throw invalid('ExtendedStatistic', extended, 'The sandbox supports percentiles pNN and pNN.N.');
    const period = optionalInteger(input, 'Period', 1) ?? missingNumber('Period');
    checkPeriod(period, 'Period');
    const definition: AlarmDefinition = {
      alarmName,
      namespace: requiredString(input, 'Namespace'),
      metricName: requiredString(input, 'MetricName'),
      dimensions: dimensions(input),
      statistic: stat,
      ...alarmEvaluation(input, period),
    };
    const unit = optionalString(input, 'Unit');
    this.storeAlarm(definition, { ...alarmActions(input), ...(unit ? { unit } : {}) });
    return undefined;
  }

  /** `Metrics` instead of one metric: exactly one query returns data, and that series is what breaches. */
  private putMathAlarm(input: Members, alarmName: string, rawMetrics: unknown[]): undefined {
    const single = ['Namespace', 'MetricName', 'Dimensions', 'Statistic', 'ExtendedStatistic', 'Period', 'Unit'].filter((k) => input[k] !== undefined && input[k] !== '');
    if (single.length > 0) throw new ServiceError('ValidationError', `Metrics cannot be specified with ${single.join(', ')}: a metric math alarm's metrics are its queries.`);
    const metrics = parseMetricQueries(rawMetrics, 'Metrics');
    const returned = metrics.filter((q) => q.returnData);
    if (returned.length !== 1) throw new ServiceError('ValidationError', `Exactly one element of the metrics list should return data (${returned.length} do).`);
    const period = returned[0]!.period ?? Math.max(...metrics.map((q) => q.period ?? 0));
    if (period === 0) throw new ServiceError('ValidationError', 'The metrics list has no period: give the MetricStat queries a Period.');
    const definition: MathAlarmDefinition = { alarmName, metrics, ...alarmEvaluation(input, period) };
    // Unknown ids, functions and self-references are refused now, not at the first evaluation.
    const now = this.options.clock.nowMs();
    querySeries(metrics, this.metrics, now - period * 1000, now)(returned[0]!.id);
    this.storeAlarm(definition, alarmActions(input));
    return undefined;
  }

  private describeAlarms(input: Members): unknown {
    const names = stringList(input, 'AlarmNames');
    const prefix = optionalString(input, 'AlarmNamePrefix');
    if (names.length > 0 && prefix !== undefined) {
      throw new ServiceError('InvalidParameterCombination', 'AlarmNames and AlarmNamePrefix cannot be specified together.');
    }
    if (names.length > 100) throw invalid('AlarmNames', `${names.length} names`, 'At most 100 alarm names.');
    const stateValue = oneOf(input, 'StateValue', STATES, false);
    const actionPrefix = optionalString(input, 'ActionPrefix');
    const types = alarmTypes(input);
    const maxRecords = optionalInteger(input, 'MaxRecords', 1, 100) ?? 50;
    const children = optionalString(input, 'ChildrenOfAlarmName');
    const parents = optionalString(input, 'ParentsOfAlarmName');
    if (children !== undefined && parents !== undefined) throw new ServiceError('InvalidParameterCombination', 'ChildrenOfAlarmName and ParentsOfAlarmName cannot be specified together.');
    if ((children ?? parents) !== undefined && (names.length > 0 || prefix !== undefined || stateValue !== undefined || actionPrefix !== undefined)) {
      throw new ServiceError('InvalidParameterCombination', 'With ChildrenOfAlarmName or ParentsOfAlarmName, only AlarmTypes, MaxRecords and NextToken can be specified.');
    }
    const related = children !== undefined
      ? new Set((this.composites.get(children)?.children ?? []).map((ref) => this.alarmName(ref)))
      : parents !== undefined
        ? new Set([...this.composites.values()].filter((c) => c.children.some((ref) => this.alarmName(ref) === parents)).map((c) => c.name))
        : undefined;
    const wanted = new Set(names);
    type Listed = { name: string; state: AlarmStateValue; actions: string[]; output: () => unknown };
    const listed: Listed[] = [
      ...(types.includes('MetricAlarm')
        ? [...this.alarms.values()].map((a) => ({ name: a.definition.alarmName, state: a.state, actions: [...a.alarmActions, ...a.okActions, ...a.insufficientDataActions], output: () => metricAlarmOutput(a) }))
        : []),
      ...(types.includes('CompositeAlarm')
        ? [...this.composites.values()].map((a) => ({ name: a.name, state: a.state, actions: [...a.alarmActions, ...a.okActions, ...a.insufficientDataActions], output: () => compositeAlarmOutput(a) }))
        : []),
    ];
    const matching = listed
      .filter((a) => related === undefined || related.has(a.name))
      .filter((a) => names.length === 0 || wanted.has(a.name))
      .filter((a) => prefix === undefined || a.name.startsWith(prefix))
      .filter((a) => stateValue === undefined || a.state === stateValue)
      .filter((a) => actionPrefix === undefined || a.actions.some((x) => x.startsWith(actionPrefix)))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    const fingerprint = digest(['DescribeAlarms', names, prefix, stateValue, actionPrefix, types, maxRecords, children, parents]);
    const offset = decodeToken(optionalString(input, 'NextToken'), fingerprint);
    const page = matching.slice(offset, offset + maxRecords);
    const next = offset + maxRecords < matching.length ? encodeToken(offset + maxRecords, fingerprint) : undefined;
    const metricNames = new Set(this.alarms.keys());
    return {
      MetricAlarms: page.filter((a) => metricNames.has(a.name)).map((a) => a.output()),
      CompositeAlarms: page.filter((a) => !metricNames.has(a.name)).map((a) => a.output()),
      ...(next ? { NextToken: next } : {}),
    };
  }

  private describeAlarmHistory(input: Members): unknown {
    const name = optionalString(input, 'AlarmName');
    const type = oneOf(input, 'HistoryItemType', ['ConfigurationUpdate', 'StateUpdate', 'Action'] as const, false);
    const start = optionalDate(input, 'StartDate');
    const end = optionalDate(input, 'EndDate');
    const types = alarmTypes(input);
    const maxRecords = optionalInteger(input, 'MaxRecords', 1) ?? 100;
    const scanBy = oneOf(input, 'ScanBy', ['TimestampDescending', 'TimestampAscending'] as const, false) ?? 'TimestampDescending';
    const items = this.history.filter(
          (h) =>
            types.includes(h.AlarmType) &&
            (name === undefined || h.AlarmName === name) &&
            (type === undefined || h.HistoryItemType === type) &&
            (start === undefined || h.Timestamp >= start) &&
            (end === undefined || h.Timestamp <= end),
        );
    const ordered = items.map((h, i) => ({ h, i })).sort((a, b) => a.h.Timestamp.getTime() - b.h.Timestamp.getTime() || a.i - b.i).map((x) => x.h);
    if (scanBy === 'TimestampDescending') ordered.reverse();
    const fingerprint = digest(['DescribeAlarmHistory', name, type, start, end, types, maxRecords, scanBy]);
    const offset = decodeToken(optionalString(input, 'NextToken'), fingerprint);
    const page = ordered.slice(offset, offset + maxRecords);
    const next = offset + maxRecords < ordered.length ? encodeToken(offset + maxRecords, fingerprint) : undefined;
    return { AlarmHistoryItems: page, ...(next ? { NextToken: next } : {}) };
  }

  private deleteAlarms(input: Members): undefined {
    const names = stringList(input, 'AlarmNames');
    if (names.length === 0) throw missing('AlarmNames');
    if (names.length > 100) throw invalid('AlarmNames', `${names.length} names`, 'At most 100 alarm names.');
    const absent = names.filter((n) => !this.alarms.has(n) && !this.composites.has(n));
    if (absent.length > 0) throw new ServiceError('ResourceNotFound', `${absent.length} of the alarms could not be found: ${absent.join(', ')}`, 404);
    if (names.filter((n) => this.composites.has(n)).length > 1) {
      throw new ServiceError('ValidationError', 'DeleteAlarms deletes at most one composite alarm per call.');
    }
    const going = new Set(names);
    for (const composite of this.composites.values()) {
      if (going.has(composite.name)) continue;
      const used = composite.children.map((ref) => this.alarmName(ref)).filter((n) => going.has(n));
      if (used.length > 0) throw new ServiceError('ValidationError', `Alarms [${used.join(', ')}] cannot be deleted: the composite alarm ${composite.name} depends on them (change its AlarmRule first).`);
    }
    for (const n of names) {
      this.alarms.delete(n);
      this.composites.delete(n);
    }
    return undefined;
  }

  private setAlarmState(input: Members): undefined {
    const name = requiredString(input, 'AlarmName');
    const state = oneOf(input, 'StateValue', STATES, true) as AlarmStateValue;
    const reason = requiredString(input, 'StateReason');
    const reasonData = optionalString(input, 'StateReasonData');
    if (reasonData !== undefined) {
      try {
        JSON.parse(reasonData);
      } catch {
        throw new ServiceError('InvalidFormat', 'StateReasonData is not valid JSON.');
      }
    }
    const now = this.options.clock.now();
    const composite = this.composites.get(name);
    if (composite) {
      // Until one of its children changes, as CloudWatch re-evaluates a composite only then.
      if (composite.state !== state) this.transition(composite, name, 'CompositeAlarm', state, reason, reasonData, now);
      this.settleComposites(now.getTime(), [name]);
      return undefined;
    }
    const alarm = this.alarms.get(name);
    if (!alarm) throw new ServiceError('ResourceNotFound', `Alarm ${name} does not exist.`, 404);
    // Like CloudWatch, the next evaluation puts the alarm back where its metric says.
    if (alarm.state !== state) this.transitionMetric(alarm, state, reason, reasonData, now);
    this.settleComposites(now.getTime(), this.changes.splice(0).map((c) => c.name));
    return undefined;
  }

  // ---- metrics ----

  private putMetricDataCall(input: Members): undefined {
    const namespace = requiredString(input, 'Namespace');
    if (namespace.startsWith('AWS/')) throw invalid('Namespace', namespace, 'Namespaces beginning with "AWS/" are reserved.');
    const data = list(input, 'MetricData');
    if (data.length === 0) throw missing('MetricData');
    if (data.length > 1000) throw invalid('MetricData', `${data.length} items`, 'At most 1000 items per request.');
    const now = this.options.clock.nowMs();
    const parsed = data.map((raw, i) => {
      const where = `MetricData.member.${i + 1}`;
      const d = structure(raw, where);
      const metricName = requiredString(d, 'MetricName');
      const timestamp = optionalDate(d, 'Timestamp')?.getTime() ?? now;
      const unit = optionalString(d, 'Unit');
      const id: MetricId = { namespace, metricName, dimensions: dimensions(d) };
      return { id, sample: { t: timestamp, ...sampleOf(d, where), ...(unit ? { unit } : {}) } };
    });
    for (const { id, sample } of parsed) this.metrics.put(id, sample);
    return undefined;
  }

  private listMetrics(input: Members): unknown {
    const namespace = optionalString(input, 'Namespace');
    const metricName = optionalString(input, 'MetricName');
    const filters = list(input, 'Dimensions').map((d, i) => {
      const f = structure(d, `Dimensions.member.${i + 1}`);
      return { name: requiredString(f, 'Name'), value: optionalString(f, 'Value') };
    });
    const matching = this.metrics
      .metrics()
      .filter((m) => namespace === undefined || m.namespace === namespace)
      .filter((m) => metricName === undefined || m.metricName === metricName)
      .filter((m) => filters.every((f) => f.name in m.dimensions && (f.value === undefined || m.dimensions[f.name] === f.value)));
    const fingerprint = digest(['ListMetrics', namespace, metricName, filters]);
    const offset = decodeToken(optionalString(input, 'NextToken'), fingerprint);
    const page = matching.slice(offset, offset + 500);
    const next = offset + 500 < matching.length ? encodeToken(offset + 500, fingerprint) : undefined;
    return { Metrics: page.map(metricOutput), ...(next ? { NextToken: next } : {}) };
  }

  private getMetricStatistics(input: Members): unknown {
    const id: MetricId = { namespace: requiredString(input, 'Namespace'), metricName: requiredString(input, 'MetricName'), dimensions: dimensions(input) };
    const start = requiredDate(input, 'StartTime');
    const end = requiredDate(input, 'EndTime');
    if (start >= end) throw invalid('StartTime', start.toISOString(), 'The parameter StartTime must be less than the parameter EndTime.');
    const period = optionalInteger(input, 'Period', 1) ?? missingNumber('Period');
    checkPeriod(period, 'Period');
    const statistics = stringList(input, 'Statistics');
    const extended = stringList(input, 'ExtendedStatistics');
    if ((statistics.length === 0) === (extended.length === 0)) {
      throw new ServiceError('InvalidParameterCombination', 'Must specify either Statistics or ExtendedStatistics, but not both.');
    }
    for (const s of statistics) if (!['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount'].includes(s)) throw invalid('Statistics', s);
    for (const s of extended) if (!isPercentile(s)) throw invalid('ExtendedStatistics', s);
    const requested = Math.ceil((end.getTime() - start.getTime()) / (period * 1000));
    if (requested > MAX_STATISTICS_DATAPOINTS) {
      throw new ServiceError(
        'InvalidParameterCombination',
        `You have requested up to ${requested} datapoints, which exceeds the limit of 1,440. You may reduce the datapoints requested by increasing Period, or decreasing the time range.`,
      );
    }
    const unit = optionalString(input, 'Unit');
    const datapoints = this.metrics
      .aggregate(id, start.getTime(), end.getTime(), period, unit)
      .map((a) => {
        const out: Record<string, unknown> = { Timestamp: new Date(a.start), Unit: unit ?? a.unit ?? 'None' };
        for (const s of statistics) out[s] = statisticOf(a, s);
        if (extended.length > 0) {
          const values = new Map<string, number>();
          for (const s of extended) {
            const v = statisticOf(a, s);
            if (v !== undefined) values.set(s, v);
          }
          out.ExtendedStatistics = values;
        }
        return out;
      });
    return { Label: id.metricName, Datapoints: datapoints };
  }

  private getMetricData(input: Members): unknown {
    const rawQueries = list(input, 'MetricDataQueries');
    if (rawQueries.length === 0) throw missing('MetricDataQueries');
    if (rawQueries.length > MAX_QUERIES) {
      throw new ServiceError('ValidationError', `The collection MetricDataQueries must not have a size greater than ${MAX_QUERIES}.`);
    }
    const start = requiredDate(input, 'StartTime');
    const end = requiredDate(input, 'EndTime');
    if (start >= end) throw new ServiceError('ValidationError', 'The parameter StartTime must be less than the parameter EndTime.');
    const scanBy = oneOf(input, 'ScanBy', ['TimestampDescending', 'TimestampAscending'] as const, false) ?? 'TimestampDescending';
    const maxDatapoints = optionalInteger(input, 'MaxDatapoints', 1) ?? DEFAULT_MAX_DATAPOINTS;
    const queries = parseMetricQueries(rawQueries, 'MetricDataQueries');
    const seriesOf = querySeries(queries, this.metrics, start.getTime(), end.getTime());
    const series = queries
      .filter((q) => q.returnData)
      .map((q) => {
        const points = [...seriesOf(q.id)].sort((a, b) => a[0] - b[0]).map(([t, v]) => ({ t, v }));
        if (scanBy === 'TimestampDescending') points.reverse();
        return { q, points };
      });
    const fingerprint = digest(['GetMetricData', rawQueries, start, end, scanBy, maxDatapoints]);
    const offset = decodeToken(optionalString(input, 'NextToken'), fingerprint);
    // Datapoints are paged across queries in order: each page holds up to MaxDatapoints of them.
    const total = series.reduce((n, s) => n + s.points.length, 0);
    const results: unknown[] = [];
    let cursor = 0;
    let budget = maxDatapoints;
    let consumed = offset;
    for (const { q, points } of series) {
      const begin = cursor;
      cursor += points.length;
      if (points.length === 0) {
        if (offset === 0) results.push({ Id: q.id, Label: q.label, Timestamps: [], Values: [], StatusCode: 'Complete' });
        continue;
      }
      const from = Math.max(0, offset - begin);
      if (from >= points.length || budget === 0) continue;
      const taken = points.slice(from, from + budget);
      budget -= taken.length;
      consumed += taken.length;
      results.push({
        Id: q.id,
        Label: q.label,
        Timestamps: taken.map((p) => new Date(p.t)),
        Values: taken.map((p) => p.v),
        StatusCode: from + taken.length < points.length ? 'PartialData' : 'Complete',
      });
    }
    const more = consumed < total;
    return { MetricDataResults: results, Messages: [], ...(more ? { NextToken: encodeToken(consumed, fingerprint) } : {}) };
  }
}

function sampleOf(d: Members, where: string): Omit<StoredSample, 't' | 'unit'> {
  const value = optionalNumber(d, 'Value');
  const stats = d.StatisticValues === undefined || d.StatisticValues === '' ? undefined : structure(d.StatisticValues, `${where}.StatisticValues`);
  const values = list(d, 'Values').map((v, j) => {
    const n = typeof v === 'number' ? v : Number(v);
    if (!Number.isFinite(n)) throw invalid(`${where}.Values.member.${j + 1}`, v);
    return n;
  });
  const counts = list(d, 'Counts').map((v, j) => {
    const n = typeof v === 'number' ? v : Number(v);
    if (!Number.isFinite(n) || n < 0) throw invalid(`${where}.Counts.member.${j + 1}`, v);
    return n;
  });
  const given = [value !== undefined, stats !== undefined, values.length > 0].filter(Boolean).length;
  if (given !== 1) throw new ServiceError('InvalidParameterCombination', `${where} must specify exactly one of Value, StatisticValues or Values.`);
  if (value !== undefined) return { count: 1, sum: value, min: value, max: value, values: [value] };
  if (stats) {
    return {
      count: requiredNumber(stats, 'SampleCount'),
      sum: requiredNumber(stats, 'Sum'),
      min: requiredNumber(stats, 'Minimum'),
      max: requiredNumber(stats, 'Maximum'),
    };
  }
  if (values.length > 150) throw invalid(`${where}.Values`, `${values.length} values`, 'At most 150 values.');
  if (counts.length > 0 && counts.length !== values.length) {
    throw new ServiceError('InvalidParameterValue', `${where}: Values and Counts must have the same number of members.`);
  }
  const weights = counts.length > 0 ? counts : values.map(() => 1);
  return {
    count: weights.reduce((a, b) => a + b, 0),
    sum: values.reduce((a, v, j) => a + v * (weights[j] as number), 0),
    min: Math.min(...values),
    max: Math.max(...values),
    values,
    // Without Counts every value counts once: percentiles then need no weights.
    ...(counts.length > 0 ? { counts } : {}),
  };
}

/** What decides a metric alarm's state, single metric or math: periods, M of N, threshold, missing data. */
function alarmEvaluation(input: Members, period: number): Omit<MathAlarmDefinition, 'alarmName' | 'metrics'> {
  const evaluationPeriods = optionalInteger(input, 'EvaluationPeriods', 1) ?? missingNumber('EvaluationPeriods');
  const datapointsToAlarm = optionalInteger(input, 'DatapointsToAlarm', 1);
  if (datapointsToAlarm !== undefined && datapointsToAlarm > evaluationPeriods) {
    throw new ServiceError('ValidationError', `DatapointsToAlarm (${datapointsToAlarm}) must be less than or equal to EvaluationPeriods (${evaluationPeriods}).`);
  }
  if (period * evaluationPeriods > 7 * 24 * 3600) throw new ServiceError('ValidationError', 'Period * EvaluationPeriods must be at most 7 days (604800 seconds).');
  const comparisonOperator = oneOf(input, 'ComparisonOperator', COMPARISONS, true) as AlarmDefinition['comparisonOperator'];
  const treatMissingData = oneOf(input, 'TreatMissingData', TREAT_MISSING, false) as AlarmDefinition['treatMissingData'];
  const threshold = requiredNumber(input, 'Threshold');
  const description = optionalString(input, 'AlarmDescription');
  return {
    period,
    evaluationPeriods,
    threshold,
    comparisonOperator,
    ...(datapointsToAlarm === undefined ? {} : { datapointsToAlarm }),
    ...(treatMissingData === undefined ? {} : { treatMissingData }),
    ...(description === undefined ? {} : { alarmDescription: description }),
  };
}

function alarmActions(input: Members): Pick<AlarmRecord, 'actionsEnabled' | 'okActions' | 'alarmActions' | 'insufficientDataActions'> {
  return {
    actionsEnabled: optionalBoolean(input, 'ActionsEnabled') ?? true,
    okActions: stringList(input, 'OKActions'),
    alarmActions: stringList(input, 'AlarmActions'),
    insufficientDataActions: stringList(input, 'InsufficientDataActions'),
  };
}

function returnedQuery(metrics: MetricQuery[]): MetricQuery {
  return metrics.find((q) => q.returnData)!;
}

/** AlarmTypes: "If you omit this parameter, only metric alarms are returned." */
function alarmTypes(input: Members): HistoryItem['AlarmType'][] {
  const types = stringList(input, 'AlarmTypes');
  for (const t of types) if (t !== 'MetricAlarm' && t !== 'CompositeAlarm') throw invalid('AlarmTypes', t, 'Expected MetricAlarm or CompositeAlarm.');
  return types.length === 0 ? ['MetricAlarm'] : (types as HistoryItem['AlarmType'][]);
}

function missingNumber(name: string): never {
  throw missing(name);
}

function oneOf<T extends string>(input: Members, name: string, allowed: readonly T[], required: boolean): T | undefined {
  const v = required ? requiredString(input, name) : optionalString(input, name);
  if (v === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(v)) throw invalid(name, v, `Expected one of ${allowed.join(', ')}.`);
  return v as T;
}

function digest(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('base64url').slice(0, 16);
}

function dimensionList(dimensions: Record<string, string>): { Name: string; Value: string }[] {
  return Object.entries(dimensions).map(([Name, Value]) => ({ Name, Value }));
}

function metricOutput(m: MetricId): unknown {
  return { Namespace: m.namespace, MetricName: m.metricName, Dimensions: dimensionList(m.dimensions) };
}

function describeDefinition(d: StoredAlarmDefinition): unknown {
  return {
    alarmName: d.alarmName,
    ...('metrics' in d
      ? { metrics: d.metrics.map(queryOutput) }
      : {
          namespace: d.namespace,
          metricName: d.metricName,
          dimensions: dimensionList(d.dimensions).map((x) => ({ name: x.Name, value: x.Value })),
          statistic: d.statistic,
        }),
    period: d.period,
    evaluationPeriods: d.evaluationPeriods,
    datapointsToAlarm: d.datapointsToAlarm ?? d.evaluationPeriods,
    threshold: d.threshold,
    comparisonOperator: d.comparisonOperator,
    treatMissingData: d.treatMissingData ?? 'missing',
  };
}

/** A MetricDataQuery as DescribeAlarms returns it in `Metrics`. */
function queryOutput(q: MetricQuery): unknown {
  return 'expression' in q
    ? { Id: q.id, Expression: q.expression, Label: q.label, ReturnData: q.returnData, ...(q.period === undefined ? {} : { Period: q.period }) }
    : {
        Id: q.id,
        MetricStat: { Metric: metricOutput(q.metricId), Period: q.period, Stat: q.statName, ...(q.unit === undefined ? {} : { Unit: q.unit }) },
        ...(q.label === q.metricId.metricName ? {} : { Label: q.label }),
        ReturnData: q.returnData,
      };
}

function metricAlarmOutput(a: AlarmRecord): unknown {
  const d = a.definition;
  return {
    ...alarmCommonOutput({ ...a, name: d.alarmName, description: d.alarmDescription }),
    ...('metrics' in d
      ? { Metrics: d.metrics.map(queryOutput) }
      : {
          MetricName: d.metricName,
          Namespace: d.namespace,
          ...(a.extendedStatistic ? { ExtendedStatistic: d.statistic } : { Statistic: d.statistic }),
          Dimensions: dimensionList(d.dimensions),
          Period: d.period,
        }),
    ...(a.unit === undefined ? {} : { Unit: a.unit }),
    EvaluationPeriods: d.evaluationPeriods,
    ...(d.datapointsToAlarm === undefined ? {} : { DatapointsToAlarm: d.datapointsToAlarm }),
    Threshold: d.threshold,
    ComparisonOperator: d.comparisonOperator,
    TreatMissingData: d.treatMissingData ?? 'missing',
    StateTransitionedTimestamp: a.stateTransitioned,
  };
}
