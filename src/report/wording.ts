import { humanDuration } from '../core/duration.js';
import { assessedDuration } from '../core/verdict/targets.js';
import type { DetectionEvidenceView, Expectation, Measurement, Verdict } from '../core/verdict/types.js';

/** Phrases shared by every renderer, so md, html and the terminal say the same thing. */
export function verdictWord(verdict: Pick<Verdict, 'outcome'>): Verdict['outcome'] {
  return verdict.outcome;
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

/** A run in `report list` and the index: "FAILED (stopped)", "INCOMPLETE (abandoned — run gameday abort)". */
export function outcomeText(r: { outcome: Verdict['outcome']; status: Verdict['status']; abandoned?: boolean }): string {
  return r.outcome === 'PASSED' ? 'PASSED' : `${r.outcome} (${outcomeReason(r)})`;
}

/** What happened to a run that did not pass; for one that may have left its experiment injecting, what to do. */
export function outcomeReason(r: { status: Verdict['status']; abandoned?: boolean }): string {
  if (r.status === 'stop-unconfirmed') return 'stop not confirmed — run gameday abort';
  return r.abandoned ? 'abandoned — run gameday abort' : r.status;
}

/** The sentence for a run without gaps: a clean bill only for what was checked, and only when everything was. */
export function noGapsText(verdict: Pick<Verdict, 'notChecked' | 'outcome'>): string {
  if (verdict.notChecked.length === 0 && verdict.outcome === 'PASSED')
    return 'No runbook gaps: every alarm fired in time, recovery and data loss met their targets, and the runbook covers what Resilience Hub recommends.';
  return `No runbook gaps in what was checked.${verdict.notChecked.length > 0 ? ` Not checked: ${verdict.notChecked.join('; ')}.` : ''}`;
}

/** pass, FAIL, or not checked: an expectation the run could not observe is neither. */
export function expectationMark(e: Pick<Expectation, 'passed' | 'checked'>): 'pass' | 'FAIL' | 'not checked' {
  return e.passed ? 'pass' : e.checked === false ? 'not checked' : 'FAIL';
}

/** "5 of 8 expectations met, 3 not checked" */
export function expectationsCount(v: Pick<Verdict, 'expectations'>): string {
  const unchecked = v.expectations.filter((e) => e.checked === false).length;
  return `${v.expectations.filter((e) => e.passed).length} of ${v.expectations.length} expectations met${unchecked > 0 ? `, ${unchecked} not checked` : ''}`;
}

/** The warning for a run whose stop FIS never confirmed, with what to do; empty otherwise. */
export function stopUnconfirmedText(v: Pick<Verdict, 'stopUnconfirmed' | 'runId'>): string {
  const u = v.stopUnconfirmed;
  return u ? `Stop not confirmed: ${u.summary}. Observed: everything up to the stop request; not observed: whatever followed it. Stop the experiment with gameday abort ${v.runId}, gameday halt, or aws fis stop-experiment${u.experimentId ? ` --id ${u.experimentId}` : ''}.` : '';
}

/** One target account of a multi-account run: "111122223333 as arn:aws:iam::…:role/x (checkout workload)". */
export function targetAccountText(account: { accountId: string; roleArn: string; description?: string }): string {
  return `${account.accountId} as ${account.roleArn}${account.description ? ` (${account.description})` : ''}`;
}

/** A detection's evidence in its table cell: a composite's children have lines of their own (compositeChildLines). */
export function evidenceCellText(e: DetectionEvidenceView | undefined): string {
  if (!e) return '—';
  return e.rule !== undefined ? `rule ${e.rule} — its alarms below` : e.summary;
}

type CompositeChild = NonNullable<DetectionEvidenceView['children']>[number];

/** A composite's child: its state when the composite went to ALARM (its last state if it never did), whether CloudWatch says it triggered that, and its own evidence. */
export function compositeChildText(c: CompositeChild, faultStart: string | undefined): string {
  if (c.kind === 'missing') return 'does not exist';
  const state = `${c.state ?? 'state unknown'}${c.triggered ? ', triggered it' : ''}${c.firedAt ? `; ALARM at ${clockText(c.firedAt, faultStart)}` : '; never ALARM'}`;
  const own = c.evidence === undefined ? 'no evidence journalled' : c.evidence.rule !== undefined ? `rule ${c.evidence.rule}` : c.evidence.summary;
  return `${state} — ${own}`;
}

/** One line per alarm a composite's rule names, a nested composite's children one level deeper. */
export function compositeChildLines(e: DetectionEvidenceView, faultStart: string | undefined, depth = 0): { depth: number; alarm: string; text: string }[] {
  return (e.children ?? []).flatMap((c) => [
    { depth, alarm: c.alarm, text: compositeChildText(c, faultStart) },
    ...(c.evidence?.rule !== undefined ? compositeChildLines(c.evidence, faultStart, depth + 1) : []),
  ]);
}
