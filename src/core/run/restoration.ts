import type { DbClusterState, DbInstanceState, EcsServiceState, ExperimentState, ReplicationGroupState } from '../../aws/ports.js';
import type { RestorationChecked, TargetsResolved } from '../journal/events.js';
import type { Plan, PlannedAction } from '../plan/types.js';

/** Ended states in which FIS has undone what the action did (it rolls back on stop, too). */
const ROLLED_BACK_STATES = new Set(['completed', 'stopped', 'cancelled', 'skipped']);
const STOP_INSTANCES = 'aws:ec2:stop-instances';
const DISRUPT_CONNECTIVITY = 'aws:network:disrupt-connectivity';
const FAILOVER_DB_CLUSTER = 'aws:rds:failover-db-cluster';
const REBOOT_DB_INSTANCES = 'aws:rds:reboot-db-instances';
const CACHE_AZ_POWER = 'aws:elasticache:replicationgroup-interrupt-az-power';
/** Both leave tasks stopped; only the tasks' ECS service brings the count back. */
const ECS_TASK_STOPPERS = new Set(['aws:ecs:stop-task', 'aws:ecs:task-kill-process']);

/** The read-only calls the inspection makes, as IAM actions: the caller's policy needs them (docs/run.md, step 8). */
export const RESTORATION_IAM_ACTIONS = [
  'ec2:DescribeInstances',
  'ec2:DescribeNetworkAcls',
  'rds:DescribeDBClusters',
  'rds:DescribeDBInstances',
  'elasticache:DescribeReplicationGroups',
  'ecs:DescribeServices',
] as const;

/**
 * How long a resource that is not back yet (a restarted instance still `pending`, a cluster or
 * replication group not `available`, an ECS service short of tasks) may take before the check gives up
 * on it, in service time: ECS replaces a stopped task in a minute or two, a failover takes about one.
 */
export const RECOVERY_WAIT_SECONDS = 300;
/** Service seconds between looks at what is not back yet. */
export const RECOVERY_POLL_SECONDS = 15;

type Check = RestorationChecked['checks'][number];

/** What the restoration check looks at directly, per action (ids, not ARNs). */
export interface RestorationNeeds {
  /** aws:ec2:stop-instances: `restarts` when FIS starts them again (startInstancesAfterDuration). */
  instances: { action: string; ids: string[]; restarts: boolean; terminatedIsOk: boolean }[];
  /** aws:network:disrupt-connectivity: the subnets FIS swapped a network ACL on. */
  subnets: { action: string; ids: string[] }[];
  /** aws:rds:failover-db-cluster: the clusters, by identifier. */
  dbClusters: { action: string; ids: string[] }[];
  /** aws:rds:reboot-db-instances: the instances, by identifier. */
  dbInstances: { action: string; ids: string[] }[];
  /** aws:elasticache:replicationgroup-interrupt-az-power: the replication groups, by id. */
  replicationGroups: { action: string; ids: string[] }[];
  /** aws:ecs:stop-task / task-kill-process: the service the tasks belong to, as the target's cluster/service parameters name it. */
  ecsServices: { action: string; service: EcsServiceRef }[];
}

export interface EcsServiceRef {
  cluster: string;
  service: string;
}

/** What one Describe call found, or why it could not look (AccessDenied…): the latter is judged as a failed check. */
export type Looked<T> = { found: T } | { error: string };

/** What the inspection found, per kind of resource; absent when nothing of that kind was hit. */
export interface RestorationInspection {
  /** instance id → State.Name */
  instances?: Looked<Record<string, string>>;
  /** the subnets still associated with a FIS network ACL */
  subnetsWithFisAcl?: Looked<string[]>;
  dbClusters?: Looked<Record<string, DbClusterState>>;
  dbInstances?: Looked<Record<string, DbInstanceState>>;
  replicationGroups?: Looked<Record<string, ReplicationGroupState>>;
  /** by ecsServiceKey */
  ecsServices?: Looked<Record<string, EcsServiceState>>;
}

/**
 * FIS reports resolved targets as ARNs; the Describe calls want the resource's own id: the last part
 * of the ARN's resource, whichever separator the service uses (…:instance/i-…, …:cluster:checkout-db,
 * …:replicationgroup:checkout-cache).
 */
