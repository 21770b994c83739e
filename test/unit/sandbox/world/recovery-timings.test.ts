import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../../../src/sandbox/clock.js';
import { createSimulation } from '../../../../src/sandbox/simulation.js';
import { loadWorld } from '../../../../src/sandbox/world/load-world.js';
import type { DatabaseDeployment, World } from '../../../../src/sandbox/world/types.js';
import { FakeCloudWatch } from '../fake-cloudwatch.js';
import { START, WORLDS } from '../harness.js';

const STEP = 10_000;

async function shop(edit: (w: World) => void) {
  const world = await loadWorld(new URL('shop-platform.yaml', WORLDS).pathname);
  edit(world);
  const clock = new VirtualClock({ start: START, realNow: () => 0 });
  const simulation = createSimulation({ world, clock, cloudwatch: new FakeCloudWatch(), seed: world.spec.seed });
  const call = (operation: string, input: Record<string, unknown>) => simulation.backends.find((b) => b.service === 'fis')!.operations[operation]!(input, { region: 'us-east-1', requestId: 't' }) as any;
  const advance = (ms: number) => {
    clock.advance(ms);
    simulation.advanceTo(clock.now());
  };
  return { simulation, call, advance, snapshot: () => simulation.snapshot() as any };
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
    const template = await h.call('CreateExperimentTemplate', {
      description: 't',
      roleArn: 'arn:aws:iam::123456789012:role/gameday-fis',
      stopConditions: [{ source: 'none' }],
      targets: { T: { resourceType: 'aws:ec2:subnet', resourceTags: { AzImpairmentPower: 'DisruptSubnet' }, filters: [{ path: 'AvailabilityZone', values: ['us-east-1b'] }], selectionMode: 'ALL' } },
      actions: { A: { actionId: 'aws:network:disrupt-connectivity', parameters: { duration: 'PT5M', scope: 'all' }, targets: { Subnets: 'T' } } },
    });
    await h.call('StartExperiment', { experimentTemplateId: template.experimentTemplate.id });
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
});
