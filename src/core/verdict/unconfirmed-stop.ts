import { FINISHED_STATES, stopConfirmed } from '../run/stop-experiment.js';
import type { JournalFacts } from './journal-facts.js';

/** A stop gameday asked for that FIS never confirmed: the experiment may still be injecting its fault. */
export interface UnconfirmedStop {
  by: string;
  /** gameday's wall clock when it asked */
  requestedAt: string;
  /** what FIS last reported for the experiment */
  lastState: string;
  experimentId?: string;
}

/**
 * The run left open because its stop was never confirmed (exit 4): no run-ended, a stop request that saw
 * no terminal state, and no later observation of one. Everything after the request is unknown.
 */
export function unconfirmedStop(facts: JournalFacts): UnconfirmedStop | undefined {
  if (facts.ended) return undefined;
  const stop = facts.stops.at(-1);
  if (!stop || stopConfirmed(stop)) return undefined;
  const last = facts.experiment.at(-1);
  if (last && FINISHED_STATES.has(last.state)) return undefined;
  return {
    by: stop.by,
    requestedAt: stop.requestedAt,
    lastState: stop.stoppedState ?? last?.state ?? 'unknown',
    ...(last?.experimentId ? { experimentId: last.experimentId } : {}),
  };
}

/** Why something after the stop request is unknown, in words. */
export function unconfirmedText(u: UnconfirmedStop): string {
  return `FIS never confirmed the stop gameday asked for (${u.by}, ${u.requestedAt}; it last reported the experiment ${u.lastState}), so the fault may still be injecting`;
}
