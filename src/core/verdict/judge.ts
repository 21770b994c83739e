import type { JournalEvent, SloSampled } from '../journal/events.js';
import { errorBudget } from '../slo/error-budget.js';
import { lastObservedServiceTime } from '../journal/service-time.js';
import { isoOrUndefined } from './fault-window.js';
import { expectations } from './expectations.js';
import { findGaps } from './gaps/find-gaps.js';
import { humanTimings } from './human-timings.js';
import { iso, ms } from './journal-facts.js';
import { measure, type Measured } from './measured.js';
import { resilienceHubV2Recovery } from './resilience-hub-v2.js';
import type { ProbeDeviation } from './steady-state.js';
import { unconfirmedText } from './unconfirmed-stop.js';
import { outcomeOf, type DisruptionTimings, type Measurement, type ProbeDeviationView, type Verdict } from './types.js';

/** The verdict of one run: a pure function of its journal. */
export function judge(events: JournalEvent[]): Verdict {
  const m = measure(events);
  const checks = expectations(m);
  const { facts } = m;
  const disruptionStart = isoOrUndefined(m.window.start);
  const faultEnd = isoOrUndefined(m.window.end);
  const recoveredAt = isoOrUndefined(m.recovery.recoveredAt);
  const status = facts.ended?.status ?? (m.unconfirmedStop ? 'stop-unconfirmed' : 'running');
  const passed = checks.every((c) => c.passed);
  const timings = humanTimings(m);
  const unconfirmed = m.unconfirmedStop;
  return {
    runId: facts.run.runId,
    scenario: facts.plan.scenario.name,
    status,
    passed,
    outcome: outcomeOf(status, passed),
    notChecked: [...notChecked(m, checks), ...unmarked(facts.run.facilitated === true, timings)],
    ...(unconfirmed ? { stopUnconfirmed: { ...unconfirmed, summary: `${unconfirmedText(unconfirmed)}: nothing after the stop request was observed` } } : {}),
    disruptionType: facts.plan.recovery.disruptionType,
    ...(disruptionStart ? { disruptionStart } : {}),
    ...(faultEnd ? { faultEnd } : {}),
    ...(recoveredAt ? { recoveredAt } : {}),
    rto: rtoMeasurement(m),
    recoveryRules: recoveryRules(m),
    rpo: rpoMeasurement(m),
    expectations: checks,
    gaps: findGaps(m),
    impact: actionRows(m),
    impactIntervals: m.impactModel.intervals.map((i) => ({
      start: iso(i.start),
      ...(i.end !== undefined ? { end: iso(i.end), durationSeconds: (i.end - i.start) / 1000 } : {}),
      startOffsetSeconds: (i.start - m.window.start!) / 1000,
      deviations: i.deviations.map(deviationView),
      actions: i.actions,
      relapse: i.relapse,
    })),
    deviationsBefore: m.impactModel.before.map(deviationView),
    impactCounts: m.impactCounts,
    stops: m.stops,
    notes: notes(m),
    ...sloBudget(m),
    marks: m.facts.marks.map((k) => ({ at: k.at, mark: k.mark, time: k.time, timeSource: k.timeSource, ...(k.by ? { by: k.by } : {}), ...(k.text ? { text: k.text } : {}) })),
    humanTimings: timings,
    facilitated: facts.run.facilitated === true,
    reviews: facts.reviews.map((r) => ({ by: r.by, date: r.date })),
    detections: m.detections.map((d) => {
      const evidence = m.detectionEvidence.get(d.alarm);
      if (!evidence) return d;
      const { alarm: _alarm, ...rest } = evidence;
      return { ...d, evidence: rest };
    }),
  };
}

function sloBudget(m: Measured): Pick<Verdict, 'slo'> {
  const slo = m.facts.plan.slo;
  if (!slo) return {};
  const samples = m.facts.events.filter((e): e is JournalEvent & SloSampled => e.type === 'slo-sample');
  return { slo: errorBudget(slo, samples, m.window.start) };
}

function notChecked(m: Measured, checks: Verdict['expectations']): string[] {
  const hub = m.facts.resilienceHub;
  const after = m.unconfirmedStop ? unconfirmedText(m.unconfirmedStop) : undefined;
  // One line for everything the unconfirmed stop hid, rather than one per expectation it hid.
  const ownReason = (text: string) => after === undefined || !text.includes(after);
  return [
    ...(after ? [`everything after ${m.unconfirmedStop!.requestedAt}: ${after}`] : []),
    ...(!hub ? ['Resilience Hub policy and recommendations: never queried (the run ended before it)'] : hub.note ? [`Resilience Hub: ${hub.note}`] : []),
    ...(m.recovery.state === 'not-measured' && ownReason(m.recovery.note) ? [`RTO: ${m.recovery.note}`] : []),
    // The RTO line above already says why the RTO expectation was not checked.
    ...checks.filter((c) => c.checked === false && c.id !== 'rto' && ownReason(c.evidence)).map((c) => `${c.description}: ${c.evidence}`),
  ];
}

