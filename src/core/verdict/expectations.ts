import { humanDuration } from '../duration.js';
import { iso, lastExperiment } from './journal-facts.js';
import { alarmsBlindWithin, watchedLongEnough } from './gaps/detection.js';
import { blindnessText } from './observation-gaps.js';
import type { Measured } from './measured.js';
import { intervalText } from './gaps/relapse.js';
import { coverageExpectation } from './lost-coverage.js';
import { resilienceHubV2Recovery } from './resilience-hub-v2.js';
import type { Expectation } from './types.js';
import { unconfirmedText } from './unconfirmed-stop.js';
import { numberText } from '../number-text.js';

/** An expectation the run could not observe: never a pass, and not a failure either. */
function unchecked(id: string, description: string, why: string): Expectation {
  return { id, description, passed: false, checked: false, evidence: `not checked: ${why}` };
}

/** The scenario's expectations, each passed or failed with the evidence for it. */
export function expectations(m: Measured): Expectation[] {
  return [steadyBefore(m), ...m.detections.map((d) => detection(m, d)), rto(m), noRelapse(m), ...rpo(m), restoration(m), completed(m), ...coverageExpectation(m)];
}

function steadyBefore(m: Measured): Expectation {
  const checks = (m.facts.preflight?.checks ?? []).filter((c) => c.kind === 'steady-state');
  const failedChecks = checks.filter((c) => !c.ok);
  const at = m.window.start;
  // A datapoint is placed at its period's end: the ones wholly before the fault are those placed by then.
  // An alarm transition at the fault start is the fault's, not the steady state before it.
  const before = (p: (typeof m.steady.probes)[number]): number => at! - (p.kind === 'alarm' ? 1 : 0);
  const notHolding = at === undefined ? [] : m.steady.probes.filter((p) => !m.steady.holds(p, before(p)));
  const passed = m.facts.preflight !== undefined && failedChecks.length === 0 && notHolding.length === 0;
  const evidence = !m.facts.preflight
    ? 'no preflight recorded'
    : failedChecks.length > 0
      ? `preflight: ${failedChecks.map((c) => `${c.subject}: ${c.message}`).join('; ')}`
      : notHolding.length > 0
        ? `before the fault (${iso(at!)}): ${notHolding.map((p) => m.steady.describe(p, before(p))).join('; ')}`
        : `preflight: ${checks.length} steady-state check(s) ok${at !== undefined ? `; every probe held until the fault at ${iso(at)}` : ''}`;
  return { id: 'steady-state-before', description: 'Steady state held before the fault', passed, evidence };
}

