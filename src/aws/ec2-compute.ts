import type { EC2Client } from '@aws-sdk/client-ec2';
import { awsCall, isNotFound } from './call.js';
import { lazyClient, type AwsConnectionOptions } from './client-factory.js';
import { chunk } from './cloudwatch-metrics.js';
import type { Compute } from './ports.js';

type Ec2Module = typeof import('./sdk/ec2.js');

/** Ids per DescribeInstances / filter values per DescribeNetworkAcls call (EC2 allows 200 filter values). */
const IDS_PER_CALL = 200;

/** EC2 on @aws-sdk/client-ec2: the instance states and network ACLs the restoration check inspects. */
export class Ec2Compute implements Compute {
  private readonly connect: () => Promise<{ sdk: Ec2Module; client: EC2Client }>;

  constructor(options: AwsConnectionOptions) {
    this.connect = lazyClient('ec2', options, () => import('./sdk/ec2.js'), (ec2, config) => new ec2.EC2Client(config as never));
  }

  async instanceStates(instanceIds: string[]): Promise<Record<string, string>> {
    const states: Record<string, string> = {};
    for (const batch of chunk([...new Set(instanceIds)], IDS_PER_CALL)) Object.assign(states, await this.describe(batch));
    return states;
  }

  /**
   * DescribeInstances fails the whole call when one id does not exist (InvalidInstanceID.NotFound),
   * so a failing batch is asked again one id at a time to tell which ids are gone.
   */
  private async describe(ids: string[]): Promise<Record<string, string>> {
    const { sdk: ec2, client } = await this.connect();
    const states: Record<string, string> = {};
    try {
      let nextToken: string | undefined;
      do {
        const out = await awsCall('ec2:DescribeInstances', () => client.send(new ec2.DescribeInstancesCommand({ InstanceIds: ids, ...(nextToken ? { NextToken: nextToken } : {}) })));
        for (const reservation of out.Reservations ?? []) {
          for (const instance of reservation.Instances ?? []) if (instance.InstanceId) states[instance.InstanceId] = instance.State?.Name ?? 'unknown';
        }
        nextToken = out.NextToken;
      } while (nextToken);
    } catch (error) {
      if (!isNotFound(error)) throw error;
      if (ids.length === 1) return { [ids[0] as string]: 'not-found' };
      for (const id of ids) Object.assign(states, await this.describe([id]));
    }
    for (const id of ids) states[id] ??= 'not-found';
    return states;
  }

  async subnetsWithFisAcl(subnetIds: string[]): Promise<string[]> {
    const wanted = new Set(subnetIds);
    const found = new Set<string>();
    if (wanted.size === 0) return [];
    const { sdk: ec2, client } = await this.connect();
    for (const batch of chunk([...wanted], IDS_PER_CALL)) {
      let nextToken: string | undefined;
      do {
        const out = await awsCall('ec2:DescribeNetworkAcls', () =>
          client.send(
            new ec2.DescribeNetworkAclsCommand({
              Filters: [
                { Name: 'association.subnet-id', Values: batch },
                { Name: 'tag:managedByFIS', Values: ['true'] },
              ],
              ...(nextToken ? { NextToken: nextToken } : {}),
            }),
          ),
        );
        for (const acl of out.NetworkAcls ?? []) {
          for (const association of acl.Associations ?? []) if (association.SubnetId && wanted.has(association.SubnetId)) found.add(association.SubnetId);
        }
        nextToken = out.NextToken;
      } while (nextToken);
    }
    return subnetIds.filter((id) => found.has(id));
  }
}
