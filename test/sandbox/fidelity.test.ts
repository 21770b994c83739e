import {
  CloudWatchClient,
  DescribeAlarmHistoryCommand,
  DescribeAlarmsCommand,
  GetMetricDataCommand,
  GetMetricStatisticsCommand,
  PutMetricAlarmCommand,
  PutMetricDataCommand,
  SetAlarmStateCommand,
} from '@aws-sdk/client-cloudwatch';
import { CreateExperimentTemplateCommand, FisClient, GetExperimentCommand, ListActionsCommand, StartExperimentCommand, StopExperimentCommand } from '@aws-sdk/client-fis';
import { DescribeAppCommand, DescribeAppAssessmentCommand, DescribeResiliencyPolicyCommand } from '@aws-sdk/client-resiliencehub';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VirtualClock } from '../../src/sandbox/clock.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { azPowerTemplate } from '../helpers/az-power-template.js';
import { clientConfig, rejected, sandboxClients } from '../helpers/aws-clients.js';
import { loadFisModel } from '../helpers/botocore-model.js';
import { FAKE_START, startFakeSandbox } from '../helpers/fake-simulation.js';
import { advanceClock } from '../helpers/sandbox-control.js';
import { WORLD_START, worldPath } from './worlds.js';

/**
 * What independent clients (AWS CLI v1/v2, boto3, Chaos Toolkit's AWS extension, moto's tests) found
 * the sandbox doing differently from AWS (issue 12 §6), each through the real SDK clients over HTTP.
 */
type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
const MINUTE = 60_000;
const DIMS = [{ Name: 'LoadBalancer', Value: 'app/web/123' }];

describe('CloudWatch alarm evaluations never predate the alarm or its last state change', () => {
  it('a new alarm created mid-minute is first evaluated at its creation, not at the minute boundary before it', async () => {
    const { sandbox } = await startFakeSandbox({ start: FAKE_START + 30_000 });
    const cw = sandboxClients(sandbox.url).cloudwatch;
    try {
      await cw.send(new PutMetricDataCommand({ Namespace: 'GameDay/App', MetricData: [{ MetricName: 'Errors', Dimensions: DIMS, Value: 50, Timestamp: new Date(FAKE_START - MINUTE + 1000) }] }));
      await cw.send(
        new PutMetricAlarmCommand({ AlarmName: 'fresh', Namespace: 'GameDay/App', MetricName: 'Errors', Dimensions: DIMS, Statistic: 'Average', Period: 60, EvaluationPeriods: 1, Threshold: 10, ComparisonOperator: 'GreaterThanThreshold' }),
      );
      const [alarm] = (await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['fresh'] }))).MetricAlarms ?? [];
      expect(alarm?.StateValue).toBe('ALARM');
      expect(alarm!.StateUpdatedTimestamp!.getTime()).toBeGreaterThanOrEqual(alarm!.AlarmConfigurationUpdatedTimestamp!.getTime());
      const history = await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: 'fresh', ScanBy: 'TimestampAscending' }));
      const times = (history.AlarmHistoryItems ?? []).map((h) => h.Timestamp!.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(Math.min(...times)).toBe(alarm!.AlarmConfigurationUpdatedTimestamp!.getTime());
      expect(Math.min(...times)).toBeGreaterThanOrEqual(FAKE_START + 30_000);
    } finally {
      await sandbox.stop();
    }
  });

  it('a state forced with SetAlarmState is only overridden by a later evaluation', async () => {
    const { sandbox } = await startFakeSandbox({ start: FAKE_START });
    const cw = sandboxClients(sandbox.url).cloudwatch;
    try {
      await cw.send(
        new PutMetricDataCommand({ Namespace: 'GameDay/App', MetricData: [0, 1, 2].map((m) => ({ MetricName: 'Errors', Dimensions: DIMS, Value: 1, Timestamp: new Date(FAKE_START + m * MINUTE + 1000) })) }),
      );
      await cw.send(
        new PutMetricAlarmCommand({ AlarmName: 'forced', Namespace: 'GameDay/App', MetricName: 'Errors', Dimensions: DIMS, Statistic: 'Average', Period: 60, EvaluationPeriods: 1, Threshold: 10, ComparisonOperator: 'GreaterThanThreshold' }),
      );
      await advanceClock(sandbox.url, 90); // 04:01:30
      await cw.send(new SetAlarmStateCommand({ AlarmName: 'forced', StateValue: 'ALARM', StateReason: 'drill' }));
      let [alarm] = (await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['forced'] }))).MetricAlarms ?? [];
      expect(alarm).toMatchObject({ StateValue: 'ALARM', StateReason: 'drill' });
      const forcedAt = alarm!.StateUpdatedTimestamp!.getTime();
      expect(forcedAt).toBeGreaterThanOrEqual(FAKE_START + 90_000);
      await advanceClock(sandbox.url, 60); // past 04:02:00
      [alarm] = (await cw.send(new DescribeAlarmsCommand({ AlarmNames: ['forced'] }))).MetricAlarms ?? [];
      expect(alarm?.StateValue).toBe('OK');
      expect(alarm!.StateUpdatedTimestamp!.getTime()).toBe(FAKE_START + 2 * MINUTE);
      const history = await cw.send(new DescribeAlarmHistoryCommand({ AlarmName: 'forced', HistoryItemType: 'StateUpdate', ScanBy: 'TimestampAscending' }));
      const times = (history.AlarmHistoryItems ?? []).map((h) => h.Timestamp!.getTime());
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(times.at(-1)).toBeGreaterThan(forcedAt);
    } finally {
      await sandbox.stop();
    }
  });
});

