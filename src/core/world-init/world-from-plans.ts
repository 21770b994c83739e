/**
 * Plans → a starting sandbox world (`gameday world init`): the resources, tags, alarms and metrics the
 * scenarios reference, so that every target resolves and every alarm and probe metric exists before the
 * user has written a line. Pure: what it needs of a scenario is its compiled plan.
 */
import { GamedayError } from '../errors.js';
import type { Plan, TemplateTarget } from '../plan/types.js';
import type { AlarmDefinition } from '../../sandbox/contracts.js';
import { probeMetrics } from '../plan/probes.js';
import { sloMetrics } from '../plan/slo.js';
import { sourceKind } from '../../sandbox/world/metrics.js';
import type {
  AccountSpec,
  AutoScalingGroupSpec,
  EbsVolumeSpec,
  ElastiCacheSpec,
  EcsClusterSpec,
  IamRoleSpec,
  InstanceSpec,
  MetricSource,
  PublishedMetricSpec,
  QueueSpec,
  RdsClusterSpec,
  ReplicatedStoreSpec,
  ResilienceHubSpec,
  ServiceSpec,
  Tags,
  World,
} from '../../sandbox/world/types.js';

/** Why each part of the world is there, keyed by a path into the world (rendered as YAML comments). */
export type WorldNotes = Map<string, string>;

export interface InitWorld {
  world: World;
  notes: WorldNotes;
}

type Metric = { namespace: string; name: string; dimensions?: Record<string, string> };

