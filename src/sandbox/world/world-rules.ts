/**
 * What the world schema cannot say: that every AZ, subnet, instance, group, database and cache a world
 * refers to exists in it, that composite alarm rules parse and reference its alarms, that metric math
 * alarms are ones the sandbox can evaluate, that load balancer settings are ones ELB takes, and that the
 * Resilience Hub ARNs are in its account and Region.
 * Used by loadWorld and by `gameday validate` for `kind: World` files.
 */
import { durationSeconds } from '../../core/duration.js';
import type { Diagnostic } from '../../core/scenario/diagnostics.js';
import type { SourcePosition } from '../../core/yaml/load-document.js';
import { RuleError, parseAlarmRule, ruleAlarms } from '../services/composite-alarm-rule.js';
import { awsMetricNameProblem } from './aws-metric-names.js';
import { mathAlarmProblems } from './math-alarm-rules.js';
import { sourceKind } from './metrics.js';
import type { ServiceSpec, World } from './types.js';

type Path = (string | number)[];

const PRACTICE_RUN_NEEDS_ARC = 'a practice-run configuration is for an ARC zonal shift managed resource: add zonalAutoshift (enabled or disabled)';

export interface WorldProblem {
  path: Path;
  message: string;
  /** default WORLD_REFERENCE */
  code?: 'WORLD_METRIC_MATH' | 'WORLD_METRIC_NAME';
}

export function checkWorldRules(world: World, context: { file: string; locate(path: readonly (string | number)[]): SourcePosition }): Diagnostic[] {
  return worldProblems(world).map((p) => ({ file: context.file, ...context.locate(p.path), severity: 'error', code: p.code ?? 'WORLD_REFERENCE', message: p.message }));
}