describe('CloudWatch units and statistics', () => {
  let sandbox: Awaited<ReturnType<typeof startFakeSandbox>>['sandbox'];
  beforeAll(async () => {
    ({ sandbox } = await startFakeSandbox({ start: FAKE_START + 10 * MINUTE }));
    const cw = sandboxClients(sandbox.url).cloudwatch;
    // One metric published in two units within the same minute: Count last.
    await cw.send(
      new PutMetricDataCommand({
        Namespace: 'GameDay/App',
        MetricData: [
          { MetricName: 'Mixed', Dimensions: DIMS, Value: 100, Unit: 'Percent', Timestamp: new Date(FAKE_START + 1000) },
          { MetricName: 'Mixed', Dimensions: DIMS, Value: 3, Unit: 'Count', Timestamp: new Date(FAKE_START + 2000) },
        ],
      }),
    );
  });
  afterAll(() => sandbox.stop());
  const window = { StartTime: new Date(FAKE_START), EndTime: new Date(FAKE_START + 5 * MINUTE) };

  it('GetMetricData honours MetricStat.Unit', async () => {
    const cw = sandboxClients(sandbox.url).cloudwatch;
    const stat = (Unit?: 'Percent' | 'Count') => ({ Metric: { Namespace: 'GameDay/App', MetricName: 'Mixed', Dimensions: DIMS }, Period: 60, Stat: 'Maximum', ...(Unit ? { Unit } : {}) });
    const out = await cw.send(
      new GetMetricDataCommand({ ...window, MetricDataQueries: [{ Id: 'pct', MetricStat: stat('Percent') }, { Id: 'cnt', MetricStat: stat('Count') }, { Id: 'any', MetricStat: stat() }] }),
    );
    const values = Object.fromEntries((out.MetricDataResults ?? []).map((r) => [r.Id, r.Values]));
    expect(values).toEqual({ pct: [100], cnt: [3], any: [100] });
  });

  it('GetMetricStatistics filters each sample by its unit, not the period by its last sample’s', async () => {
    const cw = sandboxClients(sandbox.url).cloudwatch;
    const percent = await cw.send(new GetMetricStatisticsCommand({ ...window, Namespace: 'GameDay/App', MetricName: 'Mixed', Dimensions: DIMS, Period: 60, Statistics: ['Maximum', 'SampleCount'], Unit: 'Percent' }));
    expect(percent.Datapoints).toEqual([expect.objectContaining({ Maximum: 100, SampleCount: 1, Unit: 'Percent' })]);
    const count = await cw.send(new GetMetricStatisticsCommand({ ...window, Namespace: 'GameDay/App', MetricName: 'Mixed', Dimensions: DIMS, Period: 60, Statistics: ['Maximum', 'SampleCount'], Unit: 'Count' }));
    expect(count.Datapoints).toEqual([expect.objectContaining({ Maximum: 3, SampleCount: 1, Unit: 'Count' })]);
  });

  it('GetMetricStatistics refuses Statistics and ExtendedStatistics together, as the model says', async () => {
    const cw = sandboxClients(sandbox.url, { maxAttempts: 1 }).cloudwatch;
    const error = await rejected(cw.send(new GetMetricStatisticsCommand({ ...window, Namespace: 'GameDay/App', MetricName: 'Mixed', Dimensions: DIMS, Period: 60, Statistics: ['Maximum'], ExtendedStatistics: ['p99'] })));
    expect(error.name).toMatch(/^InvalidParameterCombination/);
    expect(error.$metadata.httpStatusCode).toBe(400);
  });
});

