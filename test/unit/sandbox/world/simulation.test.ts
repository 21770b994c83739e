import { describe, expect, it } from 'vitest';
import { ALARM, azPowerTemplate, harness, type Harness } from '../harness.js';

const LB = { LoadBalancer: 'app/checkout-alb/50dc6c495c0c9188' };
const rate5xx = { namespace: 'Checkout', metricName: 'HTTP5xxRate', dimensions: LB, statistic: 'Average' };
const p99 = { namespace: 'AWS/ApplicationELB', metricName: 'TargetResponseTime', dimensions: LB, statistic: 'p99' };
const dataLoss = { namespace: 'Checkout', metricName: 'DataLossWindowSeconds', dimensions: { DBClusterIdentifier: 'checkout-db' }, statistic: 'Maximum' };

async function startAzPower(h: Harness): Promise<{ id: string; startedAt: number }> {
  const template = await h.call('fis', 'CreateExperimentTemplate', azPowerTemplate());
  h.advance(25_000);
  const { experiment } = await h.call('fis', 'StartExperiment', { experimentTemplateId: template.experimentTemplate.id });
  return { id: experiment.id, startedAt: h.clock.nowMs() };
}

const world = (h: Harness) => h.simulation.snapshot() as any;
const transitionsOf = (h: Harness, alarm: string) => h.cloudwatch.transitions.filter((t) => t.alarm === alarm).map((t) => ({ to: t.to, at: t.at.getTime() }));

describe('simulation: warm-up', () => {
  it('publishes steady-state history so every alarm is OK before a game day starts', async () => {
    const h = await harness('multi-az-checkout.yaml');
    for (const name of ['checkout-5xx-critical', 'checkout-5xx-high', 'checkout-unhealthy-hosts']) expect(h.cloudwatch.alarmState(name)?.state).toBe('OK');
    const minute = Math.floor(h.clock.nowMs() / 60_000) * 60_000 - 60_000;
    expect(h.cloudwatch.statistic(rate5xx, minute, minute + 60_000)).toBeLessThan(1);
    // Enough latency samples per minute for p99 to mean something.
    const samples = h.cloudwatch.data.filter((d) => d.metricName === 'TargetResponseTime' && d.timestamp.getTime() >= minute && d.timestamp.getTime() < minute + 60_000);
    expect(samples.length).toBeGreaterThanOrEqual(200);
  });
});

describe('simulation: AZ power interruption on the multi-AZ checkout world', () => {
  it('fails the database over in about a minute, replaces capacity, and recovers within the 5-minute RTO', async () => {
    const h = await harness('multi-az-checkout.yaml');
    const { id, startedAt } = await startAzPower(h);
    h.advance(30_000);
    expect(world(h).databases[0]).toMatchObject({ writerAvailabilityZone: 'us-east-1a', status: 'failing-over' });
    expect(world(h).impairedAvailabilityZones).toEqual(['us-east-1b']);
    expect(world(h).launchErrors).toEqual({ 'arn:aws:iam::123456789012:role/checkout-app': ['us-east-1b'] });
    h.advance(60_000);
    expect(world(h).databases[0]).toMatchObject({ writerAvailabilityZone: 'us-east-1a', status: 'available' });

    h.advance(8 * 60_000);
    const high = transitionsOf(h, 'checkout-5xx-high').filter((t) => t.at > startedAt);
    expect(high[0]?.to).toBe('ALARM');
    expect(high[0]!.at - startedAt).toBeLessThanOrEqual(3 * 60_000);
    expect(high[1]?.to).toBe('OK');
    expect(high[1]!.at - startedAt).toBeLessThan(5 * 60_000);
    const unhealthy = transitionsOf(h, 'checkout-unhealthy-hosts').filter((t) => t.at > startedAt);
    expect(unhealthy[0]?.to).toBe('ALARM');
    expect(unhealthy[0]!.at - startedAt).toBeLessThanOrEqual(3 * 60_000);
    expect(h.cloudwatch.alarmState('checkout-5xx-critical')?.state).toBe('OK');
    // Auto Scaling replaced the two stopped instances in the AZs that still have capacity.
    const asg = world(h).autoScalingGroups[0];
    expect(asg).toMatchObject({ desiredCapacity: 6, inService: 6, insufficientCapacityIn: ['us-east-1b'] });
    const live = world(h).instances.filter((i: any) => i.autoScalingGroup && i.state === 'running');
    expect(live.filter((i: any) => i.availabilityZone === 'us-east-1b')).toHaveLength(0);

    // Latency is back under the probe's 1.5 s, and the failover lost no data.
    const now = Math.floor(h.clock.nowMs() / 60_000) * 60_000;
    expect(h.cloudwatch.statistic(p99, now - 60_000, now)).toBeLessThan(1.5);
    expect(Math.max(...h.cloudwatch.series(dataLoss, startedAt - 60_000, now).map((s) => s.value ?? 0))).toBeLessThanOrEqual(60);

    // After the 30-minute interruption the group rebalances back into us-east-1b.
    h.advance(35 * 60_000);
    const perAz = world(h)
      .instances.filter((i: any) => i.autoScalingGroup && i.state === 'running')
      .reduce((acc: Record<string, number>, i: any) => ({ ...acc, [i.availabilityZone]: (acc[i.availabilityZone] ?? 0) + 1 }), {});
    expect(perAz).toEqual({ 'us-east-1a': 2, 'us-east-1b': 2, 'us-east-1c': 2 });
    expect(world(h).impairedAvailabilityZones).toEqual([]);
    expect(world(h).launchErrors).toEqual({});
    h.advance(30 * 60_000);
    const { experiment } = await h.call('fis', 'GetExperiment', { id });
    expect(experiment.state.status).toBe('completed');
  });
});

