import { oneLine } from '../core/control-characters.js';
import { humanDuration } from '../core/duration.js';
import type { ReportModel } from './report-model.js';
import { SIMULATION_NOTE } from './sections-people.js';
import { reviewedText } from './sections-review.js';
import { timingsLines } from './sections-timings.js';
import { actionItemsTerminal } from './sections-action-items.js';
import { summarySentences } from './summary.js';
import { sloTerminal } from './sections-slo.js';
import type { RunDiff } from './run-diff.js';
import type { RunHistory } from './run-history.js';
import { clockText, compositeChildLines, evidenceCellText, expectationMark, measuredText, measurementLine, noGapsText, outcomeText, secondsText, stopUnconfirmedText, verdictWord, targetAccountText } from './wording.js';

/** `gameday report show`: the report as plain text for a terminal, verdict and gaps first. */
export function renderTerminal(model: ReportModel): string {
  const { verdict: v, run } = model;
  const lines: string[] = [];
  lines.push(`${run.scenario} — ${verdictWord(v)} (run ${v.status})`);
  if (model.people.simulation) lines.push(SIMULATION_NOTE);
  lines.push(`run ${run.runId} · ${run.mode} · ${run.account} ${run.region} · started ${run.startedAt}`);
  if (run.targetAccounts) lines.push(`target accounts ${run.targetAccounts.map((a) => targetAccountText(a)).join('; ')}`);
  lines.push(`owner ${run.owner ?? 'not named'} · participants ${run.participants.join(', ') || 'not named'} · runbook ${run.runbookLinks?.repository ?? run.runbook?.path ?? 'none'}`);
  lines.push(`reviewed ${reviewedText(v)}`);
  if (v.stopUnconfirmed) lines.push(stopUnconfirmedText(v));
  lines.push('', ...summarySentences(model));
  lines.push('');
  lines.push(`  ${measurementLine('RTO', v.rto)}`, `      ${v.rto.note ?? ''}`);
  lines.push(`  ${measurementLine('RPO', v.rpo)}`, `      ${v.rpo.note ?? ''}`);
  for (const c of v.impactCounts) lines.push(`  Impact: ${c.headline ?? `${c.name} not measured`}`, `      ${c.summary}`);
  lines.push('');
  const fis = model.fis;
  if (fis) {
    lines.push('FIS:');
    if (fis.error) lines.push(`  ${fis.error.text}`);
    if (fis.safetyLever) lines.push(`  ${fis.safetyLever.text}`);
    if (fis.experimentReport) lines.push(`  ${fis.experimentReport.text}`, ...fis.experimentReport.reports.map((r) => `    ${r.consoleUrl}`));
    lines.push('');
  }
  lines.push(v.gaps.length === 0 ? noGapsText(v) : `Runbook gaps (${v.gaps.length}):`);
  for (const g of v.gaps) {
    lines.push(`  [${g.severity}] ${g.kind}: ${g.title}`, `      evidence: ${g.evidence}`, `      change:   ${g.fix}`);
  }
  lines.push(...sloTerminal(v));
  lines.push(...actionItemsTerminal(model));
  lines.push('', 'Expectations:');
  for (const e of v.expectations) lines.push(`  ${expectationMark(e)}  ${e.description}`, `        ${e.evidence}`);
  lines.push('', ...impactLines(model), '', ...actionLines(model), ...detectionLines(model));
  if (v.stops.length > 0) {
    lines.push('', 'Stops:');
    for (const s of v.stops) lines.push(`  ${s.by}: ${s.reason}${s.latencyMs !== undefined ? ` (took ${humanDuration(s.latencyMs / 1000)})` : ''}`);
  }
  if (v.humanTimings.length > 0) lines.push('', 'Human timings (this run’s own, from each disruption’s start):', ...timingsLines(v).map((l) => `  ${l}`));
  lines.push('', 'Timeline:');
  for (const t of model.timeline) lines.push(`  ${(t.time ? clockText(t.time, v.disruptionStart) : `wall ${clockText(t.at, undefined)}`).padEnd(22)} ${t.alert ? '! ' : '  '}${t.text}`);
  if (v.notes.length > 0) {
    lines.push('', 'Notes:');
    for (const n of v.notes) lines.push(`  ${clockText(n.serviceTime ?? n.at, v.disruptionStart)} ${n.author ? `${n.author}: ` : ''}${n.text}`);
  }
  return `${lines.map(oneLine).join('\n')}\n`;
}

/** Columns padded to their widest cell, two spaces apart. */
function table(header: string[], rows: string[][], indent = ''): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `${indent}${cells.map((c, i) => c.padEnd(widths[i]!)).join('  ')}`.trimEnd();
  return [line(header), ...rows.map(line)];
}

/** The impact model: one row per interval in which the steady state did not hold, relapses marked. */
function impactLines(model: ReportModel): string[] {
  const v = model.verdict;
  if (v.impactIntervals.length === 0) return [v.disruptionStart ? 'Impact: none — every steady-state probe held from the fault start to the end of observation.' : 'Impact: not checked — the fault was never injected.'];
  const summary = v.rto.timeToImpactSeconds !== undefined ? ` — first ${secondsText(v.rto.timeToImpactSeconds)} after the fault started, ${secondsText(v.rto.impactSeconds)} impacted in all` : '';
  return [
    `Impact (${v.impactIntervals.length} interval${v.impactIntervals.length === 1 ? '' : 's'}${summary}):`,
    ...table(
      ['#', 'from', 'to', 'lasted', 'probes (worst)', 'began during'],
      v.impactIntervals.map((i, n) => [
        `${n + 1}${i.relapse ? ' relapse' : ''}`,
        clockText(i.start, v.disruptionStart),
        i.end ? clockText(i.end, v.disruptionStart) : 'still impacted',
        secondsText(i.durationSeconds),
        i.deviations.map((d) => `${d.probe} ${d.worst}`).join(', '),
        i.actions.join(', ') || 'no action running',
      ]),
      '  ',
    ),
  ];
}

