import * as cwQuery from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CreateExperimentTemplateCommand, FisClient, GetExperimentCommand, StartExperimentCommand } from '@aws-sdk/client-fis';
import { connectAws } from '../../src/aws/connect.js';
import { sampleDetectionEvidence } from '../../src/core/run/detection-evidence-sampler.js';
import { startSandbox } from '../../src/sandbox/index.js';
import type { Sandbox } from '../../src/sandbox/host.js';
import { SANDBOX_CREDENTIALS, clientConfig } from '../helpers/aws-clients.js';
import { FAKE_ACCOUNT, FAKE_START, startFakeSandbox } from '../helpers/fake-simulation.js';
import { type AnyCloudWatchClient, cloudWatchProtocols } from '../helpers/cloudwatch-protocols.js';
import { advanceClock, injectFault } from '../helpers/sandbox-control.js';
import { WORLD_START, worldPath } from './worlds.js';

/**
 * CloudWatch composite alarms through both wire protocols the sandbox speaks (awsQuery, SDK 3.523;
 * awsJson1_0, SDK 3.949): PutCompositeAlarm, DescribeAlarms by type and by parent/child, the rule
 * followed at the instant a child changes, history, SetAlarmState, DeleteAlarms' rules, and rules the
 * sandbox does not emulate refused by name.
 */
type AnyClient = AnyCloudWatchClient;
const protocols = cloudWatchProtocols;

const DIMS = [{ Name: 'LoadBalancer', Value: 'app/web/123' }];
const MINUTE = 60_000;
const ARN = `arn:aws:cloudwatch:us-east-1:${FAKE_ACCOUNT}:alarm:`;