export function resourceId(identifier: string): string {
  if (!identifier.startsWith('arn:')) return identifier;
  const resource = identifier.split(':').slice(5).join(':');
  return resource.split(/[/:]/).at(-1) || identifier;
}

export function ecsServiceKey(ref: EcsServiceRef): string {
  return `${ref.cluster}/${ref.service}`;
}

function resolvedIds(action: PlannedAction, targets: TargetsResolved['targets']): string[] {
  if (!action.targetName) return [];
  return [...new Set(targets.filter((t) => t.targetName === action.targetName).map((t) => resourceId(t.identifier)))];
}

function templateParameters(plan: Plan, action: PlannedAction): Record<string, string> {
  return plan.template.actions[action.name]?.parameters ?? {};
}

/** The ECS service the action's target names; undefined when it picks tasks by tags alone. */
function targetService(plan: Plan, action: PlannedAction): EcsServiceRef | undefined {
  const parameters = action.targetName ? plan.template.targets[action.targetName]?.parameters : undefined;
  return parameters?.cluster && parameters.service ? { cluster: parameters.cluster, service: parameters.service } : undefined;
}

/** Which resources to inspect: those of the actions whose effect the services themselves can show. */
export function restorationNeeds(plan: Plan, targets: TargetsResolved['targets']): RestorationNeeds {
  const needs: RestorationNeeds = { instances: [], subnets: [], dbClusters: [], dbInstances: [], replicationGroups: [], ecsServices: [] };
  for (const action of plan.actions) {
    const ids = resolvedIds(action, targets);
    if (ids.length === 0) continue;
    const service = ECS_TASK_STOPPERS.has(action.actionId) ? targetService(plan, action) : undefined;
    if (action.actionId === STOP_INSTANCES) {
      const parameters = templateParameters(plan, action);
      needs.instances.push({ action: action.name, ids, restarts: parameters.startInstancesAfterDuration !== undefined, terminatedIsOk: parameters.completeIfInstancesTerminated === 'true' });
    } else if (action.actionId === DISRUPT_CONNECTIVITY) needs.subnets.push({ action: action.name, ids });
    else if (action.actionId === FAILOVER_DB_CLUSTER) needs.dbClusters.push({ action: action.name, ids });
    else if (action.actionId === REBOOT_DB_INSTANCES) needs.dbInstances.push({ action: action.name, ids });
    else if (action.actionId === CACHE_AZ_POWER) needs.replicationGroups.push({ action: action.name, ids });
    else if (service) needs.ecsServices.push({ action: action.name, service });
  }
  return needs;
}

/**
 * What is left changed after the run. The resources of the actions in RestorationNeeds are judged from
 * what their services say now (`inspected`); other actions FIS undoes (API faults, capacity errors,
 * stress) from FIS's own account of each action: they must have ended. Actions that cannot be undone
 * (failover, reboot, stop-task, terminate, stop-instances without restart) are listed as not rolled
 * back; where the service shows the outcome, the resource must still be healthy again.
 */
