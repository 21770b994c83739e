import type { CloudWatchClient, MetricAlarm, MetricDataQuery, StandardUnit } from '@aws-sdk/client-cloudwatch';
import { awsCall } from './call.js';
import { lazyClient, type AwsConnectionOptions } from './client-factory.js';
import type { AlarmInfo, AlarmQuery, AlarmStateValue, AlarmTransition, MetricDataQueryInput, MetricSeries, Metrics, RunAlarmDefinition } from './ports.js';

type CloudWatchModule = typeof import('./sdk/cloudwatch.js');

/** GetMetricData takes at most 500 queries per call (CloudWatch quota). */
export const METRIC_QUERIES_PER_CALL = 500;
/** DescribeAlarms takes at most 100 names per call. */
const ALARM_NAMES_PER_CALL = 100;

export function chunk<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function asState(value: string | undefined): AlarmStateValue {
  return value === 'OK' || value === 'ALARM' ? value : 'INSUFFICIENT_DATA';
}

function dimensionsOf(dimensions: { Name?: string; Value?: string }[] | undefined): Record<string, string> {
  return Object.fromEntries((dimensions ?? []).flatMap((d) => (d.Name && d.Value !== undefined ? [[d.Name, d.Value]] : [])));
}

/**
 * A metric math alarm's `Metrics`, compared with its Threshold. An anomaly detection alarm (ThresholdMetricId,
 * no Threshold) has no fixed threshold to judge datapoints against: none.
 */
function mathOf(a: MetricAlarm): AlarmInfo['math'] {
  if (!a.Metrics?.length || a.Threshold === undefined || !a.ComparisonOperator) return undefined;
  const queries: AlarmQuery[] = [];
  for (const q of a.Metrics) {
    if (!q.Id) return undefined;
    // "If you omit ReturnData, the default of true is used" (MetricDataQuery).
    const common = { id: q.Id, returnData: q.ReturnData ?? true, ...(q.Label ? { label: q.Label } : {}) };
    const m = q.MetricStat;
    if (q.Expression) queries.push({ ...common, expression: q.Expression, ...(q.Period !== undefined ? { period: q.Period } : {}) });
    else if (m?.Metric?.Namespace && m.Metric.MetricName && m.Stat && m.Period !== undefined) {
      queries.push({ ...common, metric: { namespace: m.Metric.Namespace, name: m.Metric.MetricName, dimensions: dimensionsOf(m.Metric.Dimensions), stat: m.Stat, period: m.Period, ...(m.Unit ? { unit: m.Unit } : {}) } });
    } else return undefined;
  }
  const returned = queries.find((q) => q.returnData);
  if (!returned) return undefined;
  const periods = queries.flatMap((q) => ('metric' in q ? [q.metric.period] : q.period !== undefined ? [q.period] : []));
  const period = ('metric' in returned ? returned.metric.period : returned.period) ?? Math.max(...periods);
  if (!Number.isFinite(period)) return undefined;
  return {
    queries,
    period,
    threshold: a.Threshold,
    comparison: a.ComparisonOperator,
    evaluationPeriods: a.EvaluationPeriods ?? 1,
    ...(a.DatapointsToAlarm !== undefined ? { datapointsToAlarm: a.DatapointsToAlarm } : {}),
  };
}

/** The alarm names in StateReasonData.triggeringAlarms (a JSON string, or parsed inside HistoryData). */
function triggeringOf(reasonData: unknown): string[] | undefined {
  let data = reasonData;
  if (typeof data === 'string') {
    try {
      data = JSON.parse(data);
    } catch {
      return undefined;
    }
  }
  const list = (data as { triggeringAlarms?: { arn?: unknown }[] } | undefined)?.triggeringAlarms;
  if (!Array.isArray(list)) return undefined;
  return list.flatMap((t) => (typeof t?.arn === 'string' ? [t.arn.slice(t.arn.indexOf(':alarm:') + 7)] : []));
}

/** CloudWatch on @aws-sdk/client-cloudwatch (awsQuery): alarms, their history, metric data. */
export class CloudWatchMetrics implements Metrics {
  private readonly connect: () => Promise<{ sdk: CloudWatchModule; client: CloudWatchClient }>;