function detection(m: Measured, d: Measured['detections'][number]): Expectation {
  const budget = humanDuration(d.withinSeconds);
  const reference = d.afterNamed ? d.after! : 'the fault';
  const description = `${d.alarm} fires within ${budget} of ${d.afterNamed ? `${reference} starting` : reference}`;
  const id = `detection:${d.alarm}`;
  if (!d.exists) return { id, description, passed: false, evidence: `the alarm does not exist (${m.missingAlarms.get(d.alarm)})` };
  if (m.window.start === undefined) return unchecked(id, description, 'the fault was never injected');
  if (d.from === undefined) return unchecked(id, description, `${reference} never started`);
  if (d.delaySeconds === undefined) {
    if (!watchedLongEnough(m, d.withinSeconds, d.from)) {
      const blind = alarmsBlindWithin(m, d.withinSeconds, d.from);
      return unchecked(id, description, blind ? `${blindnessText(`${d.alarm}'s state`, blind)}, with no ALARM transition seen before` : `the run ended before the ${budget} budget ran out, with no ALARM transition`);
    }
    return { id, description, passed: false, evidence: `no ALARM transition after ${reference} started at ${d.from}${detectionWhy(m, d)}` };
  }
  return {
    id,
    description,
    passed: d.delaySeconds <= d.withinSeconds,
    evidence: `ALARM at ${d.firedAt}, ${humanDuration(d.delaySeconds)} after ${reference} started at ${d.from} (budget ${budget})`,
  };
}

/** "; its metric …" when the journal has evidence of what the alarm's metric did. */
function detectionWhy(m: Measured, d: Measured['detections'][number]): string {
  const evidence = m.detectionEvidence.get(d.alarm);
  return evidence ? `; ${evidence.summary}` : '';
}

function rto(m: Measured): Expectation {
  const target = m.targets.rtoSeconds;
  const id = 'rto';
  if (m.facts.plan.recovery.rule === 'resilience-hub-v2') {
    const v2 = resilienceHubV2Recovery(m, target);
    const description = `Recovered within the RTO target ${target !== undefined ? humanDuration(target) : '(none)'} by Resilience Hub v2's rule (from the first action, OK until the actions end)`;
    return { id, description, passed: v2.passed ?? (v2.state === 'measured' && target === undefined), ...(v2.state === 'not-measured' ? { checked: false as const } : {}), evidence: `${v2.measuredSeconds !== undefined ? `${humanDuration(v2.measuredSeconds)}: ` : ''}${v2.note}; gameday's rule: ${m.recovery.rtoSeconds !== undefined ? humanDuration(m.recovery.rtoSeconds) : m.recovery.state}` };
  }
  const description = target !== undefined ? `Recovered within the RTO target ${humanDuration(target)} (${m.targets.source})` : 'Recovered within the watch window';
  const r = m.recovery;
  if (r.state !== 'measured') return { id, description, passed: false, ...(r.state === 'not-measured' ? { checked: false as const } : {}), evidence: r.note };
  const passed = target === undefined || r.rtoSeconds! <= target;
  return { id, description, passed, evidence: `measured RTO ${humanDuration(r.rtoSeconds!)} (${r.rtoSeconds}s), recovered at ${iso(r.recoveredAt!)}: ${r.note}` };
}

function noRelapse(m: Measured): Expectation {
  const id = 'no-relapse';
  const description = 'Once recovered, the steady state stayed so through the fault and the watch window';
  const relapses = m.impactModel.intervals.filter((i) => i.relapse);
  if (relapses.length > 0) return { id, description, passed: false, evidence: `relapse: ${relapses.map((i) => intervalText(m, i)).join('; ')}` };
  if (m.recovery.state !== 'measured') return unchecked(id, description, m.recovery.state === 'unrecovered' ? 'it never recovered' : m.recovery.note);
  return { id, description, passed: true, evidence: m.impactModel.intervals.length === 0 ? 'no impact at all' : 'one impact, no relapse' };
}

function rpo(m: Measured): Expectation[] {
  const target = m.targets.rpoSeconds;
  if (target === undefined || m.dataLoss.state !== 'measured') return [];
  const worst = m.dataLoss.worstSeconds!;
  const description = `Data loss within the RPO target ${humanDuration(target)} (${m.targets.source})`;
  if (m.unconfirmedStop) return [unchecked('rpo', description, `the worst so far was ${numberText(worst)}s at ${m.dataLoss.worstAt}; ${unconfirmedText(m.unconfirmedStop)}`)];
  return [
    {
      id: 'rpo',
      description,
      passed: worst <= target,
      evidence: `worst data-loss value ${numberText(worst)}s at ${m.dataLoss.worstAt}`,
    },
  ];
}

function restoration(m: Measured): Expectation {
  const r = m.facts.restoration;
  const description = 'Everything the fault touched was restored';
  if (!r && m.window.start === undefined) return { id: 'restoration', description, passed: true, evidence: 'nothing to restore: no fault action started' };
  if (!r) return unchecked('restoration', description, m.unconfirmedStop ? unconfirmedText(m.unconfirmedStop) : 'no restoration check recorded (the run ended before it)');
  const failed = r.checks.filter((c) => !c.ok);
  const left = r.notRolledBack.map((n) => `${n.action} not rolled back: ${n.why}`);
  return {
    id: 'restoration',
    description,
    passed: failed.length === 0,
    evidence: [failed.length > 0 ? failed.map((c) => `${c.subject}: ${c.message}`).join('; ') : `${r.checks.length} check(s) ok`, ...left].join('; '),
  };
}

function completed(m: Measured): Expectation {
  const experiment = lastExperiment(m.facts);
  if (m.unconfirmedStop) return unchecked('experiment-completed', 'The experiment ran to completion', unconfirmedText(m.unconfirmedStop));
  const status = m.facts.ended?.status ?? 'running';
  const passed = experiment?.state === 'completed' && (status === 'completed' || status === 'stopped');
  return {
    id: 'experiment-completed',
    description: 'The experiment ran to completion',
    passed,
    evidence: `experiment ${experiment?.state ?? 'never started'}${experiment?.reason ? ` (${experiment.reason})` : ''}; run ${status}${m.facts.ended?.reason ? ` (${m.facts.ended.reason})` : ''}`,
  };
}
