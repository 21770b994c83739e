import { DescribeReplicationGroupsCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { CreateExperimentTemplateCommand, StartExperimentCommand, type CreateExperimentTemplateCommandInput } from '@aws-sdk/client-fis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { ElastiCacheCaches } from '../../src/aws/elasticache-caches.js';
import { RdsDatabases } from '../../src/aws/rds-databases.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { SANDBOX_CREDENTIALS, SANDBOX_REGION, clientConfig, sandboxClients } from '../helpers/aws-clients.js';
import { azPowerTemplate } from '../helpers/az-power-template.js';
import { advanceClock, injectFault } from '../helpers/sandbox-control.js';
import { WORLD_START, worldPath } from './worlds.js';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;
let sandbox: Sandbox;
let elasticache: ElastiCacheClient;
beforeAll(async () => {
  sandbox = await startSandbox({ world: worldPath('multi-az-checkout.yaml'), speed: 1, clockStart: WORLD_START });
  elasticache = new ElastiCacheClient(clientConfig(sandbox.url));
});
afterAll(() => sandbox.stop());

describe('ElastiCache awsQuery with the real ElastiCacheClient (3.523.0)', () => {
  it('DescribeReplicationGroups: the group, its node group members with their AZ and role', async () => {
    const { ReplicationGroups } = await elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'checkout-cache' }));
    expect(ReplicationGroups).toEqual([
      expect.objectContaining({
        ReplicationGroupId: 'checkout-cache',
        ARN: 'arn:aws:elasticache:us-east-1:123456789012:replicationgroup:checkout-cache',
        Status: 'available',
        MultiAZ: 'enabled',
        AutomaticFailover: 'enabled',
        MemberClusters: ['checkout-cache-001', 'checkout-cache-002', 'checkout-cache-003'],
        NodeGroups: [
          expect.objectContaining({
            Status: 'available',
            NodeGroupMembers: [
              expect.objectContaining({ CacheClusterId: 'checkout-cache-001', PreferredAvailabilityZone: 'us-east-1b', CurrentRole: 'primary' }),
              expect.objectContaining({ CacheClusterId: 'checkout-cache-002', PreferredAvailabilityZone: 'us-east-1a', CurrentRole: 'replica' }),
              expect.objectContaining({ CacheClusterId: 'checkout-cache-003', PreferredAvailabilityZone: 'us-east-1c', CurrentRole: 'replica' }),
            ],
          }),
        ],
      }),
    ]);
    expect((await elasticache.send(new DescribeReplicationGroupsCommand({}))).ReplicationGroups).toHaveLength(1);
  });

  it('an unknown group is ReplicationGroupNotFoundFault (404); the port reports it not-found; throttling is retried', async () => {
    await expect(elasticache.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'orders-cache' }))).rejects.toMatchObject({
      name: 'ReplicationGroupNotFoundFault',
      message: 'ReplicationGroup orders-cache not found.',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(elasticache.send(new DescribeReplicationGroupsCommand({ MaxRecords: 5 }))).rejects.toMatchObject({ name: 'InvalidParameterValueException' });
    const caches = new ElastiCacheCaches({ region: SANDBOX_REGION, endpoint: sandbox.url, credentials: SANDBOX_CREDENTIALS, maxAttempts: 1 });
    expect(await caches.replicationGroups(['orders-cache'])).toEqual({ 'orders-cache': { status: 'not-found', primaryAvailabilityZones: [] } });
    await injectFault(sandbox.url, { service: 'elasticache', operation: 'DescribeReplicationGroups', kind: 'throttle', count: 1 });
    expect((await elasticache.send(new DescribeReplicationGroupsCommand({}))).$metadata.attempts).toBe(2);
  });

  it('AZ power interruption: the primary in us-east-1b fails over to us-east-1a, the group is modifying, then available', async () => {
    const caches = new ElastiCacheCaches({ region: SANDBOX_REGION, endpoint: sandbox.url, credentials: SANDBOX_CREDENTIALS, maxAttempts: 1 });
    const { fis } = sandboxClients(sandbox.url, { maxAttempts: 1 });
    const { experimentTemplate } = await fis.send(new CreateExperimentTemplateCommand(azPowerTemplate('PT5M') as unknown as CreateExperimentTemplateCommandInput));
    await fis.send(new StartExperimentCommand({ experimentTemplateId: experimentTemplate!.id }));
    await advanceClock(sandbox.url, 20);
    expect(await caches.replicationGroups(['checkout-cache'])).toEqual({ 'checkout-cache': { status: 'modifying', primaryAvailabilityZones: ['us-east-1a'] } });
    await advanceClock(sandbox.url, 10 * 60);
    expect(await caches.replicationGroups(['checkout-cache'])).toEqual({ 'checkout-cache': { status: 'available', primaryAvailabilityZones: ['us-east-1a'] } });
  });
});

