import { humanDuration } from '../duration.js';
import { markdownCode as code, markdownFence, markdownText as escape } from '../markdown-text.js';
import { ordering, renderGantt } from './render-timeline.js';
import { disruptionStart, faultSummary, fisReportWords, impactCountWords, probeWords, recoveryWords, rpoWords, shortHash, sloStopWords, targetAccountWords, targetsSource } from './render-shared.js';
import type { Plan } from './types.js';

/** A PR comment or GitHub step summary: the same content as the text plan, as markdown. */
export function renderPlanMarkdown(plan: Plan): string {
  const s = plan.scenario;
  const out: string[] = [];
  out.push(`### Game day plan: ${code(s.name)}`, '');
  if (s.description) out.push(`${escape(s.description)}`, '');
  out.push(
    `${code(s.file)} · plan ${code(shortHash(plan))} · ${escape(s.faultType)} · ${plan.targetAccounts ? 'orchestrator ' : ''}account ${escape(plan.target.account)} · ${escape(plan.target.region)}${s.owner ? ` · owner ${escape(s.owner)}` : ''}`,
    '',
    ...(plan.targetAccounts ? ['**Target accounts** (multi-account):', '', ...targetAccountWords(plan).map((a) => `- ${escape(a)}`), ''] : []),
    `**${escape(faultSummary(plan))}**, then up to ${humanDuration(plan.recovery.watchSeconds)} watching recovery. Disruption starts with: ${escape(disruptionStart(plan))}.`,
    '',
  );
  out.push('| Action | FIS action | Hits | Starts | Lasts | Rollback |', '|---|---|---|---|---|---|');
  for (const a of plan.actions) {
    out.push(
      `| ${escape(a.name)}${a.injectsFault ? ' ⚡' : ''} | ${code(a.actionId)} | ${escape(a.hits)} | ${escape(ordering(plan, a.name))} (${humanDuration(a.startSeconds)}) | ${a.durationSeconds ? humanDuration(a.durationSeconds) : 'instant'} | ${escape(a.rollback)} |`,
    );
  }
  out.push('', ...markdownFence('text', renderGantt(plan)), '');
  out.push('**Stop conditions**', '');
  const sloStop = sloStopWords(plan);
  if (plan.stopConditions.length === 0 && !sloStop) out.push('- none');
  for (const stop of plan.stopConditions) out.push(`- ${code(stop.alarm)}`);
  if (sloStop) out.push(`- ${code(plan.slo!.stopAlarm!.name)}: ${escape(sloStop)}`);
  out.push('', '**Steady state**', '');
  for (const p of plan.probes) out.push(`- ${code(p.id)} ${escape(p.name)}: ${escape(probeWords(p))}`);
  if (plan.impact) out.push('', '**Impact in numbers**', '', ...plan.impact.map((c) => `- ${code(c.id)} ${escape(impactCountWords(c))}`));
  out.push('', '**Detection budgets**', '');
  if (plan.detection.length === 0) out.push('- none');
  for (const d of plan.detection) out.push(`- ${code(d.alarm)} in ALARM within ${humanDuration(d.withinSeconds)}`);
  out.push('', `**Recovery** (${plan.recovery.disruptionType})`, '');
  out.push(`- targets from ${escape(targetsSource(plan))}`, `- ${escape(recoveryWords(plan))}`, `- ${escape(rpoWords(plan))}`, '');
  const report = fisReportWords(plan);
  if (report) out.push(`**FIS experiment report:** ${escape(report)}`, '');
  out.push('<details><summary>Prerequisites</summary>', '');
  for (const p of plan.prerequisites) out.push(`- **${escape(p.kind)}** ${escape(p.text)}`);
  out.push('', '</details>', '');
  if (plan.warnings.length) {
    out.push('**Warnings**', '');
    for (const w of plan.warnings) out.push(`- ⚠️ ${code(w.code)} ${escape(w.message)}`);
    out.push('');
  }
  return `${out.join('\n')}`;
}
