import type { Compute, ExperimentState } from '../../aws/ports.js';
import { GamedayError } from '../errors.js';
import type { RestorationChecked, TargetsResolved } from '../journal/events.js';
import type { Plan, PlannedAction } from '../plan/types.js';
import { pollIntervalMs, type ServiceClock } from './service-clock.js';
import { sleep } from './sleep.js';

/** Ended states in which FIS has undone what the action did (it rolls back on stop, too). */
const ROLLED_BACK_STATES = new Set(['completed', 'stopped', 'cancelled', 'skipped']);
const STOP_INSTANCES = 'aws:ec2:stop-instances';
const DISRUPT_CONNECTIVITY = 'aws:network:disrupt-connectivity';

/** How long a restarted instance may stay `pending` before the check gives up on it (service time). */
export const PENDING_WAIT_SECONDS = 300;
/** Service seconds between looks at pending instances. */
export const PENDING_POLL_SECONDS = 15;

/** What the restoration check looks at directly, per action (ids, not ARNs). */
export interface RestorationNeeds {
  /** aws:ec2:stop-instances: `restarts` when FIS starts them again (startInstancesAfterDuration). */
  instances: { action: string; ids: string[]; restarts: boolean; terminatedIsOk: boolean }[];
  /** aws:network:disrupt-connectivity: the subnets FIS swapped a network ACL on. */
  subnets: { action: string; ids: string[] }[];
}

/** What the inspection found; an `error` is a failed inspection (AccessDenied…), judged as a failed check. */
export interface RestorationInspection {
  instanceStates?: Record<string, string>;
  instancesError?: string;
  subnetsWithFisAcl?: string[];
  subnetsError?: string;
}

/** FIS reports resolved targets as ARNs (…:instance/i-…, …:subnet/subnet-…); EC2 wants the id. */
export function resourceId(identifier: string): string {
  return identifier.startsWith('arn:') ? (identifier.split('/').at(-1) ?? identifier) : identifier;
}

function resolvedIds(action: PlannedAction, targets: TargetsResolved['targets']): string[] {
  if (!action.targetName) return [];
  return [...new Set(targets.filter((t) => t.targetName === action.targetName).map((t) => resourceId(t.identifier)))];
}

function templateParameters(plan: Plan, action: PlannedAction): Record<string, string> {
  return plan.template.actions[action.name]?.parameters ?? {};
}

/** Which resources to inspect: the instances stop-instances hit and the subnets disrupt-connectivity hit. */
export function restorationNeeds(plan: Plan, targets: TargetsResolved['targets']): RestorationNeeds {
  const needs: RestorationNeeds = { instances: [], subnets: [] };
  for (const action of plan.actions) {
    const ids = resolvedIds(action, targets);
    if (ids.length === 0) continue;
    if (action.actionId === STOP_INSTANCES) {
      const parameters = templateParameters(plan, action);
      needs.instances.push({ action: action.name, ids, restarts: parameters.startInstancesAfterDuration !== undefined, terminatedIsOk: parameters.completeIfInstancesTerminated === 'true' });
    } else if (action.actionId === DISRUPT_CONNECTIVITY) {
      needs.subnets.push({ action: action.name, ids });
    }
  }
  return needs;
}

/**
 * What is left changed after the run. Instances stop-instances hit and subnets disrupt-connectivity
 * hit are judged from what EC2 says now (`inspected`); other actions FIS undoes (API faults, capacity
 * errors, stress) from FIS's own account of each action: they must have ended. Actions that cannot be
 * undone (failover, stop-task, terminate, stop-instances without restart) are listed as not rolled back.
 */
export function checkRestoration(plan: Plan, experiment: ExperimentState | undefined, targets: TargetsResolved['targets'], inspected: RestorationInspection = {}): RestorationChecked {
  const needs = restorationNeeds(plan, targets);
  const checks: RestorationChecked['checks'] = [];
  const notRolledBack: RestorationChecked['notRolledBack'] = [];
  for (const action of plan.actions) {
    const seen = experiment?.actions[action.name];
    const hit = action.targetName ? targets.filter((t) => t.targetName === action.targetName).map((t) => t.identifier) : [];
    const what = hit.length ? `${hit.length} resource(s): ${hit.join(', ')}` : action.hits;
    const started = seen !== undefined && seen.state !== 'skipped' && seen.state !== 'pending' && seen.state !== 'cancelled';
    const instances = needs.instances.find((n) => n.action === action.name);
    const subnets = needs.subnets.find((n) => n.action === action.name);
    if (instances) {
      if (!instances.restarts && started) {
        notRolledBack.push({ action: action.name, actionId: action.actionId, why: `${action.actionId} without startInstancesAfterDuration: FIS never starts ${instances.ids.join(', ')} again` });
      }
      checks.push(...judgeInstances(action.name, instances, inspected));
      continue;
    }
    if (subnets) {
      checks.push(...judgeSubnets(action.name, subnets.ids, inspected));
      continue;
    }
    if (action.rollback === 'not rolled back') {
      if (started) notRolledBack.push({ action: action.name, actionId: action.actionId, why: `${action.actionId} cannot be undone; ${what} stay as the fault left them (${seen.state})` });
      continue;
    }
    if (!seen) {
      checks.push({ subject: action.name, ok: false, message: `no state seen for ${action.name}: check ${what} by hand` });
    } else if (ROLLED_BACK_STATES.has(seen.state)) {
      checks.push({ subject: action.name, ok: true, message: `${action.name} ${seen.state}${seen.endTime ? ` at ${seen.endTime.toISOString()}` : ''}; FIS rolled it back: ${what} — from FIS action state` });
    } else {
      checks.push({ subject: action.name, ok: false, message: `${action.name} is ${seen.state}${seen.reason ? ` (${seen.reason})` : ''}: FIS may not have rolled it back; check ${what}` });
    }
  }
  return { type: 'restoration', checks, notRolledBack };
}