export function worldFromPlans(plans: readonly Plan[]): InitWorld {
  const first = plans[0];
  if (first === undefined) throw new GamedayError('USAGE', 'world init needs at least one scenario');
  const { account, region } = first.target;
  for (const p of plans) {
    if (p.target.account !== account || p.target.region !== region) {
      throw new GamedayError('USAGE', `${p.scenario.file} targets ${p.target.account} ${p.target.region}, ${first.scenario.file} ${account} ${region}: one world is one account and Region`, { hint: 'run world init once per account and Region' });
    }
  }
  const notes: WorldNotes = new Map();
  // A multi-account experiment resolves its targets in its target accounts only: its resources go in the first of them.
  const targetAccounts = [...new Map(plans.flatMap((p) => p.targetAccounts ?? []).map((a) => [a.accountId, a])).values()];
  const inAccount = (a: string) => (a === account ? {} : { account: a });
  const targets = plans.flatMap((p) => Object.entries(p.template.targets).map(([name, t]) => ({ plan: p, name, t, why: `${p.scenario.name} target ${name}`, account: p.targetAccounts?.[0]?.accountId ?? account })));
  const metricsReferenced = plans.flatMap((p) => [...p.probes.flatMap(probeMetrics), ...(p.impact ?? []).map((c) => c.metric), ...(p.recovery.dataLoss?.metric ? [p.recovery.dataLoss.metric] : []), ...(p.slo ? sloMetrics(p.slo) : [])]);
  const lbDimension = metricsReferenced.map((m) => m.dimensions?.LoadBalancer).find((v) => v !== undefined && /^app\/[a-zA-Z0-9-]{1,32}\/[0-9a-f]{16}$/.test(v));
  const appName = slug(lbDimension?.split('/')[1]?.replace(/-alb$/, '') ?? first.scenario.name.split('-')[0] ?? 'app');
  const loadBalancer = lbDimension ?? `app/${appName}-alb/${hex(appName, 16)}`;

  const azPrefix = azIdPrefix(region);
  const referencedAzs = new Set(targets.flatMap(({ t }) => [...(t.filters ?? []).flatMap((f) => f.values), ...Object.values(t.parameters ?? {}).flatMap((v) => v.split(','))]).filter((v) => new RegExp(`^${region}[a-z]$`).test(v)));
  const azNames = [...new Set([`${region}a`, `${region}b`, `${region}c`, ...referencedAzs])].sort();
  const availabilityZones = azNames.map((name, i) => ({ name, id: `${azPrefix}-az${i + 1}` }));
  const azName = (identifier: string | undefined) => availabilityZones.find((az) => az.name === identifier || az.id === identifier)?.name;

  const of = (type: string) => targets.filter(({ t }) => t.resourceType === type);
  const tagSets = <T extends { t: TemplateTarget; why: string; account: string }>(list: T[]) => {
    const sets = new Map<string, { tags: Tags; why: string[]; account: string }>();
    for (const { t, why, account } of list) {
      const key = JSON.stringify([account, ...Object.entries(t.resourceTags ?? {}).sort()]);
      sets.set(key, { tags: { ...t.resourceTags }, why: [...(sets.get(key)?.why ?? []), why], account });
    }
    return [...sets.values()];
  };

  const iamRoles: IamRoleSpec[] = [{ name: first.target.roleArn.split('/').pop() ?? 'gameday-fis' }];
  notes.set('spec.iamRoles', 'the role FIS assumes (spec.target.roleArn), and every role a target names');
  for (const { t } of of('aws:iam:role')) {
    for (const name of t.resourceArns?.map((a) => a.split('/').pop() ?? a) ?? [`${appName}-app`]) {
      if (!iamRoles.some((r) => r.name === name)) iamRoles.push({ name, ...(t.resourceTags ? { tags: t.resourceTags } : {}) });
    }
  }

  const subnetTagSets = tagSets(of('aws:ec2:subnet'));
  const subnetSets = [...new Set([account, ...targets.map((x) => x.account)])].flatMap((a) => {
    const own = subnetTagSets.filter((set) => set.account === a);
    return own.length ? own : [{ tags: {}, why: [], account: a }];
  });
  const subnets = azNames.flatMap((az, i) =>
    subnetSets.map((set, j) => ({
      id: `subnet-${hex(`${appName}${i}${j}`, 17)}`,
      availabilityZone: az,
      vpcId: `vpc-${hex(appName, 17)}`,
      ...(Object.keys(set.tags).length ? { tags: set.tags } : {}),
      ...inAccount(set.account),
    })),
  );
  notes.set('spec.subnets', `one subnet per AZ${subnetTagSets.length ? ` and tag set (${subnetTagSets.flatMap((s) => s.why).join(', ')})` : ''}`);

  const zonalTags = tagSets(of('aws:arc:zonal-shift-managed-resource'));
  const spotTags = tagSets(of('aws:ec2:spot-instance').filter(({ t }) => !t.resourceArns));
  const subnetIn = (az: string, a: string) => subnets.find((n) => n.availabilityZone === az && (n.account ?? account) === a)!.id;
  const groupSets = tagSets([...of('aws:ec2:instance').filter(({ t }) => !t.resourceArns), ...of('aws:ec2:autoscaling-group'), ...of('aws:arc:zonal-shift-managed-resource'), ...of('aws:ec2:spot-instance').filter(({ t }) => !t.resourceArns)]);
  const ecsTargets = of('aws:ecs:task');
  // An SQS metric means a queue; an ECS service the scenarios stop is then its consumer, and the application, which
  // produces the messages, runs on a group of its own (a worker takes no requests from the load balancer).
  const queueNames = [...new Set(metricsReferenced.filter((m) => sourceFor(m).startsWith('queue')).map((m) => m.dimensions?.QueueName ?? `${appName}-events`))];
  const hasWorker = queueNames.length > 0 && ecsTargets.length > 0;
  if (groupSets.length === 0 && (ecsTargets.length === 0 || hasWorker)) groupSets.push({ tags: { Service: appName }, why: ['the application'], account });
  const groupName = metricsReferenced.map((m) => m.dimensions?.AutoScalingGroupName).find((v) => v !== undefined) ?? `${appName}-asg`;
  const autoScalingGroups: AutoScalingGroupSpec[] = groupSets.map((set, i) => ({
    name: `${groupName}${i === 0 ? '' : `-${i + 1}`}`,
    availabilityZones: azNames,
    instancesPerAz: 2,
    instanceType: 'm6i.large',
    tags: set.tags,
    instanceTags: set.tags,
    replaceUnhealthyAfter: 'PT2M',
    launchTime: 'PT3M',
    ...inAccount(set.account),
    ...(zonalTags.some((z) => JSON.stringify(z.tags) === JSON.stringify(set.tags)) ? { zonalAutoshift: 'enabled' as const } : {}),
    ...(spotTags.some((z) => JSON.stringify(z.tags) === JSON.stringify(set.tags)) ? { spot: true } : {}),
  }));
  autoScalingGroups.forEach((g, i) => notes.set(`spec.autoScalingGroups.${i}`, `for ${groupSets[i]!.why.join(', ')}`));

  const instances: InstanceSpec[] = [...of('aws:ec2:instance'), ...of('aws:ec2:spot-instance')].flatMap(({ t, account: a }) =>
    (t.resourceArns ?? []).map((arn, i) => ({
      id: arn.split('/').pop() ?? arn,
      availabilityZone: azNames[i % azNames.length]!,
      subnetId: subnetIn(azNames[i % azNames.length]!, a),
      ...(t.resourceTags ? { tags: t.resourceTags } : {}),
      ...(t.resourceType === 'aws:ec2:spot-instance' ? { spot: true } : {}),
      ...inAccount(a),
    })),
  );
  const ebsVolumes: EbsVolumeSpec[] = tagSets(of('aws:ec2:ebs-volume')).flatMap((set, j) =>
    azNames.map((az, i) => {
      // A volume FIS pauses is attached to an instance that keeps it (filters walk Attachments).
      const instance: InstanceSpec = { id: `i-${hex(`${appName}vol${j}${i}`, 17)}`, availabilityZone: az, subnetId: subnetIn(az, set.account), tags: { Name: `${appName}-stateful` }, ...inAccount(set.account) };
      instances.push(instance);
      return { id: `vol-${hex(`${appName}vol${j}${i}`, 17)}`, availabilityZone: az, attachedTo: instance.id, deleteOnTermination: false, tags: set.tags, ...inAccount(set.account) };
    }),
  );

  // Cross-Region connectivity: the transit gateways it disrupts, and the buckets and global tables whose replication it
  // pauses, each replicating to the Region the plan's actions name. A replication-lag metric names its store.
  const transitGateways = tagSets(of('aws:ec2:transit-gateway')).map((set, i) => ({ id: `tgw-${hex(`${appName}tgw${i}`, 17)}`, tags: set.tags }));
  transitGateways.forEach((_, i) => notes.set(`spec.transitGateways.${i}`, `for ${tagSets(of('aws:ec2:transit-gateway'))[i]!.why.join(', ')}`));
  const toRegion = plans.flatMap((p) => Object.values(p.template.actions).map((a) => a.parameters?.region)).find((r) => r !== undefined && r !== region) ?? (region === 'us-west-2' ? 'us-east-1' : 'us-west-2');
  const lagStores = [...new Set(metricsReferenced.filter((m) => sourceFor(m) === 'replicationLagSeconds').map(storeNamed).filter((v) => v !== undefined))];
  const storeName = (kind: ReplicatedStoreSpec['kind'], i: number) => {
    const fits = lagStores.filter((n) => /bucket|media|s3/i.test(n) === (kind === 's3-bucket'));
    return fits[i] ?? (kind === 's3-bucket' ? `${appName}-media-${region}${i ? `-${i + 1}` : ''}` : `${appName}-table${i ? `-${i + 1}` : ''}`);
  };
  const storeTargets = { 's3-bucket': of('aws:s3:bucket'), 'dynamodb-global-table': of('aws:dynamodb:global-table') } as const;
  const stores = (['dynamodb-global-table', 's3-bucket'] as const).flatMap((kind) =>
    tagSets(storeTargets[kind]).map((set, i) => ({ spec: { name: storeName(kind, i), kind, toRegion, baselineLagSeconds: kind === 's3-bucket' ? 5 : 1, tags: set.tags } as ReplicatedStoreSpec, why: `for ${set.why.join(', ')}` })),
  );
  for (const name of lagStores.filter((n) => !stores.some((r) => r.spec.name === n))) {
    const kind = /bucket|media|s3/i.test(name) ? 's3-bucket' : 'dynamodb-global-table';
    stores.push({ spec: { name, kind, toRegion, baselineLagSeconds: kind === 's3-bucket' ? 5 : 1 }, why: 'a replication-lag metric reads it' });
  }
  const replicatedStores = stores.map((s) => s.spec);
  stores.forEach((s, i) => notes.set(`spec.replicatedStores.${i}`, `replicating to ${toRegion}, ${s.why}`));
  // What an alarm on replication lag watches: the lag a scenario reads, else the first store's.
  const lagMetric = metricsReferenced.find((m) => sourceFor(m) === 'replicationLagSeconds') ?? (replicatedStores[0] ? { namespace: capitalized(appName), name: 'ReplicationLagSeconds', dimensions: { Store: replicatedStores[0].name } } : undefined);

  const dbIdentifier = metricsReferenced.map((m) => m.dimensions?.DBClusterIdentifier).find((v) => v !== undefined) ?? `${appName}-db`;
  const dbTargets = [...of('aws:rds:cluster'), ...of('aws:rds:db')];
  const rdsClusters: RdsClusterSpec[] = tagSets(dbTargets).map((set, i) => {
    const writer = azName(dbTargets.map(({ t }) => t.parameters?.writerAvailabilityZoneIdentifiers?.split(',')[0]).find((v) => v !== undefined)) ?? azNames[0]!;
    return { identifier: i === 0 ? dbIdentifier : `${dbIdentifier}-${i + 1}`, engine: 'aurora-postgresql', writerAvailabilityZone: writer, readerAvailabilityZones: azNames.filter((az) => az !== writer), deployment: 'aurora' as const, tags: set.tags, ...inAccount(set.account) };
  });
  rdsClusters.forEach((_, i) => notes.set(`spec.rdsClusters.${i}`, `Aurora with a reader in every other AZ, for ${tagSets(dbTargets)[i]!.why.join(', ')}`));
  // A node's CacheClusterId is its group's id and -001, -002… (what the sandbox's DescribeReplicationGroups lists).
  const cacheId = metricsReferenced.map((m) => /^(.+)-\d{3}$/.exec(m.dimensions?.CacheClusterId ?? '')?.[1] ?? m.dimensions?.ReplicationGroupId).find((v) => v !== undefined) ?? `${appName}-cache`;
  const cacheTargets = of('aws:elasticache:replicationgroup');
  const elastiCacheReplicationGroups: ElastiCacheSpec[] = tagSets(cacheTargets).map((set, i) => {
    const primary = azName(cacheTargets.map(({ t }) => t.parameters?.availabilityZoneIdentifier).find((v) => v !== undefined)) ?? azNames[0]!;
    return { id: i === 0 ? cacheId : `${cacheId}-${i + 1}`, primaryAvailabilityZone: primary, replicaAvailabilityZones: azNames.filter((az) => az !== primary), failoverTime: 'PT1M', tags: set.tags, ...inAccount(set.account) };
  });

  const ecsClusters: EcsClusterSpec[] = [];
  for (const { t, why, account: a } of ecsTargets) {
    const clusterName = t.parameters?.cluster ?? appName;
    const serviceName = t.parameters?.service ?? `${appName}-api`;
    let cluster = ecsClusters.find((c) => c.name === clusterName && (c.account ?? account) === a);
    if (!cluster) ecsClusters.push((cluster = { name: clusterName, services: [], ...inAccount(a) }));
    if (!cluster.services.some((s) => s.name === serviceName)) {
      cluster.services.push({ name: serviceName, desiredCount: azNames.length, availabilityZones: azNames, replaceAfter: 'PT80S', ...(t.resourceTags ? { tags: t.resourceTags } : {}) });
      notes.set(`spec.ecsClusters.${ecsClusters.indexOf(cluster)}`, `for ${why}`);
    }
  }

  const servedBy = autoScalingGroups[0] ? { autoScalingGroup: autoScalingGroups[0].name } : { ecsService: { cluster: ecsClusters[0]!.name, service: ecsClusters[0]!.services[0]!.name } };
  const queues: QueueSpec[] = queueNames.map((name) => ({ name, messagesPerMinute: 0 }));
  if (queues.length) notes.set('spec.queues', `for the SQS metrics the scenarios read${hasWorker ? '; the application produces 5 % of its requests as messages' : '; nothing sends to them: set messagesPerMinute or a service\'s produces'}`);
  const workerCompute = hasWorker ? { cluster: ecsClusters[0]!.name, service: ecsClusters[0]!.services[0]!.name } : undefined;
  const services: ServiceSpec[] = workerCompute
    ? [
        {
          name: workerCompute.service,
          servedBy: { ecsService: workerCompute },
          consumes: queueNames[0]!,
          requestsPerMinute: 300,
          capacityPerTarget: 200,
          timeoutMs: 5000,
          baseline: { errorRatePercent: 0, latencyP50Ms: 100, latencyP99Ms: 500, cpuPercent: 30 },
        },
      ]
    : [];
  if (services.length) notes.set('spec.services', `the consumer of ${queueNames[0]} (no load balancer): each task processes 200 messages a minute, a guess`);
  const application: World['spec']['application'] = {
    name: appName,
    loadBalancer: { name: loadBalancer, healthCheck: { interval: 'PT10S', unhealthyThreshold: 2, healthyThreshold: 3 } },
    servedBy,
    requestsPerMinute: 6000,
    capacityPerTarget: 3000,
    timeoutMs: 5000,
    ...(rdsClusters[0] ? { database: rdsClusters[0].identifier, writeFraction: 0.3 } : {}),
    ...(elastiCacheReplicationGroups[0] ? { cache: elastiCacheReplicationGroups[0].id, cacheFraction: 0.5 } : {}),
    ...(services.length ? { produces: [{ queue: queueNames[0]!, perRequest: 0.05 }] } : {}),
    baseline: { errorRatePercent: 0.1, latencyP50Ms: 80, latencyP99Ms: 400, cpuPercent: 40 },
  };
  notes.set('spec.application', 'the service users reach: traffic, capacity and baseline are guesses, set them to what production sees');

  // A metric of another load balancer, ECS service or group than the application's is another service's, as in AWS:
  // each gets a service of its own (on that compute, or on a group of its own for a load balancer).
  const computeOf = (svc: ServiceSpec) => ('autoScalingGroup' in svc.servedBy ? `asg:${svc.servedBy.autoScalingGroup}` : `ecs:${svc.servedBy.ecsService.cluster}/${svc.servedBy.ecsService.service}`);
  const addService = (name: string, spec: Omit<ServiceSpec, 'name' | 'capacityPerTarget' | 'baseline' | 'timeoutMs'>): string => {
    let unique = name;
    for (let n = 2; [appName, ...services.map((x) => x.name)].includes(unique); n++) unique = `${name}-${n}`;
    services.push({ name: unique, ...spec, capacityPerTarget: 3000, timeoutMs: 5000, baseline: { errorRatePercent: 0.1, latencyP50Ms: 80, latencyP99Ms: 400, cpuPercent: 40 } });
    notes.set('spec.services', 'the other services the scenarios\' metrics name (load balancers, ECS services, groups): traffic, capacity and baseline are guesses');
    return unique;
  };
  const serviceOf = (dims: Record<string, string>): string | undefined => {
    const owner = (compute: string) => [application, ...services].find((x) => computeOf(x) === compute)?.name;
    if (dims.LoadBalancer !== undefined && dims.LoadBalancer !== loadBalancer) {
      const found = [application, ...services].find((x) => x.loadBalancer?.name === dims.LoadBalancer);
      if (found) return found.name;
      const base = slug(dims.LoadBalancer.split('/')[1]?.replace(/-alb$/, '') ?? 'service');
      const free = ecsClusters.flatMap((c) => c.services.map((x) => ({ cluster: c.name, service: x.name }))).find((e) => owner(`ecs:${e.cluster}/${e.service}`) === undefined && `${e.cluster}/${e.service}`.includes(base));
      const freeGroup = autoScalingGroups.find((g) => g.name === `${base}-asg` && owner(`asg:${g.name}`) === undefined);
      let compute: ServiceSpec['servedBy'];
      if (free) compute = { ecsService: free };
      else if (freeGroup) compute = { autoScalingGroup: freeGroup.name };
      else {
        let name = `${base}-asg`;
        for (let n = 2; autoScalingGroups.some((g) => g.name === name); n++) name = `${base}-asg-${n}`;
        autoScalingGroups.push({ name, availabilityZones: azNames, instancesPerAz: 1, instanceType: 'm6i.large', tags: { Service: base }, instanceTags: { Service: base }, replaceUnhealthyAfter: 'PT2M', launchTime: 'PT3M' });
        compute = { autoScalingGroup: name };
      }
      return addService(base, { loadBalancer: { name: dims.LoadBalancer, healthCheck: { interval: 'PT10S', unhealthyThreshold: 2, healthyThreshold: 3 } }, servedBy: compute, requestsPerMinute: 6000 });
    }
    if (dims.ClusterName !== undefined && dims.ServiceName !== undefined) {
      const known = owner(`ecs:${dims.ClusterName}/${dims.ServiceName}`);
      if (known) return known === appName ? undefined : known;
      let cluster = ecsClusters.find((c) => c.name === dims.ClusterName);
      if (!cluster) ecsClusters.push((cluster = { name: dims.ClusterName, services: [] }));
      if (!cluster.services.some((x) => x.name === dims.ServiceName)) cluster.services.push({ name: dims.ServiceName, desiredCount: azNames.length, availabilityZones: azNames, replaceAfter: 'PT80S' });
      return addService(dims.ServiceName, { servedBy: { ecsService: { cluster: dims.ClusterName, service: dims.ServiceName } }, requestsPerMinute: 600 });
    }
    if (dims.AutoScalingGroupName !== undefined && autoScalingGroups.some((g) => g.name === dims.AutoScalingGroupName)) {
      const known = owner(`asg:${dims.AutoScalingGroupName}`);
      if (known) return known === appName ? undefined : known;
      return addService(dims.AutoScalingGroupName.replace(/-asg$/, ''), { servedBy: { autoScalingGroup: dims.AutoScalingGroupName }, requestsPerMinute: 600 });
    }
    return undefined;
  };

  const metrics: PublishedMetricSpec[] = [];
  const publish = (m: Metric) => {
    const key = metricKey(m);
    if (metrics.some((x) => metricKey(x) === key)) return;
    const source = sourceFor(m);
    const dims = m.dimensions ?? {};
    const resource = sourceKind(source) === 'service' ? serviceOf(dims) : resourceFor(source, dims, {
      database: (rdsClusters.find((c) => c.identifier === dims.DBClusterIdentifier) ?? rdsClusters[0])?.identifier,
      cache: (elastiCacheReplicationGroups.find((c) => dims.CacheClusterId?.startsWith(`${c.id}-`)) ?? elastiCacheReplicationGroups[0])?.id,
      queue: queueNames[0],
      groups: autoScalingGroups.map((g) => g.name),
      stores: replicatedStores.map((r) => r.name),
    });
    metrics.push({ namespace: m.namespace, name: m.name, ...(m.dimensions && Object.keys(m.dimensions).length ? { dimensions: m.dimensions } : {}), source, ...(resource ? { resource } : {}) });
  };
  metricsReferenced.forEach(publish);
  claimByName(application, services, rdsClusters.map((c) => c.identifier), 'database', 'writeFraction');
  claimByName(application, services, elastiCacheReplicationGroups.map((c) => c.id), 'cache', 'cacheFraction');

  const tasks = ecsClusters[0] ? { ClusterName: ecsClusters[0].name, ServiceName: ecsClusters[0].services[0]!.name } : undefined;
  const compute: Record<string, string> = tasks && !autoScalingGroups[0] ? tasks : { AutoScalingGroupName: autoScalingGroups[0]?.name ?? appName };
  const alarms: AlarmDefinition[] = [];
  const stopAlarms = new Set(plans.flatMap((p) => p.stopConditions.map((s) => s.alarm)));
  const alarmNames = [...new Set(plans.flatMap((p) => [...p.stopConditions.map((s) => s.alarm), ...p.detection.map((d) => d.alarm), ...p.probes.flatMap((x) => (x.alarm ? [x.alarm] : []))]))].map((ref) => (ref.includes(':alarm:') ? ref.slice(ref.indexOf(':alarm:') + 7) : ref));
  for (const alarmName of alarmNames) {
    // An alarm named after a service (search-5xx-high) watches that service's load balancer.
    const named = services.find((svc) => svc.loadBalancer && alarmName.startsWith(`${svc.name}-`))?.loadBalancer?.name;
    const alarm = alarmFor(alarmName, stopAlarms.has(alarmName) || [...stopAlarms].some((a) => a.endsWith(`:alarm:${alarmName}`)), { loadBalancer: named ?? loadBalancer, appName, compute, tasks, queue: queueNames[0], desiredTasks: azNames.length, groupSize: (autoScalingGroups[0]?.instancesPerAz ?? 0) * azNames.length, ...(lagMetric ? { lag: lagMetric } : {}) });
    alarms.push(alarm);
    publish({ namespace: alarm.namespace, name: alarm.metricName, dimensions: alarm.dimensions });
  }
  notes.set('spec.alarms', 'guessed from each alarm\'s name: copy metric, statistic and threshold from the real alarm (aws cloudwatch describe-alarms)');
  notes.set('spec.metrics', 'every metric a probe, impact count, SLO or alarm reads, with the simulation value it follows (source)');

  const appArn = plans.map((p) => p.target.resilienceHubAppArn).find((a) => a !== undefined);
  const rto = first.recovery.rtoSeconds ?? 300;
  const rpo = first.recovery.rpoSeconds ?? 300;
  const resilienceHub: ResilienceHubSpec | undefined = appArn
    ? {
        app: { arn: appArn, name: appName },
        policy: {
          arn: `arn:aws:resiliencehub:${region}:${account}:resiliency-policy/${hex(appName, 8)}-${appName}`,
          name: `${appName}-policy`,
          tier: 'Critical',
          policy: Object.fromEntries((['Software', 'Hardware', 'AZ'] as const).map((d) => [d, { rtoInSecs: rto, rpoInSecs: rpo }])),
        },
      }
    : undefined;

  const world: World = {
    apiVersion: 'gameday/v1',
    kind: 'World',
    metadata: { name: slug(`${appName}-world`), description: `Generated by gameday world init for ${plans.map((p) => p.scenario.name).join(', ')}.` },
    spec: {
      account,
      region,
      seed: parseInt(hex(plans.map((p) => p.scenario.name).join(','), 6), 16),
      availabilityZones,
      iamRoles,
      ...(targetAccounts.length ? { accounts: accounts(targetAccounts, first.target.roleArn) } : {}),
      subnets,
      ...(instances.length ? { instances } : {}),
      ...(autoScalingGroups.length ? { autoScalingGroups } : {}),
      ...(ebsVolumes.length ? { ebsVolumes } : {}),
      ...(rdsClusters.length ? { rdsClusters } : {}),
      ...(elastiCacheReplicationGroups.length ? { elastiCacheReplicationGroups } : {}),
      ...(ecsClusters.length ? { ecsClusters } : {}),
      ...(queues.length ? { queues } : {}),
      ...(transitGateways.length ? { transitGateways } : {}),
      ...(replicatedStores.length ? { replicatedStores } : {}),
      application,
      ...(services.length ? { services } : {}),
      metrics,
      alarms,
      ...(resilienceHub ? { resilienceHub } : {}),
    },
  };
  return { world, notes };
}

