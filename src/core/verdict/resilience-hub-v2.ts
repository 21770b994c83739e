import type { Measured } from './measured.js';
import { iso } from './journal-facts.js';
import { blindnessText, probesBlindSince } from './observation-gaps.js';

export interface ResilienceHubV2Recovery {
  state: 'measured' | 'unrecovered' | 'not-measured';
  /** from the first action's start to the last return to OK before the actions ended */
  measuredSeconds?: number;
  /** measured within the RTO target and every probe OK when the actions ended */
  passed?: boolean;
  note: string;
}

/**
 * Resilience Hub's next-generation recovery test: "The RTO countdown starts when test actions begin.
 * The test passes if all success alarms return to OK state within your … RTO and remain there until
 * the test actions end." Success alarms are the scenario's steady-state probes.
 */
export function resilienceHubV2Recovery(m: Measured, targetSeconds: number | undefined): ResilienceHubV2Recovery {
  // "Test actions": every action of the experiment, from the first to begin to the last to end.
  const starts = m.impactModel.actions.flatMap((a) => (a.start !== undefined ? [a.start] : []));
  const ends = m.impactModel.actions.flatMap((a) => (a.end !== undefined ? [a.end] : []));
  if (starts.length === 0) return { state: 'not-measured', note: 'the fault was never injected' };
  const start = Math.min(...starts);
  const end = ends.length === starts.length ? Math.max(...ends) : undefined;
  if (end === undefined || (m.window.observedUntil ?? start) < end) return { state: 'not-measured', note: 'the run ended before the actions did' };
  // "Remain there until the test actions end" needs every probe read until then.
  const blind = probesBlindSince(m.facts);
  if (blind && blind.from < end) return { state: 'not-measured', note: `steady-state probe ${blindnessText(blind.probe.name, blind)}, before the actions ended` };
  const during = m.impactModel.intervals.filter((i) => i.start <= end);
  const open = during.find((i) => i.end === undefined || i.end > end);
  if (open) {
    return { state: 'unrecovered', passed: false, note: `a steady-state probe was not OK when the actions ended (${iso(end)}): it did not return to OK and stay so until the actions ended` };
  }
  const back = during.length > 0 ? Math.max(...during.map((i) => i.end!)) : start;
  const measuredSeconds = (back - start) / 1000;
  return {
    state: 'measured',
    measuredSeconds,
    ...(targetSeconds !== undefined ? { passed: measuredSeconds <= targetSeconds } : {}),
    note: `from the first action's start (${iso(start)}) to the last return to OK (${iso(back)}); every probe stayed OK until the actions ended (${iso(end)})`,
  };
}
