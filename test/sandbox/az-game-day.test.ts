import { DescribeAlarmHistoryCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { CreateExperimentTemplateCommand, GetExperimentCommand, StartExperimentCommand, type CreateExperimentTemplateCommandInput } from '@aws-sdk/client-fis';
import { afterEach, describe, expect, it } from 'vitest';
import { sandboxClients } from '../helpers/aws-clients.js';
import { azPowerTemplate } from '../helpers/az-power-template.js';
import { advanceClock } from '../helpers/sandbox-control.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { WORLD_START, worldPath } from './worlds.js';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

const LB = [{ Name: 'LoadBalancer', Value: 'app/checkout-alb/50dc6c495c0c9188' }];

/** Runs the compiled AZ power interruption for `minutes` of virtual time; returns what a game day would read. */
async function azGameDay(world: string, minutes: number) {
  sandbox = await startSandbox({ world: worldPath(world), speed: 1, clockStart: WORLD_START });
  const { fis, cloudwatch } = sandboxClients(sandbox.url, { maxAttempts: 1 });
  const { experimentTemplate } = await fis.send(new CreateExperimentTemplateCommand(azPowerTemplate() as unknown as CreateExperimentTemplateCommandInput));
  const { experiment } = await fis.send(new StartExperimentCommand({ experimentTemplateId: experimentTemplate!.id }));
  for (let m = 0; m < minutes; m += 10) await advanceClock(sandbox.url, 600);
  const final = (await fis.send(new GetExperimentCommand({ id: experiment!.id }))).experiment!;
  const disruptionStart = final.actions!['Stop-ASG-Instances']!.startTime!.getTime();
  const history = await cloudwatch.send(new DescribeAlarmHistoryCommand({ AlarmName: 'checkout-5xx-high', HistoryItemType: 'StateUpdate', StartDate: new Date(disruptionStart) }));
  const transitions = (history.AlarmHistoryItems ?? [])
    .map((h) => ({ at: h.Timestamp!.getTime() - disruptionStart, to: JSON.parse(h.HistoryData!).newState.stateValue as string }))
    .sort((a, b) => a.at - b.at);
  const metrics = await cloudwatch.send(
    new GetMetricDataCommand({
      StartTime: new Date(disruptionStart - 60_000),
      EndTime: new Date(disruptionStart + minutes * 60_000),
      MetricDataQueries: [
        { Id: 'p99', MetricStat: { Metric: { Namespace: 'AWS/ApplicationELB', MetricName: 'TargetResponseTime', Dimensions: LB }, Period: 60, Stat: 'p99' } },
        { Id: 'loss', MetricStat: { Metric: { Namespace: 'Checkout', MetricName: 'DataLossWindowSeconds', Dimensions: [{ Name: 'DBClusterIdentifier', Value: 'checkout-db' }] }, Period: 60, Stat: 'Maximum' } },
      ],
    }),
  );
  const series = (id: string) => {
    const r = metrics.MetricDataResults!.find((x) => x.Id === id)!;
    return r.Timestamps!.map((t, i) => ({ at: t.getTime() - disruptionStart, value: r.Values![i]! }));
  };
  return { final, transitions, p99: series('p99'), loss: series('loss') };
}

describe('the AZ power interruption game day over HTTP (real FIS and CloudWatch clients)', () => {
  it('passes on the multi-AZ world: 5xx alarm fires within 3 minutes and clears within the 5-minute RTO', async () => {
    const { final, transitions, p99, loss } = await azGameDay('multi-az-checkout.yaml', 70);
    expect(final.state?.status).toBe('completed');
    expect(transitions.map((t) => t.to)).toEqual(['ALARM', 'OK']);
    expect(transitions[0]!.at).toBeLessThanOrEqual(180_000);
    expect(transitions[1]!.at).toBeLessThan(300_000);
    expect(p99.filter((p) => p.at >= 180_000).every((p) => p.value < 1.5)).toBe(true);
    expect(Math.max(...loss.map((l) => l.value))).toBeLessThanOrEqual(60);
  });

  it('breaches on the single-AZ database world: the 5xx alarm never clears and 300 s of writes are lost', async () => {
    const { final, transitions, loss } = await azGameDay('single-az-db-checkout.yaml', 70);
    expect(final.state?.status).toBe('completed');
    expect(transitions.map((t) => t.to)).toEqual(['ALARM']);
    expect(Math.max(...loss.map((l) => l.value))).toBe(300);
  });
});
