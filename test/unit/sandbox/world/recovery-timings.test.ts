import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../../src/sandbox/clock.js';
import { createSimulation } from '../../../../src/sandbox/simulation.js';
import { loadWorld } from '../../../../src/sandbox/world/load-world.js';
import type { DatabaseDeployment, World } from '../../../../src/sandbox/world/types.js';
import { FakeCloudWatch } from '../fake-cloudwatch.js';
import { START, WORLDS } from '../harness.js';

const STEP = 10_000;

async function shop(edit: (w: World) => void, offsetMs = 0) {
  const world = await loadWorld(new URL('shop-platform.yaml', WORLDS).pathname);
  edit(world);
  const clock = new VirtualClock({ start: START + offsetMs, realNow: () => 0 });
  const simulation = createSimulation({ world, clock, cloudwatch: new FakeCloudWatch(), seed: world.spec.seed });
  const call = (operation: string, input: Record<string, unknown>) => simulation.backends.find((b) => b.service === 'fis')!.operations[operation]!(input, { region: 'us-east-1', requestId: 't' }) as any;
  const advance = (ms: number) => {
    clock.advance(ms);
    simulation.advanceTo(clock.now());
  };
  return { simulation, call, advance, snapshot: () => simulation.snapshot() as any };
}

/** us-east-1b's subnet cut off (aws:network:disrupt-connectivity, scope all) for 5 minutes: the payments task there is down. */
async function cutSubnet1b(h: Awaited<ReturnType<typeof shop>>): Promise<void> {
  const template = await h.call('CreateExperimentTemplate', {
    description: 't',
    roleArn: 'arn:aws:iam::123456789012:role/gameday-fis',
    stopConditions: [{ source: 'none' }],
    targets: { T: { resourceType: 'aws:ec2:subnet', resourceTags: { AzImpairmentPower: 'DisruptSubnet' }, filters: [{ path: 'AvailabilityZone', values: ['us-east-1b'] }], selectionMode: 'ALL' } },
    actions: { A: { actionId: 'aws:network:disrupt-connectivity', parameters: { duration: 'PT5M', scope: 'all' }, targets: { Subnets: 'T' } } },
  });
  await h.call('StartExperiment', { experimentTemplateId: template.experimentTemplate.id });
}

/** Seconds the payments-db writer is unavailable after `actionId` hits it (measured in 10-s steps). */
async function writeOutage(deployment: DatabaseDeployment, readers: string[], actionId: string, parameters: Record<string, string> = {}): Promise<number> {
  const h = await shop((w) => {
    const db = w.spec.rdsClusters!.find((d) => d.identifier === 'payments-db')!;
    db.deployment = deployment;
    db.readerAvailabilityZones = readers;
    delete db.failoverTime;
  });
  const targets =
    actionId === 'aws:rds:failover-db-cluster'
      ? { Db: { resourceType: 'aws:rds:cluster', resourceArns: ['arn:aws:rds:us-east-1:123456789012:cluster:payments-db'], selectionMode: 'ALL' } }
      : { Db: { resourceType: 'aws:rds:db', resourceArns: ['arn:aws:rds:us-east-1:123456789012:db:payments-db-instance-1'], selectionMode: 'ALL' } };
  const template = await h.call('CreateExperimentTemplate', {
    description: 't',
    roleArn: 'arn:aws:iam::123456789012:role/gameday-fis',
    stopConditions: [{ source: 'none' }],
    targets,
    actions: { A: { actionId, parameters, targets: actionId === 'aws:rds:failover-db-cluster' ? { Clusters: 'Db' } : { DBInstances: 'Db' } } },
  });
  await h.call('StartExperiment', { experimentTemplateId: template.experimentTemplate.id });
  let down = 0;
  for (let t = 0; t < 15 * 60_000; t += STEP) {
    h.advance(STEP);
    if (h.snapshot().databases.find((d: any) => d.identifier === 'payments-db').status !== 'available') down += STEP / 1000;
  }
  return down;
}