describe('simulation: AZ power interruption on the single-AZ database world', () => {
  it('loses the database with the AZ: writes fail for the whole watch window and data is lost', async () => {
    const h = await harness('single-az-db-checkout.yaml');
    const { startedAt } = await startAzPower(h);
    h.advance(90 * 60_000);
    expect(world(h).databases[0]).toMatchObject({ writerAvailabilityZone: 'us-east-1b', status: 'restarting' });
    const high = transitionsOf(h, 'checkout-5xx-high').filter((t) => t.at > startedAt);
    expect(high).toHaveLength(1);
    expect(high[0]!.to).toBe('ALARM');
    // Not bad enough to trip the stop condition: the game day runs to the end and shows the breach.
    expect(h.cloudwatch.alarmState('checkout-5xx-critical')?.state).toBe('OK');
    const now = Math.floor(h.clock.nowMs() / 60_000) * 60_000;
    expect(Math.max(...h.cloudwatch.series(dataLoss, startedAt - 60_000, now).map((s) => s.value ?? 0))).toBe(300);
  });
});

describe('simulation: CPU stress on catalog', () => {
  it('raises the group average CPU over 70 % while p99 latency stays under a second', async () => {
    const h = await harness('catalog-cpu.yaml');
    const template = await h.call('fis', 'CreateExperimentTemplate', {
      description: 'catalog cpu stress',
      roleArn: 'arn:aws:iam::123456789012:role/gameday-fis',
      stopConditions: [{ source: 'aws:cloudwatch:alarm', value: ALARM('catalog-latency-critical') }],
      targets: { Instances: { resourceType: 'aws:ec2:instance', resourceTags: { Service: 'catalog', Env: 'prod' }, filters: [{ path: 'State.Name', values: ['running'] }], selectionMode: 'PERCENT(50)' } },
      actions: {
        'CPU-Stress': {
          actionId: 'aws:ssm:send-command',
          parameters: { documentArn: 'arn:aws:ssm:us-east-1::document/AWSFIS-Run-CPU-Stress', documentParameters: '{"DurationSeconds":"600","CPU":"0","LoadPercent":"90","InstallDependencies":"True"}', duration: 'PT10M' },
          targets: { Instances: 'Instances' },
        },
      },
    });
    const { experiment } = await h.call('fis', 'StartExperiment', { experimentTemplateId: template.experimentTemplate.id });
    h.advance(6 * 60_000);
    expect(world(h).instances.filter((i: any) => i.cpuStress === 90)).toHaveLength(2);
    expect(h.cloudwatch.alarmState('catalog-cpu-high')?.state).toBe('ALARM');
    expect(h.cloudwatch.alarmState('catalog-latency-high')?.state).toBe('OK');
    h.advance(8 * 60_000);
    expect(world(h).instances.filter((i: any) => i.cpuStress > 0)).toHaveLength(0);
    expect(h.cloudwatch.alarmState('catalog-cpu-high')?.state).toBe('OK');
    expect((await h.call('fis', 'GetExperiment', { id: experiment.id })).experiment.state.status).toBe('completed');
  });
});

