import { humanDuration } from '../duration.js';
import type { PlannedProbe } from '../plan/types.js';
import type { FaultWindow } from './fault-window.js';
import type { ImpactModel } from './impact-intervals.js';
import { iso, type JournalFacts } from './journal-facts.js';
import { blindnessText, probesBlindSince } from './observation-gaps.js';
import type { SteadyState } from './steady-state.js';
import { unconfirmedText, type UnconfirmedStop } from './unconfirmed-stop.js';

export interface Recovery {
  state: 'measured' | 'unrecovered' | 'not-measured';
  /** the end of the last deviation (the fault start when nothing deviated) */
  recoveredAt?: number;
  /** RTO: recovered − impact start */
  rtoSeconds?: number;
  /** recovered − fault start, shown beside the RTO */
  fromFaultSeconds?: number;
  /** the first deviation at or after the fault start */
  impactStart?: number;
  /** impact start − fault start */
  timeToImpactSeconds?: number;
  /** total time the steady state did not hold, over every impact interval */
  impactSeconds?: number;
  /** The probe whose return decided the recovery time (the slowest to come back). */
  lastToRecover?: PlannedProbe;
  /** The probes not holding when observation ended (unrecovered). */
  stillFailing: { probe: PlannedProbe; detail: string }[];
  /** The watch deadline: fault end + watch window. */
  watchUntil?: number;
  note: string;
}

/**
 * Recovery from the impact model: impact starts with the first deviation at or after the fault start;
 * recovered is the end of the *last* deviation before the watch deadline, after which every probe held
 * for the settle window. RTO = recovered − impact start. "Held for the settle window" needs evidence up
 * to recovered + settle, unless the run ended normally — then the orchestrator watched that long and
 * journals only changes — and no probe's reads were still failing from before then (an open
 * observation gap): what such a probe did after its reads failed is unknown.
 */
export function measureRecovery(facts: JournalFacts, window: FaultWindow, steady: SteadyState, impact: ImpactModel, unconfirmed?: UnconfirmedStop): Recovery {
  const { settleSeconds, watchSeconds } = facts.plan.recovery;
  if (window.start === undefined) {
    return { state: 'not-measured', stillFailing: [], note: 'the fault was never injected (no fault action started), so there is nothing to recover from' };
  }
  const start = window.start;
  const watchUntil = impact.watchUntil!;
  const settle = settleSeconds * 1000;
  const horizon = window.observedUntil ?? start;
  const endedNormally = facts.ended !== undefined && (facts.ended.status === 'completed' || facts.ended.status === 'stopped');
  const blind = probesBlindSince(facts);
  // Service time up to which the steady state is known: the horizon of a run cut short, else the whole watch, less what was not read.
  const seenThrough = Math.min(blind?.from ?? Infinity, endedNormally ? Infinity : horizon);
  const notObserved = (what: string): Recovery => ({
    state: 'not-measured',
    stillFailing: steady.probes.filter((p) => !steady.holds(p, horizon)).map((probe) => ({ probe, detail: steady.describe(probe, horizon) })),
    watchUntil,
    note:
      blind && blind.from < (endedNormally ? Infinity : horizon)
        ? `steady-state probe ${blindnessText(blind.probe.name, blind)}, before ${what}; RTO unknown`
        : `the run ended (${facts.ended?.status ?? 'journal ends without run-ended'}) before ${what}; RTO unknown`,
  });
  const { intervals } = impact;
  // A metric probe holds on its last datapoint: with none after the fault started (every read failed, or
  // returned nothing) "held" would only repeat preflight's value, and an RTO from it would be invented.
  const unseen = steady.probes.filter((p) => !steady.observedAfter(p, start));
  if (unseen.length > 0 && !unconfirmed) {
    const names = unseen.map((p) => p.name).join(', ');
    const why = blind ? blindnessText(blind.probe.name, blind) : 'its reads failed or returned nothing';
    return { ...notObserved('any datapoint'), note: `no datapoint of ${names} after the fault started (${why}), so whether the steady state held is unknown; RTO unknown` };
  }
  if (unconfirmed) {
    const first = intervals[0];
    return {
      ...notObserved('FIS confirmed the stop'),
      ...(first ? { impactStart: first.start, timeToImpactSeconds: (first.start - start) / 1000 } : {}),
      note: `${unconfirmedText(unconfirmed)}; RTO unknown`,
    };
  }
  if (intervals.length === 0) {
    if (seenThrough < start + settle) return notObserved(`the ${settleSeconds}s settle window after the fault start was observed`);
    return {
      state: 'measured',
      recoveredAt: start,
      rtoSeconds: 0,
      fromFaultSeconds: 0,
      impactSeconds: 0,
      stillFailing: [],
      watchUntil,
      note: `no impact: every steady-state probe held from the fault start through the ${settleSeconds}s settle window`,
    };
  }
  const first = intervals[0]!;
  const last = intervals.at(-1)!;
  const impactSeconds = intervals.reduce((sum, i) => sum + ((i.end ?? Math.min(horizon, watchUntil)) - i.start) / 1000, 0);
  const timing = { impactStart: first.start, timeToImpactSeconds: (first.start - start) / 1000, impactSeconds, watchUntil };
  if (last.end === undefined || last.end > watchUntil) {
    if (seenThrough < watchUntil) return { ...notObserved('recovery was observed'), ...timing };
    const end = Math.min(horizon, watchUntil);
    const stillFailing = steady.probes.filter((p) => !steady.holds(p, end)).map((probe) => ({ probe, detail: steady.describe(probe, end) }));
    return { state: 'unrecovered', stillFailing, ...timing, note: `the steady state did not hold for ${settleSeconds}s within the watch window (fault end + ${watchSeconds}s)` };
  }
  const recoveredAt = last.end;
  if (recoveredAt + settle > seenThrough) return { ...notObserved(`the steady state had held for the ${settleSeconds}s settle window`), ...timing };
  const lastDeviation = [...last.deviations].sort((a, b) => (a.end ?? 0) - (b.end ?? 0)).at(-1)!;
  const rtoSeconds = (recoveredAt - first.start) / 1000;
  const fromFaultSeconds = (recoveredAt - start) / 1000;
  return {
    state: 'measured',
    recoveredAt,
    rtoSeconds,
    fromFaultSeconds,
    ...timing,
    lastToRecover: lastDeviation.probe,
    stillFailing: [],
    note: `measured from the start of impact (${iso(first.start)}, ${humanDuration(timing.timeToImpactSeconds)} after the fault started) to the end of the last deviation (${lastDeviation.probe.name}, ${iso(recoveredAt)}), after which every probe held for the ${settleSeconds}s settle window; ${humanDuration(fromFaultSeconds)} from the fault start${
      intervals.length > 1 ? `; ${intervals.length - 1} relapse${intervals.length > 2 ? 's' : ''} included` : ''
    }`,
  };
}
