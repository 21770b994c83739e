/**
 * What Resilience Hub would conclude about the simulated application, derived from the world file:
 * current RTO/RPO per disruption type from the recovery behaviours (a stateful component confined to
 * one AZ makes an AZ disruption unrecoverable, as in the re:Invent example), compliance against the
 * policy, and alarm/SOP/test recommendations marked implemented when the world already has them.
 */
import { databaseTiming } from '../world/recovery-timings.js';
import { requireDurationSeconds } from '../../core/duration.js';
import type { AlarmDefinition } from '../contracts.js';
import type { DisruptionType, MetricSource, World } from '../world/types.js';

/** Stands for "unrecoverable": Resilience Hub reports no finite recovery for the disruption. */
export const UNRECOVERABLE_SECONDS = 31_536_000;

export interface DisruptionAssessment {
  complianceStatus: 'PolicyMet' | 'PolicyBreached';
  currentRtoInSecs: number;
  currentRpoInSecs: number;
  achievableRtoInSecs: number;
  achievableRpoInSecs: number;
  rtoDescription: string;
  rpoDescription: string;
  message: string;
}

export interface RecommendationDraft {
  name: string;
  referenceId: string;
  description: string;
  prerequisite?: string;
  resourceId: string;
  implemented: boolean;
}

export interface TestRecommendationDraft extends RecommendationDraft {
  type: DisruptionType;
  risk: 'Small' | 'Medium' | 'High';
  intent: string;
  dependsOnAlarms: string[];
}

export interface WorldAssessment {
  compliance: Partial<Record<DisruptionType, DisruptionAssessment>>;
  complianceStatus: 'PolicyMet' | 'PolicyBreached';
  alarms: RecommendationDraft[];
  sops: RecommendationDraft[];
  tests: TestRecommendationDraft[];
}

interface Estimate {
  rto: number;
  rpo: number;
  achievableRto: number;
  achievableRpo: number;
  why: string;
}

export function assessWorld(world: World): WorldAssessment {
  const spec = world.spec;
  const policy = spec.resilienceHub?.policy.policy ?? {};
  const compliance: Partial<Record<DisruptionType, DisruptionAssessment>> = {};
  for (const type of Object.keys(policy) as DisruptionType[]) {
    const target = policy[type]!;
    const e = estimate(world, type);
    const met = e.rto <= target.rtoInSecs && e.rpo <= target.rpoInSecs;
    compliance[type] = {
      complianceStatus: met ? 'PolicyMet' : 'PolicyBreached',
      currentRtoInSecs: e.rto,
      currentRpoInSecs: e.rpo,
      achievableRtoInSecs: e.achievableRto,
      achievableRpoInSecs: e.achievableRpo,
      rtoDescription: e.rto >= UNRECOVERABLE_SECONDS ? `Unrecoverable: ${e.why}` : e.why,
      rpoDescription: e.rpo >= UNRECOVERABLE_SECONDS ? `Unrecoverable: ${e.why}` : e.why,
      message: met ? `${type} disruption: policy met.` : `${type} disruption: estimated RTO ${e.rto}s / RPO ${e.rpo}s exceeds the policy (${target.rtoInSecs}s / ${target.rpoInSecs}s).`,
    };
  }
  const breached = Object.values(compliance).some((c) => c.complianceStatus === 'PolicyBreached');
  return { compliance, complianceStatus: breached ? 'PolicyBreached' : 'PolicyMet', ...recommend(world) };
}

