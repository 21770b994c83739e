import type { ECSClient } from '@aws-sdk/client-ecs';
import { awsCall } from './call.js';
import { lazyClient, type AwsConnectionOptions } from './client-factory.js';
import { chunk } from './cloudwatch-metrics.js';
import type { ContainerServices, EcsServiceState } from './ports.js';

type EcsModule = typeof import('./sdk/ecs.js');

/** DescribeServices takes up to 10 services a call. */
const SERVICES_PER_CALL = 10;

/** ECS on @aws-sdk/client-ecs: the task counts of the services the restoration check inspects. */
export class EcsContainerServices implements ContainerServices {
  private readonly connect: () => Promise<{ sdk: EcsModule; client: ECSClient }>;

  constructor(options: AwsConnectionOptions) {
    this.connect = lazyClient('ecs', options, () => import('./sdk/ecs.js'), (ecs, config) => new ecs.ECSClient(config as never));
  }

  /** Unknown services are not an error in ECS: they come back in `failures` with a reason (MISSING), kept as the status. */
  async services(cluster: string, services: string[]): Promise<Record<string, EcsServiceState>> {
    const { sdk: ecs, client } = await this.connect();
    const states: Record<string, EcsServiceState> = {};
    for (const batch of chunk([...new Set(services)], SERVICES_PER_CALL)) {
      const out = await awsCall('ecs:DescribeServices', () => client.send(new ecs.DescribeServicesCommand({ cluster, services: batch })));
      for (const given of batch) {
        const found = out.services?.find((s) => s.serviceName === given || s.serviceArn === given);
        if (found) {
          states[given] = { status: found.status ?? 'unknown', desiredCount: found.desiredCount ?? 0, runningCount: found.runningCount ?? 0, pendingCount: found.pendingCount ?? 0 };
        } else {
          const failure = out.failures?.find((f) => f.arn === given || f.arn?.endsWith(`/${given}`));
          states[given] = { status: failure?.reason ?? 'MISSING', desiredCount: 0, runningCount: 0, pendingCount: 0 };
        }
      }
    }
    return states;
  }
}
