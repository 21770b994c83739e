import * as cwQuery from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectAws } from '../../src/aws/connect.js';
import { sampleDetectionEvidence } from '../../src/core/run/detection-evidence-sampler.js';
import type { Sandbox } from '../../src/sandbox/host.js';
import { SANDBOX_CREDENTIALS, clientConfig } from '../helpers/aws-clients.js';
import { FAKE_START, startFakeSandbox } from '../helpers/fake-simulation.js';
import { type AnyCloudWatchClient, cloudWatchProtocols } from '../helpers/cloudwatch-protocols.js';
import { advanceClock, clearFaults, control, injectFault } from '../helpers/sandbox-control.js';

/**
 * Every CloudWatch operation through both wire protocols it speaks: awsQuery (SDK 3.523, the one
 * gameday ships) and awsJson1_0 with query compatibility (SDK 3.949, the dev alias).
 */
type AnyClient = AnyCloudWatchClient;
const protocols = cloudWatchProtocols;

const DIMS = [{ Name: 'LoadBalancer', Value: 'app/web/123' }];
const MINUTE = 60_000;

describe.each(protocols)('CloudWatch over $name', ({ mod, make }) => {
  let sandbox: Sandbox;
  let cw: AnyClient;
  beforeAll(async () => {
    ({ sandbox } = await startFakeSandbox());
    cw = make(sandbox.url);
  });
  afterAll(() => sandbox.stop());

  const put = (metricName: string, values: number[], namespace = 'GameDay/App') =>
    cw.send(
      new mod.PutMetricDataCommand({
        Namespace: namespace,
        MetricData: values.map((v, i) => ({ MetricName: metricName, Dimensions: DIMS, Value: v, Unit: 'Percent', Timestamp: new Date(FAKE_START + i * MINUTE + 1000) })),
      }),
    );
  const query = (id: string, metricName: string, stat: string) => ({
    Id: id,
    MetricStat: { Metric: { Namespace: 'GameDay/App', MetricName: metricName, Dimensions: DIMS }, Period: 60, Stat: stat },
  });
  const window = { StartTime: new Date(FAKE_START), EndTime: new Date(FAKE_START + 10 * MINUTE) };

  it('GetMetricData evaluates metric math: arithmetic over query ids, aligned by timestamp; errors name the expression', async () => {
    await put('MathRequests', [100, 200, 400]);
    await put('MathErrors', [1, 0, 8]);
    const out = await cw.send(
      new mod.GetMetricDataCommand({
        ...window,
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [
          { ...query('requests', 'MathRequests', 'Sum'), ReturnData: false },
          { ...query('errors', 'MathErrors', 'Sum'), ReturnData: false },
          { Id: 'good', Expression: 'requests - errors', Period: 60 },
          { Id: 'rate', Expression: '100 * errors / requests', Period: 60, Label: 'error %' },
          { Id: 'burn', Expression: '(rate / 100) / (1 - 0.999)', Period: 60 },
          { Id: 'none', Expression: 'errors / 0', Period: 60 },
        ],
      }),
    );
    const byId = Object.fromEntries(out.MetricDataResults.map((r: { Id: string }) => [r.Id, r]));
    expect(Object.keys(byId).sort()).toEqual(['burn', 'good', 'none', 'rate']);
    expect(byId.good.Values).toEqual([99, 200, 392]);
    expect(byId.rate).toMatchObject({ Label: 'error %', Values: [1, 0, 2] });
    expect(byId.good.Timestamps.map((t: Date) => t.getTime())).toEqual([0, 1, 2].map((i) => FAKE_START + i * MINUTE));
    expect(byId.burn.Values.map((v: number) => Math.round(v))).toEqual([10, 0, 20]);
    expect(byId.none.Values).toEqual([]);
    const deepest = `${'('.repeat(1020)}requests${')'.repeat(1020)}`;
    expect(deepest).toHaveLength(2048);
    const nested = await cw.send(new mod.GetMetricDataCommand({ ...window, ScanBy: 'TimestampAscending', MetricDataQueries: [query('requests', 'MathRequests', 'Sum'), { Id: 'x', Expression: deepest, Period: 60 }] }));
    expect(nested.MetricDataResults.find((r: { Id: string }) => r.Id === 'x').Values).toEqual([100, 200, 400]);
    for (const [expression, message] of [
      ['SUM(METRICS())', 'function SUM() is not supported'],
      ['requests +', 'the expression ends too early'],
      ['requests * nope', 'Unknown metric or expression id nope'],
      // Over MetricExpression's 2,048 characters (and nested deep enough to overflow the evaluator's stack: InternalFailure before).
      [`${'('.repeat(5000)}requests${')'.repeat(5000)}`, 'Expression is 10008 characters long; it must be at most 2048'],
    ]) {
      const error = await cw.send(new mod.GetMetricDataCommand({ ...window, MetricDataQueries: [query('requests', 'MathRequests', 'Sum'), { Id: 'x', Expression: expression, Period: 60 }] })).catch((e: Error) => e);
      expect(error).toMatchObject({ name: 'ValidationError' });
      expect((error as Error).message).toContain(message);
    }
  });

  it('PutMetricData then GetMetricData: statistics, percentiles, order, labels, ReturnData', async () => {
    await put('Errors', [1, 2, 3, 4, 5]);
    await cw.send(new mod.PutMetricDataCommand({ Namespace: 'GameDay/App', MetricData: [{ MetricName: 'Errors', Dimensions: DIMS, Values: [10, 20], Counts: [3, 1], Timestamp: new Date(FAKE_START + 2000) }] }));
    const out = await cw.send(
      new mod.GetMetricDataCommand({
        ...window,
        ScanBy: 'TimestampAscending',
        MetricDataQueries: [
          query('avg', 'Errors', 'Average'),
          { ...query('sum', 'Errors', 'Sum'), Label: 'total errors' },
          query('mx', 'Errors', 'Maximum'),
          query('n', 'Errors', 'SampleCount'),
          query('p75', 'Errors', 'p75'),
          { ...query('hidden', 'Errors', 'Minimum'), ReturnData: false },
          query('none', 'NoSuchMetric', 'Average'),
        ],
      }),
    );
    const byId = Object.fromEntries(out.MetricDataResults.map((r: { Id: string }) => [r.Id, r]));
    expect(Object.keys(byId).sort()).toEqual(['avg', 'mx', 'n', 'none', 'p75', 'sum']);
    expect(byId.avg.Timestamps.map((t: Date) => t.getTime())).toEqual([0, 1, 2, 3, 4].map((i) => FAKE_START + i * MINUTE));
    expect(byId.avg.Values).toEqual([(1 + 30 + 20) / 5, 2, 3, 4, 5]);
    expect(byId.sum.Label).toBe('total errors');
    expect(byId.sum.Values[0]).toBe(51);
    expect(byId.mx.Values[0]).toBe(20);
    expect(byId.n.Values[0]).toBe(5);
    expect(byId.p75.Values[0]).toBe(10);
    expect(byId.avg.StatusCode).toBe('Complete');
    expect(byId.none).toMatchObject({ Values: [], Timestamps: [], StatusCode: 'Complete', Label: 'NoSuchMetric' });
    const descending = await cw.send(new mod.GetMetricDataCommand({ ...window, MetricDataQueries: [query('a', 'Errors', 'Maximum')] }));
    // newest first by default: minutes 4, 3, 2, 1, 0
    expect(descending.MetricDataResults[0].Values).toEqual([5, 4, 3, 2, 20]);
  });

  it('GetMetricData pages by MaxDatapoints with PartialData and NextToken', async () => {
    await put('Paged', [1, 2, 3, 4, 5, 6, 7]);
    const queries = [query('a', 'Paged', 'Sum'), query('b', 'Paged', 'Maximum')];
    const first = await cw.send(new mod.GetMetricDataCommand({ ...window, MetricDataQueries: queries, MaxDatapoints: 5 }));
    expect(first.MetricDataResults).toHaveLength(1);
    expect(first.MetricDataResults[0]).toMatchObject({ Id: 'a', StatusCode: 'PartialData' });
    expect(first.MetricDataResults[0].Values).toHaveLength(5);
    expect(first.NextToken).toBeTruthy();
    const seen: Record<string, number[]> = {};
    for await (const page of mod.paginateGetMetricData({ client: cw as never, pageSize: 5 }, { ...window, MetricDataQueries: queries, MaxDatapoints: 5 })) {
      for (const r of page.MetricDataResults ?? []) seen[r.Id as string] = [...(seen[r.Id as string] ?? []), ...(r.Values ?? [])];
    }
    expect(seen).toEqual({ a: [7, 6, 5, 4, 3, 2, 1], b: [7, 6, 5, 4, 3, 2, 1] });
    const bad = await cw.send(new mod.GetMetricDataCommand({ ...window, MetricDataQueries: [query('z', 'Paged', 'Sum')], NextToken: first.NextToken })).catch((e: unknown) => e);
    expect((bad as Error).name).toMatch(/InvalidNextToken/);
  });

  it('GetMetricData refuses more than 500 queries and unsupported statistics', async () => {
    const many = Array.from({ length: 501 }, (_, i) => query(`q${i}`, 'Errors', 'Average'));
    const tooMany = await cw.send(new mod.GetMetricDataCommand({ ...window, MetricDataQueries: many })).catch((e: unknown) => e);
    expect(tooMany).toMatchObject({ name: expect.stringMatching(/^ValidationError/), $metadata: { httpStatusCode: 400 } });
    expect((tooMany as Error).message).toContain('500');
    const ok = await cw.send(new mod.GetMetricDataCommand({ ...window, MetricDataQueries: many.slice(0, 500) }));
    expect(ok.MetricDataResults).toHaveLength(500);
    const badStat = await cw.send(new mod.GetMetricDataCommand({ ...window, MetricDataQueries: [query('a', 'Errors', 'TM(10%:90%)')] })).catch((e: unknown) => e);
    expect((badStat as Error).name).toMatch(/^ValidationError/);
  });

  it('GetMetricStatistics with statistics, or with extended statistics (the model allows one or the other)', async () => {
    await put('Cpu', [10, 20, 30, 40, 50]);
    const out = await cw.send(
      new mod.GetMetricStatisticsCommand({ Namespace: 'GameDay/App', MetricName: 'Cpu', Dimensions: DIMS, ...window, Period: 300, Statistics: ['Average', 'SampleCount', 'Minimum'] }),
    );
    expect(out.Label).toBe('Cpu');
    expect(out.Datapoints).toEqual([{ Timestamp: new Date(FAKE_START), Average: 30, SampleCount: 5, Minimum: 10, Unit: 'Percent' }]);
    const extended = await cw.send(new mod.GetMetricStatisticsCommand({ Namespace: 'GameDay/App', MetricName: 'Cpu', Dimensions: DIMS, ...window, Period: 300, ExtendedStatistics: ['p80'] }));
    expect(extended.Datapoints).toEqual([{ Timestamp: new Date(FAKE_START), Unit: 'Percent', ExtendedStatistics: { p80: 40 } }]);
    const neither = await cw.send(new mod.GetMetricStatisticsCommand({ Namespace: 'GameDay/App', MetricName: 'Cpu', ...window, Period: 60 })).catch((e: unknown) => e);
    expect((neither as { Code?: string; name: string }).name).toMatch(/^InvalidParameterCombination/);
  });

  it('ListMetrics lists what was published', async () => {
    const out = await cw.send(new mod.ListMetricsCommand({ Namespace: 'GameDay/App', MetricName: 'Cpu' }));
    expect(out.Metrics).toEqual([{ Namespace: 'GameDay/App', MetricName: 'Cpu', Dimensions: DIMS }]);
  });

  it('PutMetricAlarm, DescribeAlarms filters and paging, DeleteAlarms', async () => {
    for (const name of ['web-5xx', 'web-latency', 'db-lag']) {
      await cw.send(
        new mod.PutMetricAlarmCommand({ AlarmName: name, Namespace: 'GameDay/App', MetricName: 'Errors', Dimensions: DIMS, Statistic: 'Average', Period: 60, EvaluationPeriods: 2, Threshold: 25, ComparisonOperator: 'GreaterThanThreshold' }),
      );
    }
    const all = await cw.send(new mod.DescribeAlarmsCommand({}));
    expect(all.MetricAlarms.map((a: { AlarmName: string }) => a.AlarmName)).toEqual(['db-lag', 'web-5xx', 'web-latency']);
    const first = all.MetricAlarms[0];
    expect(first).toMatchObject({
      AlarmArn: 'arn:aws:cloudwatch:us-east-1:111122223333:alarm:db-lag',
      StateValue: 'INSUFFICIENT_DATA',
      StateReason: 'Unchecked: Initial alarm creation',
      Statistic: 'Average',
      Period: 60,
      EvaluationPeriods: 2,
      Threshold: 25,
      ComparisonOperator: 'GreaterThanThreshold',
      TreatMissingData: 'missing',
      Dimensions: DIMS,
    });
    expect(first.StateUpdatedTimestamp).toBeInstanceOf(Date);
    const prefixed = await cw.send(new mod.DescribeAlarmsCommand({ AlarmNamePrefix: 'web-' }));
    expect(prefixed.MetricAlarms).toHaveLength(2);
    const named = await cw.send(new mod.DescribeAlarmsCommand({ AlarmNames: ['web-latency', 'nope'] }));
    expect(named.MetricAlarms.map((a: { AlarmName: string }) => a.AlarmName)).toEqual(['web-latency']);
    const inAlarm = await cw.send(new mod.DescribeAlarmsCommand({ StateValue: 'ALARM' }));
    expect(inAlarm.MetricAlarms).toEqual([]);
    const names: string[] = [];
    for await (const page of mod.paginateDescribeAlarms({ client: cw as never }, { MaxRecords: 2 })) names.push(...(page.MetricAlarms ?? []).map((a) => a.AlarmName as string));
    expect(names).toEqual(['db-lag', 'web-5xx', 'web-latency']);
    const both = await cw.send(new mod.DescribeAlarmsCommand({ AlarmNames: ['x'], AlarmNamePrefix: 'x' })).catch((e: unknown) => e);
    expect((both as Error).name).toMatch(/^InvalidParameterCombination/);
    await cw.send(new mod.DeleteAlarmsCommand({ AlarmNames: ['web-latency', 'db-lag'] }));
    const left = await cw.send(new mod.DescribeAlarmsCommand({}));
    expect(left.MetricAlarms.map((a: { AlarmName: string }) => a.AlarmName)).toEqual(['web-5xx']);
    const missing = await cw.send(new mod.DeleteAlarmsCommand({ AlarmNames: ['db-lag'] })).catch((e: unknown) => e);
    expect(missing).toMatchObject({ name: 'ResourceNotFound', $metadata: { httpStatusCode: 404 } });
  });

  it('an alarm goes to ALARM on the virtual clock, with an AWS-style reason and StateUpdate history', async () => {
    // web-5xx (2 of 2 above 25, Average, 60 s) watches Errors: minutes 0..4 hold 10.2, 2, 3, 4, 5; now add breaching minutes 5 and 6.
    await cw.send(
      new mod.PutMetricDataCommand({
        Namespace: 'GameDay/App',
        MetricData: [5, 6].map((m) => ({ MetricName: 'Errors', Dimensions: DIMS, Value: 30 + m, Timestamp: new Date(FAKE_START + m * MINUTE + 5000) })),
      }),
    );
    await advanceClock(sandbox.url, 7 * 60);
    const [alarm] = (await cw.send(new mod.DescribeAlarmsCommand({ AlarmNames: ['web-5xx'] }))).MetricAlarms;
    expect(alarm.StateValue).toBe('ALARM');
    expect(alarm.StateReason).toBe(
      'Threshold Crossed: 2 out of the last 2 datapoints [36.0 (26/11/26 04:06:00), 35.0 (26/11/26 04:05:00)] were greater than the threshold (25.0) (minimum 2 datapoints for OK -> ALARM transition).',
    );
    expect(alarm.StateUpdatedTimestamp.toISOString()).toBe('2026-11-26T04:07:00.000Z');
    const history = await cw.send(new mod.DescribeAlarmHistoryCommand({ AlarmName: 'web-5xx', HistoryItemType: 'StateUpdate', ScanBy: 'TimestampAscending' }));
    const transitions = history.AlarmHistoryItems.map((h: { HistoryData: string; Timestamp: Date }) => {
      const data = JSON.parse(h.HistoryData) as { oldState: { stateValue: string }; newState: { stateValue: string } };
      return `${h.Timestamp.toISOString().slice(11, 16)} ${data.oldState.stateValue}->${data.newState.stateValue}`;
    });
    expect(transitions).toEqual(['04:01 INSUFFICIENT_DATA->OK', '04:07 OK->ALARM']);
    const windowed = await cw.send(
      new mod.DescribeAlarmHistoryCommand({ AlarmName: 'web-5xx', HistoryItemType: 'StateUpdate', StartDate: new Date(FAKE_START + 5 * MINUTE), EndDate: new Date(FAKE_START + 60 * MINUTE) }),
    );
    expect(windowed.AlarmHistoryItems).toHaveLength(1);
    expect(windowed.AlarmHistoryItems[0]).toMatchObject({ AlarmName: 'web-5xx', AlarmType: 'MetricAlarm', HistoryItemType: 'StateUpdate', HistorySummary: 'Alarm updated from OK to ALARM' });
    const config = await cw.send(new mod.DescribeAlarmHistoryCommand({ AlarmName: 'web-5xx', HistoryItemType: 'ConfigurationUpdate' }));
    expect(config.AlarmHistoryItems[0].HistorySummary).toBe('Alarm "web-5xx" created');
    const state = await control<{ alarms: { name: string; state: string }[] }>(sandbox.url, 'GET', 'state');
    expect(state.alarms).toContainEqual(expect.objectContaining({ name: 'web-5xx', state: 'ALARM' }));
  });

  it('a metric math alarm (Metrics) alarms on its expression: a 5xx rate = 100 × 5xx / requests', async () => {
    const rateAlarm = {
      AlarmName: 'web-5xx-rate',
      Metrics: [
        { Id: 'requests', MetricStat: { Metric: { Namespace: 'GameDay/App', MetricName: 'RateRequests', Dimensions: DIMS }, Period: 60, Stat: 'Sum' }, ReturnData: false },
        { Id: 'errors', MetricStat: { Metric: { Namespace: 'GameDay/App', MetricName: 'Rate5xx', Dimensions: DIMS }, Period: 60, Stat: 'Sum' }, ReturnData: false },
        { Id: 'rate', Expression: '100 * errors / requests', Label: '5xx %', ReturnData: true },
      ],
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      Threshold: 5,
      ComparisonOperator: 'GreaterThanThreshold' as const,
      TreatMissingData: 'notBreaching' as const,
    };
    await cw.send(new mod.PutMetricAlarmCommand(rateAlarm));
    const [created] = (await cw.send(new mod.DescribeAlarmsCommand({ AlarmNames: ['web-5xx-rate'] }))).MetricAlarms;
    expect(created).toMatchObject({ AlarmName: 'web-5xx-rate', EvaluationPeriods: 2, Threshold: 5 });
    expect(created.Metrics).toEqual([
      { Id: 'requests', MetricStat: { Metric: { Namespace: 'GameDay/App', MetricName: 'RateRequests', Dimensions: DIMS }, Period: 60, Stat: 'Sum' }, ReturnData: false },
      { Id: 'errors', MetricStat: { Metric: { Namespace: 'GameDay/App', MetricName: 'Rate5xx', Dimensions: DIMS }, Period: 60, Stat: 'Sum' }, ReturnData: false },
      { Id: 'rate', Expression: '100 * errors / requests', Label: '5xx %', ReturnData: true },
    ]);
    expect(created.MetricName).toBeUndefined();
    // from the next minute on: two breaching minutes (6 %, 8 %), then 1 %
    const now = (await control<{ now: string }>(sandbox.url, 'GET', 'state')).now;
    const minute = Math.ceil((Date.parse(now) - FAKE_START) / MINUTE);
    const at = (m: number) => new Date(FAKE_START + m * MINUTE + 5000);
    const rows: [number, number, number][] = [[minute, 1000, 60], [minute + 1, 500, 40], [minute + 2, 1000, 10]];
    await cw.send(
      new mod.PutMetricDataCommand({
        Namespace: 'GameDay/App',
        MetricData: rows.flatMap(([m, requests, errors]) => [
          { MetricName: 'RateRequests', Dimensions: DIMS, Value: requests, Timestamp: at(m) },
          { MetricName: 'Rate5xx', Dimensions: DIMS, Value: errors, Timestamp: at(m) },
        ]),
      }),
    );
    await advanceClock(sandbox.url, (minute + 3) * 60 - (Date.parse(now) - FAKE_START) / 1000 + 30);
    const history = await cw.send(new mod.DescribeAlarmHistoryCommand({ AlarmName: 'web-5xx-rate', HistoryItemType: 'StateUpdate', ScanBy: 'TimestampAscending' }));
    const states = history.AlarmHistoryItems.map((h: { Timestamp: Date; HistoryData: string }) => [(h.Timestamp.getTime() - FAKE_START) / MINUTE, JSON.parse(h.HistoryData).newState.stateValue]);
    expect(states.slice(-2)).toEqual([
      [minute + 2, 'ALARM'],
      [minute + 3, 'OK'],
    ]);
    const toAlarm = history.AlarmHistoryItems.find((h: { HistoryData: string }) => JSON.parse(h.HistoryData).newState.stateValue === 'ALARM');
    expect(JSON.parse(toAlarm.HistoryData).newState.stateReason).toMatch(/^Threshold Crossed: 2 out of the last 2 datapoints \[8\.0 \(.*\), 6\.0 \(.*\)\] were greater than the threshold \(5\.0\)/);
    for (const [change, message] of [
      [{ Metrics: [{ ...rateAlarm.Metrics[0], ReturnData: true }, rateAlarm.Metrics[1], rateAlarm.Metrics[2]] }, 'Exactly one element of the metrics list should return data (2 do)'],
      [{ Namespace: 'GameDay/App', MetricName: 'RateRequests' }, 'Metrics cannot be specified with Namespace, MetricName'],
      [{ Metrics: [rateAlarm.Metrics[0], rateAlarm.Metrics[1], { Id: 'rate', Expression: 'SUM(METRICS())', ReturnData: true }] }, 'function SUM() is not supported'],
      [{ Metrics: [rateAlarm.Metrics[0], { Id: 'rate', Expression: 'errors / requests', ReturnData: true }] }, 'Unknown metric or expression id errors'],
      [{ ThresholdMetricId: 'band' }, 'ThresholdMetricId (anomaly detection bands) is not emulated'],
    ] as const) {
      const error = await cw.send(new mod.PutMetricAlarmCommand({ ...rateAlarm, AlarmName: 'bad-math', ...change } as never)).catch((e: Error) => e);
      expect(error, message).toMatchObject({ name: 'ValidationError' });
      expect((error as Error).message).toContain(message);
    }
  });

  it('SetAlarmState sets the state until the next evaluation', async () => {
    await cw.send(new mod.SetAlarmStateCommand({ AlarmName: 'web-5xx', StateValue: 'OK', StateReason: 'testing' }));
    const [alarm] = (await cw.send(new mod.DescribeAlarmsCommand({ AlarmNames: ['web-5xx'] }))).MetricAlarms;
    expect(alarm).toMatchObject({ StateValue: 'OK', StateReason: 'testing' });
  });

  it('throttling in this protocol is retried, and surfaces as Throttling when it persists', async () => {
    await injectFault(sandbox.url, { service: 'monitoring', operation: 'ListMetrics', kind: 'throttle', count: 2 });
    const retried = await cw.send(new mod.ListMetricsCommand({}));
    expect(retried.$metadata.attempts).toBe(3);
    await injectFault(sandbox.url, { service: 'monitoring', operation: 'ListMetrics', kind: 'throttle' });
    const error = await cw.send(new mod.ListMetricsCommand({})).catch((e: unknown) => e);
    expect(error).toMatchObject({ $metadata: { httpStatusCode: 400, attempts: 4 } });
    expect((error as { Code?: string; name: string }).Code ?? (error as Error).name).toBe('Throttling');
    await clearFaults(sandbox.url);
  });

  it('rejects bad parameters with the awsQuery error codes', async () => {
    const bad = await cw
      .send(new mod.PutMetricAlarmCommand({ AlarmName: 'x', Namespace: 'N', MetricName: 'M', Statistic: 'Average', Period: 45, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanThreshold' }))
      .catch((e: unknown) => e);
    expect(bad).toMatchObject({ $metadata: { httpStatusCode: 400 } });
    expect((bad as Error).name).toMatch(/^InvalidParameterValue/);
    expect((bad as Error).message).toContain('Period');
    const reserved = await cw.send(new mod.PutMetricDataCommand({ Namespace: 'AWS/EC2', MetricData: [{ MetricName: 'x', Value: 1 }] })).catch((e: unknown) => e);
    expect((reserved as Error).name).toMatch(/^InvalidParameterValue/);
  });
});

describe("gameday's CloudWatch port reads metric math alarms", () => {
  it("describeAlarms returns the alarm's Metrics; the detection evidence reads every query of it, the returned expression compared with the threshold", async () => {
    const { sandbox } = await startFakeSandbox();
    try {
      const cw = new cwQuery.CloudWatchClient(clientConfig(sandbox.url));
      const metric = (name: string) => ({ Metric: { Namespace: 'GameDay/App', MetricName: name, Dimensions: DIMS }, Period: 60, Stat: 'Sum' });
      await cw.send(
        new cwQuery.PutMetricAlarmCommand({
          AlarmName: 'web-5xx-rate',
          Metrics: [
            { Id: 'requests', MetricStat: metric('RateRequests'), ReturnData: false },
            { Id: 'errors', MetricStat: { ...metric('Rate5xx'), Unit: 'Count' }, ReturnData: false },
            { Id: 'rate', Expression: '100 * errors / requests', Label: '5xx %', ReturnData: true },
          ],
          EvaluationPeriods: 2,
          DatapointsToAlarm: 2,
          Threshold: 5,
          ComparisonOperator: 'GreaterThanThreshold',
          TreatMissingData: 'notBreaching',
        }),
      );
      const at = (m: number) => new Date(FAKE_START + m * MINUTE + 5000);
      await cw.send(
        new cwQuery.PutMetricDataCommand({
          Namespace: 'GameDay/App',
          MetricData: [[1000, 60], [500, 40], [1000, 10]].flatMap(([requests, errors], m) => [
            { MetricName: 'RateRequests', Dimensions: DIMS, Value: requests, Unit: 'Count', Timestamp: at(m) },
            { MetricName: 'Rate5xx', Dimensions: DIMS, Value: errors, Unit: 'Count', Timestamp: at(m) },
            // Another unit: the alarm's MetricStat.Unit leaves it out, and so must the evidence.
            { MetricName: 'Rate5xx', Dimensions: DIMS, Value: 1000, Unit: 'Percent', Timestamp: at(m) },
          ]),
        }),
      );
      const metrics = connectAws({ region: 'us-east-1', endpoint: sandbox.url, credentials: SANDBOX_CREDENTIALS, maxAttempts: 1 }).metrics;
      const [alarm] = await metrics.describeAlarms(['web-5xx-rate']);
      expect(alarm?.metric).toBeUndefined();
      expect(alarm?.math).toEqual({
        queries: [
          { id: 'requests', returnData: false, metric: { namespace: 'GameDay/App', name: 'RateRequests', dimensions: { LoadBalancer: 'app/web/123' }, stat: 'Sum', period: 60 } },
          { id: 'errors', returnData: false, metric: { namespace: 'GameDay/App', name: 'Rate5xx', dimensions: { LoadBalancer: 'app/web/123' }, stat: 'Sum', period: 60, unit: 'Count' } },
          { id: 'rate', returnData: true, label: '5xx %', expression: '100 * errors / requests' },
        ],
        period: 60,
        threshold: 5,
        comparison: 'GreaterThanThreshold',
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
      });
      const { events } = await sampleDetectionEvidence(metrics, ['web-5xx-rate'], new Date(FAKE_START + 2 * MINUTE), new Date(FAKE_START + 4 * MINUTE), new Date(FAKE_START + 4 * MINUTE));
      const [evidence] = events;
      if (evidence?.type !== 'alarm-metric') throw new Error(`expected alarm-metric, got ${evidence?.type}`);
      expect(evidence).toMatchObject({ alarm: 'web-5xx-rate', threshold: 5, comparison: 'GreaterThanThreshold', evaluationPeriods: 2, datapointsToAlarm: 2, math: { returned: 'rate', period: 60 } });
      expect(evidence.metric).toBeUndefined();
      expect(evidence.points.map((p) => p.value)).toEqual([6, 8, 1]);
      expect(Object.fromEntries(evidence.math!.queries.map((q) => [q.id, q.points.map((p) => p.value)]))).toEqual({ requests: [1000, 500, 1000], errors: [60, 40, 10], rate: [6, 8, 1] });
    } finally {
      await sandbox.stop();
    }
  });
});

describe('gzip request bodies', () => {
  it('PutMetricData large enough for the SDK to compress arrives intact', async () => {
    const { sandbox } = await startFakeSandbox();
    try {
      const cw = new cwQuery.CloudWatchClient(clientConfig(sandbox.url));
      const encodings: (string | undefined)[] = [];
      cw.middlewareStack.add(
        (next) => async (args) => {
          const result = await next(args);
          const headers = (args.request as { headers: Record<string, string> }).headers;
          encodings.push(Object.entries(headers).find(([k]) => k.toLowerCase() === 'content-encoding')?.[1]);
          return result;
        },
        { step: 'finalizeRequest', priority: 'low' },
      );
      const data = Array.from({ length: 600 }, (_, i) => ({ MetricName: 'Bulk', Dimensions: [{ Name: 'Shard', Value: `shard-${i % 3}` }], Value: i, Timestamp: new Date(FAKE_START + 1000) }));
      await cw.send(new cwQuery.PutMetricDataCommand({ Namespace: 'GameDay/Bulk', MetricData: data }));
      expect(encodings).toEqual(['gzip']);
      const out = await cw.send(
        new cwQuery.GetMetricDataCommand({
          StartTime: new Date(FAKE_START),
          EndTime: new Date(FAKE_START + MINUTE),
          MetricDataQueries: [0, 1, 2].map((s) => ({ Id: `s${s}`, MetricStat: { Metric: { Namespace: 'GameDay/Bulk', MetricName: 'Bulk', Dimensions: [{ Name: 'Shard', Value: `shard-${s}` }] }, Period: 60, Stat: 'SampleCount' } })),
        }),
      );
      expect(out.MetricDataResults?.map((r) => r.Values?.[0])).toEqual([200, 200, 200]);
    } finally {
      await sandbox.stop();
    }
  });
});