describe.each(protocols)('composite alarms over $name', ({ mod, make }) => {
  let sandbox: Sandbox;
  let cw: AnyClient;
  beforeAll(async () => {
    ({ sandbox } = await startFakeSandbox());
    cw = make(sandbox.url);
    for (const [name, metricName] of [
      ['web-5xx', 'Errors'],
      ['deploying', 'Deploys'],
    ]) {
      await cw.send(
        new mod.PutMetricAlarmCommand({ AlarmName: name, Namespace: 'GameDay/App', MetricName: metricName, Dimensions: DIMS, Statistic: 'Maximum', Period: 60, EvaluationPeriods: 1, Threshold: 25, ComparisonOperator: 'GreaterThanThreshold', TreatMissingData: 'notBreaching' }),
      );
    }
  });
  afterAll(() => sandbox.stop());

  const describeComposite = async (name: string) => (await cw.send(new mod.DescribeAlarmsCommand({ AlarmNames: [name], AlarmTypes: ['CompositeAlarm'] }))).CompositeAlarms[0];
  const errorOf = (command: unknown) => cw.send(command).then(() => undefined, (e: Error) => e);

  it('PutCompositeAlarm: described only when AlarmTypes asks for composites, with its rule, evaluated at once', async () => {
    await cw.send(new mod.PutCompositeAlarmCommand({ AlarmName: 'web-down', AlarmRule: 'ALARM("web-5xx") AND NOT ALARM(deploying)', AlarmDescription: 'users see errors, not a deploy' }));
    const plain = await cw.send(new mod.DescribeAlarmsCommand({}));
    expect(plain.MetricAlarms.map((a: { AlarmName: string }) => a.AlarmName)).toEqual(['deploying', 'web-5xx']);
    expect(plain.CompositeAlarms).toEqual([]);
    const both = await cw.send(new mod.DescribeAlarmsCommand({ AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] }));
    expect(both.MetricAlarms).toHaveLength(2);
    expect(both.CompositeAlarms).toHaveLength(1);
    const composite = await describeComposite('web-down');
    expect(composite).toMatchObject({
      AlarmName: 'web-down',
      AlarmArn: `${ARN}web-down`,
      AlarmRule: 'ALARM("web-5xx") AND NOT ALARM(deploying)',
      AlarmDescription: 'users see errors, not a deploy',
      ActionsEnabled: true,
      StateValue: 'OK',
    });
    expect(composite.StateUpdatedTimestamp).toBeInstanceOf(Date);
    const children = await cw.send(new mod.DescribeAlarmsCommand({ ChildrenOfAlarmName: 'web-down', AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] }));
    expect(children.MetricAlarms.map((a: { AlarmName: string }) => a.AlarmName)).toEqual(['deploying', 'web-5xx']);
    const parents = await cw.send(new mod.DescribeAlarmsCommand({ ParentsOfAlarmName: 'web-5xx', AlarmTypes: ['CompositeAlarm'] }));
    expect(parents.CompositeAlarms.map((a: { AlarmName: string }) => a.AlarmName)).toEqual(['web-down']);
  });

  it('goes to ALARM at the instant its child does, naming the child; nested composites follow in the same instant', async () => {
    await cw.send(new mod.PutCompositeAlarmCommand({ AlarmName: 'page-someone', AlarmRule: `ALARM(web-down) OR (INSUFFICIENT_DATA("${ARN}deploying") AND FALSE)` }));
    expect((await describeComposite('page-someone')).StateValue).toBe('OK');
    await cw.send(
      new mod.PutMetricDataCommand({
        Namespace: 'GameDay/App',
        MetricData: ([[2, 20], [3, 40]] as const).map(([m, v]) => ({ MetricName: 'Errors', Dimensions: DIMS, Value: v, Timestamp: new Date(FAKE_START + m * MINUTE + 5000) })),
      }),
    );
    await advanceClock(sandbox.url, 4 * 60 + 30);
    const [child] = (await cw.send(new mod.DescribeAlarmsCommand({ AlarmNames: ['web-5xx'] }))).MetricAlarms;
    expect(child.StateValue).toBe('ALARM');
    // minute 3 holds 40 > 25: its period ends at 04:04, when web-5xx turns ALARM
    expect(child.StateUpdatedTimestamp.toISOString()).toBe('2026-11-26T04:04:00.000Z');
    const composite = await describeComposite('web-down');
    expect(composite.StateValue).toBe('ALARM');
    expect(composite.StateUpdatedTimestamp.toISOString()).toBe('2026-11-26T04:04:00.000Z');
    expect(composite.StateReason).toBe(`${ARN}web-5xx transitioned to ALARM at Thursday 26 November, 2026 04:04:00 UTC`);
    expect(JSON.parse(composite.StateReasonData)).toEqual({ triggeringAlarms: [{ arn: `${ARN}web-5xx`, state: { value: 'ALARM', timestamp: '2026-11-26T04:04:00.000+0000' } }] });
    const nested = await describeComposite('page-someone');
    expect(nested).toMatchObject({ StateValue: 'ALARM', StateReason: `${ARN}web-down transitioned to ALARM at Thursday 26 November, 2026 04:04:00 UTC` });
    expect(nested.StateUpdatedTimestamp.toISOString()).toBe('2026-11-26T04:04:00.000Z');
    // web-5xx is back to OK at 04:05 (minute 4 has no data, notBreaching): the composite follows
    await advanceClock(sandbox.url, 60);
    const history = await cw.send(new mod.DescribeAlarmHistoryCommand({ AlarmName: 'web-down', AlarmTypes: ['CompositeAlarm'], HistoryItemType: 'StateUpdate', ScanBy: 'TimestampAscending' }));
    expect(
      history.AlarmHistoryItems.map((h: { AlarmType: string; Timestamp: Date; HistorySummary: string }) => `${h.AlarmType} ${h.Timestamp.toISOString().slice(11, 16)} ${h.HistorySummary}`),
    ).toEqual(['CompositeAlarm 04:00 Alarm updated from INSUFFICIENT_DATA to OK', 'CompositeAlarm 04:04 Alarm updated from OK to ALARM', 'CompositeAlarm 04:05 Alarm updated from ALARM to OK']);
    const metricOnly = await cw.send(new mod.DescribeAlarmHistoryCommand({ AlarmName: 'web-down' }));
    expect(metricOnly.AlarmHistoryItems).toEqual([]);
    const created = await cw.send(new mod.DescribeAlarmHistoryCommand({ AlarmName: 'web-down', AlarmTypes: ['CompositeAlarm'], HistoryItemType: 'ConfigurationUpdate' }));
    expect(created.AlarmHistoryItems[0]).toMatchObject({ AlarmType: 'CompositeAlarm', HistorySummary: 'Alarm "web-down" created' });
  });

  it('a child forced with SetAlarmState moves the composite at once; a composite can be set until a child changes', async () => {
    await cw.send(new mod.SetAlarmStateCommand({ AlarmName: 'web-5xx', StateValue: 'ALARM', StateReason: 'drill' }));
    expect((await describeComposite('web-down')).StateValue).toBe('ALARM');
    await cw.send(new mod.SetAlarmStateCommand({ AlarmName: 'deploying', StateValue: 'ALARM', StateReason: 'a deploy is running' }));
    expect((await describeComposite('web-down')).StateValue).toBe('OK');
    expect((await describeComposite('page-someone')).StateValue).toBe('OK');
    await cw.send(new mod.SetAlarmStateCommand({ AlarmName: 'page-someone', StateValue: 'ALARM', StateReason: 'testing the pager' }));
    expect(await describeComposite('page-someone')).toMatchObject({ StateValue: 'ALARM', StateReason: 'testing the pager' });
    await advanceClock(sandbox.url, 60);
    // the next evaluation puts web-5xx and deploying back to OK; page-someone follows its rule again
    expect((await describeComposite('page-someone')).StateValue).toBe('OK');
  });

  it('refuses rules it does not emulate, unknown children and names of the other kind, with ValidationError naming them', async () => {
    for (const [rule, message] of [
      ['AT_LEAST(2, ALARM, (web-5xx, deploying))', 'the function AT_LEAST() is not emulated by the sandbox'],
      ['ALARM(web-5xx) XOR OK(deploying)', 'unexpected "XOR"'],
      ['ALARM(web-5xx) AND', 'the rule ends too early'],
      ['(ALARM(web-5xx)', 'expected ")"'],
      ['ALARM(nope) OR OK(deploying)', 'alarms [nope] in the alarm rule do not exist'],
      ['ALARM(self)', 'alarms [self] in the alarm rule do not exist (or are the composite alarm itself)'],
      ['alarm(web-5xx)', 'the function alarm() is not emulated'],
    ]) {
      const error = await errorOf(new mod.PutCompositeAlarmCommand({ AlarmName: 'self', AlarmRule: rule }));
      expect(error, rule).toMatchObject({ name: 'ValidationError', $metadata: { httpStatusCode: 400 } });
      expect((error as Error).message, rule).toContain(message);
    }
    const taken = await errorOf(new mod.PutCompositeAlarmCommand({ AlarmName: 'web-5xx', AlarmRule: 'TRUE' }));
    expect((taken as Error).message).toContain('web-5xx is a metric alarm');
    const reverse = await errorOf(
      new mod.PutMetricAlarmCommand({ AlarmName: 'web-down', Namespace: 'N', MetricName: 'M', Statistic: 'Sum', Period: 60, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: 'GreaterThanThreshold' }),
    );
    expect((reverse as Error).message).toContain('web-down is a composite alarm');
    const types = await errorOf(new mod.DescribeAlarmsCommand({ AlarmTypes: ['LogAlarm' as never] }));
    expect((types as Error).name).toMatch(/^InvalidParameterValue/);
  });

  it('a cycle of composites is allowed but not evaluated; TRUE/FALSE rules need no children', async () => {
    await cw.send(new mod.PutCompositeAlarmCommand({ AlarmName: 'loop-a', AlarmRule: 'TRUE' }));
    expect((await describeComposite('loop-a')).StateValue).toBe('ALARM');
    await cw.send(new mod.PutCompositeAlarmCommand({ AlarmName: 'loop-b', AlarmRule: 'NOT ALARM(loop-a)' }));
    expect((await describeComposite('loop-b')).StateValue).toBe('OK');
    await cw.send(new mod.PutCompositeAlarmCommand({ AlarmName: 'loop-a', AlarmRule: 'OK(loop-b)' }));
    const [a, b] = [await describeComposite('loop-a'), await describeComposite('loop-b')];
    expect([a.StateValue, b.StateValue]).toEqual(['ALARM', 'OK']);
    expect(a.AlarmRule).toBe('OK(loop-b)');
    // breaking the cycle as the DeleteAlarms docs say: set one rule to FALSE
    await cw.send(new mod.PutCompositeAlarmCommand({ AlarmName: 'loop-a', AlarmRule: 'FALSE' }));
    expect((await describeComposite('loop-a')).StateValue).toBe('OK');
    expect((await describeComposite('loop-b')).StateValue).toBe('ALARM');
  });

  it('DeleteAlarms: one composite per call, and never an alarm a remaining composite depends on', async () => {
    const used = await errorOf(new mod.DeleteAlarmsCommand({ AlarmNames: ['web-5xx'] }));
    expect(used).toMatchObject({ name: 'ValidationError' });
    expect((used as Error).message).toContain('the composite alarm web-down depends on them');
    const two = await errorOf(new mod.DeleteAlarmsCommand({ AlarmNames: ['page-someone', 'loop-b'] }));
    expect((two as Error).message).toContain('at most one composite alarm per call');
    await cw.send(new mod.DeleteAlarmsCommand({ AlarmNames: ['page-someone'] }));
    await cw.send(new mod.DeleteAlarmsCommand({ AlarmNames: ['web-down', 'web-5xx'] }));
    const left = await cw.send(new mod.DescribeAlarmsCommand({ AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] }));
    expect(left.MetricAlarms.map((a: { AlarmName: string }) => a.AlarmName)).toEqual(['deploying']);
    expect(left.CompositeAlarms.map((a: { AlarmName: string }) => a.AlarmName)).toEqual(['loop-a', 'loop-b']);
  });
});

