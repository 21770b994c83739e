import { ServiceError, type ServiceBackend } from '../contracts.js';
import type { DatabaseCluster, DatabaseInstance, WorldModel } from '../world/model.js';
import { tagList } from '../world/resources.js';
import type { Members } from './members.js';
import { describeByIdentifier } from './paging.js';

/**
 * The RDS subset the post-run restoration check reads, derived from the world's Aurora clusters:
 * DescribeDBClusters and DescribeDBInstances (by identifier or ARN, or all; MaxRecords/Marker).
 * Statuses are the sandbox's reading of the simulated cluster, in RDS's words: `failing-over` while a
 * reader is promoted; `rebooting` while the writer restarts, and while a writer with no reader to fail
 * over to has lost its AZ (RDS keeps trying to bring it back); `available` otherwise.
 */
export function createRdsBackend(options: { model: WorldModel }): ServiceBackend {
  const { model } = options;
  return {
    service: 'rds',
    operations: {
      DescribeDBClusters(input) {
        rejectFilters(input);
        const { items, marker } = describeByIdentifier(
          input,
          'DBClusterIdentifier',
          [...model.databases.values()],
          (d, id) => d.spec.identifier === id || d.arn === id,
          (id) => new ServiceError('DBClusterNotFoundFault', `DBCluster ${id} not found.`, 404),
        );
        return { DBClusters: items.map((d) => describeCluster(model, d)), ...(marker ? { Marker: marker } : {}) };
      },

      DescribeDBInstances(input) {
        rejectFilters(input);
        const { items, marker } = describeByIdentifier(
          input,
          'DBInstanceIdentifier',
          [...model.databases.values()].flatMap((db) => model.databaseInstances(db).map((instance) => ({ db, instance }))),
          ({ instance }, id) => instance.id === id || instance.arn === id,
          // RDS's wire code for DBInstanceNotFoundFault is DBInstanceNotFound (the SDK maps it back).
          (id) => new ServiceError('DBInstanceNotFound', `DBInstance ${id} not found.`, 404),
        );
        return { DBInstances: items.map(({ db, instance }) => describeInstance(model, db, instance)), ...(marker ? { Marker: marker } : {}) };
      },
    },
  };
}

function clusterStatus(db: DatabaseCluster): string {
  if (db.status === 'available' || db.status === 'failing-over') return db.status;
  return 'rebooting';
}

function instanceStatus(model: WorldModel, db: DatabaseCluster, instance: DatabaseInstance): string {
  if (instance.isWriter) return db.status === 'available' ? 'available' : 'rebooting';
  return model.isAzImpaired(instance.availabilityZone) ? 'rebooting' : 'available';
}

function describeCluster(model: WorldModel, db: DatabaseCluster): Record<string, unknown> {
  const instances = model.databaseInstances(db);
  return {
    DBClusterIdentifier: db.spec.identifier,
    DBClusterArn: db.arn,
    Engine: db.spec.engine,
    Status: clusterStatus(db),
    MultiAZ: instances.length > 1,
    AvailabilityZones: [...new Set(instances.map((i) => i.availabilityZone))].sort(),
    DBClusterMembers: instances.map((i) => ({ DBInstanceIdentifier: i.id, IsClusterWriter: i.isWriter, DBClusterParameterGroupStatus: 'in-sync', PromotionTier: 1 })),
    TagList: tagList(db.spec.tags ?? {}),
  };
}

function describeInstance(model: WorldModel, db: DatabaseCluster, instance: DatabaseInstance): Record<string, unknown> {
  return {
    DBInstanceIdentifier: instance.id,
    DBInstanceArn: instance.arn,
    DBClusterIdentifier: db.spec.identifier,
    Engine: db.spec.engine,
    DBInstanceClass: 'db.r6g.large',
    DBInstanceStatus: instanceStatus(model, db, instance),
    AvailabilityZone: instance.availabilityZone,
    MultiAZ: false,
    TagList: tagList(db.spec.tags ?? {}),
  };
}

/** Filters are not emulated; answering as if there were none would return resources the caller excluded. */
function rejectFilters(input: Members): void {
  if (input.Filters !== undefined && input.Filters !== '') {
    throw new ServiceError('InvalidParameterValue', 'The sandbox does not emulate Filters on RDS Describe calls; select by identifier instead.');
  }
}