/** Each target account, with the role FIS assumes there trusting the orchestrator's role. */
function accounts(targets: readonly { accountId: string; roleArn: string }[], orchestratorRole: string): AccountSpec[] {
  const byAccount = new Map<string, AccountSpec>();
  for (const t of targets) {
    const spec = byAccount.get(t.accountId) ?? { account: t.accountId, iamRoles: [] };
    const name = t.roleArn.split('/').pop() ?? t.roleArn;
    if (!spec.iamRoles!.some((r) => r.name === name)) spec.iamRoles!.push({ name, trustsRoles: [orchestratorRole] });
    byAccount.set(t.accountId, spec);
  }
  return [...byAccount.values()];
}

/** The simulation value a metric follows, from its CloudWatch name (custom metrics by what the name says). */
function sourceFor(m: Metric): MetricSource {
  const known: Record<string, MetricSource> = {
    RequestCount: 'requestCount',
    HTTPCode_Target_5XX_Count: 'http5xxCount',
    HTTPCode_ELB_5XX_Count: 'http5xxCount',
    TargetResponseTime: 'targetResponseTime',
    HealthyHostCount: 'healthyHostCount',
    UnHealthyHostCount: 'unhealthyHostCount',
    CPUUtilization: 'cpuUtilization',
    RunningTaskCount: 'runningTaskCount',
    DatabaseConnections: 'databaseConnections',
    AuroraReplicaLag: 'auroraReplicaLag',
    ReplicationLag: 'cacheReplicationLag',
    CurrConnections: 'cacheCurrConnections',
    EngineCPUUtilization: 'cacheEngineCpuUtilization',
    ApproximateAgeOfOldestMessage: 'queueOldestMessageAge',
    ApproximateNumberOfMessagesVisible: 'queueMessagesVisible',
    NumberOfMessagesSent: 'queueMessagesSent',
    NumberOfMessagesDeleted: 'queueMessagesDeleted',
    GroupDesiredCapacity: 'groupDesiredCapacity',
    GroupInServiceInstances: 'groupInServiceInstances',
  };
  const byName = known[m.name];
  if (byName) return byName;
  if (/data.?loss/i.test(m.name)) return 'dataLossWindowSeconds';
  if (/replication.?(lag|latency)/i.test(m.name)) return 'replicationLagSeconds';
  if (/5xx|error/i.test(m.name)) return 'http5xxRatePercent';
  if (/fail/i.test(m.name)) return 'failedCount';
  if (/latency|response/i.test(m.name)) return 'targetResponseTime';
  if (/order|placed|complet|processed|success/i.test(m.name)) return 'completedCount';
  return 'requestCount';
}