  constructor(options: AwsConnectionOptions) {
    this.connect = lazyClient('cloudwatch', options, () => import('./sdk/cloudwatch.js'), (cw, config) => new cw.CloudWatchClient(config as never));
  }

  async describeAlarms(names: string[]): Promise<AlarmInfo[]> {
    if (names.length === 0) return [];
    const { sdk: cw, client } = await this.connect();
    const found: AlarmInfo[] = [];
    const definitions = new Map<string, Pick<AlarmInfo, 'metric' | 'math' | 'rule'>>();
    for (const batch of chunk([...new Set(names)], ALARM_NAMES_PER_CALL)) {
      let nextToken: string | undefined;
      do {
        const out = await awsCall('cloudwatch:DescribeAlarms', () =>
          client.send(new cw.DescribeAlarmsCommand({ AlarmNames: batch, AlarmTypes: ['MetricAlarm', 'CompositeAlarm'], ...(nextToken ? { NextToken: nextToken } : {}) })),
        );
        for (const a of out.MetricAlarms ?? []) {
          if (!a.AlarmName) continue;
          const math = mathOf(a);
          if (math) definitions.set(a.AlarmName, { math });
          const stat = a.ExtendedStatistic ?? a.Statistic;
          if (!a.Namespace || !a.MetricName || !stat || a.Period === undefined || a.Threshold === undefined || !a.ComparisonOperator) continue;
          definitions.set(a.AlarmName, {
            metric: {
              namespace: a.Namespace,
              name: a.MetricName,
              dimensions: dimensionsOf(a.Dimensions),
              stat,
              period: a.Period,
              threshold: a.Threshold,
              comparison: a.ComparisonOperator,
              evaluationPeriods: a.EvaluationPeriods ?? 1,
              ...(a.DatapointsToAlarm !== undefined ? { datapointsToAlarm: a.DatapointsToAlarm } : {}),
            },
          });
        }
        for (const a of out.CompositeAlarms ?? []) if (a.AlarmName && a.AlarmRule) definitions.set(a.AlarmName, { rule: a.AlarmRule });
        for (const a of [...(out.MetricAlarms ?? []), ...(out.CompositeAlarms ?? [])]) {
          if (!a.AlarmName) continue;
          found.push({
            name: a.AlarmName,
            ...(a.AlarmArn ? { arn: a.AlarmArn } : {}),
            state: asState(a.StateValue),
            ...(a.StateUpdatedTimestamp ? { stateUpdated: a.StateUpdatedTimestamp } : {}),
            ...(a.StateReason ? { reason: a.StateReason } : {}),
            ...(a.AlarmDescription ? { description: a.AlarmDescription } : {}),
            ...definitions.get(a.AlarmName),
          });
        }
        nextToken = out.NextToken;
      } while (nextToken);
    }
    return found;
  }

  async alarmHistory(name: string, from: Date, to: Date): Promise<AlarmTransition[]> {
    const { sdk: cw, client } = await this.connect();
    const found: AlarmTransition[] = [];
    let nextToken: string | undefined;
    do {
      const out = await awsCall('cloudwatch:DescribeAlarmHistory', () =>
        client.send(
          new cw.DescribeAlarmHistoryCommand({
            AlarmName: name,
            // Without AlarmTypes CloudWatch returns metric alarms' history only: a composite's would be empty.
            AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
            HistoryItemType: 'StateUpdate',
            StartDate: from,
            EndDate: to,
            ScanBy: 'TimestampAscending',
            MaxRecords: 100,
            ...(nextToken ? { NextToken: nextToken } : {}),
          }),
        ),
      );
      for (const item of out.AlarmHistoryItems ?? []) {
        if (!item.Timestamp) continue;
        let data: { oldState?: { stateValue?: string }; newState?: { stateValue?: string; stateReasonData?: unknown } } = {};
        try {
          data = JSON.parse(item.HistoryData ?? '{}');
        } catch {
          // HistoryData is documented as JSON; when it is not, the summary is all there is.
        }
        const newState = data.newState?.stateValue ?? /to (OK|ALARM|INSUFFICIENT_DATA)/.exec(item.HistorySummary ?? '')?.[1];
        if (!newState) continue;
        const triggering = item.AlarmType === 'CompositeAlarm' ? triggeringOf(data.newState?.stateReasonData) : undefined;
        found.push({
          alarm: item.AlarmName ?? name,
          timestamp: item.Timestamp,
          ...(data.oldState?.stateValue ? { oldState: asState(data.oldState.stateValue) } : {}),
          newState: asState(newState),
          ...(item.HistorySummary ? { summary: item.HistorySummary } : {}),
          ...(triggering ? { triggering } : {}),
        });
      }
      nextToken = out.NextToken;
    } while (nextToken);
    return found.sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
  }

