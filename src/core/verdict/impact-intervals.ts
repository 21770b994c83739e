import type { FaultWindow } from './fault-window.js';
import type { JournalFacts } from './journal-facts.js';
import type { ProbeDeviation, SteadyState } from './steady-state.js';
import { actionWindows, runningAt, type ActionWindow } from './attribution.js';

/**
 * A stretch of service time in which the steady state did not hold: one or more probes deviated. Two
 * deviations less than the settle window apart are one impact (the steady state never held long enough
 * to count as recovered in between); a later one is a relapse.
 */
export interface ImpactInterval {
  start: number;
  /** absent while the steady state still did not hold when observation ended */
  end?: number;
  deviations: ProbeDeviation[];
  /** the actions running when it began (FIS action start/end) */
  actions: string[];
  relapse: boolean;
}

export interface ImpactModel {
  /** Every probe's deviations over the whole run, in time order. */
  deviations: ProbeDeviation[];
  /** Deviations that ended at or before the fault start: the steady state was already broken. */
  before: ProbeDeviation[];
  /** Impact from the fault start to the end of the watch window, in time order. */
  intervals: ImpactInterval[];
  /** fault end + watch window */
  watchUntil?: number;
  actions: ActionWindow[];
}

export function impactModel(facts: JournalFacts, window: FaultWindow, steady: SteadyState): ImpactModel {
  const deviations = steady.probes.flatMap((p) => steady.deviations(p)).sort((a, b) => a.start - b.start || (a.end ?? Infinity) - (b.end ?? Infinity));
  const actions = actionWindows(facts);
  if (window.start === undefined) return { deviations, before: deviations, intervals: [], actions };
  const start = window.start;
  const watchUntil = (window.end ?? start) + facts.plan.recovery.watchSeconds * 1000;
  const settle = facts.plan.recovery.settleSeconds * 1000;
  const before = deviations.filter((d) => d.end !== undefined && d.end <= start);
  const intervals: ImpactInterval[] = [];
  for (const d of deviations.filter((d) => (d.end === undefined || d.end > start) && d.start <= watchUntil)) {
    const last = intervals.at(-1);
    if (last && (last.end === undefined || d.start < last.end + settle)) {
      last.deviations.push(d);
      if (d.end === undefined) delete last.end;
      else if (last.end !== undefined) last.end = Math.max(last.end, d.end);
      continue;
    }
    const begins = Math.max(d.start, start);
    intervals.push({ start: begins, ...(d.end !== undefined ? { end: d.end } : {}), deviations: [d], actions: runningAt(actions, begins), relapse: intervals.length > 0 });
  }
  return { deviations, before, intervals, watchUntil, actions };
}