/** A database or cache named after a service (payments-db, search-cache) is that service's; the others stay the application's. */
function claimByName(application: ServiceSpec, services: ServiceSpec[], ids: readonly string[], key: 'database' | 'cache', fraction: 'writeFraction' | 'cacheFraction'): void {
  const claimed = ids.map((id) => ({ id, by: services.find((svc) => id.startsWith(`${svc.name}-`)) })).find((c) => c.by !== undefined);
  if (!claimed || claimed.id.startsWith(`${application.name}-`)) return;
  claimed.by![key] = claimed.id;
  claimed.by![fraction] = application[fraction] ?? 0.5;
  if (application[key] === claimed.id) {
    delete application[key];
    delete application[fraction];
  }
}

/** Which database, cache, queue or group a metric's source reads, from its dimensions. */
function resourceFor(source: MetricSource, dimensions: Record<string, string>, world: { database?: string; cache?: string; queue?: string; groups: string[]; stores: string[] }): string | undefined {
  if (source === 'replicationLagSeconds') return world.stores.find((name) => name === storeNamed({ dimensions })) ?? world.stores[0];
  if (source === 'dataLossWindowSeconds' || source === 'databaseConnections' || source === 'writerAvailable' || source === 'auroraReplicaLag') return world.database;
  if (source.startsWith('cache')) return world.cache;
  if (source.startsWith('queue')) return dimensions.QueueName ?? world.queue;
  if (source.startsWith('group')) return world.groups.find((g) => g === dimensions.AutoScalingGroupName) ?? world.groups[0];
  return undefined;
}

