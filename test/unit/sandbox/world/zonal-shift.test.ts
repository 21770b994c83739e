import { describe, expect, it } from 'vitest';
import { harness, type Harness } from '../harness.js';

const LB = { LoadBalancer: 'app/checkout-alb/50dc6c495c0c9188' };
const p99 = { namespace: 'AWS/ApplicationELB', metricName: 'TargetResponseTime', dimensions: LB, statistic: 'p99' };
const MINUTE = 60_000;

const inUse1b = [{ path: 'Placement.AvailabilityZone', values: ['us-east-1b'] }];
const shiftTarget = { resourceType: 'aws:arc:zonal-shift-managed-resource', resourceTags: { Service: 'checkout' }, selectionMode: 'ALL' };
const shiftAction = (duration: string) => ({
  actionId: 'aws:arc:start-zonal-autoshift',
  parameters: { availabilityZoneIdentifier: 'use1-az2', duration, managedResourceTypes: 'ASG,ALB,NLB,EKS' },
  targets: { ManagedResources: 'managed' },
});

/** Starts a template on the multi-AZ checkout world; returns the harness and the virtual start time. */
async function run(targets: Record<string, unknown>, actions: Record<string, unknown>): Promise<{ h: Harness; startedAt: number }> {
  const h = await harness('multi-az-checkout.yaml');
  const template = await h.call('fis', 'CreateExperimentTemplate', {
    description: 'zonal shift in the world',
    roleArn: 'arn:aws:iam::123456789012:role/gameday-fis',
    stopConditions: [{ source: 'none' }],
    targets,
    actions,
  });
  await h.call('fis', 'StartExperiment', { experimentTemplateId: template.experimentTemplate.id });
  h.advance(20_000);
  return { h, startedAt: h.clock.nowMs() };
}

/** The p99 latency of the whole minute `n` minutes after `from` (rounded down to a minute). */
const p99InMinute = (h: Harness, from: number, n: number) => {
  const start = Math.floor(from / MINUTE) * MINUTE + n * MINUTE;
  return h.cloudwatch.statistic(p99, start, start + MINUTE)!;
};

const world = (h: Harness) => h.simulation.snapshot() as any;

describe('world: an ARC zonal shift', () => {
  // A gray failure the health checks do not catch: us-east-1b's web instances are saturated by CPU stress.
  const stressed = {
    targets: { slow: { resourceType: 'aws:ec2:instance', resourceTags: { AzImpairmentPower: 'IceAsg' }, filters: inUse1b, selectionMode: 'ALL' } },
    actions: {
      stress: {
        actionId: 'aws:ssm:send-command',
        parameters: { documentArn: 'arn:aws:ssm:us-east-1::document/AWSFIS-Run-CPU-Stress', documentParameters: '{"DurationSeconds":"900","LoadPercent":"100"}', duration: 'PT15M' },
        targets: { Instances: 'slow' },
      },
    },
  };

  it('takes the AZ out of the load balancer after the drain minute, and puts it back when the action ends', async () => {
    const without = await run(stressed.targets, stressed.actions);
    const withShift = await run({ ...stressed.targets, managed: shiftTarget }, { ...stressed.actions, shift: shiftAction('PT5M') });
    without.h.advance(10 * MINUTE);
    withShift.h.advance(10 * MINUTE);
    const minutes = [1, 2, 3, 4, 5, 7, 8];
    const slow = minutes.map((n) => p99InMinute(without.h, without.startedAt, n));
    const shifted = minutes.map((n) => p99InMinute(withShift.h, withShift.startedAt, n));
    // While the shift holds (minutes 2–4 after the drain) the stressed AZ's slow requests are gone.
    for (const i of [1, 2, 3]) expect(shifted[i]!).toBeLessThan(slow[i]! * 0.8);
    // Once the action has ended (PT5M) traffic returns to us-east-1b and the slow requests with it.
    for (const i of [5, 6]) expect(shifted[i]!).toBeGreaterThan(slow[i]! * 0.8);
    expect(world(withShift.h).zonalShifts).toEqual([]);
  });

  it('keeps the Auto Scaling group from launching into the AZ while it lasts; the group rebalances after', async () => {
    const { h } = await run(
      {
        managed: shiftTarget,
        victim: { resourceType: 'aws:ec2:instance', resourceTags: { AzImpairmentPower: 'IceAsg' }, filters: inUse1b, selectionMode: 'COUNT(1)' },
      },
      { shift: shiftAction('PT10M'), terminate: { actionId: 'aws:ec2:terminate-instances', targets: { Instances: 'victim' } } },
    );
    const running = () =>
      world(h)
        .instances.filter((i: any) => i.autoScalingGroup && i.state !== 'terminated')
        .reduce((acc: Record<string, number>, i: any) => ({ ...acc, [i.availabilityZone]: (acc[i.availabilityZone] ?? 0) + 1 }), {});
    h.advance(5 * MINUTE);
    expect(world(h).zonalShifts.map((z: any) => z.awayFrom)).toEqual(['us-east-1b', 'us-east-1b']);
    expect(running()).toEqual({ 'us-east-1a': 3, 'us-east-1b': 1, 'us-east-1c': 2 });
    h.advance(3 * MINUTE);
    expect(running()['us-east-1b']).toBe(1);
    h.advance(12 * MINUTE);
    expect(world(h).zonalShifts).toEqual([]);
    expect(running()).toEqual({ 'us-east-1a': 2, 'us-east-1b': 2, 'us-east-1c': 2 });
  });
});
