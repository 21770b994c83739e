import { humanDuration } from '../duration.js';
import { iso, lastExperiment } from './journal-facts.js';
import { watchedLongEnough } from './gaps/detection.js';
import type { Measured } from './measured.js';
import type { Expectation } from './types.js';

/** The scenario's expectations, each passed or failed with the evidence for it. */
export function expectations(m: Measured): Expectation[] {
  return [steadyBefore(m), ...m.detections.map((d) => detection(m, d)), rto(m), ...rpo(m), restoration(m), completed(m)];
}

function steadyBefore(m: Measured): Expectation {
  const checks = (m.facts.preflight?.checks ?? []).filter((c) => c.kind === 'steady-state');
  const failedChecks = checks.filter((c) => !c.ok);
  const at = m.window.start;
  // A metric datapoint is stamped with the start of its period and aggregates all of it: the last one
  // wholly before the fault is the one whose period ended by then.
  const before = (p: (typeof m.steady.probes)[number]): number => at! - 1 - (p.kind === 'metric' ? (p.metric?.period ?? 60) * 1000 : 0);
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
  const description = `${d.alarm} fires within ${budget} of the fault`;
  const id = `detection:${d.alarm}`;
  if (!d.exists) return { id, description, passed: false, evidence: `the alarm does not exist (${m.missingAlarms.get(d.alarm)})` };
  if (m.window.start === undefined) return { id, description, passed: false, evidence: 'the fault was never injected' };
  if (d.delaySeconds === undefined) {
    const evidence = watchedLongEnough(m, d.withinSeconds)
      ? `no ALARM transition after the fault started at ${iso(m.window.start)}`
      : `not shown: the run ended before the ${budget} budget ran out, with no ALARM transition`;
    return { id, description, passed: false, evidence };
  }
  return {
    id,
    description,
    passed: d.delaySeconds <= d.withinSeconds,
    evidence: `ALARM at ${d.firedAt}, ${humanDuration(d.delaySeconds)} after the fault started (budget ${budget})`,
  };
}

function rto(m: Measured): Expectation {
  const target = m.targets.rtoSeconds;
  const id = 'rto';
  const description = target !== undefined ? `Recovered within the RTO target ${humanDuration(target)} (${m.targets.source})` : 'Recovered within the watch window';
  const r = m.recovery;
  if (r.state !== 'measured') return { id, description, passed: false, evidence: r.note };
  const passed = target === undefined || r.rtoSeconds! <= target;
  return { id, description, passed, evidence: `measured RTO ${humanDuration(r.rtoSeconds!)} (${r.rtoSeconds}s): recovered at ${iso(r.recoveredAt!)}; ${r.note}` };
}

function rpo(m: Measured): Expectation[] {
  const target = m.targets.rpoSeconds;
  if (target === undefined || m.dataLoss.state !== 'measured') return [];
  const worst = m.dataLoss.worstSeconds!;
  return [
    {
      id: 'rpo',
      description: `Data loss within the RPO target ${humanDuration(target)} (${m.targets.source})`,
      passed: worst <= target,
      evidence: `worst data-loss value ${worst}s at ${m.dataLoss.worstAt}`,
    },
  ];
}

function restoration(m: Measured): Expectation {
  const r = m.facts.restoration;
  const description = 'Everything the fault touched was restored';
  if (!r && m.window.start === undefined) return { id: 'restoration', description, passed: true, evidence: 'nothing to restore: no fault action started' };
  if (!r) return { id: 'restoration', description, passed: false, evidence: 'no restoration check recorded (the run ended before it)' };
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
  const status = m.facts.ended?.status ?? 'running';
  const passed = experiment?.state === 'completed' && (status === 'completed' || status === 'stopped');
  return {
    id: 'experiment-completed',
    description: 'The experiment ran to completion',
    passed,
    evidence: `experiment ${experiment?.state ?? 'never started'}${experiment?.reason ? ` (${experiment.reason})` : ''}; run ${status}${m.facts.ended?.reason ? ` (${m.facts.ended.reason})` : ''}`,
  };
}
