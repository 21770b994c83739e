import { diagnosticAnnotation, escapeData, escapeProperty } from '../github-commands.js';
import { formatDiagnostic } from '../scenario/diagnostics.js';
import { renderPlanGithub } from './render-github.js';
import { renderPlanMarkdown } from './render-markdown.js';
import { renderPlanText } from './render-text.js';
import type { PlanOutcome, PlanReport } from './plan-paths.js';

/** `gameday plan` over several scenarios, in each output format: plans, then what could not be planned. */

function summaryLine(report: PlanReport): string {
  const { scenarios, planned, invalid, unplannable } = report.summary;
  const parts = [`${planned} of ${scenarios} scenario${scenarios === 1 ? '' : 's'} planned`];
  if (invalid) parts.push(`${invalid} invalid`);
  if (unplannable) parts.push(`${unplannable} cannot be compiled`);
  return parts.join(', ');
}

function selectionLines(report: PlanReport): string[] {
  if (!report.changedSince) return [];
  const { ref, selected } = report.changedSince;
  if (selected.length === 0) return [`No scenario, runbook or sandbox world changed since ${ref}.`];
  return [`Scenarios touched since ${ref}:`, ...selected.map((s) => `  ${s.file}: ${s.because.join(', ')}`)];
}

function problemLines(result: PlanOutcome): string[] {
  if (result.status === 'invalid') return [`${result.file} is not a valid scenario:`, ...result.diagnostics.map((d) => `  ${formatDiagnostic(d)}`)];
  if (result.status === 'unplannable') return result.message.split('\n');
  return [];
}

export function renderPlanReportText(report: PlanReport): string {
  const out: string[] = [];
  const selection = selectionLines(report);
  if (selection.length) out.push(...selection, '');
  for (const result of report.results) {
    if (result.status === 'planned') {
      out.push(renderPlanText(result.plan));
      if (result.written) out.push(`Wrote ${result.written.plan} and ${result.written.markdown}`, '');
    } else out.push(...problemLines(result), '');
  }
  out.push(summaryLine(report));
  return `${out.join('\n')}\n`;
}

export function renderPlanReportMarkdown(report: PlanReport): string {
  const out: string[] = ['## gameday plan', '', summaryLine(report), ''];
  const selection = selectionLines(report);
  if (selection.length) out.push('```text', ...selection, '```', '');
  for (const result of report.results) {
    if (result.status === 'planned') out.push(renderPlanMarkdown(result.plan));
    else out.push(`### ❌ \`${result.file}\``, '', '```text', ...problemLines(result), '```', '');
  }
  return `${out.join('\n')}`;
}

export function renderPlanReportGithub(report: PlanReport): string {
  const out: string[] = [];
  for (const result of report.results) {
    if (result.status === 'planned') out.push(renderPlanGithub(result.plan).trimEnd());
    else if (result.status === 'invalid') {
      for (const d of result.diagnostics) out.push(diagnosticAnnotation(d));
    } else {
      for (const problem of result.problems) out.push(`::error file=${escapeProperty(result.file)},title=PLAN_INVALID::${escapeData(problem)}`);
    }
  }
  out.push(summaryLine(report));
  return `${out.join('\n')}\n`;
}