describe('recovery timings follow the resources (AWS published ranges)', () => {
  it('Aurora with a replica fails over in under 60 s', async () => {
    const s = await writeOutage('aurora', ['us-east-1a'], 'aws:rds:failover-db-cluster');
    expect(s).toBeGreaterThan(0);
    expect(s).toBeLessThanOrEqual(60);
  });
  it('a Multi-AZ DB cluster fails over in under 35 s', async () => {
    const s = await writeOutage('multi-az-cluster', ['us-east-1a', 'us-east-1c'], 'aws:rds:failover-db-cluster');
    expect(s).toBeGreaterThan(0);
    expect(s).toBeLessThanOrEqual(35);
  });
  it('a Multi-AZ DB instance fails over (reboot with failover) in 60–120 s', async () => {
    const s = await writeOutage('multi-az-instance', ['us-east-1a'], 'aws:rds:reboot-db-instances', { forceFailover: 'true' });
    expect(s).toBeGreaterThanOrEqual(60);
    expect(s).toBeLessThanOrEqual(120);
  });
  it('Aurora without a replica recreates its writer: more than a failover, within 10 minutes', async () => {
    const s = await writeOutage('aurora', [], 'aws:rds:failover-db-cluster');
    expect(s).toBeGreaterThan(60);
    expect(s).toBeLessThanOrEqual(600);
  });

  it('ALB defaults (30 s interval, 2 unhealthy): a dead target is marked unhealthy about 60 s after it stops', async () => {
    const h = await shop((w) => {
      delete w.spec.services!.find((s) => s.name === 'payments')!.loadBalancer!.healthCheck;
    });
    await cutSubnet1b(h);
    let disruptedAt: number | undefined;
    let unhealthyAt: number | undefined;
    for (let t = 0; t < 5 * 60_000 && unhealthyAt === undefined; t += STEP) {
      h.advance(STEP);
      const snap = h.snapshot();
      if (disruptedAt === undefined && snap.subnets.some((s: any) => s.disrupted)) disruptedAt = t;
      const task = snap.tasks.find((x: any) => x.cluster === 'payments' && x.availabilityZone === 'us-east-1b');
      if (disruptedAt !== undefined && task?.targetHealth === 'unhealthy') unhealthyAt = t;
    }
    expect(disruptedAt).toBeDefined();
    expect(unhealthyAt! - disruptedAt!).toBeGreaterThanOrEqual(60_000);
    expect(unhealthyAt! - disruptedAt!).toBeLessThanOrEqual(70_000);
  });

  /** Clock starts inside one 10-s step: FIS's first action lands 5.3 s later, between steps or on one. */
  const OFFSETS_MS = [0, 4_700, 5_000, 8_800];
  const T_MS = 500;

  it('ALB defaults (30 s interval, 5 healthy): a target back up is healthy again about 150 s later, at every clock start', async () => {
    for (const offset of OFFSETS_MS) {
      const h = await shop((w) => {
        delete w.spec.services!.find((s) => s.name === 'payments')!.loadBalancer!.healthCheck;
      }, offset);
      await cutSubnet1b(h);
      let cut = false;
      let backAt: number | undefined;
      let healthyAt: number | undefined;
      for (let t = 0; t < 15 * 60_000 && healthyAt === undefined; t += T_MS) {
        h.advance(T_MS);
        const snap = h.snapshot();
        const disrupted = snap.subnets.some((s: any) => s.disrupted);
        cut ||= disrupted;
        if (cut && !disrupted) backAt ??= t;
        const task = snap.tasks.find((x: any) => x.cluster === 'payments' && x.availabilityZone === 'us-east-1b');
        if (backAt !== undefined && task?.targetHealth === 'healthy') healthyAt = t;
      }
      expect(backAt, `offset ${offset}`).toBeDefined();
      expect(healthyAt! - backAt!, `offset ${offset}`).toBeGreaterThanOrEqual(150_000 - T_MS);
      expect(healthyAt! - backAt!, `offset ${offset}`).toBeLessThanOrEqual(160_000);
    }
  });

  it('deregistration delay: a target Auto Scaling removes when it rebalances stays running, out of service, for the delay (default 300 s, or the world’s), then is terminated', async () => {
    for (const [delay, seconds] of [[undefined, 300], ['PT60S', 60]] as const) {
      for (const offset of [0, 5_000]) {
        const h = await shop((w) => {
          const lb = w.spec.application.loadBalancer!;
          if (delay === undefined) delete lb.deregistrationDelay;
          else lb.deregistrationDelay = delay;
        }, offset);
        // storefront-asg loses us-east-1b's two instances while it cannot launch there: it replaces them in
        // 1a and 1c, and once 1b takes launches again it launches there and removes the surplus.
        const template = await h.call('CreateExperimentTemplate', {
          description: 't',
          roleArn: 'arn:aws:iam::123456789012:role/gameday-fis',
          stopConditions: [{ source: 'none' }],
          targets: {
            Group: { resourceType: 'aws:ec2:autoscaling-group', resourceTags: { Service: 'storefront' }, selectionMode: 'ALL' },
            Instances: { resourceType: 'aws:ec2:instance', resourceTags: { Service: 'storefront' }, filters: [{ path: 'Placement.AvailabilityZone', values: ['us-east-1b'] }], selectionMode: 'ALL' },
          },
          actions: {
            Ice: { actionId: 'aws:ec2:asg-insufficient-instance-capacity-error', parameters: { duration: 'PT10M', availabilityZoneIdentifiers: 'us-east-1b', percentage: '100' }, targets: { AutoScalingGroups: 'Group' } },
            Stop: { actionId: 'aws:ec2:stop-instances', targets: { Instances: 'Instances' } },
          },
        });
        await h.call('StartExperiment', { experimentTemplateId: template.experimentTemplate.id });
        // Draining = running but out of service; every instance drains as long, so they leave in the order they started.
        const drains: number[] = [];
        const since: number[] = [];
        // Auto Scaling acts on the 10-s steps: one look a step sees every change.
        for (let t = 0; t < 40 * 60_000; t += STEP) {
          h.advance(STEP);
          const snap = h.snapshot();
          const running = snap.instances.filter((i: any) => i.autoScalingGroup === 'storefront-asg' && i.state === 'running').length;
          const draining = running - snap.autoScalingGroups.find((g: any) => g.name === 'storefront-asg').inService;
          while (since.length < draining) since.push(t);
          while (since.length > draining) drains.push(t - since.shift()!);
        }
        expect(drains.length, `delay ${delay} offset ${offset}`).toBeGreaterThan(0);
        for (const d of drains) expect(d, `delay ${delay} offset ${offset}: drains ${drains.join(', ')} ms`).toBe(seconds * 1000);
      }
    }
  });
});
