import { ServiceError, type ServiceBackend } from '../contracts.js';
import type { CacheGroup, WorldModel } from '../world/model.js';
import { describeByIdentifier } from './paging.js';

/**
 * The ElastiCache subset the post-run restoration check reads: DescribeReplicationGroups (by id, or
 * all; MaxRecords/Marker), derived from the world's replication groups. One node group (cluster mode
 * disabled) whose members carry their AZ and current role. The group is `modifying` while a replica is
 * promoted and while it has no primary at all (its AZ powered off, no replica to promote); `available`
 * otherwise.
 */
export function createElastiCacheBackend(options: { model: WorldModel }): ServiceBackend {
  const { model } = options;
  return {
    service: 'elasticache',
    operations: {
      DescribeReplicationGroups(input) {
        const { items, marker } = describeByIdentifier(
          input,
          'ReplicationGroupId',
          [...model.caches.values()],
          (c, id) => c.spec.id === id,
          (id) => new ServiceError('ReplicationGroupNotFoundFault', `ReplicationGroup ${id} not found.`, 404),
        );
        return { ReplicationGroups: items.map((c) => describeReplicationGroup(model, c)), ...(marker ? { Marker: marker } : {}) };
      },
    },
  };
}

function describeReplicationGroup(model: WorldModel, cache: CacheGroup): Record<string, unknown> {
  const members = model.cacheMembers(cache);
  const status = cache.status === 'available' ? 'available' : 'modifying';
  const multiAz = members.length > 1 ? 'enabled' : 'disabled';
  return {
    ReplicationGroupId: cache.spec.id,
    ARN: cache.arn,
    Description: `${cache.spec.id} (sandbox)`,
    Status: status,
    MemberClusters: members.map((m) => m.id),
    NodeGroups: [
      {
        NodeGroupId: '0001',
        Status: status,
        NodeGroupMembers: members.map((m) => ({ CacheClusterId: m.id, CacheNodeId: '0001', PreferredAvailabilityZone: m.availabilityZone, CurrentRole: m.role })),
      },
    ],
    AutomaticFailover: multiAz,
    MultiAZ: multiAz,
    ClusterEnabled: false,
  };
}
