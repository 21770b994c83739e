import type { RDSClient } from '@aws-sdk/client-rds';
import { awsCall, describeEach, unlessNotFound } from './call.js';
import { lazyClient, type AwsConnectionOptions } from './client-factory.js';
import type { Databases, DbClusterState, DbInstanceState } from './ports.js';

type RdsModule = typeof import('./sdk/rds.js');

/**
 * RDS on @aws-sdk/client-rds: the clusters and instances the restoration check inspects. Describe
 * calls take one identifier each (an unknown one is DBClusterNotFoundFault / DBInstanceNotFound), so
 * each is asked on its own: a fault hits a handful of them.
 */
export class RdsDatabases implements Databases {
  private readonly connect: () => Promise<{ sdk: RdsModule; client: RDSClient }>;

  constructor(options: AwsConnectionOptions) {
    this.connect = lazyClient('rds', options, () => import('./sdk/rds.js'), (rds, config) => new rds.RDSClient(config as never));
  }

  clusters(identifiers: string[]): Promise<Record<string, DbClusterState>> {
    return describeEach(identifiers, (id) => this.cluster(id));
  }

  instances(identifiers: string[]): Promise<Record<string, DbInstanceState>> {
    return describeEach(identifiers, (id) => this.instance(id));
  }

  private async cluster(id: string): Promise<DbClusterState> {
    const { sdk: rds, client } = await this.connect();
    const out = await unlessNotFound(awsCall('rds:DescribeDBClusters', () => client.send(new rds.DescribeDBClustersCommand({ DBClusterIdentifier: id }))));
    const cluster = out?.DBClusters?.[0];
    if (!cluster) return { status: 'not-found' };
    const writerId = cluster.DBClusterMembers?.find((m) => m.IsClusterWriter)?.DBInstanceIdentifier;
    return { status: cluster.Status ?? 'unknown', ...(writerId ? { writer: { id: writerId, ...(await this.instance(writerId)) } } : {}) };
  }

  private async instance(id: string): Promise<DbInstanceState> {
    const { sdk: rds, client } = await this.connect();
    const out = await unlessNotFound(awsCall('rds:DescribeDBInstances', () => client.send(new rds.DescribeDBInstancesCommand({ DBInstanceIdentifier: id }))));
    const instance = out?.DBInstances?.[0];
    if (!instance) return { status: 'not-found' };
    return { status: instance.DBInstanceStatus ?? 'unknown', ...(instance.AvailabilityZone ? { availabilityZone: instance.AvailabilityZone } : {}) };
  }
}