/** A facilitated run asked people for marks: say which never came, rather than leave the timings quietly empty. */
function unmarked(facilitated: boolean, timings: DisruptionTimings[]): string[] {
  const fault = timings[0];
  if (!facilitated || !fault) return [];
  const missing = ([['detectByPeople', 'detected'], ['engage', 'engaged'], ['mitigate', 'mitigated']] as const).filter(([k]) => fault[k].seconds === undefined).map(([, mark]) => mark);
  return missing.length === 0 ? [] : [`people's timings: nobody marked ${missing.join(', ')} (\`gameday mark <run> ${missing[0]} --at +4m\` adds it afterwards)`];
}

function deviationView(d: ProbeDeviation): ProbeDeviationView {
  return { probe: d.probe.name, start: iso(d.start), ...(d.end !== undefined ? { end: iso(d.end) } : {}), worst: d.worst, ...(d.worstValue !== undefined ? { worstValue: d.worstValue } : {}) };
}

/** Each action's row: what it hit, plus when it started, the first impact it caused, what detected it, when that impact ended. */
function actionRows(m: Measured): Verdict['impact'] {
  const intervals = m.impactModel.intervals;
  return m.impact.map((row) => {
    const own = intervals.filter((i) => i.actions.includes(row.action));
    const detectedBy = m.detections.filter((d) => d.after === row.action && d.afterNamed).map((d) => ({ alarm: d.alarm, ...(d.firedAt ? { firedAt: d.firedAt } : {}) }));
    const last = own.at(-1);
    return {
      ...row,
      ...(own[0] ? { firstImpact: iso(own[0].start) } : {}),
      ...(detectedBy.length > 0 ? { detectedBy } : {}),
      ...(last?.end !== undefined ? { recovered: iso(last.end), rtoSeconds: (last.end - own[0]!.start) / 1000 } : {}),
    };
  });
}

function rtoMeasurement(m: Measured): Measurement {
  const { rtoSeconds: targetSeconds, assessedRtoSeconds: assessedSeconds, source } = m.targets;
  const r = m.recovery;
  return {
    state: r.state,
    ...(r.rtoSeconds !== undefined ? { measuredSeconds: r.rtoSeconds } : {}),
    ...(r.fromFaultSeconds !== undefined ? { fromFaultSeconds: r.fromFaultSeconds } : {}),
    ...(r.impactStart !== undefined ? { impactStart: iso(r.impactStart) } : {}),
    ...(r.timeToImpactSeconds !== undefined ? { timeToImpactSeconds: r.timeToImpactSeconds } : {}),
    ...(r.impactSeconds !== undefined ? { impactSeconds: r.impactSeconds } : {}),
    ...(targetSeconds !== undefined ? { targetSeconds, targetSource: source } : {}),
    ...(m.targets.scenarioRtoSeconds !== undefined && source === 'resilience-hub' ? { scenarioTargetSeconds: m.targets.scenarioRtoSeconds } : {}),
    ...(assessedSeconds !== undefined ? { assessedSeconds } : {}),
    ...(targetSeconds !== undefined && r.state !== 'not-measured' ? { met: r.rtoSeconds !== undefined && r.rtoSeconds <= targetSeconds } : {}),
    note: r.note,
  };
}

function recoveryRules(m: Measured): Verdict['recoveryRules'] {
  const target = m.targets.rtoSeconds;
  const r = m.recovery;
  const v2 = resilienceHubV2Recovery(m, target);
  return {
    rule: m.facts.plan.recovery.rule ?? 'gameday',
    gameday: { state: r.state, ...(r.rtoSeconds !== undefined ? { measuredSeconds: r.rtoSeconds } : {}), ...(target !== undefined && r.state !== 'not-measured' ? { passed: r.rtoSeconds !== undefined && r.rtoSeconds <= target } : {}) },
    resilienceHubV2: v2,
  };
}

function rpoMeasurement(m: Measured): Measurement {
  const { rpoSeconds: targetSeconds, assessedRpoSeconds: assessedSeconds, source } = m.targets;
  const d = m.dataLoss;
  return {
    state: d.state,
    ...(d.worstSeconds !== undefined ? { measuredSeconds: d.worstSeconds } : {}),
    ...(targetSeconds !== undefined ? { targetSeconds, targetSource: source } : {}),
    ...(m.targets.scenarioRpoSeconds !== undefined && source === 'resilience-hub' ? { scenarioTargetSeconds: m.targets.scenarioRpoSeconds } : {}),
    ...(assessedSeconds !== undefined ? { assessedSeconds } : {}),
    // With the stop unconfirmed the fault may still be losing data: the worst so far is no verdict.
    ...(targetSeconds !== undefined && d.worstSeconds !== undefined && !m.unconfirmedStop ? { met: d.worstSeconds <= targetSeconds } : {}),
    note: m.unconfirmedStop && d.state === 'measured' ? `${d.note}, so far: ${unconfirmedText(m.unconfirmedStop)}` : d.note,
  };
}

/** A note or mark given a time (`--at`) keeps it; otherwise it goes after the last observation written before it. */
function notes(m: Measured): Verdict['notes'] {
  return m.facts.notes.map((note) => {
    const before = m.facts.events.slice(0, m.facts.events.indexOf(note));
    const serviceTime = note.time ? ms(note.time) : lastObservedServiceTime(before);
    return {
      at: note.at,
      text: note.text,
      ...(note.author ? { author: note.author } : {}),
      ...(serviceTime !== undefined ? { serviceTime: iso(serviceTime) } : {}),
      ...(note.time ? { timeGiven: true } : {}),
      ...(note.tag ? { tag: note.tag } : {}),
    };
  });
}