function estimate(world: World, type: DisruptionType): Estimate {
  const s = world.spec;
  const parts: { rto: number; rpo: number; achievableRto: number; achievableRpo: number; what: string }[] = [];
  const app = s.application;
  for (const group of s.autoScalingGroups ?? []) {
    const replace = requireDurationSeconds(group.replaceUnhealthyAfter) + requireDurationSeconds(group.launchTime);
    const singleAz = group.availabilityZones.length < 2;
    const rto = type === 'Region' || (type === 'AZ' && singleAz) ? UNRECOVERABLE_SECONDS : replace;
    parts.push({ rto, rpo: 0, achievableRto: replace, achievableRpo: 0, what: `Auto Scaling group ${group.name} replaces capacity in ${replace}s` });
  }
  for (const cluster of s.ecsClusters ?? []) {
    for (const service of cluster.services) {
      const replace = requireDurationSeconds(service.replaceAfter);
      const singleAz = new Set(service.availabilityZones).size < 2;
      const rto = type === 'Region' || (type === 'AZ' && singleAz) ? UNRECOVERABLE_SECONDS : replace;
      parts.push({ rto, rpo: 0, achievableRto: replace, achievableRpo: 0, what: `ECS service ${service.name} replaces tasks in ${replace}s` });
    }
  }
  const db = app.database === undefined ? undefined : (s.rdsClusters ?? []).find((c) => c.identifier === app.database);
  if (db) {
    const failover = databaseTiming(db).failoverSeconds;
    const multiAz = (db.readerAvailabilityZones ?? []).some((az) => az !== db.writerAvailabilityZone);
    if (type === 'Software' || type === 'Hardware') {
      parts.push({ rto: failover, rpo: 0, achievableRto: failover, achievableRpo: 0, what: `Aurora cluster ${db.identifier} restarts or fails over in ${failover}s` });
    } else if (type === 'AZ') {
      parts.push(
        multiAz
          ? { rto: failover, rpo: 0, achievableRto: failover, achievableRpo: 0, what: `Aurora cluster ${db.identifier} fails over to another AZ in ${failover}s` }
          : { rto: UNRECOVERABLE_SECONDS, rpo: UNRECOVERABLE_SECONDS, achievableRto: failover, achievableRpo: 0, what: `Aurora cluster ${db.identifier} has no reader outside ${db.writerAvailabilityZone}` },
      );
    } else {
      parts.push({ rto: UNRECOVERABLE_SECONDS, rpo: UNRECOVERABLE_SECONDS, achievableRto: 3600, achievableRpo: 300, what: `Aurora cluster ${db.identifier} has no replica in another Region` });
    }
  }
  if (parts.length === 0) return { rto: 0, rpo: 0, achievableRto: 0, achievableRpo: 0, why: 'No components to recover.' };
  const worst = parts.reduce((a, b) => (b.rto > a.rto ? b : a));
  return {
    rto: Math.max(...parts.map((p) => p.rto)),
    rpo: Math.max(...parts.map((p) => p.rpo)),
    achievableRto: Math.max(...parts.map((p) => p.achievableRto)),
    achievableRpo: Math.max(...parts.map((p) => p.achievableRpo)),
    why: `${worst.what}.`,
  };
}

function recommend(world: World): Pick<WorldAssessment, 'alarms' | 'sops' | 'tests'> {
  const s = world.spec;
  const app = s.application;
  // A recommendation the world already implements carries the name of the world's most sensitive alarm on
  // that metric (the one that detects, not the one that stops experiments), so a runbook listing it covers it.
  // Resilience Hub recommends alarms per app component: an alarm implements a component's recommendation only
  // when it watches that component (its dimensions name it), never another component's metric of the same name.
  const existing = (component: Component, source: MetricSource, metricName?: string) =>
    s.alarms
      // A metric math alarm watches an expression, not the one metric a recommendation is about.
      .filter((alarm): alarm is AlarmDefinition => !('metrics' in alarm))
      .filter((alarm) => alarmWatches(world, alarm, component, source, metricName))
      .sort((x, y) => sensitivity(y) - sensitivity(x))[0]?.alarmName;
  const application: Component = { owner: app.name };
  const alarms: RecommendationDraft[] = [];
  const sops: RecommendationDraft[] = [];
  const tests: TestRecommendationDraft[] = [];

  const unhealthyHosts = existing(application, 'unhealthyHostCount');
  alarms.push({
    name: unhealthyHosts ?? `${app.name}-unhealthy-hosts`,
    referenceId: 'alb:unhealthy-host-count',
    description: `Alarm when the load balancer ${app.loadBalancer.name} reports unhealthy targets (AWS/ApplicationELB UnHealthyHostCount, Maximum > 0).`,
    resourceId: app.loadBalancer.name,
    implemented: unhealthyHosts !== undefined,
  });
  const http5xx = existing(application, 'http5xxRatePercent') ?? existing(application, 'http5xxCount');
  alarms.push({
    name: http5xx ?? `${app.name}-5xx-high`,
    referenceId: 'alb:http-5xx-rate',
    description: `Alarm when the share of 5xx responses behind ${app.loadBalancer.name} rises above its baseline.`,
    resourceId: app.loadBalancer.name,
    implemented: http5xx !== undefined,
  });
  for (const db of s.rdsClusters ?? []) {
    const multiAz = (db.readerAvailabilityZones ?? []).length > 0;
    const replicaLag = existing({ dimensions: { DBClusterIdentifier: db.identifier } }, 'dataLossWindowSeconds', 'AuroraReplicaLag');
    alarms.push(
      multiAz
        ? {
            name: replicaLag ?? `${db.identifier}-replica-lag`,
            referenceId: 'rds:aurora-replica-lag',
            description: `Alarm when AuroraReplicaLag of ${db.identifier} exceeds 1 s, so a failover does not lose or delay writes unnoticed.`,
            prerequisite: 'The cluster has at least one Aurora Replica.',
            resourceId: db.identifier,
            implemented: replicaLag !== undefined,
          }
        : {
            name: `${db.identifier}-writer-unavailable`,
            referenceId: 'rds:writer-availability',
            description: `Alarm when the writer of ${db.identifier} stops accepting connections (DatabaseConnections drops to 0).`,
            resourceId: db.identifier,
            implemented: false,
          },
    );
    sops.push({
      name: `${db.identifier}-failover`,
      referenceId: 'rds:failover-db-cluster',
      description: multiAz
        ? `Fail the Aurora cluster ${db.identifier} over to a reader in another AZ (SSM document AWSResilienceHub-FailoverAuroraClusterSOP).`
        : `Add an Aurora Replica in another AZ to ${db.identifier}, then fail over to it (SSM document AWSResilienceHub-FailoverAuroraClusterSOP).`,
      prerequisite: multiAz ? 'The cluster has a reader in another AZ.' : 'Create an Aurora Replica in another AZ first.',
      resourceId: db.identifier,
      implemented: false,
    });
  }
  for (const cache of s.elastiCacheReplicationGroups ?? []) {
    alarms.push({
      name: `${cache.id}-replication-lag`,
      referenceId: 'elasticache:replication-lag',
      description: `Alarm when ReplicationLag of ${cache.id} grows, so a primary failover does not serve stale data unnoticed.`,
      resourceId: cache.id,
      implemented: false,
    });
  }
  for (const group of s.autoScalingGroups ?? []) {
    sops.push({
      name: `${group.name}-scaling`,
      referenceId: 'asg:change-capacity',
      description: `Scale the Auto Scaling group ${group.name} out, or into other AZs, when capacity is lost (SSM document AWSResilienceHub-ScaleOutAsgSOP).`,
      resourceId: group.name,
      implemented: false,
    });
  }
  for (const cluster of s.ecsClusters ?? []) {
    for (const service of cluster.services) {
      const runningTasks = existing({ dimensions: { ClusterName: cluster.name, ServiceName: service.name } }, 'runningTaskCount');
      alarms.push({
        name: runningTasks ?? `${service.name}-running-tasks-low`,
        referenceId: 'ecs:running-task-count',
        description: `Alarm when RunningTaskCount of ${cluster.name}/${service.name} drops below its desired count (${service.desiredCount}).`,
        resourceId: `${cluster.name}/${service.name}`,
        implemented: runningTasks !== undefined,
      });
      sops.push({
        name: `${service.name}-scaling`,
        referenceId: 'ecs:update-service-desired-count',
        description: `Change the desired count of ${cluster.name}/${service.name} (SSM document AWSResilienceHub-UpdateEcsServiceDesiredCountSOP).`,
        resourceId: `${cluster.name}/${service.name}`,
        implemented: false,
      });
      tests.push({
        name: `${service.name}-task-failure`,
        referenceId: 'ecs:stop-task',
        description: `Stop a task of ${cluster.name}/${service.name} and verify the service replaces it within the policy RTO.`,
        resourceId: `${cluster.name}/${service.name}`,
        implemented: false,
        type: 'Software',
        risk: 'Small',
        intent: 'The service replaces a failed task without losing availability.',
        dependsOnAlarms: [runningTasks ?? `${service.name}-running-tasks-low`],
      });
    }
  }
  if ((s.autoScalingGroups ?? []).some((g) => g.availabilityZones.length > 1) || (s.rdsClusters ?? []).length > 0) {
    tests.push({
      name: `${app.name}-az-outage`,
      referenceId: 'fis:az-availability-power-interruption',
      description: `Run the AZ Availability: Power Interruption scenario against ${app.name} and verify it recovers within the AZ policy RTO.`,
      resourceId: app.name,
      implemented: false,
      type: 'AZ',
      risk: 'High',
      intent: `${app.name} keeps serving when one Availability Zone loses power.`,
      dependsOnAlarms: [unhealthyHosts ?? `${app.name}-unhealthy-hosts`, http5xx ?? `${app.name}-5xx-high`],
    });
  }
  return { alarms, sops, tests };
}

