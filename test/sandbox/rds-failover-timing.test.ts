import { readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeDBClustersCommand, RDSClient } from '@aws-sdk/client-rds';
import { CreateExperimentTemplateCommand, GetExperimentCommand, StartExperimentCommand, type CreateExperimentTemplateCommandInput } from '@aws-sdk/client-fis';
import { parseDocument, type YAMLMap, type YAMLSeq } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { clientConfig, sandboxClients } from '../helpers/aws-clients.js';
import { worldPath } from './worlds.js';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

const ROLE = 'arn:aws:iam::123456789012:role/gameday-fis';
const CLUSTER = (id: string) => `arn:aws:rds:us-east-1:123456789012:cluster:${id}`;
/**
 * Clock starts within one 10-s simulation step: the first action lands 5.3 s later (FIS's start), so
 * at 09:00:05.3 (between steps), 09:00:10.000 (on a step), 09:00:10.3 (just after one) and 09:00:14.1.
 */
const OFFSETS_SECONDS = [0, 4.7, 5, 8.8];

/** shop-platform, with payments-db (Aurora, writer in us-east-1b, reader in us-east-1a) deployed as `deployment` and no failoverTime override. */
async function shopWith(deployment: string): Promise<string> {
  const doc = parseDocument(await readFile(worldPath('shop-platform.yaml'), 'utf8'));
  const db = (doc.getIn(['spec', 'rdsClusters']) as YAMLSeq<YAMLMap>).items.find((d) => d.get('identifier') === 'payments-db')!;
  db.set('deployment', deployment);
  db.delete('failoverTime');
  const file = join(await mkdtemp(join(tmpdir(), 'gameday-rds-timing-')), 'world.yaml');
  await writeFile(file, doc.toString());
  return file;
}

/**
 * One experiment through the real FIS client on an embedded sandbox started `offsetSeconds` past
 * 09:00:00, then DescribeDBClusters (the real RDS client) every whole second after the action's
 * startTime: seconds from the action's start until the cluster is `available` again.
 */
async function writeOutage(world: string, offsetSeconds: number, cluster: string, template: Omit<CreateExperimentTemplateCommandInput, 'roleArn' | 'description'>): Promise<number> {
  sandbox = await startSandbox({ world, eventClock: true, clockStart: Date.UTC(2026, 5, 1, 9, 0, 0) + offsetSeconds * 1000 });
  const waits = sandbox.waits!;
  const { fis } = sandboxClients(sandbox.url, { maxAttempts: 1 });
  const rds = new RDSClient(clientConfig(sandbox.url, 1));
  const { experimentTemplate } = await fis.send(new CreateExperimentTemplateCommand({ description: 'failover timing', roleArn: ROLE, ...template }));
  const { experiment } = await fis.send(new StartExperimentCommand({ experimentTemplateId: experimentTemplate!.id }));
  let actionStart: number | undefined;
  while (actionStart === undefined) {
    await waits.sleep(1000);
    actionStart = (await fis.send(new GetExperimentCommand({ id: experiment!.id }))).experiment!.actions!['A']!.startTime?.getTime();
  }
  let wentDown = false;
  for (let second = 1; second <= 15 * 60; second++) {
    await waits.sleep(actionStart + second * 1000 - waits.nowMs());
    const status = (await rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: cluster }))).DBClusters![0]!.Status;
    if (status !== 'available') wentDown = true;
    else if (wentDown) return second;
  }
  throw new Error(`${cluster} never went down and came back`);
}

const failoverCluster = (id: string) => ({
  stopConditions: [{ source: 'none' }],
  targets: { Db: { resourceType: 'aws:rds:cluster', resourceArns: [CLUSTER(id)], selectionMode: 'ALL' } },
  actions: { A: { actionId: 'aws:rds:failover-db-cluster', targets: { Clusters: 'Db' } } },
});

async function outages(world: string, cluster: string, template: Omit<CreateExperimentTemplateCommandInput, 'roleArn' | 'description'>): Promise<number[]> {
  const seen: number[] = [];
  for (const offset of OFFSETS_SECONDS) {
    seen.push(await writeOutage(world, offset, cluster, template));
    await sandbox!.stop();
    sandbox = undefined;
  }
  return seen;
}

describe('RDS failover times seen through DescribeDBClusters, wherever between simulation steps the fault lands (AWS published ranges)', () => {
  it('Multi-AZ DB cluster (orders-db): FailoverDBCluster is over in under 35 s, the same at every clock start', async () => {
    const seen = await outages(worldPath('shop-platform.yaml'), 'orders-db', failoverCluster('orders-db'));
    for (const s of seen) expect(s, `outages ${seen.join(', ')} s`).toBeLessThanOrEqual(35);
    expect(new Set(seen).size, `outages ${seen.join(', ')} s`).toBe(1);
  });

  it('Multi-AZ DB cluster: losing the writer’s AZ (its subnet cut off, its writer rebooted there, as the AZ power interruption does) fails over in under 35 s from the fault', async () => {
    // orders-db's writer is in us-east-1a; its standbys in 1b and 1c. A subnet cut alone fails nothing
    // over (test/sandbox/az-impairment.test.ts): FIS reaches a database only through the RDS actions.
    const seen = await outages(worldPath('shop-platform.yaml'), 'orders-db', {
      stopConditions: [{ source: 'none' }],
      targets: {
        Subnets: { resourceType: 'aws:ec2:subnet', resourceArns: ['arn:aws:ec2:us-east-1:123456789012:subnet/subnet-05a0b0c0d0e0f0001'], selectionMode: 'ALL' },
        Db: { resourceType: 'aws:rds:db', resourceArns: ['arn:aws:rds:us-east-1:123456789012:db:orders-db-instance-1'], selectionMode: 'ALL' },
      },
      actions: {
        A: { actionId: 'aws:network:disrupt-connectivity', parameters: { duration: 'PT5M', scope: 'all' }, targets: { Subnets: 'Subnets' } },
        B: { actionId: 'aws:rds:reboot-db-instances', parameters: {}, targets: { DBInstances: 'Db' } },
      },
    });
    for (const s of seen) expect(s, `outages ${seen.join(', ')} s`).toBeLessThanOrEqual(35);
    expect(new Set(seen).size, `outages ${seen.join(', ')} s`).toBe(1);
  });

  it('Aurora with a replica (payments-db): under 60 s, the same at every clock start', async () => {
    const seen = await outages(worldPath('shop-platform.yaml'), 'payments-db', failoverCluster('payments-db'));
    for (const s of seen) expect(s, `outages ${seen.join(', ')} s`).toBeLessThanOrEqual(60);
    expect(new Set(seen).size, `outages ${seen.join(', ')} s`).toBe(1);
  });

  it('Multi-AZ DB instance: a reboot with failover takes 60–120 s, the same at every clock start', async () => {
    const seen = await outages(await shopWith('multi-az-instance'), 'payments-db', {
      stopConditions: [{ source: 'none' }],
      targets: { Db: { resourceType: 'aws:rds:db', resourceArns: ['arn:aws:rds:us-east-1:123456789012:db:payments-db-instance-1'], selectionMode: 'ALL' } },
      actions: { A: { actionId: 'aws:rds:reboot-db-instances', parameters: { forceFailover: 'true' }, targets: { DBInstances: 'Db' } } },
    });
    for (const s of seen) {
      expect(s, `outages ${seen.join(', ')} s`).toBeGreaterThanOrEqual(60);
      expect(s, `outages ${seen.join(', ')} s`).toBeLessThanOrEqual(120);
    }
    expect(new Set(seen).size, `outages ${seen.join(', ')} s`).toBe(1);
  });
});