describe("gameday's CloudWatch port reads composite alarms", () => {
  it('describeAlarms and alarmHistory (which must ask for composite alarms: CloudWatch returns metric alarms only by default)', async () => {
    const { sandbox } = await startFakeSandbox();
    try {
      const cw = new cwQuery.CloudWatchClient(clientConfig(sandbox.url));
      await cw.send(
        new cwQuery.PutMetricAlarmCommand({ AlarmName: 'db-down', Namespace: 'GameDay/App', MetricName: 'DbErrors', Statistic: 'Sum', Period: 60, EvaluationPeriods: 1, Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', TreatMissingData: 'notBreaching' }),
      );
      await cw.send(new cwQuery.PutCompositeAlarmCommand({ AlarmName: 'payments-impaired', AlarmRule: 'ALARM(db-down)' }));
      await cw.send(new cwQuery.SetAlarmStateCommand({ AlarmName: 'db-down', StateValue: 'ALARM', StateReason: 'drill' }));
      const metrics = connectAws({ region: 'us-east-1', endpoint: sandbox.url, credentials: SANDBOX_CREDENTIALS, maxAttempts: 1 }).metrics;
      const [alarm] = await metrics.describeAlarms(['payments-impaired']);
      expect(alarm).toMatchObject({ name: 'payments-impaired', arn: `${ARN}payments-impaired`, state: 'ALARM' });
      expect(alarm?.metric).toBeUndefined();
      const history = await metrics.alarmHistory('payments-impaired', new Date(FAKE_START - MINUTE), new Date(FAKE_START + 10 * MINUTE));
      expect(history.map((h) => `${h.oldState}->${h.newState}`)).toEqual(['INSUFFICIENT_DATA->OK', 'OK->ALARM']);
    } finally {
      await sandbox.stop();
    }
  });

  it("reads a composite's rule (DescribeAlarms AlarmRule) and the children that triggered each change (HistoryData newState.stateReasonData.triggeringAlarms)", async () => {
    const { sandbox } = await startFakeSandbox();
    try {
      const cw = new cwQuery.CloudWatchClient(clientConfig(sandbox.url));
      for (const name of ['db-down', 'api-down']) {
        await cw.send(
          new cwQuery.PutMetricAlarmCommand({ AlarmName: name, Namespace: 'GameDay/App', MetricName: `${name}-errors`, Statistic: 'Sum', Period: 60, EvaluationPeriods: 1, Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', TreatMissingData: 'notBreaching' }),
        );
      }
      const rule = `ALARM(db-down) OR ALARM("${ARN}api-down")`;
      await cw.send(new cwQuery.PutCompositeAlarmCommand({ AlarmName: 'payments-impaired', AlarmRule: rule }));
      await cw.send(new cwQuery.SetAlarmStateCommand({ AlarmName: 'api-down', StateValue: 'ALARM', StateReason: 'drill' }));
      const metrics = connectAws({ region: 'us-east-1', endpoint: sandbox.url, credentials: SANDBOX_CREDENTIALS, maxAttempts: 1 }).metrics;
      const [alarm] = await metrics.describeAlarms(['payments-impaired']);
      expect(alarm).toMatchObject({ name: 'payments-impaired', state: 'ALARM', rule });
      const history = await metrics.alarmHistory('payments-impaired', new Date(FAKE_START - MINUTE), new Date(FAKE_START + 10 * MINUTE));
      expect(history.at(-1)).toMatchObject({ newState: 'ALARM', triggering: ['api-down'] });
      // A metric alarm's history has no triggering children.
      expect((await metrics.alarmHistory('api-down', new Date(FAKE_START - MINUTE), new Date(FAKE_START + 10 * MINUTE))).every((h) => h.triggering === undefined)).toBe(true);
    } finally {
      await sandbox.stop();
    }
  });
});

describe('detection evidence of a composite alarm, read through the port', () => {
  it('follows the rule to its children at any depth, each alarm once though the rules make a cycle; a failed history call loses only the composite part', async () => {
    const { sandbox } = await startFakeSandbox();
    try {
      const cw = new cwQuery.CloudWatchClient(clientConfig(sandbox.url));
      await cw.send(
        new cwQuery.PutMetricAlarmCommand({ AlarmName: 'db-down', Namespace: 'GameDay/App', MetricName: 'DbErrors', Statistic: 'Sum', Period: 60, EvaluationPeriods: 1, Threshold: 0, ComparisonOperator: 'GreaterThanThreshold', TreatMissingData: 'notBreaching' }),
      );
      await cw.send(new cwQuery.PutCompositeAlarmCommand({ AlarmName: 'inner', AlarmRule: 'ALARM(db-down)' }));
      await cw.send(new cwQuery.PutCompositeAlarmCommand({ AlarmName: 'outer', AlarmRule: 'ALARM(inner)' }));
      // CloudWatch lets a rule update close a cycle (it stops evaluating those alarms).
      await cw.send(new cwQuery.PutCompositeAlarmCommand({ AlarmName: 'inner', AlarmRule: 'ALARM(db-down) OR ALARM(outer)' }));
      await cw.send(new cwQuery.SetAlarmStateCommand({ AlarmName: 'db-down', StateValue: 'ALARM', StateReason: 'drill' }));
      const metrics = connectAws({ region: 'us-east-1', endpoint: sandbox.url, credentials: SANDBOX_CREDENTIALS, maxAttempts: 1 }).metrics;
      const window = [new Date(FAKE_START - MINUTE), new Date(FAKE_START + 10 * MINUTE), new Date(FAKE_START + 10 * MINUTE)] as const;
      const { events, problems } = await sampleDetectionEvidence(metrics, ['outer'], ...window);
      expect(problems).toEqual([]);
      expect(events.map((e) => `${e.type} ${e.alarm}`)).toEqual(['alarm-composite outer', 'alarm-composite inner', 'alarm-metric db-down']);
      const inner = events.find((e) => e.alarm === 'inner');
      expect(inner?.type === 'alarm-composite' && inner.children.map((c) => [c.alarm, c.kind, c.states.at(-1)?.state])).toEqual([
        ['db-down', 'metric', 'ALARM'],
        ['outer', 'composite', 'OK'],
      ]);

      await injectFault(sandbox.url, { service: 'monitoring', operation: 'DescribeAlarmHistory', kind: 'error500' });
      const degraded = await sampleDetectionEvidence(metrics, ['outer'], ...window);
      expect(degraded.problems.map((p) => p.operation)).toEqual(['cloudwatch:DescribeAlarmHistory (detection evidence)']);
      expect(degraded.events.map((e) => `${e.type} ${e.alarm}`)).toEqual(['alarm-metric db-down']);
    } finally {
      await sandbox.stop();
    }
  });
});

describe('a composite alarm as a FIS stop condition (FIS takes any CloudWatch alarm ARN)', () => {
  it('an Aurora failover on the shop world fails payments, the composite payments-impaired goes ALARM and stops the experiment', async () => {
    const sandbox = await startSandbox({ world: worldPath('shop-platform.yaml'), speed: 1, seed: 7, clockStart: WORLD_START });
    try {
      const config = clientConfig(sandbox.url, 1);
      const fis = new FisClient(config);
      const cw = new cwQuery.CloudWatchClient(config);
      const composite = 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:payments-impaired';
      const { experimentTemplate } = await fis.send(
        new CreateExperimentTemplateCommand({
          description: 'fail the payments database over, then watch',
          roleArn: 'arn:aws:iam::123456789012:role/gameday-fis',
          stopConditions: [{ source: 'aws:cloudwatch:alarm', value: composite }],
          targets: { db: { resourceType: 'aws:rds:cluster', resourceArns: ['arn:aws:rds:us-east-1:123456789012:cluster:payments-db'], selectionMode: 'ALL' } },
          actions: {
            failover: { actionId: 'aws:rds:failover-db-cluster', targets: { Clusters: 'db' } },
            watch: { actionId: 'aws:fis:wait', parameters: { duration: 'PT20M' }, startAfter: ['failover'] },
          },
        }),
      );
      const { experiment } = await fis.send(new StartExperimentCommand({ experimentTemplateId: experimentTemplate!.id }));
      await advanceClock(sandbox.url, 5 * 60);
      const got = (await fis.send(new GetExperimentCommand({ id: experiment!.id }))).experiment!;
      expect(got.state).toEqual({ status: 'stopped', reason: `Experiment stopped by stop condition ${composite}.` });
      const history = await cw.send(new cwQuery.DescribeAlarmHistoryCommand({ AlarmName: 'payments-impaired', AlarmTypes: ['CompositeAlarm'], HistoryItemType: 'StateUpdate', ScanBy: 'TimestampAscending' }));
      const toAlarm = history.AlarmHistoryItems?.find((h) => h.HistorySummary?.endsWith('to ALARM'));
      expect(toAlarm?.Timestamp?.getTime()).toBeGreaterThan(got.startTime!.getTime());
      expect(toAlarm?.Timestamp?.getTime()).toBeLessThanOrEqual(got.endTime!.getTime());
      const [child] = (await cw.send(new cwQuery.DescribeAlarmHistoryCommand({ AlarmName: 'payments-failures-high', HistoryItemType: 'StateUpdate', ScanBy: 'TimestampAscending' }))).AlarmHistoryItems!.filter((h) =>
        h.HistorySummary?.endsWith('to ALARM'),
      );
      expect(child?.Timestamp).toEqual(toAlarm?.Timestamp);
    } finally {
      await sandbox.stop();
    }
  });
});
