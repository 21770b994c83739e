import type { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { awsCall, describeEach, unlessNotFound } from './call.js';
import { lazyClient, type AwsConnectionOptions } from './client-factory.js';
import type { Caches, ReplicationGroupState } from './ports.js';

type ElastiCacheModule = typeof import('./sdk/elasticache.js');

/** ElastiCache on @aws-sdk/client-elasticache: the replication groups the restoration check inspects, one call each. */
export class ElastiCacheCaches implements Caches {
  private readonly connect: () => Promise<{ sdk: ElastiCacheModule; client: ElastiCacheClient }>;

  constructor(options: AwsConnectionOptions) {
    this.connect = lazyClient('elasticache', options, () => import('./sdk/elasticache.js'), (elasticache, config) => new elasticache.ElastiCacheClient(config as never));
  }

  replicationGroups(ids: string[]): Promise<Record<string, ReplicationGroupState>> {
    return describeEach(ids, (id) => this.replicationGroup(id));
  }

  private async replicationGroup(id: string): Promise<ReplicationGroupState> {
    const { sdk: elasticache, client } = await this.connect();
    const out = await unlessNotFound(
      awsCall('elasticache:DescribeReplicationGroups', () => client.send(new elasticache.DescribeReplicationGroupsCommand({ ReplicationGroupId: id }))),
    );
    const group = out?.ReplicationGroups?.[0];
    if (!group) return { status: 'not-found', primaryAvailabilityZones: [] };
    const primaries = (group.NodeGroups ?? []).flatMap((g) => (g.NodeGroupMembers ?? []).filter((m) => m.CurrentRole === 'primary').map((m) => m.PreferredAvailabilityZone ?? ''));
    return { status: group.Status ?? 'unknown', primaryAvailabilityZones: primaries.filter((az) => az !== '') };
  }
}