  async getMetricData(queries: MetricDataQueryInput[], from: Date, to: Date): Promise<MetricSeries[]> {
    if (queries.length === 0) return [];
    const { sdk: cw, client } = await this.connect();
    const series = new Map<string, MetricSeries>();
    for (const q of queries) if (q.returnData !== false) series.set(q.id, { id: q.id, points: [], complete: true });
    // An expression sees only the queries of its own call.
    const batches = queries.some((q) => 'expression' in q) ? [queries] : chunk(queries, METRIC_QUERIES_PER_CALL);
    for (const batch of batches) {
      const dataQueries = batch.map(sdkQuery);
      let nextToken: string | undefined;
      do {
        const out = await awsCall('cloudwatch:GetMetricData', () =>
          client.send(new cw.GetMetricDataCommand({ MetricDataQueries: dataQueries, StartTime: from, EndTime: to, ScanBy: 'TimestampAscending', ...(nextToken ? { NextToken: nextToken } : {}) })),
        );
        for (const result of out.MetricDataResults ?? []) {
          const s = result.Id ? series.get(result.Id) : undefined;
          if (!s) continue;
          const timestamps = result.Timestamps ?? [];
          const values = result.Values ?? [];
          timestamps.forEach((timestamp, i) => {
            const value = values[i];
            if (value !== undefined) s.points.push({ timestamp, value });
          });
          // PartialData means "more on the next page", not "missing".
          if (result.StatusCode && result.StatusCode !== 'Complete' && result.StatusCode !== 'PartialData') s.complete = false;
        }
        nextToken = out.NextToken;
      } while (nextToken);
    }
    for (const s of series.values()) s.points.sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
    return [...series.values()];
  }

  async putRunAlarm(alarm: RunAlarmDefinition): Promise<void> {
    const { sdk: cw, client } = await this.connect();
    await awsCall('cloudwatch:PutMetricAlarm', () =>
      client.send(
        new cw.PutMetricAlarmCommand({
          AlarmName: alarm.name,
          AlarmDescription: alarm.description,
          // An expression in an alarm has no period of its own: the metrics it reads give it.
          Metrics: alarm.queries.map((q) => ('expression' in q ? { Id: q.id, Expression: q.expression, ReturnData: q.returnData ?? true } : sdkQuery(q))),
          Threshold: alarm.threshold,
          ComparisonOperator: 'GreaterThanThreshold',
          EvaluationPeriods: 1,
          DatapointsToAlarm: 1,
          TreatMissingData: 'notBreaching',
          ActionsEnabled: false,
          Tags: Object.entries(alarm.tags).map(([Key, Value]) => ({ Key, Value })),
        }),
      ),
    );
  }

  async deleteAlarms(names: string[]): Promise<void> {
    if (names.length === 0) return;
    const { sdk: cw, client } = await this.connect();
    for (const batch of chunk(names, ALARM_NAMES_PER_CALL)) await awsCall('cloudwatch:DeleteAlarms', () => client.send(new cw.DeleteAlarmsCommand({ AlarmNames: batch })));
  }
}

function sdkQuery(q: MetricDataQueryInput): MetricDataQuery {
  return 'expression' in q
    ? { Id: q.id, ReturnData: q.returnData ?? true, Expression: q.expression, Period: q.period }
    : {
        Id: q.id,
        ReturnData: q.returnData ?? true,
        MetricStat: {
          Metric: { Namespace: q.namespace, MetricName: q.name, Dimensions: Object.entries(q.dimensions).map(([Name, Value]) => ({ Name, Value })) },
          Period: q.period,
          Stat: q.stat,
          ...(q.unit ? { Unit: q.unit as StandardUnit } : {}),
        },
      };
}