/** Per action: started, first impact, detected by, recovered, and its RTO from the impact it caused. */
function actionLines(model: ReportModel): string[] {
  const v = model.verdict;
  const at = (iso: string | undefined) => clockText(iso, v.disruptionStart);
  return [
    'Per action:',
    ...table(
      ['action', 'state', 'started', 'first impact', 'detected by', 'recovered', 'RTO'],
      v.impact.map((a) => [
        a.action,
        a.state,
        a.startTime ? at(a.startTime) : 'never started',
        at(a.firstImpact),
        a.detectedBy?.map((d) => `${d.alarm} ${d.firedAt ? at(d.firedAt) : 'never'}`).join(', ') ?? '—',
        at(a.recovered),
        secondsText(a.rtoSeconds),
      ]),
      '  ',
    ),
  ];
}

/** Each detection alarm: its budget and from which action, when it fired, and what its metric did. */
function detectionLines(model: ReportModel): string[] {
  const v = model.verdict;
  if (!v.detections || v.detections.length === 0) return [];
  const rows = v.detections.map((d) => [
    d.alarm,
    `${humanDuration(d.withinSeconds)} from ${d.after ?? 'the fault'}${d.from ? ` (${clockText(d.from, v.disruptionStart)})` : ' (never started)'}`,
    d.exists ? (d.firedAt ? clockText(d.firedAt, v.disruptionStart) : 'never') : 'alarm does not exist',
    secondsText(d.delaySeconds),
  ]);
  const lines = ['', 'Detection:', ...table(['alarm', 'budget', 'fired', 'after'], rows, '  ')];
  for (const d of v.detections) {
    if (!d.evidence) continue;
    lines.push(`  ${d.alarm}: ${evidenceCellText(d.evidence)}`);
    for (const line of compositeChildLines(d.evidence, v.disruptionStart)) lines.push(`    ${'  '.repeat(line.depth)}${line.alarm}: ${line.text}`);
  }
  return lines;
}

/** `gameday report list`: one line per run. */
export function renderHistory(history: RunHistory): string {
  if (history.runs.length === 0 && history.unreadable.length === 0) return `No runs under ${history.reportsDir}/.\n`;
  const rows = history.runs.map((r) => [
    r.startedAt.slice(0, 16).replace('T', ' '),
    r.scenario,
    r.runId,
    outcomeText(r),
    r.simulation ? 'SIMULATION' : r.mode,
    `${measuredText(r.rto)} / ${r.rto.targetSeconds === undefined ? '—' : humanDuration(r.rto.targetSeconds)}`,
    String(r.gaps),
    r.openActionItems === undefined ? '—' : String(r.openActionItems),
  ]);
  const header = ['started (UTC)', 'scenario', 'run', 'verdict', 'where', 'RTO / target', 'gaps', 'open items'];
  const notJudged = history.unreadable.length === 0 ? [] : ['', `Not judged (${history.unreadable.length}): incomplete or unreadable journals`, ...history.unreadable.flatMap((u) => [`  ${u.scenario}  ${u.runId}  ${u.message}`, `    ${u.runDir}`])];
  return [...(rows.length > 0 ? table(header, rows) : []), ...notJudged, ''].map(oneLine).join('\n');
}

/** `gameday report diff`: what changed between two runs. */
export function renderDiff(diff: RunDiff): string {
  const lines: string[] = [];
  lines.push(`${diff.scenario}: ${diff.before.runId} → ${diff.after.runId}`);
  lines.push(`  verdict ${diff.before.outcome} → ${diff.after.outcome}`);
  for (const [label, c] of [['RTO', diff.rto], ['RPO', diff.rpo]] as const) {
    const delta = c.deltaSeconds === undefined ? '' : ` (${c.deltaSeconds > 0 ? '+' : c.deltaSeconds < 0 ? '−' : '±'}${humanDuration(Math.abs(c.deltaSeconds))})`;
    lines.push(`  ${label} ${measuredText(c.before)} → ${measuredText(c.after)}${delta}: ${c.change}`);
  }
  const gapLines = (title: string, gaps: RunDiff['gapsClosed']) => (gaps.length === 0 ? [] : [`  ${title}:`, ...gaps.map((g) => `    [${g.severity}] ${g.kind}: ${g.title}`)]);
  lines.push(...gapLines('gaps closed', diff.gapsClosed), ...gapLines('gaps opened', diff.gapsOpened), ...gapLines('gaps remaining', diff.gapsRemaining));
  if (diff.expectationsFixed.length > 0) lines.push(`  expectations now met: ${diff.expectationsFixed.join(', ')}`);
  if (diff.expectationsBroken.length > 0) lines.push(`  expectations now failing: ${diff.expectationsBroken.join(', ')}`);
  lines.push(`  gaps by severity: ${(['critical', 'high', 'medium', 'low'] as const).map((s) => `${s} ${diff.severities[s].before} → ${diff.severities[s].after}`).join(', ')}`);
  lines.push(`  overall: ${diff.change === 'same' ? 'no change' : diff.change} (judged by the verdict, then the gaps by severity, then RTO and RPO)`);
  return `${lines.map(oneLine).join('\n')}\n`;
}