/**
 * An app component, as an alarm shows which one it watches: by its metric's dimensions (ClusterName and
 * ServiceName of an ECS service, DBClusterIdentifier of a cluster), or, for the application's own metrics
 * that name no AWS resource (a custom 5xx rate), by the world service that publishes them.
 */
type Component = { dimensions: Record<string, string> } | { owner: string };

/** Whether a world alarm watches `component` through a metric the world publishes from `source` (or, for metrics the world does not publish, one named metricName). */
function alarmWatches(world: World, alarm: AlarmDefinition, component: Component, source: MetricSource, metricName?: string): boolean {
  const app = world.spec.application.name;
  const ofComponent = (m: { resource?: string } | undefined) =>
    'dimensions' in component ? Object.entries(component.dimensions).every(([k, v]) => alarm.dimensions[k] === v) : m !== undefined && (m.resource ?? app) === component.owner;
  if (metricName !== undefined && alarm.metricName === metricName && 'dimensions' in component) return ofComponent(undefined);
  return world.spec.metrics.some(
    (m) => m.source === source && m.namespace === alarm.namespace && m.name === alarm.metricName && sameDimensions(m.dimensions ?? {}, alarm.dimensions) && ofComponent(m),
  );
}

/** Higher is more sensitive: a lower threshold for "greater than" alarms, a higher one for "less than". */
function sensitivity(alarm: AlarmDefinition): number {
  return alarm.comparisonOperator.startsWith('Greater') ? -alarm.threshold : alarm.threshold;
}

function sameDimensions(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a);
  return ka.length === Object.keys(b).length && ka.every((k) => a[k] === b[k]);
}