export function checkRestoration(plan: Plan, experiment: ExperimentState | undefined, targets: TargetsResolved['targets'], inspected: RestorationInspection = {}): RestorationChecked {
  const needs = restorationNeeds(plan, targets);
  const checks: RestorationChecked['checks'] = [];
  const notRolledBack: RestorationChecked['notRolledBack'] = [];
  const of = <T extends { action: string }>(list: T[], action: PlannedAction) => list.find((n) => n.action === action.name);
  for (const action of plan.actions) {
    const seen = experiment?.actions[action.name];
    const hit = action.targetName ? targets.filter((t) => t.targetName === action.targetName).map((t) => t.identifier) : [];
    const what = hit.length ? `${hit.length} resource(s): ${hit.join(', ')}` : action.hits;
    const started = seen !== undefined && seen.state !== 'skipped' && seen.state !== 'pending' && seen.state !== 'cancelled';
    const irreversible = (detail?: string) => {
      if (started) notRolledBack.push({ action: action.name, actionId: action.actionId, why: `${action.actionId} cannot be undone; ${detail ?? `${what} stay as the fault left them (${seen.state})`}` });
    };
    const instances = of(needs.instances, action);
    const subnets = of(needs.subnets, action);
    const clusters = of(needs.dbClusters, action);
    const dbInstances = of(needs.dbInstances, action);
    const groups = of(needs.replicationGroups, action);
    const service = of(needs.ecsServices, action);
    if (instances) {
      if (!instances.restarts && started) {
        notRolledBack.push({ action: action.name, actionId: action.actionId, why: `${action.actionId} without startInstancesAfterDuration: FIS never starts ${instances.ids.join(', ')} again` });
      }
      checks.push(...judged(action.name, instances.ids, 'DescribeInstances', inspected.instances, (states) => judgeInstances(action.name, instances, states)));
    } else if (subnets) {
      checks.push(...judged(action.name, subnets.ids, 'DescribeNetworkAcls', inspected.subnetsWithFisAcl, (still) => judgeSubnets(action.name, subnets.ids, still)));
    } else if (clusters) {
      const found = foundIn(inspected.dbClusters);
      irreversible(found && writersNow(clusters.ids, found));
      checks.push(...judged(action.name, clusters.ids, 'DescribeDBClusters', inspected.dbClusters, (states) => clusters.ids.map((id) => judgeDbCluster(action.name, id, states[id]))));
    } else if (dbInstances) {
      irreversible();
      checks.push(...judged(action.name, dbInstances.ids, 'DescribeDBInstances', inspected.dbInstances, (states) => dbInstances.ids.map((id) => judgeDbInstance(action.name, id, states[id]))));
    } else if (groups) {
      checks.push(...judged(action.name, groups.ids, 'DescribeReplicationGroups', inspected.replicationGroups, (states) => groups.ids.map((id) => judgeReplicationGroup(action.name, id, states[id]))));
    } else if (service) {
      const key = ecsServiceKey(service.service);
      irreversible(`the stopped tasks stay stopped; ECS service ${key} replaces them`);
      checks.push(...judged(action.name, [key], 'DescribeServices', inspected.ecsServices, (states) => [judgeEcsService(action.name, service.service, states[key])]));
    } else if (action.rollback === 'not rolled back') {
      irreversible();
    } else if (!seen) {
      checks.push({ subject: action.name, ok: false, message: `no state seen for ${action.name}: check ${what} by hand` });
    } else if (ROLLED_BACK_STATES.has(seen.state)) {
      checks.push({ subject: action.name, ok: true, message: `${action.name} ${seen.state}${seen.endTime ? ` at ${seen.endTime.toISOString()}` : ''}; FIS rolled it back: ${what} — from FIS action state` });
    } else {
      checks.push({ subject: action.name, ok: false, message: `${action.name} is ${seen.state}${seen.reason ? ` (${seen.reason})` : ''}: FIS may not have rolled it back; check ${what}` });
    }
  }
  return { type: 'restoration', checks, notRolledBack };
}

function foundIn<T>(looked: Looked<T> | undefined): T | undefined {
  return looked && 'found' in looked ? looked.found : undefined;
}

/** A failed inspection is one failed check naming what could not be looked at; else the judge's checks. */
function judged<T>(subject: string, ids: string[], operation: string, looked: Looked<T> | undefined, judge: (found: T) => Check[]): Check[] {
  if (!looked || 'error' in looked) return [{ subject, ok: false, message: `could not inspect ${ids.join(', ')} (${operation}): ${looked?.error ?? 'not inspected'}` }];
  return judge(looked.found);
}

const STILL = `${RECOVERY_WAIT_SECONDS / 60} minutes after the run`;

function judgeInstances(subject: string, need: RestorationNeeds['instances'][number], states: Record<string, string>): Check[] {
  return need.ids.map((id) => {
    const state = states[id] ?? 'not-found';
    if (state === 'running') return { subject, ok: true, message: `${id} is running (DescribeInstances)` };
    if ((state === 'terminated' || state === 'not-found') && need.terminatedIsOk) {
      return { subject, ok: true, message: `${id} is ${state} (DescribeInstances): replaced while stopped, accepted by completeIfInstancesTerminated` };
    }
    const why = need.restarts ? (state === 'pending' ? `still pending ${STILL}` : 'FIS did not start it again') : 'FIS does not start it again (no startInstancesAfterDuration); start it by hand';
    return { subject, ok: false, message: `${id} is ${state} (DescribeInstances): ${why}` };
  });
}

