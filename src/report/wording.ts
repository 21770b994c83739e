import { humanDuration } from '../core/duration.js';
import { assessedDuration } from '../core/verdict/targets.js';
import type { Measurement, Verdict } from '../core/verdict/types.js';

/** Phrases shared by every renderer, so md, html and the terminal say the same thing. */
export function verdictWord(verdict: Verdict): 'PASSED' | 'FAILED' | 'INCOMPLETE' {
  if (verdict.passed) return 'PASSED';
  return verdict.status === 'interrupted' || verdict.status === 'aborted' || verdict.status === 'running' ? 'INCOMPLETE' : 'FAILED';
}

export function measuredText(m: Measurement): string {
  if (m.state === 'unrecovered') return 'unrecovered';
  if (m.state === 'not-measured' || m.measuredSeconds === undefined) return 'not measured';
  return humanDuration(m.measuredSeconds);
}

/** "3m, 4m from the fault": the RTO (from the start of impact) with the time from the fault start beside it. */
export function rtoText(m: Measurement): string {
  const measured = measuredText(m);
  return m.fromFaultSeconds !== undefined && m.fromFaultSeconds !== m.measuredSeconds ? `${measured} (${humanDuration(m.fromFaultSeconds)} from the fault)` : measured;
}

export function assessedText(seconds: number | undefined): string {
  return seconds === undefined ? '—' : assessedDuration(seconds);
}

export function targetText(m: Measurement): string {
  if (m.targetSeconds === undefined) return 'no target';
  const scenario = m.scenarioTargetSeconds !== undefined && m.scenarioTargetSeconds !== m.targetSeconds ? `; scenario ${humanDuration(m.scenarioTargetSeconds)}` : '';
  return `${humanDuration(m.targetSeconds)} (${m.targetSource === 'resilience-hub' ? 'Resilience Hub policy' : 'scenario'}${scenario})`;
}

/** "RTO 3m against 5m (Resilience Hub policy) — met" */
export function measurementLine(label: 'RTO' | 'RPO', m: Measurement): string {
  const met = m.met === undefined ? '' : m.met ? ' — met' : ' — MISSED';
  const assessed = m.assessedSeconds !== undefined ? `; Resilience Hub estimates ${assessedText(m.assessedSeconds)}` : '';
  return `${label} ${label === 'RTO' ? rtoText(m) : measuredText(m)} against ${targetText(m)}${met}${assessed}`;
}

export function secondsText(seconds: number | undefined): string {
  return seconds === undefined ? '—' : humanDuration(seconds);
}

/** "12:03:00Z (+1m)": the time of day on the service clock, and how long after the fault start. */
export function clockText(iso: string | undefined, faultStart: string | undefined): string {
  if (!iso) return '—';
  const clock = `${iso.slice(11, 19)}Z`;
  if (!faultStart) return clock;
  const offset = (Date.parse(iso) - Date.parse(faultStart)) / 1000;
  return `${clock} (${offset < 0 ? '−' : '+'}${humanDuration(Math.abs(offset))})`;
}
