import { DescribeDBClustersCommand, DescribeDBInstancesCommand, RDSClient } from '@aws-sdk/client-rds';
import { CreateExperimentTemplateCommand, StartExperimentCommand, type CreateExperimentTemplateCommandInput } from '@aws-sdk/client-fis';
import { afterEach, describe, expect, it } from 'vitest';
import { RdsDatabases } from '../../src/aws/rds-databases.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { SANDBOX_CREDENTIALS, SANDBOX_REGION, clientConfig, sandboxClients } from '../helpers/aws-clients.js';
import { azPowerTemplate } from '../helpers/az-power-template.js';
import { advanceClock, injectFault } from '../helpers/sandbox-control.js';
import { WORLD_START, worldPath } from './worlds.js';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

async function sandboxOf(world: string): Promise<{ url: string; rds: RDSClient; databases: RdsDatabases }> {
  sandbox = await startSandbox({ world: worldPath(world), speed: 1, clockStart: WORLD_START });
  return {
    url: sandbox.url,
    rds: new RDSClient(clientConfig(sandbox.url)),
    databases: new RdsDatabases({ region: SANDBOX_REGION, endpoint: sandbox.url, credentials: SANDBOX_CREDENTIALS, maxAttempts: 1 }),
  };
}

async function startAzPower(url: string): Promise<void> {
  const { fis } = sandboxClients(url, { maxAttempts: 1 });
  const { experimentTemplate } = await fis.send(new CreateExperimentTemplateCommand(azPowerTemplate('PT5M') as unknown as CreateExperimentTemplateCommandInput));
  await fis.send(new StartExperimentCommand({ experimentTemplateId: experimentTemplate!.id }));
}

describe('RDS awsQuery with the real RDSClient (3.523.0)', () => {
  it('DescribeDBClusters and DescribeDBInstances: the Aurora cluster, its members and where each instance is', async () => {
    const { rds } = await sandboxOf('multi-az-checkout.yaml');
    const { DBClusters } = await rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: 'checkout-db' }));
    expect(DBClusters).toEqual([
      expect.objectContaining({
        DBClusterIdentifier: 'checkout-db',
        DBClusterArn: 'arn:aws:rds:us-east-1:123456789012:cluster:checkout-db',
        Status: 'available',
        MultiAZ: true,
        AvailabilityZones: ['us-east-1a', 'us-east-1b'],
        DBClusterMembers: [expect.objectContaining({ DBInstanceIdentifier: 'checkout-db-instance-1', IsClusterWriter: true }), expect.objectContaining({ DBInstanceIdentifier: 'checkout-db-instance-2', IsClusterWriter: false })],
        TagList: expect.arrayContaining([{ Key: 'AzImpairmentPower', Value: 'DisruptRds' }]),
      }),
    ]);
    const byArn = await rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: 'arn:aws:rds:us-east-1:123456789012:cluster:checkout-db' }));
    expect(byArn.DBClusters?.map((c) => c.DBClusterIdentifier)).toEqual(['checkout-db']);
    const { DBInstances } = await rds.send(new DescribeDBInstancesCommand({}));
    expect(DBInstances?.map((i) => [i.DBInstanceIdentifier, i.DBInstanceStatus, i.AvailabilityZone, i.DBClusterIdentifier])).toEqual([
      ['checkout-db-instance-1', 'available', 'us-east-1b', 'checkout-db'],
      ['checkout-db-instance-2', 'available', 'us-east-1a', 'checkout-db'],
    ]);
  });

  it('unknown identifiers are RDS errors: DBClusterNotFoundFault, DBInstanceNotFoundFault (404); the port reports them not-found', async () => {
    const { rds, databases } = await sandboxOf('multi-az-checkout.yaml');
    await expect(rds.send(new DescribeDBClustersCommand({ DBClusterIdentifier: 'orders-db' }))).rejects.toMatchObject({
      name: 'DBClusterNotFoundFault',
      message: 'DBCluster orders-db not found.',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: 'orders-db-1' }))).rejects.toMatchObject({ name: 'DBInstanceNotFoundFault', $metadata: { httpStatusCode: 404 } });
    await expect(rds.send(new DescribeDBClustersCommand({ Filters: [{ Name: 'engine', Values: ['aurora-postgresql'] }] }))).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    expect(await databases.clusters(['orders-db'])).toEqual({ 'orders-db': { status: 'not-found' } });
    expect(await databases.instances(['orders-db-1'])).toEqual({ 'orders-db-1': { status: 'not-found' } });
  });

  it('throttling is retried by the SDK', async () => {
    const { url, rds } = await sandboxOf('multi-az-checkout.yaml');
    await injectFault(url, { service: 'rds', operation: 'DescribeDBClusters', kind: 'throttle', count: 2 });
    const out = await rds.send(new DescribeDBClustersCommand({}));
    expect(out.$metadata.attempts).toBe(3);
  });

  it('AZ power interruption: the cluster fails over to the reader in us-east-1a, then is available again there', async () => {
    const { url, databases } = await sandboxOf('multi-az-checkout.yaml');
    await startAzPower(url);
    await advanceClock(url, 20);
    expect(await databases.clusters(['checkout-db'])).toEqual({ 'checkout-db': { status: 'failing-over', writer: { id: 'checkout-db-instance-2', status: 'rebooting', availabilityZone: 'us-east-1a' } } });
    await advanceClock(url, 10 * 60);
    expect(await databases.clusters(['checkout-db'])).toEqual({ 'checkout-db': { status: 'available', writer: { id: 'checkout-db-instance-2', status: 'available', availabilityZone: 'us-east-1a' } } });
    expect(await databases.instances(['checkout-db-instance-1'])).toEqual({ 'checkout-db-instance-1': { status: 'available', availabilityZone: 'us-east-1b' } });
  });

  it('single-AZ cluster: its writer goes with the AZ and is not available again when the interruption ends', async () => {
    const { url, databases } = await sandboxOf('single-az-db-checkout.yaml');
    await startAzPower(url);
    await advanceClock(url, 60);
    const down = { 'checkout-db': { status: 'rebooting', writer: { id: 'checkout-db-instance-1', status: 'rebooting', availabilityZone: 'us-east-1b' } } };
    expect(await databases.clusters(['checkout-db'])).toEqual(down);
    // The AZ is back after 5 minutes; crash recovery takes the world's restartAfterAzRecovery (2 hours).
    await advanceClock(url, 30 * 60);
    expect(await databases.clusters(['checkout-db'])).toEqual(down);
  });
});