export function worldProblems(world: World): WorldProblem[] {
  const s = world.spec;
  const problems: WorldProblem[] = [];
  const need = (ok: boolean, path: Path, message: string) => {
    if (!ok) problems.push({ path, message });
  };
  const azs = new Set(s.availabilityZones.map((az) => az.name));
  // Multi-account: every account a resource names is declared, and names the world's AZs (by the same IDs).
  const accounts = new Set([s.account, ...(s.accounts ?? []).map((a) => a.account)]);
  const ids = new Set(s.availabilityZones.map((az) => az.id));
  (s.accounts ?? []).forEach((a, i) =>
    (a.availabilityZones ?? []).forEach((az, j) => need(ids.has(az.id), ['spec', 'accounts', i, 'availabilityZones', j, 'id'], `AZ ID ${az.id} is not in spec.availabilityZones (AZ IDs are the same in every account)`)),
  );
  for (const key of ['subnets', 'instances', 'autoScalingGroups', 'ebsVolumes', 'rdsClusters', 'elastiCacheReplicationGroups', 'ecsClusters'] as const) {
    ((s[key] ?? []) as { account?: string }[]).forEach((r, i) => need(r.account === undefined || accounts.has(r.account), ['spec', key, i, 'account'], `account ${r.account} is neither spec.account nor in spec.accounts`));
  }
  const az = (name: string, path: Path) => need(azs.has(name), path, `availability zone ${name} is not in spec.availabilityZones`);
  const subnets = new Map(s.subnets.map((n) => [n.id, n]));
  s.subnets.forEach((n, i) => az(n.availabilityZone, ['spec', 'subnets', i, 'availabilityZone']));
  const instanceIds = new Set<string>();
  (s.instances ?? []).forEach((inst, i) => {
    az(inst.availabilityZone, ['spec', 'instances', i, 'availabilityZone']);
    const subnet = subnets.get(inst.subnetId);
    need(subnet !== undefined, ['spec', 'instances', i, 'subnetId'], `subnet ${inst.subnetId} is not in spec.subnets`);
    need(subnet === undefined || subnet.availabilityZone === inst.availabilityZone, ['spec', 'instances', i, 'subnetId'], `subnet ${inst.subnetId} is in ${subnet?.availabilityZone}, not ${inst.availabilityZone}`);
    need(!instanceIds.has(inst.id), ['spec', 'instances', i, 'id'], `duplicate instance id ${inst.id}`);
    instanceIds.add(inst.id);
  });
  (s.autoScalingGroups ?? []).forEach((g, i) =>
    g.availabilityZones.forEach((name, j) => {
      const path = ['spec', 'autoScalingGroups', i, 'availabilityZones', j];
      az(name, path);
      need(s.subnets.some((n) => n.availabilityZone === name), path, `no subnet in ${name} to launch into`);
    }),
  );
  (s.ebsVolumes ?? []).forEach((v, i) => {
    az(v.availabilityZone, ['spec', 'ebsVolumes', i, 'availabilityZone']);
    const attached = (s.instances ?? []).find((inst) => inst.id === v.attachedTo);
    need(v.attachedTo === undefined || attached !== undefined, ['spec', 'ebsVolumes', i, 'attachedTo'], `instance ${v.attachedTo} is not in spec.instances`);
    need(attached === undefined || attached.availabilityZone === v.availabilityZone, ['spec', 'ebsVolumes', i, 'availabilityZone'], `volume and instance ${v.attachedTo} must be in the same AZ`);
  });
  (s.rdsClusters ?? []).forEach((c, i) => {
    az(c.writerAvailabilityZone, ['spec', 'rdsClusters', i, 'writerAvailabilityZone']);
    (c.readerAvailabilityZones ?? []).forEach((name, j) => az(name, ['spec', 'rdsClusters', i, 'readerAvailabilityZones', j]));
  });
  (s.elastiCacheReplicationGroups ?? []).forEach((c, i) => {
    az(c.primaryAvailabilityZone, ['spec', 'elastiCacheReplicationGroups', i, 'primaryAvailabilityZone']);
    (c.replicaAvailabilityZones ?? []).forEach((name, j) => az(name, ['spec', 'elastiCacheReplicationGroups', i, 'replicaAvailabilityZones', j]));
  });
  (s.ecsClusters ?? []).forEach((c, i) => c.services.forEach((svc, j) => svc.availabilityZones.forEach((name, k) => az(name, ['spec', 'ecsClusters', i, 'services', j, 'availabilityZones', k]))));
  const services: { spec: ServiceSpec; path: Path }[] = [
    { spec: s.application, path: ['spec', 'application'] },
    ...(s.services ?? []).map((spec, i) => ({ spec, path: ['spec', 'services', i] as Path })),
  ];
  const serviceNames = new Set<string>();
  const computeOwner = new Map<string, string>();
  const queues = new Set((s.queues ?? []).map((q) => q.name));
  for (const { spec: svc, path } of services) {
    need(!serviceNames.has(svc.name), [...path, 'name'], `duplicate service name ${svc.name}`);
    // ELB takes HealthCheckIntervalSeconds 5–300 and deregistration_delay.timeout_seconds 0–3600 (ELB User Guide, target groups).
    const lb = svc.loadBalancer;
    const interval = lb?.healthCheck?.interval;
    if (interval !== undefined) need(within(interval, 5, 300), [...path, 'loadBalancer', 'healthCheck', 'interval'], `healthCheck.interval ${interval} is outside what a target group takes: 5–300 s`);
    if (lb?.deregistrationDelay !== undefined) need(within(lb.deregistrationDelay, 0, 3600), [...path, 'loadBalancer', 'deregistrationDelay'], `deregistrationDelay ${lb.deregistrationDelay} is outside what a target group takes: 0–3600 s`);
    serviceNames.add(svc.name);
    let compute: string;
    if ('autoScalingGroup' in svc.servedBy) {
      const name = svc.servedBy.autoScalingGroup;
      compute = `asg:${name}`;
      need((s.autoScalingGroups ?? []).some((g) => g.name === name), [...path, 'servedBy', 'autoScalingGroup'], `Auto Scaling group ${name} is not in spec.autoScalingGroups`);
    } else {
      const { cluster, service } = svc.servedBy.ecsService;
      compute = `ecs:${cluster}/${service}`;
      need((s.ecsClusters ?? []).some((c) => c.name === cluster && c.services.some((x) => x.name === service)), [...path, 'servedBy', 'ecsService'], `ECS service ${cluster}/${service} is not in spec.ecsClusters`);
    }
    const owner = computeOwner.get(compute);
    need(owner === undefined, [...path, 'servedBy'], `already runs service ${owner}; give each service its own compute`);
    computeOwner.set(compute, svc.name);
    need(svc.database === undefined || (s.rdsClusters ?? []).some((c) => c.identifier === svc.database), [...path, 'database'], `RDS cluster ${svc.database} is not in spec.rdsClusters`);
    need(svc.cache === undefined || (s.elastiCacheReplicationGroups ?? []).some((c) => c.id === svc.cache), [...path, 'cache'], `replication group ${svc.cache} is not in spec.elastiCacheReplicationGroups`);
    need(svc.baseline.latencyP99Ms >= svc.baseline.latencyP50Ms, [...path, 'baseline', 'latencyP99Ms'], 'must be at least latencyP50Ms');
    need(svc.consumes === undefined || queues.has(svc.consumes), [...path, 'consumes'], `queue ${svc.consumes} is not in spec.queues`);
    need(svc.consumes === undefined || svc.loadBalancer === undefined, [...path, 'loadBalancer'], 'a queue worker takes its work from the queue, not from a load balancer');
    need(svc.consumes !== undefined || svc.loadBalancer !== undefined || svc.requestsPerMinute !== undefined, [...path], 'a service without a load balancer needs `consumes` (a queue) or `requestsPerMinute`');
    (svc.produces ?? []).forEach((p, j) => need(queues.has(p.queue), [...path, 'produces', j, 'queue'], `queue ${p.queue} is not in spec.queues`));
    need(svc.loadBalancer?.practiceRun === undefined || svc.loadBalancer.zonalAutoshift !== undefined, [...path, 'loadBalancer', 'practiceRun'], PRACTICE_RUN_NEEDS_ARC);
  }
  (s.autoScalingGroups ?? []).forEach((g, i) => need(g.practiceRun === undefined || g.zonalAutoshift !== undefined, ['spec', 'autoScalingGroups', i, 'practiceRun'], PRACTICE_RUN_NEEDS_ARC));
  for (const { spec: svc, path } of services) {
    (svc.dependsOn ?? []).forEach((d, j) => {
      need(serviceNames.has(d.service), [...path, 'dependsOn', j, 'service'], `service ${d.service} is not in this world (spec.application, spec.services)`);
      need(!reaches(services.map((x) => x.spec), d.service, svc.name), [...path, 'dependsOn', j, 'service'], `${svc.name} → ${d.service} closes a dependency cycle`);
    });
  }
  (s.autoScalingGroups ?? []).forEach((g, i) => {
    if (g.scaling === undefined) return;
    const path = ['spec', 'autoScalingGroups', i, 'scaling'];
    need(g.scaling.minSize <= g.scaling.maxSize, [...path, 'minSize'], 'must not exceed maxSize');
    const desired = g.instancesPerAz * g.availabilityZones.length;
    need(desired >= g.scaling.minSize && desired <= g.scaling.maxSize, path, `the starting capacity ${desired} (instancesPerAz × AZs) must be within minSize..maxSize`);
  });
  const kinds = {
    service: { names: serviceNames, where: 'spec.application / spec.services' },
    database: { names: new Set((s.rdsClusters ?? []).map((c) => c.identifier)), where: 'spec.rdsClusters' },
    cache: { names: new Set((s.elastiCacheReplicationGroups ?? []).map((c) => c.id)), where: 'spec.elastiCacheReplicationGroups' },
    queue: { names: queues, where: 'spec.queues' },
    group: { names: new Set((s.autoScalingGroups ?? []).map((g) => g.name)), where: 'spec.autoScalingGroups' },
    store: { names: new Set((s.replicatedStores ?? []).map((st) => st.name)), where: 'spec.replicatedStores' },
  };
  s.metrics.forEach((m, i) => {
    const kind = kinds[sourceKind(m.source)];
    const path = ['spec', 'metrics', i];
    if (m.resource !== undefined) need(kind.names.has(m.resource), [...path, 'resource'], `${m.resource} is not in ${kind.where} (source ${m.source} reads one of those)`);
    else if (sourceKind(m.source) !== 'service' && m.source !== 'dataLossWindowSeconds') need(kind.names.size === 1, path, `source ${m.source} needs \`resource\`: one of ${kind.where} (${[...kind.names].join(', ') || 'none'})`);
    const misnamed = awsMetricNameProblem(m, world);
    if (misnamed !== undefined) problems.push({ path: m.dimensions ? [...path, 'dimensions'] : path, message: misnamed, code: 'WORLD_METRIC_NAME' });
  });
  const alarmNames = new Set<string>();
  s.alarms.forEach((a, i) => {
    need(!alarmNames.has(a.alarmName), ['spec', 'alarms', i, 'alarmName'], `duplicate alarm name ${a.alarmName}`);
    alarmNames.add(a.alarmName);
    need(a.datapointsToAlarm === undefined || a.datapointsToAlarm <= a.evaluationPeriods, ['spec', 'alarms', i, 'datapointsToAlarm'], 'must not exceed evaluationPeriods');
    if ('metrics' in a) for (const p of mathAlarmProblems(a)) problems.push({ path: ['spec', 'alarms', i, 'metrics', ...p.at], message: `metric math alarm ${a.alarmName}: ${p.message}`, code: 'WORLD_METRIC_MATH' });
  });
  (s.compositeAlarms ?? []).forEach((c, i) => {
    const path = ['spec', 'compositeAlarms', i];
    need(!alarmNames.has(c.alarmName), [...path, 'alarmName'], `duplicate alarm name ${c.alarmName} (metric and composite alarms share one namespace)`);
    alarmNames.add(c.alarmName);
  });
  (s.compositeAlarms ?? []).forEach((c, i) => {
    const path = ['spec', 'compositeAlarms', i, 'alarmRule'];
    let children: string[];
    try {
      children = ruleAlarms(parseAlarmRule(c.alarmRule));
    } catch (error) {
      if (!(error instanceof RuleError)) throw error;
      need(false, path, error.message);
      return;
    }
    for (const child of children) {
      const name = child.includes(':alarm:') ? child.slice(child.indexOf(':alarm:') + 7) : child;
      need(name !== c.alarmName && alarmNames.has(name), path, name === c.alarmName ? 'a composite alarm cannot reference itself' : `${name} is not one of the world's alarms (spec.alarms, spec.compositeAlarms)`);
    }
  });
  const rh = s.resilienceHub;
  if (rh) {
    const scope = `:${s.region}:${s.account}:`;
    need(rh.app.arn.includes(scope), ['spec', 'resilienceHub', 'app', 'arn'], `must be in ${s.region} and account ${s.account}`);
    need(rh.policy.arn.includes(scope), ['spec', 'resilienceHub', 'policy', 'arn'], `must be in ${s.region} and account ${s.account}`);
  }
  return problems;
}

function within(duration: string, min: number, max: number): boolean {
  const seconds = durationSeconds(duration);
  return seconds === undefined || (seconds >= min && seconds <= max);
}

/** Whether `from` calls `to`, directly or through other services. */
function reaches(services: readonly ServiceSpec[], from: string, to: string, seen = new Set<string>()): boolean {
  if (from === to) return true;
  if (seen.has(from)) return false;
  seen.add(from);
  return (services.find((x) => x.name === from)?.dependsOn ?? []).some((d) => reaches(services, d.service, to, seen));
}
