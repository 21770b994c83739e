import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { CreateExperimentTemplateCommand, StartExperimentCommand } from '@aws-sdk/client-fis';
import { parseDocument } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { worldPath } from './worlds.js';
import { clientConfig, sandboxClients } from '../helpers/aws-clients.js';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

const GROUP = 'checkout-web-asg';
const DISRUPTED_SUBNET = 'subnet-0a1b2c3d4e5f60002'; // us-east-1b
const DISRUPTION_SECONDS = 20 * 60;

/** Seconds of virtual time at which each of the group's instances was first seen running and terminated. */
interface Life {
  az: string;
  running?: number;
  terminated?: number;
}

/**
 * The multi-AZ checkout world with the group's health check settings, its us-east-1b subnet cut off for
 * 20 minutes by FIS (aws:network:disrupt-connectivity): the instances there keep running but fail the
 * load balancer's health checks. Watched through the real EC2 client every 10 s of virtual time.
 */
async function lives(group: { healthCheckType?: 'EC2' | 'ELB'; healthCheckGracePeriod?: string }): Promise<Map<string, Life>> {
  const doc = parseDocument(await readFile(worldPath('multi-az-checkout.yaml'), 'utf8'));
  const groups = doc.getIn(['spec', 'autoScalingGroups']) as { items: { get(k: string): unknown; set(k: string, v: unknown): void }[] };
  const spec = groups.items.find((g) => g.get('name') === GROUP)!;
  for (const [key, value] of Object.entries(group)) spec.set(key, value);
  const file = join(await mkdtemp(join(tmpdir(), 'gameday-asg-health-')), 'world.yaml');
  await writeFile(file, doc.toString());

  sandbox = await startSandbox({ world: file, eventClock: true });
  const { fis } = sandboxClients(sandbox.url, { maxAttempts: 1 });
  const ec2 = new EC2Client(clientConfig(sandbox.url, 1));
  const template = await fis.send(
    new CreateExperimentTemplateCommand({
      description: 'cut off one subnet',
      roleArn: 'arn:aws:iam::123456789012:role/gameday-fis',
      stopConditions: [{ source: 'none' }],
      targets: { subnet: { resourceType: 'aws:ec2:subnet', resourceArns: [`arn:aws:ec2:us-east-1:123456789012:subnet/${DISRUPTED_SUBNET}`], selectionMode: 'ALL' } },
      actions: { cut: { actionId: 'aws:network:disrupt-connectivity', parameters: { duration: `PT${DISRUPTION_SECONDS}S`, scope: 'all' }, targets: { Subnets: 'subnet' } } },
    }),
  );
  await fis.send(new StartExperimentCommand({ experimentTemplateId: template.experimentTemplate!.id! }));
  const seen = new Map<string, Life>();
  for (let t = 10; t < DISRUPTION_SECONDS; t += 10) {
    await sandbox.waits!.sleep(10_000);
    const reservations = (await ec2.send(new DescribeInstancesCommand({}))).Reservations ?? [];
    for (const instance of reservations.flatMap((r) => r.Instances ?? [])) {
      if (!instance.Tags?.some((tag) => tag.Key === 'aws:autoscaling:groupName' && tag.Value === GROUP)) continue;
      const life = seen.get(instance.InstanceId!) ?? { az: instance.Placement!.AvailabilityZone! };
      if (instance.State!.Name === 'running') life.running ??= t;
      if (instance.State!.Name === 'terminated') life.terminated ??= t;
      seen.set(instance.InstanceId!, life);
    }
  }
  return seen;
}

const inDisruptedAz = (all: Map<string, Life>) => [...all.values()].filter((l) => l.az === 'us-east-1b');
/** Instances launched during the fault: first seen running after the first 10-s sample. */
const replacements = (all: Map<string, Life>) => inDisruptedAz(all).filter((l) => l.running !== undefined && l.running > 10);

describe('Auto Scaling health checks: EC2 or ELB type, and the health check grace period', () => {
  it('EC2 health checks (the default) do not replace instances the load balancer marks unhealthy: they are running', async () => {
    const all = await lives({});
    expect(inDisruptedAz(all).length).toBe(2);
    expect([...all.values()].filter((l) => l.terminated !== undefined)).toEqual([]);
  });

  it('ELB health checks replace them; with no grace period (the API default) a replacement that fails too is replaced soon after it comes into service', async () => {
    const all = await lives({ healthCheckType: 'ELB' });
    const original = inDisruptedAz(all).filter((l) => l.running === 10);
    expect(original).toHaveLength(2);
    // ALB: 2 × 10 s to mark them unhealthy, then replaceUnhealthyAfter (PT1M), on the 10-s step grid.
    for (const life of original) expect(life.terminated).toBeLessThanOrEqual(2 * 10 + 60 + 20);
    const replaced = replacements(all).filter((l) => l.terminated !== undefined);
    expect(replaced.length).toBeGreaterThan(0);
    for (const life of replaced) expect(life.terminated! - life.running!).toBeLessThanOrEqual(2 * 10 + 60 + 20);
  });

  it('a replacement is not health-checked before its grace period ends (HealthCheckGracePeriod 300 s, the console default)', async () => {
    const all = await lives({ healthCheckType: 'ELB', healthCheckGracePeriod: 'PT5M' });
    const replaced = replacements(all).filter((l) => l.terminated !== undefined);
    expect(replaced.length).toBeGreaterThan(0);
    for (const life of replaced) {
      expect(life.terminated! - life.running!).toBeGreaterThanOrEqual(300);
      expect(life.terminated! - life.running!).toBeLessThanOrEqual(300 + 20);
    }
  });
});