describe('ElastiCache AZ power is the cache nodes’ power only (FIS actions reference: the replication groups’ nodes in the AZ)', () => {
  it('on shop-platform, search-cache fails over; payments-db, whose writer is in the same AZ, does not, and payments do not fail', async () => {
    const shop = await startSandbox({ world: worldPath('shop-platform.yaml'), speed: 1, clockStart: WORLD_START });
    try {
      const caches = new ElastiCacheCaches({ region: SANDBOX_REGION, endpoint: shop.url, credentials: SANDBOX_CREDENTIALS, maxAttempts: 1 });
      const databases = new RdsDatabases({ region: SANDBOX_REGION, endpoint: shop.url, credentials: SANDBOX_CREDENTIALS, maxAttempts: 1 });
      const { fis, cloudwatch } = sandboxClients(shop.url, { maxAttempts: 1 });
      const writerBefore = (await databases.clusters(['payments-db']))['payments-db']!;
      expect(writerBefore).toMatchObject({ status: 'available', writer: { availabilityZone: 'us-east-1b' } });
      const { experimentTemplate } = await fis.send(
        new CreateExperimentTemplateCommand({
          description: 'search cache AZ power',
          roleArn: 'arn:aws:iam::123456789012:role/gameday-fis',
          stopConditions: [{ source: 'none' }],
          targets: { cache: { resourceType: 'aws:elasticache:replicationgroup', resourceTags: { Service: 'search' }, parameters: { availabilityZoneIdentifier: 'us-east-1b' }, selectionMode: 'ALL' } },
          actions: { power: { actionId: 'aws:elasticache:replicationgroup-interrupt-az-power', parameters: { duration: 'PT5M' }, targets: { ReplicationGroups: 'cache' } } },
        }),
      );
      const { experiment } = await fis.send(new StartExperimentCommand({ experimentTemplateId: experimentTemplate!.id }));
      await advanceClock(shop.url, 20);
      expect(await caches.replicationGroups(['search-cache'])).toEqual({ 'search-cache': { status: 'modifying', primaryAvailabilityZones: ['us-east-1c'] } });
      expect((await databases.clusters(['payments-db']))['payments-db']).toEqual(writerBefore);
      await advanceClock(shop.url, 6 * 60);
      expect((await databases.clusters(['payments-db']))['payments-db']).toEqual(writerBefore);
      const failed = await cloudwatch.send(
        new GetMetricDataCommand({
          StartTime: experiment!.creationTime,
          EndTime: new Date(experiment!.creationTime!.getTime() + 6 * 60_000),
          MetricDataQueries: [{ Id: 'failed', MetricStat: { Metric: { Namespace: 'Shop', MetricName: 'FailedPayments', Dimensions: [{ Name: 'Service', Value: 'payments' }] }, Period: 60, Stat: 'Sum' } }],
        }),
      );
      const values = failed.MetricDataResults![0]!.Values!;
      expect(values.length).toBeGreaterThan(3);
      expect(Math.max(...values)).toBe(0);
    } finally {
      await shop.stop();
    }
  });
});
