/**
 * What the world schema cannot say: that every AZ, subnet, instance, group, database and cache a world
 * refers to exists in it, and that the Resilience Hub ARNs are in its account and Region.
 * Used by loadWorld and by `gameday validate` for `kind: World` files.
 */
import type { Diagnostic } from '../../core/scenario/diagnostics.js';
import type { SourcePosition } from '../../core/yaml/load-document.js';
import type { World } from './types.js';

type Path = (string | number)[];

export interface WorldProblem {
  path: Path;
  message: string;
}

export function checkWorldRules(world: World, context: { file: string; locate(path: readonly (string | number)[]): SourcePosition }): Diagnostic[] {
  return worldProblems(world).map((p) => ({ file: context.file, ...context.locate(p.path), severity: 'error', code: 'WORLD_REFERENCE', message: p.message }));
}

export function worldProblems(world: World): WorldProblem[] {
  const s = world.spec;
  const problems: WorldProblem[] = [];
  const need = (ok: boolean, path: Path, message: string) => {
    if (!ok) problems.push({ path, message });
  };
  const azs = new Set(s.availabilityZones.map((az) => az.name));
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
  const app = s.application;
  if ('autoScalingGroup' in app.servedBy) {
    const name = app.servedBy.autoScalingGroup;
    need((s.autoScalingGroups ?? []).some((g) => g.name === name), ['spec', 'application', 'servedBy', 'autoScalingGroup'], `Auto Scaling group ${name} is not in spec.autoScalingGroups`);
  } else {
    const { cluster, service } = app.servedBy.ecsService;
    need((s.ecsClusters ?? []).some((c) => c.name === cluster && c.services.some((x) => x.name === service)), ['spec', 'application', 'servedBy', 'ecsService'], `ECS service ${cluster}/${service} is not in spec.ecsClusters`);
  }
  need(app.database === undefined || (s.rdsClusters ?? []).some((c) => c.identifier === app.database), ['spec', 'application', 'database'], `RDS cluster ${app.database} is not in spec.rdsClusters`);
  need(app.cache === undefined || (s.elastiCacheReplicationGroups ?? []).some((c) => c.id === app.cache), ['spec', 'application', 'cache'], `replication group ${app.cache} is not in spec.elastiCacheReplicationGroups`);
  need(app.baseline.latencyP99Ms >= app.baseline.latencyP50Ms, ['spec', 'application', 'baseline', 'latencyP99Ms'], 'must be at least latencyP50Ms');
  const alarmNames = new Set<string>();
  s.alarms.forEach((a, i) => {
    need(!alarmNames.has(a.alarmName), ['spec', 'alarms', i, 'alarmName'], `duplicate alarm name ${a.alarmName}`);
    alarmNames.add(a.alarmName);
    need(a.datapointsToAlarm === undefined || a.datapointsToAlarm <= a.evaluationPeriods, ['spec', 'alarms', i, 'datapointsToAlarm'], 'must not exceed evaluationPeriods');
  });
  const rh = s.resilienceHub;
  if (rh) {
    const scope = `:${s.region}:${s.account}:`;
    need(rh.app.arn.includes(scope), ['spec', 'resilienceHub', 'app', 'arn'], `must be in ${s.region} and account ${s.account}`);
    need(rh.policy.arn.includes(scope), ['spec', 'resilienceHub', 'policy', 'arn'], `must be in ${s.region} and account ${s.account}`);
  }
  return problems;
}
