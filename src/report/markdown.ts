import { neutraliseControls } from '../core/control-characters.js';
import { humanDuration } from '../core/duration.js';
import type { Gap } from '../core/verdict/types.js';
import { markdownCell as cell, webHref } from './escape.js';
import type { ReportModel } from './report-model.js';
import { actionItemsMarkdown } from './sections-action-items.js';
import { sloMarkdown } from './sections-slo.js';
import { peopleHeaderMarkdown, simulationMarkdown } from './sections-people.js';
import { lessonsMarkdown, reviewedText, runbookMarkdown } from './sections-review.js';
import { timingsMarkdown } from './sections-timings.js';
import { summarySentences } from './summary.js';
import { assessedText, clockText, compositeChildLines, evidenceCellText, expectationMark, expectationsCount, noGapsText, measuredText, rtoText, secondsText, stopUnconfirmedText, targetAccountText, targetText, verdictWord } from './wording.js';
import { numberText, thresholdText } from '../core/number-text.js';

const SEVERITIES: Gap['severity'][] = ['critical', 'high', 'medium', 'low'];

/** report.md: the verdict first, then what to change in the runbook, then the evidence. */
export function renderMarkdown(model: ReportModel): string {
  const { verdict: v, run } = model;
  const out: string[] = [];
  out.push(`# Game day report: ${cell(run.scenario)} — ${verdictWord(v)}`, '', ...simulationMarkdown(model.people), cell(summarySentences(model).join(' ')), '');
  out.push(
    `- **Run:** ${run.runId} (${run.mode}, account ${run.account}, ${run.region}), started ${run.startedAt}${run.scheduledFor ? `, scheduled for ${run.scheduledFor}` : ''}`,
    ...(run.targetAccounts ? [`- **Target accounts:** ${run.targetAccounts.map((a) => targetAccountText(a)).join('; ')}`] : []),
    `- **Scenario:** ${cell(run.scenarioFile)} (${run.faultType}, ${v.disruptionType} disruption), plan ${run.planHash.slice(0, 12)}`,
    ...(run.description ? [`- **What we test:** ${cell(run.description)}`] : []),
    `- **Owner:** ${cell(run.owner ?? 'not named')}`,
    `- **Participants:** ${run.participants.length > 0 ? run.participants.map(cell).join(', ') : 'not named'}`,
    ...peopleHeaderMarkdown(model.people),
    `- **Runbook:** ${runbookMarkdown(run)}`,
    `- **Reviewed:** ${cell(reviewedText(v))}`,
    ...(run.experimentId ? [`- **FIS experiment:** ${run.experimentId}`] : []),
    '',
  );

  out.push('## Verdict', '');
  const gapCount = SEVERITIES.map((s) => [s, v.gaps.filter((g) => g.severity === s).length] as const).filter(([, n]) => n > 0);
  out.push(
    `**${verdictWord(v)}** — run ${v.status}; ${expectationsCount(v)}; ${
      v.gaps.length === 0 ? 'no runbook gaps' : `${v.gaps.length} runbook gap${v.gaps.length === 1 ? '' : 's'} (${gapCount.map(([s, n]) => `${n} ${s}`).join(', ')})`
    }.`,
    '',
    ...(v.stopUnconfirmed ? [`**${cell(stopUnconfirmedText(v))}**`, ''] : []),
    '| | Measured | Target | Resilience Hub estimate | Met |',
    '|---|---|---|---|---|',
    ...(['RTO', 'RPO'] as const).map((label) => {
      const m = label === 'RTO' ? v.rto : v.rpo;
      return `| ${label} | ${label === 'RTO' ? rtoText(m) : measuredText(m)} | ${targetText(m)} | ${assessedText(m.assessedSeconds)} | ${m.met === undefined ? '—' : m.met ? 'yes' : '**no**'} |`;
    }),
    `| RTO, Resilience Hub v2 rule${v.recoveryRules.rule === 'resilience-hub-v2' ? ' (judged by)' : ''} | ${v.recoveryRules.resilienceHubV2.measuredSeconds !== undefined ? humanDuration(v.recoveryRules.resilienceHubV2.measuredSeconds) : v.recoveryRules.resilienceHubV2.state === 'unrecovered' ? 'not OK when the actions ended' : 'not measured'} | ${targetText(v.rto)} | — | ${v.recoveryRules.resilienceHubV2.passed === undefined ? '—' : v.recoveryRules.resilienceHubV2.passed ? 'yes' : '**no**'} |`,
    '',
    `- RTO: ${cell(v.rto.note ?? '')}`,
    `- RTO by Resilience Hub v2's rule (from the first action's start; every probe OK until the actions end): ${cell(v.recoveryRules.resilienceHubV2.note)}`,
    `- RPO: ${cell(v.rpo.note ?? '')}`,
    ...v.impactCounts.map((c) => `- Impact in numbers: ${c.headline ? `**${cell(c.headline)}** — ` : ''}${cell(c.summary)}`),
    ...(v.disruptionStart ? [`- Fault: ${v.disruptionStart} → ${v.faultEnd ?? '?'}${v.rto.impactStart ? `; impact from ${v.rto.impactStart} (${secondsText(v.rto.timeToImpactSeconds)} after the fault started, ${secondsText(v.rto.impactSeconds)} impacted in all)` : ''}${v.recoveredAt ? `; recovered ${v.recoveredAt}` : ''}`] : ['- The fault was never injected.']),
    '',
  );

  if (model.fis) out.push('## FIS', '', ...fisLines(model.fis), '');

  out.push(...sloMarkdown(v));
  out.push('## Runbook gaps', '');
  if (v.gaps.length === 0) out.push(cell(noGapsText(v)), '');
  else if (v.notChecked.length > 0) out.push(`Not checked: ${cell(v.notChecked.join('; '))}.`, '');
  for (const severity of SEVERITIES) {
    const gaps = v.gaps.filter((g) => g.severity === severity);
    if (gaps.length === 0) continue;
    out.push(`### ${severity[0]!.toUpperCase()}${severity.slice(1)}`, '');
    for (const g of gaps) {
      out.push(`- **${cell(g.title)}** (${g.kind})`, `  - Evidence: ${cell(g.evidence)}`, `  - Change: ${cell(g.fix)}`);
    }
    out.push('');
  }

  out.push('## Expectations', '', '| | Expectation | Evidence |', '|---|---|---|');
  for (const e of v.expectations) out.push(`| ${expectationMark(e) === 'FAIL' ? '**FAIL**' : expectationMark(e)} | ${cell(e.description)} | ${cell(e.evidence)} |`);
  out.push('');

  out.push('## Impact', '');
  if (v.impactIntervals.length === 0) out.push(v.disruptionStart ? 'No impact: every steady-state probe held from the fault start to the end of observation.' : 'Not checked: the fault was never injected.', '');
  else {
    out.push('| # | From | To | Lasted | Probes (worst) | Began during | |', '|---|---|---|---|---|---|---|');
    v.impactIntervals.forEach((i, n) =>
      out.push(
        `| ${n + 1} | ${clockText(i.start, v.disruptionStart)} | ${i.end ? clockText(i.end, v.disruptionStart) : 'still impacted'} | ${secondsText(i.durationSeconds)} | ${cell(i.deviations.map((d) => `${d.probe} ${d.worst}`).join(', '))} | ${cell(i.actions.join(', ') || 'no action running')} | ${i.relapse ? '**relapse**' : ''} |`,
      ),
    );
    out.push('');
  }
  if (v.impactCounts.length > 0) {
    out.push('| Count | Metric | In the impact window | Baseline before the fault | Above the baseline |', '|---|---|---|---|---|');
    for (const c of v.impactCounts) {
      out.push(
        `| ${cell(c.name)} | ${cell(c.metric)} | ${c.total === undefined ? 'not measured' : `${numberText(c.total)} (${clockText(c.windowStart, v.disruptionStart)} → ${clockText(c.windowEnd, v.disruptionStart)})`} | ${c.baseline ? `${numberText(c.baseline.perMinute)} a minute over ${humanDuration(c.baseline.seconds)}` : '—'} | ${c.headline ? cell(c.headline) : '—'} |`,
      );
    }
    out.push('');
  }
  if (v.deviationsBefore.length > 0) out.push(`Before the fault: ${cell(v.deviationsBefore.map((d) => `${d.probe} ${d.worst} ${d.start} → ${d.end ?? '?'}`).join('; '))}`, '');

  if (v.detections && v.detections.length > 0) {
    out.push('## Detection', '', '| Alarm | Budget from | Budget | Fired | After | Evidence |', '|---|---|---|---|---|---|');
    for (const d of v.detections) {
      out.push(
        `| ${cell(d.alarm)} | ${cell(d.after ?? '—')} ${d.from ? `(${clockText(d.from, v.disruptionStart)})` : '(never started)'} | ${humanDuration(d.withinSeconds)} | ${d.exists ? (d.firedAt ? clockText(d.firedAt, v.disruptionStart) : 'never') : 'alarm does not exist'} | ${secondsText(d.delaySeconds)} | ${cell(evidenceCellText(d.evidence))} |`,
      );
    }
    out.push('');
    for (const d of v.detections) {
      if (d.evidence?.rule === undefined) continue;
      out.push(`Composite **${cell(d.alarm)}** (\`${d.evidence.rule}\`)${d.firedAt ? ` went to ALARM at ${clockText(d.firedAt, v.disruptionStart)}` : ' never went to ALARM'}:`, '');
      for (const line of compositeChildLines(d.evidence, v.disruptionStart)) out.push(`${'  '.repeat(line.depth)}- **${cell(line.alarm)}**: ${cell(line.text)}`);
      out.push('');
    }
  }

  out.push(...timingsMarkdown(v));

  out.push('## What the fault hit', '', '| Action | State | Started | Ended | First impact | Detected by | Recovered | Resources | Rollback |', '|---|---|---|---|---|---|---|---|---|');
  for (const a of v.impact) {
    out.push(
      `| ${cell(a.action)} (${a.actionId}) | ${cell(a.state)}${a.reason ? `: ${cell(a.reason)}` : ''} | ${a.startTime ?? '—'} | ${a.endTime ?? '—'} | ${a.firstImpact ? clockText(a.firstImpact, v.disruptionStart) : '—'} | ${
        a.detectedBy?.map((d) => `${cell(d.alarm)} ${d.firedAt ? clockText(d.firedAt, v.disruptionStart) : 'never'}`).join('<br>') ?? '—'
      } | ${a.recovered ? clockText(a.recovered, v.disruptionStart) : '—'} | ${a.resources.length > 0 ? a.resources.map(cell).join('<br>') : cell(a.hits ?? 'none resolved')} | ${a.rollback} |`,
    );
  }
  out.push('');

  if (v.stops.length > 0) {
    out.push('## Stops', '', '| By | Reason | Stopped at | Took |', '|---|---|---|---|');
    for (const s of v.stops) out.push(`| ${cell(s.by)} | ${cell(s.reason)} | ${s.stoppedAt ?? '—'} | ${s.latencyMs === undefined ? '—' : `${(s.latencyMs / 1000).toFixed(1)}s`} |`);
    out.push('');
  }

  out.push('## Timeline', '', `| Service time${v.disruptionStart ? ` (${v.disruptionStart.slice(0, 10)}, from the fault)` : ''} | Source | Event |`, '|---|---|---|');
  for (const t of model.timeline) out.push(`| ${t.time ? clockText(t.time, v.disruptionStart) : `(wall ${clockText(t.at, undefined)})`} | ${t.source} | ${t.alert ? '**' : ''}${cell(t.text)}${t.alert ? '**' : ''} |`);
  out.push('');

  out.push('## Probes', '', '| Probe | Role | Threshold | Samples | Worst | Breached samples |', '|---|---|---|---|---|---|');
  for (const p of model.series.probes) {
    const values = p.points.map((x) => x.value);
    const worst = values.length === 0 ? '—' : numberText(p.threshold && (p.threshold.op === '>' || p.threshold.op === '>=') ? Math.min(...values) : Math.max(...values));
    out.push(`| ${cell(p.name)}${p.expression ? ` = ${cell(p.expression)}` : ''} | ${p.role} | ${p.threshold ? thresholdText(p.threshold) : '—'} | ${p.points.length} | ${worst} | ${p.points.filter((x) => !x.ok).length} |`);
  }
  out.push('', '| Alarm | Roles | Transitions |', '|---|---|---|');
  for (const a of model.series.alarms) out.push(`| ${cell(a.alarm)} | ${a.roles.join(', ')} | ${a.transitions.map((t) => `${t.time} ${t.state}`).join('<br>') || 'none observed'} |`);
  out.push('');

  out.push('## Recommendations', '');
  if (v.gaps.length === 0) out.push('Nothing to change. Keep the game day on its schedule; run it again after changes to the application or the runbook.');
  for (const g of v.gaps) out.push(`- [ ] (${g.severity}) ${cell(g.fix)}`);
  out.push('', ...actionItemsMarkdown(model));

  out.push(...lessonsMarkdown(v));

  out.push('## Facilitator notes', '');
  if (v.notes.length === 0) out.push('No notes were recorded (`gameday note <run> "text"` adds one, also during a run).');
  for (const n of v.notes) out.push(`- ${n.serviceTime ?? n.at}${n.author ? ` — ${cell(n.author)}` : ''}: ${cell(n.text)}`);
  out.push('');
  return neutraliseControls(out.join('\n'));
}

function fisLines(fis: NonNullable<ReportModel['fis']>): string[] {
  return [
    ...(fis.error ? [`- **Failure:** ${cell(fis.error.text)}`] : []),
    ...(fis.safetyLever ? [`- **Safety lever:** ${cell(fis.safetyLever.text)}`] : []),
    ...(fis.experimentReport
      ? [`- **Experiment report:** ${cell(fis.experimentReport.text)}${fis.experimentReport.reports.map((r) => { const href = webHref(r.consoleUrl); return href ? ` ([${cell(r.reportType ?? 'report')}](${href}))` : ` (${cell(r.reportType ?? 'report')}: ${cell(r.consoleUrl)})`; }).join('')}`]
      : []),
  ];
}