describe('FIS StopExperiment', () => {
  let sandbox: Sandbox;
  let fis: FisClient;
  beforeAll(async () => {
    sandbox = await startSandbox({ world: worldPath('multi-az-checkout.yaml'), speed: 1, clockStart: WORLD_START });
    fis = new FisClient(clientConfig(sandbox.url, 1));
  });
  afterAll(() => sandbox.stop());

  const startOne = async () => {
    const { experimentTemplate } = await fis.send(new CreateExperimentTemplateCommand(azPowerTemplate() as never));
    return (await fis.send(new StartExperimentCommand({ experimentTemplateId: experimentTemplate!.id! }))).experiment!;
  };
  const state = async (id: string) => (await fis.send(new GetExperimentCommand({ id }))).experiment!.state!.status;

  it('answers stopping for a running experiment, which is stopped at the next step', async () => {
    const started = await startOne();
    await advanceClock(sandbox.url, 60);
    expect(await state(started.id!)).toBe('running');
    const { experiment } = await fis.send(new StopExperimentCommand({ id: started.id! }));
    expect(experiment?.state?.status).toBe('stopping');
    await advanceClock(sandbox.url, 10);
    expect(await state(started.id!)).toBe('stopped');
  });

  it('a pending experiment that is stopped reaches its terminal state at the next step', async () => {
    const started = await startOne();
    expect(started.state?.status).toBe('pending');
    const { experiment } = await fis.send(new StopExperimentCommand({ id: started.id! }));
    expect(experiment?.state?.status).toBe('stopping');
    await advanceClock(sandbox.url, 10);
    expect(['stopped', 'cancelled']).toContain(await state(started.id!));
  });

  it('stopping an experiment that has ended answers ValidationException, an error the FIS model lists for StopExperiment', async () => {
    // botocore's FIS model, kept as a fixture that names its source commit (test/fixtures/botocore-fis).
    const allowed = loadFisModel().operations.StopExperiment!.errors;
    const started = await startOne();
    await fis.send(new StopExperimentCommand({ id: started.id! }));
    await advanceClock(sandbox.url, 10);
    const error = await rejected(fis.send(new StopExperimentCommand({ id: started.id! })));
    expect(allowed).toContain(error.name);
    expect(error).toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
  });
});

describe('FIS retired ElastiCache action (Chaos Toolkit AZ power scenario)', () => {
  it('is refused as AWS does: the actions reference lists only aws:elasticache:replicationgroup-interrupt-az-power on aws:elasticache:replicationgroup', async () => {
    const sandbox = await startSandbox({ world: worldPath('multi-az-checkout.yaml'), speed: 1, clockStart: WORLD_START });
    try {
      const fis = new FisClient(clientConfig(sandbox.url, 1));
      const ids = ((await fis.send(new ListActionsCommand({}))).actions ?? []).map((a) => a.id);
      expect(ids).toContain('aws:elasticache:replicationgroup-interrupt-az-power');
      expect(ids).not.toContain('aws:elasticache:interrupt-cluster-az-power');
      const error = await rejected(
        fis.send(
          new CreateExperimentTemplateCommand({
            description: 'chaostoolkit az power',
            roleArn: 'arn:aws:iam::123456789012:role/gameday-fis',
            stopConditions: [{ source: 'none' }],
            targets: { cache: { resourceType: 'aws:elasticache:redis-replicationgroup', resourceTags: { DisruptElasticache: 'Yes' }, parameters: { availabilityZoneIdentifier: 'use1-az2' }, selectionMode: 'ALL' } },
            actions: { power: { actionId: 'aws:elasticache:interrupt-cluster-az-power', parameters: { duration: 'PT5M' }, targets: { ReplicationGroups: 'cache' } } },
          }),
        ),
      );
      expect(error).toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
    } finally {
      await sandbox.stop();
    }
  });
});