describe('simulation: CPU stress shorter than its action', () => {
  it('ends the stress after the document\'s DurationSeconds while the action still runs', async () => {
    const h = await harness('catalog-cpu.yaml');
    const template = await h.call('fis', 'CreateExperimentTemplate', {
      description: 'short stress',
      roleArn: 'arn:aws:iam::123456789012:role/gameday-fis',
      stopConditions: [{ source: 'none' }],
      targets: { Instances: { resourceType: 'aws:ec2:instance', resourceTags: { Service: 'catalog' }, selectionMode: 'COUNT(1)' } },
      actions: {
        stress: {
          actionId: 'aws:ssm:send-command',
          parameters: { documentArn: 'arn:aws:ssm:us-east-1::document/AWSFIS-Run-CPU-Stress', documentParameters: '{"DurationSeconds":"120","LoadPercent":"60"}', duration: 'PT5M' },
          targets: { Instances: 'Instances' },
        },
      },
    });
    const { experiment } = await h.call('fis', 'StartExperiment', { experimentTemplateId: template.experimentTemplate.id });
    h.advance(60_000);
    expect(world(h).instances.map((i: any) => i.cpuStress).sort()).toEqual([0, 0, 0, 60]);
    h.advance(2 * 60_000);
    expect(world(h).instances.every((i: any) => i.cpuStress === 0)).toBe(true);
    expect((await h.call('fis', 'GetExperiment', { id: experiment.id })).experiment.actions.stress.state.status).toBe('running');
  });
});

describe('simulation: ECS task stop on orders', () => {
  it('drops the running task count and replaces the task in about 80 s', async () => {
    const h = await harness('orders-ecs.yaml');
    const template = await h.call('fis', 'CreateExperimentTemplate', {
      description: 'orders stop task',
      roleArn: 'arn:aws:iam::123456789012:role/gameday-fis',
      stopConditions: [{ source: 'aws:cloudwatch:alarm', value: ALARM('orders-5xx-critical') }],
      targets: { Tasks: { resourceType: 'aws:ecs:task', parameters: { cluster: 'orders', service: 'orders-api' }, selectionMode: 'COUNT(1)' } },
      actions: { 'Stop-Task': { actionId: 'aws:ecs:stop-task', targets: { Tasks: 'Tasks' } } },
    });
    await h.call('fis', 'StartExperiment', { experimentTemplateId: template.experimentTemplate.id });
    h.advance(30_000);
    const stopped = world(h).tasks.filter((t: any) => t.state === 'STOPPED');
    expect(stopped).toHaveLength(1);
    expect(stopped[0].stoppedReason).toContain('aws:ecs:stop-task');
    h.advance(80_000);
    expect(world(h).tasks.filter((t: any) => t.state === 'RUNNING')).toHaveLength(3);
    h.advance(4 * 60_000);
    const low = h.cloudwatch.transitions.filter((t) => t.alarm === 'orders-task-count-low' && t.from !== 'INSUFFICIENT_DATA');
    expect(low.map((t) => t.to)).toEqual(['ALARM', 'OK']);
  });
});

describe('simulation: determinism', () => {
  const run = async (seed?: number) => {
    const h = await harness('multi-az-checkout.yaml', seed);
    await startAzPower(h);
    h.advance(10 * 60_000);
    return JSON.stringify({ data: h.cloudwatch.data, world: h.simulation.snapshot() });
  };

  it('produces the same metrics, IDs and world for the same world and seed', async () => {
    expect(await run()).toBe(await run());
  });

  it('produces different noise for another seed', async () => {
    expect(await run(1)).not.toBe(await run(2));
  });
});