/** The store a replication-lag metric names (its Store, TableName, BucketName or, for S3 replication metrics, SourceBucket dimension). */
function storeNamed(m: { dimensions?: Record<string, string> }): string | undefined {
  return m.dimensions?.Store ?? m.dimensions?.TableName ?? m.dimensions?.BucketName ?? m.dimensions?.SourceBucket;
}

/**
 * A stand-in for a scenario's alarm, chosen by its name; stop conditions trip later than detection
 * alarms. A 5xx stop condition trips above half the requests failing: losing one AZ of three fails a
 * third of them until the health checks take its targets out, which is the game day, not a reason
 * to stop it (at 25 % the AZ game day's first minutes sat on the threshold).
 */
function alarmFor(alarmName: string, stop: boolean, on: { loadBalancer: string; appName: string; compute: Record<string, string>; tasks?: Record<string, string>; queue?: string; desiredTasks: number; groupSize: number; lag?: Metric }): AlarmDefinition {
  const base = { alarmName, period: 60, evaluationPeriods: stop ? 2 : 1, datapointsToAlarm: stop ? 2 : 1, treatMissingData: 'notBreaching' as const };
  const lb = { LoadBalancer: on.loadBalancer };
  const n = alarmName.toLowerCase();
  if (/latency|slow|response/.test(n)) return { ...base, alarmDescription: `p99 response time above ${stop ? 3 : 1} s`, namespace: 'AWS/ApplicationELB', metricName: 'TargetResponseTime', dimensions: lb, statistic: 'p99', threshold: stop ? 3 : 1, comparisonOperator: 'GreaterThanThreshold' };
  if (/cpu/.test(n)) return { ...base, alarmDescription: `average CPU above ${stop ? 90 : 70} %`, namespace: 'ClusterName' in on.compute ? 'AWS/ECS' : 'AWS/EC2', metricName: 'CPUUtilization', dimensions: on.compute, statistic: 'Average', threshold: stop ? 90 : 70, comparisonOperator: 'GreaterThanThreshold' };
  if (/unhealthy|host/.test(n)) return { ...base, alarmDescription: 'a target behind the load balancer is unhealthy', namespace: 'AWS/ApplicationELB', metricName: 'UnHealthyHostCount', dimensions: lb, statistic: 'Maximum', threshold: 0, comparisonOperator: 'GreaterThanThreshold' };
  if (/task|worker|consumer|running/.test(n) && on.tasks) return { ...base, alarmDescription: `fewer than ${on.desiredTasks} running tasks`, namespace: 'ECS/ContainerInsights', metricName: 'RunningTaskCount', dimensions: on.tasks, statistic: 'Minimum', threshold: on.desiredTasks, comparisonOperator: 'LessThanThreshold' };
  if (/capacity|in.?service/.test(n) && 'AutoScalingGroupName' in on.compute && on.groupSize > 0) return { ...base, alarmDescription: `fewer than ${on.groupSize} instances in service`, namespace: 'AWS/AutoScaling', metricName: 'GroupInServiceInstances', dimensions: on.compute, statistic: 'Minimum', threshold: on.groupSize, comparisonOperator: 'LessThanThreshold' };
  if (/replication|lag/.test(n) && on.lag) return { ...base, alarmDescription: `replication more than ${stop ? 15 : 5} minutes behind`, namespace: on.lag.namespace, metricName: on.lag.name, dimensions: { ...(on.lag.dimensions ?? {}) }, statistic: 'Maximum', threshold: stop ? 900 : 300, comparisonOperator: 'GreaterThanThreshold' };
  if (/age|backlog|queue/.test(n) && on.queue) return { ...base, alarmDescription: `oldest message older than ${stop ? 15 : 5} minutes`, namespace: 'AWS/SQS', metricName: 'ApproximateAgeOfOldestMessage', dimensions: { QueueName: on.queue }, statistic: 'Maximum', threshold: stop ? 900 : 300, comparisonOperator: 'GreaterThanThreshold' };
  return { ...base, alarmDescription: `5xx rate above ${stop ? 50 : 2} %`, namespace: capitalized(on.appName), metricName: 'HTTP5xxRate', dimensions: lb, statistic: 'Average', threshold: stop ? 50 : 2, comparisonOperator: 'GreaterThanThreshold' };
}

/** AWS's AZ ID prefix of a Region: us-east-1 → use1, eu-west-2 → euw2, ap-southeast-1 → apse1. */
function azIdPrefix(region: string): string {
  const [geo, ...rest] = region.split('-');
  const num = rest.pop() ?? '1';
  return `${geo}${rest.map((part) => (part.startsWith('north') || part.startsWith('south')) && part.length > 5 ? part[0]! + part.slice(5)[0]! : part[0]!).join('')}${num}`;
}

function metricKey(m: Metric): string {
  return `${m.namespace}|${m.name}|${JSON.stringify(Object.entries(m.dimensions ?? {}).sort())}`;
}

/** Stable hex digits derived from a string (FNV-1a), for resource IDs that look like AWS's. */
function hex(text: string, digits: number): string {
  let out = '';
  for (let round = 0; out.length < digits; round++) {
    let h = 0x811c9dc5 ^ round;
    for (const ch of text) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, digits);
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'app';
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
