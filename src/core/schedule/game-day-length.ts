import { compilePlan } from '../plan/compile.js';
import type { LoadedScenario } from '../scenario/types.js';

/**
 * How long to block in people's calendars: the plan's own fault time (the end of its last action,
 * follow-up phases included) plus its recovery watch window — the longest a run can take. One source
 * of truth: what `gameday plan` shows is what the calendar books. An upper bound, as a game day ends
 * early on recovery.
 */
export function gameDaySeconds(loaded: LoadedScenario): number {
  const plan = compilePlan(loaded);
  return plan.faultSeconds + plan.recovery.watchSeconds;
}
