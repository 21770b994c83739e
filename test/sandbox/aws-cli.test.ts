import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/host.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { awsCli, findAwsCliV2 } from '../helpers/aws-cli.js';
import { FAKE_START, startFakeSandbox } from '../helpers/fake-simulation.js';
import { advanceClock } from '../helpers/sandbox-control.js';
import { worldPath } from './worlds.js';

/** The AWS CLI v2 (botocore, an independent client) drives the sandbox's services unmodified. */
const bin = findAwsCliV2();
/** Each `aws` process takes seconds to start (Python + botocore); a test runs several. */
const CLI_TIMEOUT = 180_000;
if (!bin) console.warn('SKIPPED: AWS CLI v2 not found (/usr/bin/aws or aws on PATH); CI installs Debian awscli. The AWS CLI sandbox tests did not run.');

describe.skipIf(!bin)('AWS CLI v2 against the sandbox', () => {
  let sandbox: Sandbox;
  const aws = (...args: string[]) => awsCli(bin as string, sandbox.url, args);
  beforeAll(async () => {
    ({ sandbox } = await startFakeSandbox());
  });
  afterAll(() => sandbox.stop());

  it('sts get-caller-identity', async () => {
    const r = await aws('sts', 'get-caller-identity');
    expect(r.stderr).toBe('');
    expect(r.json).toEqual({ UserId: expect.stringMatching(/^AROA/), Account: '111122223333', Arn: 'arn:aws:sts::111122223333:assumed-role/gameday-sandbox/gameday' });
  });

  it('cloudwatch: alarms, metrics, statistics, history and errors', { timeout: CLI_TIMEOUT }, async () => {
    const t = (minutes: number) => new Date(FAKE_START + minutes * 60_000 + 1000).toISOString();
    const [alarm, put] = await Promise.all([
      aws('cloudwatch', 'put-metric-alarm', '--alarm-name', 'cli-5xx', '--namespace', 'GameDay/Cli', '--metric-name', 'Errors', '--dimensions', 'Name=Service,Value=web',
        '--statistic', 'Maximum', '--period', '60', '--evaluation-periods', '1', '--threshold', '5', '--comparison-operator', 'GreaterThanOrEqualToThreshold', '--treat-missing-data', 'notBreaching'),
      aws('cloudwatch', 'put-metric-data', '--namespace', 'GameDay/Cli', '--metric-data',
        JSON.stringify([1, 9, 2].map((v, m) => ({ MetricName: 'Errors', Dimensions: [{ Name: 'Service', Value: 'web' }], Value: v, Timestamp: t(m) })))),
    ]);
    expect(alarm.code).toBe(0);
    expect(put.code).toBe(0);
    await advanceClock(sandbox.url, 4 * 60);

    const [described, data, stats, extended, history, missing] = await Promise.all([
      aws('cloudwatch', 'describe-alarms', '--alarm-names', 'cli-5xx'),
      aws('cloudwatch', 'get-metric-data', '--start-time', t(-1), '--end-time', t(10), '--scan-by', 'TimestampAscending', '--metric-data-queries',
        JSON.stringify([{ Id: 'e', MetricStat: { Metric: { Namespace: 'GameDay/Cli', MetricName: 'Errors', Dimensions: [{ Name: 'Service', Value: 'web' }] }, Period: 60, Stat: 'Maximum' } }])),
      aws('cloudwatch', 'get-metric-statistics', '--namespace', 'GameDay/Cli', '--metric-name', 'Errors', '--dimensions', 'Name=Service,Value=web',
        '--start-time', t(-1), '--end-time', t(10), '--period', '600', '--statistics', 'Sum', 'SampleCount'),
      aws('cloudwatch', 'get-metric-statistics', '--namespace', 'GameDay/Cli', '--metric-name', 'Errors', '--dimensions', 'Name=Service,Value=web',
        '--start-time', t(-1), '--end-time', t(10), '--period', '600', '--extended-statistics', 'p50'),
      aws('cloudwatch', 'describe-alarm-history', '--alarm-name', 'cli-5xx', '--history-item-type', 'StateUpdate', '--scan-by', 'TimestampAscending'),
      aws('cloudwatch', 'delete-alarms', '--alarm-names', 'no-such-alarm'),
    ]);
    const alarms = (described.json as { MetricAlarms: { AlarmName: string; StateValue: string; StateReason: string }[] }).MetricAlarms;
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ AlarmName: 'cli-5xx', StateValue: 'OK' });
    expect((data.json as { MetricDataResults: { Values: number[]; StatusCode: string }[] }).MetricDataResults[0]).toMatchObject({ Values: [1, 9, 2], StatusCode: 'Complete' });
    const datapoints = (stats.json as { Datapoints: Record<string, unknown>[] }).Datapoints;
    expect(datapoints).toEqual([expect.objectContaining({ Sum: 12, SampleCount: 3 })]);
    expect((extended.json as { Datapoints: Record<string, unknown>[] }).Datapoints).toEqual([expect.objectContaining({ ExtendedStatistics: { p50: 2 } })]);
    const items = (history.json as { AlarmHistoryItems: { HistoryData: string }[] }).AlarmHistoryItems.map((h) => JSON.parse(h.HistoryData) as { newState: { stateValue: string } });
    expect(items.map((h) => h.newState.stateValue)).toEqual(['OK', 'ALARM', 'OK']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('ResourceNotFound');
  });
});

