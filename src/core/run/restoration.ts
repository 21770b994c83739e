import type { ExperimentState } from '../../aws/ports.js';
import type { RestorationChecked, TargetsResolved } from '../journal/events.js';
import type { Plan } from '../plan/types.js';

/** Ended states in which FIS has undone what the action did (it rolls back on stop, too). */
const ROLLED_BACK_STATES = new Set(['completed', 'stopped', 'cancelled', 'skipped']);

/**
 * What is left changed after the run, from FIS's own account of each action (gameday has no EC2/RDS
 * clients to look at resources directly, and says so): actions FIS undoes (stop-instances with
 * startInstancesAfterDuration, network ACLs, API faults) must have ended; the ones that cannot be
 * undone (failover, stop-task, terminate) are listed as not rolled back.
 */
export function checkRestoration(plan: Plan, experiment: ExperimentState | undefined, targets: TargetsResolved['targets']): RestorationChecked {
  const checks: RestorationChecked['checks'] = [];
  const notRolledBack: RestorationChecked['notRolledBack'] = [];
  for (const action of plan.actions) {
    const seen = experiment?.actions[action.name];
    const hit = action.targetName ? targets.filter((t) => t.targetName === action.targetName).map((t) => t.identifier) : [];
    const what = hit.length ? `${hit.length} resource(s): ${hit.join(', ')}` : action.hits;
    if (action.rollback === 'not rolled back') {
      if (seen && seen.state !== 'skipped' && seen.state !== 'pending' && seen.state !== 'cancelled') {
        notRolledBack.push({ action: action.name, actionId: action.actionId, why: `${action.actionId} cannot be undone; ${what} stay as the fault left them (${seen.state})` });
      }
      continue;
    }
    if (!seen) {
      checks.push({ subject: action.name, ok: false, message: `no state seen for ${action.name}: check ${what} by hand` });
    } else if (ROLLED_BACK_STATES.has(seen.state)) {
      const restart = action.actionId === 'aws:ec2:stop-instances' ? ' (FIS starts the stopped instances again)' : '';
      checks.push({ subject: action.name, ok: true, message: `${action.name} ${seen.state}${seen.endTime ? ` at ${seen.endTime.toISOString()}` : ''}; FIS rolled it back${restart}: ${what} — from FIS action state, not inspected directly` });
    } else {
      checks.push({ subject: action.name, ok: false, message: `${action.name} is ${seen.state}${seen.reason ? ` (${seen.reason})` : ''}: FIS may not have rolled it back; check ${what}` });
    }
  }
  return { type: 'restoration', checks, notRolledBack };
}