function judgeSubnets(subject: string, ids: string[], still: string[]): Check[] {
  return ids.map((id) =>
    still.includes(id)
      ? { subject, ok: false, message: `${id} is still associated with the network ACL FIS created (DescribeNetworkAcls, tag managedByFIS=true): connectivity not restored` }
      : { subject, ok: true, message: `${id} has no FIS network ACL associated (DescribeNetworkAcls): connectivity restored` },
  );
}

/** Where each cluster's writer is now, as far as RDS shows it; undefined when no writer AZ was seen. */
function writersNow(ids: string[], states: Record<string, DbClusterState>): string | undefined {
  const writers = ids.flatMap((id) => {
    const writer = states[id]?.writer;
    return writer?.availabilityZone ? [`${id}'s writer is ${writer.id} in ${writer.availabilityZone}`] : [];
  });
  return writers.length ? `the writer stays where the failover put it: ${writers.join('; ')} (DescribeDBInstances)` : undefined;
}

function judgeDbCluster(subject: string, id: string, state: DbClusterState | undefined): Check {
  const status = state?.status ?? 'not-found';
  if (status === 'not-found') return { subject, ok: false, message: `${id} was not found (DescribeDBClusters): check whether the cluster was deleted or renamed` };
  const events = `see its events: aws rds describe-events --source-type db-cluster --source-identifier ${id}`;
  if (status !== 'available') return { subject, ok: false, message: `${id} is ${status} (DescribeDBClusters): not available ${STILL}; ${events}` };
  const writer = state?.writer;
  if (!writer) return { subject, ok: true, message: `${id} is available (DescribeDBClusters)` };
  const where = writer.availabilityZone ? ` in ${writer.availabilityZone}` : '';
  if (writer.status !== 'available') {
    return { subject, ok: false, message: `${id} is available but its writer ${writer.id}${where} is ${writer.status} (DescribeDBClusters, DescribeDBInstances): not available ${STILL}; ${events}` };
  }
  return { subject, ok: true, message: `${id} is available, its writer ${writer.id} available${where} (DescribeDBClusters, DescribeDBInstances)` };
}

function judgeDbInstance(subject: string, id: string, state: DbInstanceState | undefined): Check {
  const status = state?.status ?? 'not-found';
  if (status === 'not-found') return { subject, ok: false, message: `${id} was not found (DescribeDBInstances): check whether the instance was deleted or renamed` };
  const where = state?.availabilityZone ? ` in ${state.availabilityZone}` : '';
  if (status === 'available') return { subject, ok: true, message: `${id} is available${where} (DescribeDBInstances)` };
  return { subject, ok: false, message: `${id} is ${status}${where} (DescribeDBInstances): not available ${STILL}; see its events: aws rds describe-events --source-type db-instance --source-identifier ${id}` };
}

function judgeReplicationGroup(subject: string, id: string, state: ReplicationGroupState | undefined): Check {
  const status = state?.status ?? 'not-found';
  if (status === 'not-found') return { subject, ok: false, message: `${id} was not found (DescribeReplicationGroups): check whether the replication group was deleted or renamed` };
  if (status !== 'available') {
    return { subject, ok: false, message: `${id} is ${status} (DescribeReplicationGroups): not available ${STILL}; see its events: aws elasticache describe-events --source-type replication-group --source-identifier ${id}` };
  }
  const primaries = state?.primaryAvailabilityZones ?? [];
  return { subject, ok: true, message: `${id} is available${primaries.length ? `, primary in ${primaries.join(', ')}` : ''} (DescribeReplicationGroups)` };
}

function judgeEcsService(subject: string, ref: EcsServiceRef, state: EcsServiceState | undefined): Check {
  const key = ecsServiceKey(ref);
  const see = `see its events: aws ecs describe-services --cluster ${ref.cluster} --services ${ref.service}`;
  if (!state || state.status !== 'ACTIVE') {
    return { subject, ok: false, message: `${key} is ${state?.status ?? 'MISSING'} (DescribeServices): no active service replaces the stopped tasks; check the cluster and service the target names` };
  }
  const counts = `runs ${state.runningCount} of ${state.desiredCount} desired task(s)${state.pendingCount ? `, ${state.pendingCount} pending` : ''}`;
  if (state.runningCount >= state.desiredCount) return { subject, ok: true, message: `${key} ${counts} (DescribeServices)` };
  return { subject, ok: false, message: `${key} ${counts} (DescribeServices): still short ${STILL}; ${see}` };
}
