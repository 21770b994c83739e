import { ServiceError, type ServiceBackend } from '../contracts.js';
import type { EcsService, WorldModel } from '../world/model.js';
import { list, optionalString } from './members.js';

/** DescribeServices: "services: A list of services to describe. You may specify up to 10 services to describe in a single operation." */
const MAX_SERVICES = 10;

/**
 * The ECS subset the post-run restoration check reads: DescribeServices, derived from the world's
 * services. runningCount is the service's tasks in RUNNING (a stopped task drops it until the world's
 * scheduler starts the replacement, `replaceAfter` later); pendingCount the replacements not yet started.
 * An unknown cluster is ClusterNotFoundException; unknown services come back in `failures` (MISSING),
 * as ECS does.
 */
export function createEcsBackend(options: { model: WorldModel }): ServiceBackend {
  const { model } = options;
  return {
    service: 'ecs',
    operations: {
      DescribeServices(input) {
        const clusterName = clusterNamed(model, optionalString(input, 'cluster') ?? 'default');
        const names = list(input, 'services');
        if (names.length === 0) throw new ServiceError('InvalidParameterException', 'Services cannot be empty.');
        if (names.length > MAX_SERVICES) throw new ServiceError('InvalidParameterException', `services can have at most ${MAX_SERVICES} items.`);
        const withTags = list(input, 'include').includes('TAGS');
        const services: Record<string, unknown>[] = [];
        const failures: { arn: string; reason: string }[] = [];
        for (const raw of names) {
          const name = String(raw);
          const service = [...model.ecsServices.values()].find((s) => s.cluster === clusterName && (s.spec.name === name || s.arn === name));
          if (service) services.push(describeService(model, service, withTags));
          else failures.push({ arn: name.startsWith('arn:') ? name : model.arn('ecs', `service/${clusterName}/${name}`), reason: 'MISSING' });
        }
        return { services, failures };
      },
    },
  };
}

/** The cluster's name, from a name or an ARN; ClusterNotFoundException when the world has no such cluster. */
function clusterNamed(model: WorldModel, cluster: string): string {
  const found = (model.world.spec.ecsClusters ?? []).find((c) => c.name === cluster || model.arn('ecs', `cluster/${c.name}`) === cluster);
  if (!found) throw new ServiceError('ClusterNotFoundException', 'Cluster not found.');
  return found.name;
}

function describeService(model: WorldModel, service: EcsService, withTags: boolean): Record<string, unknown> {
  const runningCount = model.serviceTasks(service).filter((t) => t.state === 'RUNNING').length;
  const pendingCount = service.pendingReplacements.length;
  const desiredCount = service.spec.desiredCount;
  return {
    serviceArn: service.arn,
    serviceName: service.spec.name,
    clusterArn: service.clusterArn,
    status: 'ACTIVE',
    desiredCount,
    runningCount,
    pendingCount,
    launchType: 'FARGATE',
    schedulingStrategy: 'REPLICA',
    deployments: [{ id: `ecs-svc/${service.spec.name}`, status: 'PRIMARY', desiredCount, runningCount, pendingCount, rolloutState: 'COMPLETED' }],
    ...(withTags ? { tags: Object.entries(service.tags).map(([key, value]) => ({ key, value })) } : {}),
  };
}
