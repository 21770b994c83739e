import { durationSeconds } from '../duration.js';
import type { Fault, Scenario } from '../scenario/types.js';

const DEFAULT_AZ_DURATION = 'PT30M';
const DEFAULT_WATCH = 'PT30M';

/**
 * How long to block in people's calendars: the fault, then the recovery watch window (the longest
 * a run waits for steady state to return). An upper bound, as a game day ends early on recovery.
 */
export function gameDaySeconds(scenario: Scenario): number {
  return faultSeconds(scenario.spec.fault) + (durationSeconds(scenario.spec.recovery.watch ?? DEFAULT_WATCH) ?? 0);
}

function faultSeconds(fault: Fault): number {
  switch (fault.type) {
    case 'az-power-interruption':
      return durationSeconds(fault.duration ?? DEFAULT_AZ_DURATION) ?? 0;
    case 'ec2-cpu-stress':
      return durationSeconds(fault.duration) ?? 0;
    case 'ecs-task-kill':
      return 0; // one stop-task or kill-process: the fault is the moment, recovery is the watch
    case 'fis-template':
      return fisTemplateSeconds(fault.actions);
  }
}

/** The end of the last action, following startAfter chains; an action's length is its `duration` parameter. */
function fisTemplateSeconds(actions: Record<string, { parameters?: Record<string, string>; startAfter?: string[] }>): number {
  const ends = new Map<string, number>();
  const endOf = (name: string, path: Set<string>): number => {
    const known = ends.get(name);
    if (known !== undefined) return known;
    const action = actions[name];
    if (!action || path.has(name)) return 0; // unknown or cyclic: validation reports it, the calendar does not care
    path.add(name);
    const start = Math.max(0, ...(action.startAfter ?? []).map((before) => endOf(before, path)));
    path.delete(name);
    const end = start + (durationSeconds(action.parameters?.duration ?? '') ?? 0);
    ends.set(name, end);
    return end;
  };
  return Math.max(0, ...Object.keys(actions).map((name) => endOf(name, new Set())));
}
