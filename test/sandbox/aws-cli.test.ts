import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sandbox } from '../../src/sandbox/host.js';
import { awsCli, findAwsCliV2 } from '../helpers/aws-cli.js';
import { FAKE_START, startFakeSandbox } from '../helpers/fake-simulation.js';
import { advanceClock } from '../helpers/sandbox-control.js';

/** The AWS CLI v2 (botocore's own awsQuery client) drives CloudWatch and STS in the sandbox unmodified. */
const bin = findAwsCliV2();
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

  it('cloudwatch: alarms, metrics, statistics, history and errors', async () => {
    const t = (minutes: number) => new Date(FAKE_START + minutes * 60_000 + 1000).toISOString();
    const [alarm, ...puts] = await Promise.all([
      aws('cloudwatch', 'put-metric-alarm', '--alarm-name', 'cli-5xx', '--namespace', 'GameDay/Cli', '--metric-name', 'Errors', '--dimensions', 'Name=Service,Value=web',
        '--statistic', 'Maximum', '--period', '60', '--evaluation-periods', '1', '--threshold', '5', '--comparison-operator', 'GreaterThanOrEqualToThreshold', '--treat-missing-data', 'notBreaching'),
      ...[1, 9, 2].map((v, m) => aws('cloudwatch', 'put-metric-data', '--namespace', 'GameDay/Cli', '--metric-name', 'Errors', '--dimensions', 'Service=web', '--value', String(v), '--timestamp', t(m))),
    ]);
    expect(alarm.code).toBe(0);
    expect(puts.map((p) => p.code)).toEqual([0, 0, 0]);
    await advanceClock(sandbox.url, 4 * 60);

    const [described, data, stats, history, missing] = await Promise.all([
      aws('cloudwatch', 'describe-alarms', '--alarm-names', 'cli-5xx'),
      aws('cloudwatch', 'get-metric-data', '--start-time', t(-1), '--end-time', t(10), '--scan-by', 'TimestampAscending', '--metric-data-queries',
        JSON.stringify([{ Id: 'e', MetricStat: { Metric: { Namespace: 'GameDay/Cli', MetricName: 'Errors', Dimensions: [{ Name: 'Service', Value: 'web' }] }, Period: 60, Stat: 'Maximum' } }])),
      aws('cloudwatch', 'get-metric-statistics', '--namespace', 'GameDay/Cli', '--metric-name', 'Errors', '--dimensions', 'Name=Service,Value=web',
        '--start-time', t(-1), '--end-time', t(10), '--period', '600', '--statistics', 'Sum', 'SampleCount', '--extended-statistics', 'p50'),
      aws('cloudwatch', 'describe-alarm-history', '--alarm-name', 'cli-5xx', '--history-item-type', 'StateUpdate', '--scan-by', 'TimestampAscending'),
      aws('cloudwatch', 'delete-alarms', '--alarm-names', 'no-such-alarm'),
    ]);
    const alarms = (described.json as { MetricAlarms: { AlarmName: string; StateValue: string; StateReason: string }[] }).MetricAlarms;
    expect(alarms).toHaveLength(1);
    expect(alarms[0]).toMatchObject({ AlarmName: 'cli-5xx', StateValue: 'OK' });
    expect((data.json as { MetricDataResults: { Values: number[]; StatusCode: string }[] }).MetricDataResults[0]).toMatchObject({ Values: [1, 9, 2], StatusCode: 'Complete' });
    const datapoints = (stats.json as { Datapoints: Record<string, unknown>[] }).Datapoints;
    expect(datapoints).toEqual([expect.objectContaining({ Sum: 12, SampleCount: 3, ExtendedStatistics: { p50: 2 } })]);
    const items = (history.json as { AlarmHistoryItems: { HistoryData: string }[] }).AlarmHistoryItems.map((h) => JSON.parse(h.HistoryData) as { newState: { stateValue: string } });
    expect(items.map((h) => h.newState.stateValue)).toEqual(['OK', 'ALARM', 'OK']);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('ResourceNotFound');
  });
});
