import { humanDuration } from '../core/duration.js';
import type { ReportModel } from './report-model.js';
import { timingsLines } from './sections-timings.js';
import type { RunDiff } from './run-diff.js';
import type { RunHistory } from './run-history.js';
import { clockText, measuredText, measurementLine, noGapsText, outcomeText, verdictWord } from './wording.js';

/** `gameday report show`: the report as plain text for a terminal, verdict and gaps first. */
export function renderTerminal(model: ReportModel): string {
  const { verdict: v, run } = model;
  const lines: string[] = [];
  lines.push(`${run.scenario} — ${verdictWord(v)} (run ${v.status})`);
  lines.push(`run ${run.runId} · ${run.mode} · ${run.account} ${run.region} · started ${run.startedAt}`);
  lines.push(`owner ${run.owner ?? 'not named'} · participants ${run.participants.join(', ') || 'not named'} · runbook ${run.runbook?.path ?? 'none'}`);
  lines.push('');
  lines.push(`  ${measurementLine('RTO', v.rto)}`, `      ${v.rto.note ?? ''}`);
  lines.push(`  ${measurementLine('RPO', v.rpo)}`, `      ${v.rpo.note ?? ''}`);
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
  lines.push('', 'Expectations:');
  for (const e of v.expectations) lines.push(`  ${e.passed ? 'pass' : 'FAIL'}  ${e.description}`, `        ${e.evidence}`);
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
  return `${lines.join('\n')}\n`;
}

/** `gameday report list`: one line per run. */
export function renderHistory(history: RunHistory): string {
  if (history.runs.length === 0 && history.unreadable.length === 0) return `No runs under ${history.reportsDir}/.\n`;
  const rows = history.runs.map((r) => [
    r.startedAt.slice(0, 16).replace('T', ' '),
    r.scenario,
    r.runId,
    outcomeText(r),
    `${measuredText(r.rto)} / ${r.rto.targetSeconds === undefined ? '—' : humanDuration(r.rto.targetSeconds)}`,
    String(r.gaps),
  ]);
  const header = ['started (UTC)', 'scenario', 'run', 'verdict', 'RTO / target', 'gaps'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ').trimEnd();
  const notJudged = history.unreadable.length === 0 ? [] : ['', `Not judged (${history.unreadable.length}): incomplete or unreadable journals`, ...history.unreadable.map((u) => `  ${u.scenario}  ${u.runId}  ${u.message}\n    ${u.runDir}`)];
  return [...(rows.length > 0 ? [line(header), ...rows.map(line)] : []), ...notJudged, ''].join('\n');
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
  return `${lines.join('\n')}\n`;
}
