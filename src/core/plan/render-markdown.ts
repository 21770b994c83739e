import { humanDuration } from '../duration.js';
import { ordering, renderGantt } from './render-timeline.js';
import { disruptionStart, faultSummary, fisReportWords, probeWords, recoveryWords, rpoWords, shortHash, targetsSource } from './render-shared.js';
import type { Plan } from './types.js';

/** A PR comment or GitHub step summary: the same content as the text plan, as markdown. */
export function renderPlanMarkdown(plan: Plan): string {
  const s = plan.scenario;
  const out: string[] = [];
  out.push(`### Game day plan: \`${s.name}\``, '');
  if (s.description) out.push(`${escape(s.description)}`, '');
  out.push(
    `\`${s.file}\` · plan \`${shortHash(plan)}\` · ${s.faultType} · account ${plan.target.account} · ${plan.target.region}${s.owner ? ` · owner ${escape(s.owner)}` : ''}`,
    '',
    `**${faultSummary(plan)}**, then up to ${humanDuration(plan.recovery.watchSeconds)} watching recovery. Disruption starts with: ${disruptionStart(plan)}.`,
    '',
  );
  out.push('| Action | FIS action | Hits | Starts | Lasts | Rollback |', '|---|---|---|---|---|---|');
  for (const a of plan.actions) {
    out.push(
      `| ${a.name}${a.injectsFault ? ' ⚡' : ''} | \`${a.actionId}\` | ${escape(a.hits)} | ${ordering(plan, a.name)} (${humanDuration(a.startSeconds)}) | ${a.durationSeconds ? humanDuration(a.durationSeconds) : 'instant'} | ${a.rollback} |`,
    );
  }
  out.push('', '```text', ...renderGantt(plan), '```', '');
  out.push('**Stop conditions**', '');
  if (plan.stopConditions.length === 0) out.push('- none');
  for (const stop of plan.stopConditions) out.push(`- \`${stop.alarm}\``);
  out.push('', '**Steady state**', '');
  for (const p of plan.probes) out.push(`- \`${p.id}\` ${escape(p.name)}: ${escape(probeWords(p))}`);
  out.push('', '**Detection budgets**', '');
  if (plan.detection.length === 0) out.push('- none');
  for (const d of plan.detection) out.push(`- \`${d.alarm}\` in ALARM within ${humanDuration(d.withinSeconds)}`);
  out.push('', `**Recovery** (${plan.recovery.disruptionType})`, '');
  out.push(`- targets from ${escape(targetsSource(plan))}`, `- ${recoveryWords(plan)}`, `- ${escape(rpoWords(plan))}`, '');
  const report = fisReportWords(plan);
  if (report) out.push(`**FIS experiment report:** ${escape(report)}`, '');
  out.push('<details><summary>Prerequisites</summary>', '');
  for (const p of plan.prerequisites) out.push(`- **${p.kind}** ${escape(p.text)}`);
  out.push('', '</details>', '');
  if (plan.warnings.length) {
    out.push('**Warnings**', '');
    for (const w of plan.warnings) out.push(`- ⚠️ \`${w.code}\` ${escape(w.message)}`);
    out.push('');
  }
  return `${out.join('\n')}`;
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/</g, '&lt;');
}
