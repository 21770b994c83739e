import type { PlannedProbe } from '../plan/types.js';
import type { FaultWindow } from './fault-window.js';
import type { JournalFacts } from './journal-facts.js';
import type { SteadyState } from './steady-state.js';

export interface Recovery {
  state: 'measured' | 'unrecovered' | 'not-measured';
  recoveredAt?: number;
  rtoSeconds?: number;
  /** The probe whose return decided the recovery time (the slowest to come back). */
  lastToRecover?: PlannedProbe;
  /** The probes not holding when observation ended (unrecovered). */
  stillFailing: { probe: PlannedProbe; detail: string }[];
  /** The watch deadline: fault end + watch window. */
  watchUntil?: number;
  note: string;
}

/**
 * Recovered = the first moment at or after the disruption start when every steady-state probe holds
 * and keeps holding for the settle window; it must come before the fault end + watch window.
 * "Keeps holding" needs evidence up to recovered + settle, unless the run ended normally — then the
 * orchestrator watched that long and journals only changes.
 */
export function measureRecovery(facts: JournalFacts, window: FaultWindow, steady: SteadyState): Recovery {
  const { settleSeconds, watchSeconds } = facts.plan.recovery;
  if (window.start === undefined) {
    return { state: 'not-measured', stillFailing: [], note: 'the fault was never injected (no fault action started), so there is nothing to recover from' };
  }
  const start = window.start;
  const watchUntil = (window.end ?? start) + watchSeconds * 1000;
  const settle = settleSeconds * 1000;
  const allHold = (at: number) => steady.probes.every((p) => steady.holds(p, at));
  const points = steady.changePoints();
  const horizon = window.observedUntil ?? start;
  const endedNormally = facts.ended !== undefined && (facts.ended.status === 'completed' || facts.ended.status === 'stopped');
  // Recovery is from the first deviation: a fault shows in the probes only after a metric period or two.
  const deviation = points.find((t) => t >= start && t <= watchUntil && !allHold(t));
  // No deviation seen after the start: it may have begun just before (a metric period straddling the
  // fault start), so the start and every later change point are candidates.
  const candidates = deviation === undefined ? [start, ...points.filter((t) => t > start)] : points.filter((t) => t > deviation);
  for (const candidate of candidates) {
    if (candidate > watchUntil) break;
    if (!allHold(candidate)) continue;
    const breaks = points.some((t) => t > candidate && t <= candidate + settle && !allHold(t));
    if (breaks) continue;
    if (candidate + settle > horizon && !endedNormally) continue;
    const lastToRecover = slowest(steady, start, candidate);
    return {
      state: 'measured',
      recoveredAt: candidate,
      rtoSeconds: (candidate - start) / 1000,
      ...(lastToRecover ? { lastToRecover } : {}),
      stillFailing: [],
      watchUntil,
      note:
        candidate === start
          ? `the steady state never deviated: every probe held from the fault start through the ${settleSeconds}s settle window`
          : `every steady-state probe held again and stayed so for the ${settleSeconds}s settle window`,
    };
  }
  const end = Math.min(horizon, watchUntil);
  const stillFailing = steady.probes.filter((p) => !steady.holds(p, end)).map((probe) => ({ probe, detail: steady.describe(probe, end) }));
  if (horizon >= watchUntil || endedNormally) {
    return { state: 'unrecovered', stillFailing, watchUntil, note: `the steady state did not hold for ${settleSeconds}s within the watch window (fault end + ${watchSeconds}s)` };
  }
  return {
    state: 'not-measured',
    stillFailing,
    watchUntil,
    note: `the run ended (${facts.ended?.status ?? 'journal ends without run-ended'}) before recovery was observed; RTO unknown`,
  };
}

/** The probe whose last transition back to holding came latest before the recovery time. */
function slowest(steady: SteadyState, start: number, recoveredAt: number): PlannedProbe | undefined {
  let found: { probe: PlannedProbe; at: number } | undefined;
  for (const probe of steady.probes) {
    const back = steady.changePoints().filter((t) => t > start && t <= recoveredAt && steady.holds(probe, t) && !steady.holds(probe, t - 1));
    const at = back.at(-1);
    if (at !== undefined && (!found || at > found.at)) found = { probe, at };
  }
  return found?.probe;
}
