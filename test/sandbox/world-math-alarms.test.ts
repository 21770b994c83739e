import * as cw from '@aws-sdk/client-cloudwatch';
import { CreateExperimentTemplateCommand, FisClient, StartExperimentCommand } from '@aws-sdk/client-fis';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { clientConfig } from '../helpers/aws-clients.js';
import { advanceClock } from '../helpers/sandbox-control.js';
import { WORLD_START, worldPath } from './worlds.js';

/**
 * A world's metric math alarm (spec.alarms[].metrics) is a CloudWatch metric math alarm: described with its
 * Metrics, evaluated on its returned expression. shop-platform's payments-failure-rate-high is 100 × failed
 * payments / payment requests, above 5 %.
 */
describe('a metric math alarm declared in a world', () => {
  it('is described with its Metrics and alarms on its expression: an Aurora failover of payments-db fails most payments', async () => {
    const sandbox = await startSandbox({ world: worldPath('shop-platform.yaml'), speed: 1, seed: 7, clockStart: WORLD_START });
    try {
      const config = clientConfig(sandbox.url, 1);
      const client = new cw.CloudWatchClient(config);
      const [alarm] = (await client.send(new cw.DescribeAlarmsCommand({ AlarmNames: ['payments-failure-rate-high'] }))).MetricAlarms!;
      expect(alarm).toMatchObject({ StateValue: 'OK', Threshold: 5, ComparisonOperator: 'GreaterThanThreshold', EvaluationPeriods: 1 });
      expect(alarm!.MetricName).toBeUndefined();
      expect(alarm!.Metrics).toEqual([
        { Id: 'failed', MetricStat: { Metric: { Namespace: 'Shop', MetricName: 'FailedPayments', Dimensions: [{ Name: 'Service', Value: 'payments' }] }, Period: 60, Stat: 'Sum' }, ReturnData: false },
        { Id: 'requests', MetricStat: { Metric: { Namespace: 'AWS/ApplicationELB', MetricName: 'RequestCount', Dimensions: [{ Name: 'LoadBalancer', Value: 'app/payments-alb/6a1b2c3d4e5f6071' }] }, Period: 60, Stat: 'Sum' }, ReturnData: false },
        { Id: 'rate', Expression: '100 * failed / requests', Label: 'Failed payments (%)', ReturnData: true },
      ]);

      const fis = new FisClient(config);
      const { experimentTemplate } = await fis.send(
        new CreateExperimentTemplateCommand({
          description: 'fail the payments database over',
          roleArn: 'arn:aws:iam::123456789012:role/gameday-fis',
          stopConditions: [{ source: 'none' }],
          targets: { db: { resourceType: 'aws:rds:cluster', resourceArns: ['arn:aws:rds:us-east-1:123456789012:cluster:payments-db'], selectionMode: 'ALL' } },
          actions: { failover: { actionId: 'aws:rds:failover-db-cluster', targets: { Clusters: 'db' } } },
        }),
      );
      await fis.send(new StartExperimentCommand({ experimentTemplateId: experimentTemplate!.id }));
      await advanceClock(sandbox.url, 5 * 60);

      const history = await client.send(new cw.DescribeAlarmHistoryCommand({ AlarmName: 'payments-failure-rate-high', HistoryItemType: 'StateUpdate', ScanBy: 'TimestampAscending' }));
      const changes = history.AlarmHistoryItems!.map((h) => JSON.parse(h.HistoryData!).newState as { stateValue: string; stateReasonData?: { recentDatapoints: number[]; startDate: string } });
      expect(changes.map((c) => c.stateValue).slice(-2)).toEqual(['ALARM', 'OK']);
      const toAlarm = changes.find((c) => c.stateValue === 'ALARM')!;
      // The datapoint that breached is the expression's value for that minute, from the alarm's own inputs.
      const minute = new Date(toAlarm.stateReasonData!.startDate);
      const inputs = await client.send(
        new cw.GetMetricDataCommand({
          StartTime: minute,
          EndTime: new Date(minute.getTime() + 60_000),
          MetricDataQueries: alarm!.Metrics!.map((q) => ({ ...q, ReturnData: true })),
        }),
      );
      const value = (id: string) => inputs.MetricDataResults!.find((r) => r.Id === id)!.Values![0]!;
      expect(value('failed')).toBeGreaterThan(100);
      expect(toAlarm.stateReasonData!.recentDatapoints[0]).toBeCloseTo((100 * value('failed')) / value('requests'), 6);
      expect(toAlarm.stateReasonData!.recentDatapoints[0]).toBeGreaterThan(5);
      // FailedPayments alone would say nothing of the rate: the threshold is on the expression.
      expect(value('rate')).toBeCloseTo(toAlarm.stateReasonData!.recentDatapoints[0]!, 6);
    } finally {
      await sandbox.stop();
    }
  });
});
