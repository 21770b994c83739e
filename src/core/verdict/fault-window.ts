import { actionStates, iso, lastExperiment, ms, type JournalFacts } from './journal-facts.js';

export interface FaultWindow {
  /** The earliest service start time of the actions that inject the fault. */
  start?: number;
  /** When the fault ended: the last fault action's end, else the experiment's end, else the planned end. */
  end?: number;
  /** Latest service time anything was observed: the horizon for "stayed so for the settle window". */
  observedUntil?: number;
}

export function faultWindow(facts: JournalFacts): FaultWindow {
  const states = actionStates(facts);
  const faultActions = facts.plan.actions.filter((a) => a.injectsFault);
  const candidates = faultActions.length > 0 ? faultActions : facts.plan.actions;
  const starts = candidates.flatMap((a) => (states.get(a.name)?.startTime ? [ms(states.get(a.name)!.startTime!)] : []));
  const start = starts.length > 0 ? Math.min(...starts) : undefined;
  const ends = candidates.flatMap((a) => (states.get(a.name)?.endTime ? [ms(states.get(a.name)!.endTime!)] : []));
  const experiment = lastExperiment(facts);
  let end: number | undefined;
  if (start !== undefined) {
    if (ends.length === candidates.filter((a) => states.get(a.name)?.startTime).length && ends.length > 0) end = Math.max(...ends);
    else if (experiment?.endTime) end = ms(experiment.endTime);
    else end = start + facts.plan.faultSeconds * 1000;
  }
  const seen = [
    ...facts.samples.map((s) => ms(s.timestamp)),
    ...facts.alarms.map((a) => ms(a.timestamp)),
    ...[...states.values()].flatMap((s) => [s.startTime, s.endTime]).filter((t): t is string => !!t).map(ms),
    ...(experiment?.endTime ? [ms(experiment.endTime)] : []),
    ...facts.stops.flatMap((s) => (s.stoppedAt ? [ms(s.stoppedAt)] : [])),
  ].filter((t) => Number.isFinite(t));
  return {
    ...(start !== undefined ? { start } : {}),
    ...(end !== undefined ? { end } : {}),
    ...(seen.length > 0 ? { observedUntil: Math.max(...seen) } : {}),
  };
}

export function isoOrUndefined(epochMs: number | undefined): string | undefined {
  return epochMs === undefined ? undefined : iso(epochMs);
}
