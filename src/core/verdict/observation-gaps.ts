import type { ObservationGap } from '../journal/events.js';
import { SLO_BURN_PROBE } from '../plan/slo.js';
import type { PlannedProbe } from '../plan/types.js';
import { ms, type JournalFacts } from './journal-facts.js';

/** What a steady-state probe is judged on: its alarm's state, its metric, or the SLO's counts. */
export function readsOf(probe: PlannedProbe): ObservationGap['reads'] {
  if (probe.kind === 'alarm') return 'alarms';
  return probe.id === SLO_BURN_PROBE.id ? 'slo' : 'probes';
}

/** Reads that still failed when the watch ended, from `from` (service time) on. */
export interface Blindness {
  from: number;
  gap: ObservationGap;
}

/**
 * Since when the watch no longer saw what `reads` feed (the reads failed from then to the end), if it
 * did not see them to the end. A gap that closed is not blindness: the reads after it caught up on
 * every period the failed ones missed, and an alarm's state carries its last change's time.
 */
export function blindSince(facts: JournalFacts, reads: ObservationGap['reads']): Blindness | undefined {
  const open = facts.gaps.filter((g) => g.reads === reads && g.until === undefined).sort((a, b) => ms(a.from) - ms(b.from))[0];
  return open ? { from: ms(open.from), gap: open } : undefined;
}

/** The steady-state probe seen for the shortest time, if the watch lost sight of any. */
export function probesBlindSince(facts: JournalFacts): (Blindness & { probe: PlannedProbe }) | undefined {
  const blind = facts.plan.probes.flatMap((probe) => {
    const b = blindSince(facts, readsOf(probe));
    return b ? [{ ...b, probe }] : [];
  });
  return blind.sort((a, b) => a.from - b.from)[0];
}

/** "<what> could not be read from <time> (N failed <operation> polls until the watch ended: <error>)". */
export function blindnessText(what: string, b: Blindness): string {
  return `${what} could not be read from ${b.gap.from} (${b.gap.failures} failed ${b.gap.operation} poll${b.gap.failures === 1 ? '' : 's'} until the watch ended: ${b.gap.message})`;
}