describe.skipIf(!bin)('AWS CLI v2 against the sandbox world: FIS and Resilience Hub (restJson1)', () => {
  let sandbox: Sandbox;
  const aws = (...args: string[]) => awsCli(bin as string, sandbox.url, args);
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, speed: 1 });
  });
  afterAll(() => sandbox.stop());

  it('fis: catalogue, a template, an experiment run to completion on the virtual clock', { timeout: CLI_TIMEOUT }, async () => {
    const [actions, created] = await Promise.all([
      aws('fis', 'list-actions'),
      aws('fis', 'create-experiment-template', '--description', 'cli wait', '--role-arn', 'arn:aws:iam::123456789012:role/gameday-fis',
        '--stop-conditions', 'source=none', '--actions', JSON.stringify({ wait: { actionId: 'aws:fis:wait', parameters: { duration: 'PT2M' } } })),
    ]);
    expect((actions.json as { actions: { id: string }[] }).actions.map((a) => a.id)).toContain('aws:ec2:stop-instances');
    const template = (created.json as { experimentTemplate: { id: string; creationTime: string } }).experimentTemplate;
    expect(Date.parse(template.creationTime)).toBeGreaterThan(0);
    const started = await aws('fis', 'start-experiment', '--experiment-template-id', template.id);
    const id = (started.json as { experiment: { id: string } }).experiment.id;
    await advanceClock(sandbox.url, 5 * 60);
    const [got, missing] = await Promise.all([
      aws('fis', 'get-experiment', '--id', id),
      aws('fis', 'get-experiment-template', '--id', 'EXTnope'),
    ]);
    const experiment = (got.json as { experiment: { state: { status: string }; startTime: string; endTime: string } }).experiment;
    expect(experiment.state.status).toBe('completed');
    expect(Date.parse(experiment.endTime) - Date.parse(experiment.startTime)).toBeGreaterThanOrEqual(120_000);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('ResourceNotFoundException');
  });

  it('resiliencehub: apps, policy, assessments', { timeout: CLI_TIMEOUT }, async () => {
    const apps = await aws('resiliencehub', 'list-apps');
    const app = (apps.json as { appSummaries: { appArn: string }[] }).appSummaries[0];
    expect(app?.appArn).toMatch(/^arn:aws:resiliencehub:us-east-1:123456789012:app\//);
    const [described, assessments] = await Promise.all([
      aws('resiliencehub', 'describe-app', '--app-arn', app?.appArn as string),
      aws('resiliencehub', 'list-app-assessments', '--app-arn', app?.appArn as string),
    ]);
    const policyArn = (described.json as { app: { policyArn: string } }).app.policyArn;
    const policy = await aws('resiliencehub', 'describe-resiliency-policy', '--policy-arn', policyArn);
    expect((policy.json as { policy: { policy: Record<string, { rtoInSecs: number }> } }).policy.policy.AZ?.rtoInSecs).toBeGreaterThan(0);
    expect((assessments.json as { assessmentSummaries: unknown[] }).assessmentSummaries.length).toBeGreaterThan(0);
  });
});

describe.skipIf(!bin)('AWS CLI v2 against the sandbox world: RDS and ElastiCache (awsQuery), ECS (awsJson1_1)', () => {
  let checkout: Sandbox;
  let orders: Sandbox;
  beforeAll(async () => {
    [checkout, orders] = await Promise.all([startSandbox({ port: 0, speed: 1 }), startSandbox({ port: 0, speed: 1, world: worldPath('orders-ecs.yaml') })]);
  });
  afterAll(() => Promise.all([checkout.stop(), orders.stop()]));

  it('rds describe-db-clusters, elasticache describe-replication-groups, ecs describe-services; an unknown instance', { timeout: CLI_TIMEOUT }, async () => {
    const [clusters, missing, groups, services] = await Promise.all([
      awsCli(bin as string, checkout.url, ['rds', 'describe-db-clusters', '--db-cluster-identifier', 'checkout-db']),
      awsCli(bin as string, checkout.url, ['rds', 'describe-db-instances', '--db-instance-identifier', 'orders-db-1']),
      awsCli(bin as string, checkout.url, ['elasticache', 'describe-replication-groups']),
      awsCli(bin as string, orders.url, ['ecs', 'describe-services', '--cluster', 'orders', '--services', 'orders-api', 'payments-api']),
    ]);
    expect((clusters.json as { DBClusters: unknown[] }).DBClusters).toEqual([
      expect.objectContaining({ DBClusterIdentifier: 'checkout-db', Status: 'available', DBClusterMembers: expect.arrayContaining([expect.objectContaining({ IsClusterWriter: true })]) }),
    ]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('DBInstanceNotFound');
    const group = (groups.json as { ReplicationGroups: { ReplicationGroupId: string; Status: string; NodeGroups: { NodeGroupMembers: { CurrentRole: string }[] }[] }[] }).ReplicationGroups[0];
    expect(group).toMatchObject({ ReplicationGroupId: 'checkout-cache', Status: 'available' });
    expect(group?.NodeGroups[0]?.NodeGroupMembers.map((m) => m.CurrentRole)).toEqual(['primary', 'replica', 'replica']);
    expect(services.json).toEqual({
      services: [expect.objectContaining({ serviceName: 'orders-api', status: 'ACTIVE', desiredCount: 3, runningCount: 3 })],
      failures: [{ arn: 'arn:aws:ecs:us-east-1:123456789012:service/orders/payments-api', reason: 'MISSING' }],
    });
  });
});