function judgeInstances(subject: string, need: RestorationNeeds['instances'][number], inspected: RestorationInspection): RestorationChecked['checks'] {
  const states = inspected.instanceStates;
  if (!states) {
    return [{ subject, ok: false, message: `could not inspect ${need.ids.join(', ')} (DescribeInstances): ${inspected.instancesError ?? 'not inspected'}` }];
  }
  return need.ids.map((id) => {
    const state = states[id] ?? 'not-found';
    if (state === 'running') return { subject, ok: true, message: `${id} is running (DescribeInstances)` };
    if ((state === 'terminated' || state === 'not-found') && need.terminatedIsOk) {
      return { subject, ok: true, message: `${id} is ${state} (DescribeInstances): replaced while stopped, accepted by completeIfInstancesTerminated` };
    }
    const why = need.restarts ? (state === 'pending' ? `still pending ${PENDING_WAIT_SECONDS / 60} minutes after the run` : 'FIS did not start it again') : 'FIS does not start it again (no startInstancesAfterDuration); start it by hand';
    return { subject, ok: false, message: `${id} is ${state} (DescribeInstances): ${why}` };
  });
}

function judgeSubnets(subject: string, ids: string[], inspected: RestorationInspection): RestorationChecked['checks'] {
  const still = inspected.subnetsWithFisAcl;
  if (!still) {
    return [{ subject, ok: false, message: `could not inspect ${ids.join(', ')} (DescribeNetworkAcls): ${inspected.subnetsError ?? 'not inspected'}` }];
  }
  return ids.map((id) =>
    still.includes(id)
      ? { subject, ok: false, message: `${id} is still associated with the network ACL FIS created (DescribeNetworkAcls, tag managedByFIS=true): connectivity not restored` }
      : { subject, ok: true, message: `${id} has no FIS network ACL associated (DescribeNetworkAcls): connectivity restored` },
  );
}

function reason(error: unknown): string {
  return GamedayError.is(error) ? error.message : error instanceof Error ? error.message : String(error);
}

/**
 * Looks at the resources through the Compute port. Instances FIS is restarting may still be
 * `pending`: they are looked at again every PENDING_POLL_SECONDS of service time, for up to
 * PENDING_WAIT_SECONDS. A failed call is recorded as the reason, never thrown.
 */
export async function inspectRestoration(needs: RestorationNeeds, compute: Compute, options: { clock: ServiceClock; signal?: AbortSignal }): Promise<RestorationInspection> {
  const inspection: RestorationInspection = {};
  const instanceIds = [...new Set(needs.instances.flatMap((n) => n.ids))];
  const restarting = new Set(needs.instances.filter((n) => n.restarts).flatMap((n) => n.ids));
  if (instanceIds.length > 0) {
    try {
      const states = await compute.instanceStates(instanceIds);
      const deadline = options.clock.now().getTime() + PENDING_WAIT_SECONDS * 1000;
      const pending = () => [...restarting].filter((id) => states[id] === 'pending');
      while (pending().length > 0 && options.clock.now().getTime() < deadline && !options.signal?.aborted) {
        await sleep(pollIntervalMs(options.clock.speed, PENDING_POLL_SECONDS), options.signal);
        Object.assign(states, await compute.instanceStates(pending()));
      }
      inspection.instanceStates = states;
    } catch (error) {
      inspection.instancesError = reason(error);
    }
  }
  const subnetIds = [...new Set(needs.subnets.flatMap((n) => n.ids))];
  if (subnetIds.length > 0) {
    try {
      inspection.subnetsWithFisAcl = await compute.subnetsWithFisAcl(subnetIds);
    } catch (error) {
      inspection.subnetsError = reason(error);
    }
  }
  return inspection;
}