describe('Resilience Hub ARNs', () => {
  it('a malformed ARN is a ValidationException, not a 404', async () => {
    const sandbox = await startSandbox({ world: worldPath('multi-az-checkout.yaml'), speed: 1, clockStart: WORLD_START });
    try {
      const rh = sandboxClients(sandbox.url, { maxAttempts: 1 }).resiliencehub;
      for (const call of [new DescribeAppCommand({ appArn: 'not-an-arn' }), new DescribeResiliencyPolicyCommand({ policyArn: 'arn:aws:resiliencehub' }), new DescribeAppAssessmentCommand({ assessmentArn: 'checkout' })]) {
        const error = await rejected(rh.send(call as never));
        expect(error).toMatchObject({ name: 'ValidationException', $metadata: { httpStatusCode: 400 } });
      }
      const missing = await rejected(rh.send(new DescribeAppCommand({ appArn: 'arn:aws:resiliencehub:us-east-1:123456789012:app/00000000-0000-0000-0000-000000000000' })));
      expect(missing).toMatchObject({ name: 'ResourceNotFoundException', $metadata: { httpStatusCode: 404 } });
    } finally {
      await sandbox.stop();
    }
  });
});

describe('regions', () => {
  it('are ignored, as docs/sandbox.md says once: a client in another region is served the world’s region and its ARNs', async () => {
    const sandbox = await startSandbox({ world: worldPath('multi-az-checkout.yaml'), speed: 1, clockStart: WORLD_START });
    try {
      const elsewhere = { ...clientConfig(sandbox.url, 1), region: 'eu-west-1' };
      const fis = new FisClient(elsewhere);
      const { experimentTemplate } = await fis.send(new CreateExperimentTemplateCommand(azPowerTemplate() as never));
      expect(experimentTemplate?.targets?.['RDS-Cluster']?.parameters).toEqual({ writerAvailabilityZoneIdentifiers: 'us-east-1b' });
      const alarms = (await new CloudWatchClient(elsewhere).send(new DescribeAlarmsCommand({}))).MetricAlarms ?? [];
      expect(alarms.length).toBeGreaterThan(0);
      for (const alarm of alarms) expect(alarm.AlarmArn).toMatch(/^arn:aws:cloudwatch:us-east-1:123456789012:alarm:/);
      const docs = readFileSync(new URL('../../docs/sandbox.md', import.meta.url), 'utf8');
      expect(docs).toContain('The region a client signs for is ignored');
      expect(docs).not.toContain('The region in the scope is the region reported back');
    } finally {
      await sandbox.stop();
    }
  });
});

describe('the standalone clock', () => {
  it('starts on the wall clock, not rounded down to the minute', () => {
    const real = Date.UTC(2026, 10, 26, 4, 0, 42, 123);
    const clock = new VirtualClock({ speed: 1, realNow: () => real });
    expect(clock.nowMs()).toBe(real);
  });
});

describe('the sandbox stays a stand-in for AWS', () => {
  it('imports nothing of the gameday client’s plan (src/core/plan)', () => {
    const root = new URL('../../src/sandbox/', import.meta.url).pathname;
    const files = (dir: string): string[] => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : f.endsWith('.ts') ? [join(dir, f)] : []));
    const offenders = files(root).filter((f) => /from '(\.\.\/)+core\/plan\//.test(readFileSync(f, 'utf8')));
    expect(offenders).toEqual([]);
  });
});
