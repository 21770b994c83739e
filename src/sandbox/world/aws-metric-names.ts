/**
 * A world metric in an AWS namespace must be named as that service publishes it for the resource its
 * `source` reads: a scenario rehearsed on it then reads, against AWS, a metric that exists. Custom
 * namespaces are the team's to name. Sources: the CloudWatch metrics pages of SQS (QueueName), EC2 Auto
 * Scaling (AutoScalingGroupName), RDS (DBClusterIdentifier, DBInstanceIdentifier), ElastiCache
 * (CacheClusterId, CacheNodeId), Application Load Balancers (LoadBalancer, TargetGroup, AvailabilityZone),
 * ECS and Container Insights (ClusterName, ServiceName) and EC2 (AutoScalingGroupName, InstanceId).
 */
import { sourceKind } from './metrics.js';
import type { PublishedMetricSpec, ServiceSpec, World } from './types.js';

type Dimensions = Record<string, string>;

/** Why `m` is not named as AWS names that metric of its resource; undefined when it is, or the namespace is not AWS's. */
export function awsMetricNameProblem(m: PublishedMetricSpec, world: World): string | undefined {
  const s = world.spec;
  const kind = sourceKind(m.source);
  const only = <T>(list: readonly T[] | undefined) => (list?.length === 1 ? list[0] : undefined);
  const dims: Dimensions = m.dimensions ?? {};
  const named = `${m.namespace} ${m.name}`;
  const expect = (what: string, ok: boolean, as: string) => (ok ? undefined : `${named} follows ${what}: AWS publishes it by ${as}, not ${JSON.stringify(dims)}`);
  const exactly = (wanted: Dimensions, optional: readonly string[] = []) =>
    Object.entries(wanted).every(([k, v]) => dims[k] === v) && Object.keys(dims).every((k) => k in wanted || optional.includes(k));
  const service = (): ServiceSpec | undefined => [s.application, ...(s.services ?? [])].find((x) => x.name === (m.resource ?? s.application.name));
  const wrongKind = (wanted: string) => `${named}: ${m.namespace} metrics are ${wanted} metrics, but source ${m.source} reads a ${kind}`;

  switch (m.namespace) {
    case 'AWS/SQS': {
      if (kind !== 'queue') return wrongKind('queue');
      const queue = m.resource ?? only(s.queues)?.name;
      return queue === undefined ? undefined : expect(`queue ${queue}`, exactly({ QueueName: queue }), `QueueName=${queue}`);
    }
    case 'AWS/AutoScaling': {
      if (kind !== 'group') return wrongKind('Auto Scaling group');
      const group = m.resource ?? only(s.autoScalingGroups)?.name;
      return group === undefined ? undefined : expect(`group ${group}`, exactly({ AutoScalingGroupName: group }), `AutoScalingGroupName=${group}`);
    }
    case 'AWS/RDS': {
      if (kind !== 'database') return wrongKind('database');
      const db = (s.rdsClusters ?? []).find((c) => c.identifier === m.resource) ?? only(s.rdsClusters);
      if (db === undefined) return undefined;
      const instances = [db.writerAvailabilityZone, ...(db.readerAvailabilityZones ?? [])].map((_, i) => `${db.identifier}-instance-${i + 1}`);
      const ok = exactly({ DBClusterIdentifier: db.identifier }) || (Object.keys(dims).length === 1 && instances.includes(dims.DBInstanceIdentifier ?? ''));
      return expect(`cluster ${db.identifier}`, ok, `DBClusterIdentifier=${db.identifier} (or DBInstanceIdentifier=${instances.join(' | ')})`);
    }
    case 'AWS/ElastiCache': {
      if (kind !== 'cache') return wrongKind('cache');
      const cache = (s.elastiCacheReplicationGroups ?? []).find((c) => c.id === m.resource) ?? only(s.elastiCacheReplicationGroups);
      if (cache === undefined) return undefined;
      const nodes = [cache.primaryAvailabilityZone, ...(cache.replicaAvailabilityZones ?? [])].map((_, i) => `${cache.id}-${String(i + 1).padStart(3, '0')}`);
      return expect(`replication group ${cache.id}`, nodes.includes(dims.CacheClusterId ?? '') && Object.keys(dims).every((k) => k === 'CacheClusterId' || k === 'CacheNodeId'), `CacheClusterId=${nodes.join(' | ')}`);
    }
    case 'AWS/ApplicationELB': {
      if (kind !== 'service') return wrongKind('load balancer');
      const svc = service();
      if (svc === undefined) return undefined;
      if (svc.loadBalancer === undefined) return `${named} follows service ${svc.name}, which has no load balancer: AWS/ApplicationELB has no metrics for it`;
      return expect(`service ${svc.name}`, dims.LoadBalancer === svc.loadBalancer.name && Object.keys(dims).every((k) => ['LoadBalancer', 'TargetGroup', 'AvailabilityZone'].includes(k)), `LoadBalancer=${svc.loadBalancer.name}`);
    }
    case 'AWS/ECS':
    case 'ECS/ContainerInsights': {
      if (kind !== 'service') return wrongKind('ECS service');
      const svc = service();
      if (svc === undefined) return undefined;
      if (!('ecsService' in svc.servedBy)) return `${named} follows service ${svc.name}, which runs on Auto Scaling group ${svc.servedBy.autoScalingGroup}, not on ECS`;
      const { cluster, service: name } = svc.servedBy.ecsService;
      return expect(`service ${svc.name}`, exactly({ ClusterName: cluster, ServiceName: name }), `ClusterName=${cluster}, ServiceName=${name}`);
    }
    case 'AWS/EC2': {
      if (kind !== 'service') return wrongKind('instance');
      const svc = service();
      if (svc === undefined || !('autoScalingGroup' in svc.servedBy)) return undefined;
      const group = svc.servedBy.autoScalingGroup;
      return expect(`service ${svc.name}`, exactly({ AutoScalingGroupName: group }) || (Object.keys(dims).length === 1 && dims.InstanceId !== undefined), `AutoScalingGroupName=${group} (or InstanceId)`);
    }
    default:
      return undefined;
  }
}
