import { oneLine } from '../control-characters.js';
import { humanDuration } from '../duration.js';
import { ordering, renderGantt } from './render-timeline.js';
import { disruptionStart, faultSummary, fisReportWords, impactCountWords, probeWords, recoveryWords, rpoWords, shortHash, sloStopWords, targetAccountWords, targetsSource } from './render-shared.js';
import type { Plan } from './types.js';

/** `gameday plan` for people: what is hit, when, what stops it, and what is measured. */
export function renderPlanText(plan: Plan): string {
  const s = plan.scenario;
  const out: string[] = [];
  out.push(`Plan for ${s.name}  (${s.file})  plan ${shortHash(plan)}`);
  // The description is prose and may have lines of its own; they stay indented under the title.
  if (s.description) out.push(...s.description.trimEnd().split(/\r?\n/).map((line) => `  ${line}`));
  const accounts = targetAccountWords(plan);
  out.push(`  ${[s.owner ? `owner ${s.owner}` : '', `${accounts.length ? 'orchestrator ' : ''}account ${plan.target.account}`, plan.target.region, `FIS role ${plan.target.roleArn}`].filter(Boolean).join(' · ')}`);
  out.push(`  ${s.faultType}: ${faultSummary(plan)}, then up to ${humanDuration(plan.recovery.watchSeconds)} watching recovery`);
  if (accounts.length) out.push('', 'Target accounts (multi-account: FIS assumes the FIS role, then each role below in its account)', ...accounts.map((a) => `  ${a}`));

  out.push('', 'What is hit');
  for (const action of plan.actions) {
    out.push(`  ${action.name}  ${action.actionId}  (${ordering(plan, action.name)}; ${action.rollback})`);
    out.push(`      ${action.hits}`);
    const params = Object.entries(plan.template.actions[action.name]?.parameters ?? {});
    if (params.length) out.push(`      ${params.map(([k, v]) => `${k}=${v}`).join('  ')}`);
  }

  out.push('', `Timeline (from experiment start; disruption start for RTO: ${disruptionStart(plan)})`);
  for (const line of renderGantt(plan)) out.push(`  ${line}`.trimEnd());

  out.push('', 'Stop conditions (FIS stops the experiment when one goes to ALARM)');
  const sloStop = sloStopWords(plan);
  if (plan.stopConditions.length === 0 && !sloStop) out.push('  none');
  for (const stop of plan.stopConditions) out.push(`  ${stop.alarm}  ${stop.alarmArn}`);
  if (sloStop) out.push(`  ${plan.slo!.stopAlarm!.name}  ${plan.slo!.stopAlarm!.alarmArn}`, `      ${sloStop}`);

  out.push('', 'Steady state (must hold before the fault, and again for recovery)');
  for (const probe of plan.probes) out.push(`  ${probe.id}  ${probe.name}: ${probeWords(probe)}`);
  if (plan.impact) out.push('', 'Impact in numbers', ...plan.impact.map((c) => `  ${c.id}  ${impactCountWords(c)}`));

  out.push('', 'Detection budgets (from disruption start)');
  if (plan.detection.length === 0) out.push('  none');
  for (const d of plan.detection) out.push(`  ${d.alarm} in ALARM within ${humanDuration(d.withinSeconds)}`);

  out.push('', `Recovery (disruption type ${plan.recovery.disruptionType})`);
  out.push(`  targets from ${targetsSource(plan)}`);
  out.push(`  ${recoveryWords(plan)}`);
  out.push(`  ${rpoWords(plan)}`);
  const report = fisReportWords(plan);
  if (report) out.push('', 'FIS experiment report', `  ${report}`);

  out.push('', 'Prerequisites');
  for (const p of plan.prerequisites) out.push(`  - [${p.kind}] ${p.text}`);

  out.push('', 'Preflight checks (run before anything starts)');
  for (const c of plan.preflight) out.push(`  - ${c.description}`);

  if (plan.warnings.length) {
    out.push('', 'Warnings');
    for (const w of plan.warnings) out.push(`  ! ${w.code}: ${w.message}`);
  }
  return `${out.map(oneLine).join('\n')}\n`;
}
