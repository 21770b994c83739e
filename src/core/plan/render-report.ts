import { diagnosticAnnotation } from '../github-commands.js';
import { markdownCode, markdownFence } from '../markdown-text.js';
import { formatDiagnostic } from '../scenario/diagnostics.js';
import { renderPlanGithub } from './render-github.js';
import { renderPlanMarkdown } from './render-markdown.js';
import { renderPlanText } from './render-text.js';
import type { PlanOutcome, PlanReport } from './plan-paths.js';

/** `gameday plan` over several scenarios, in each output format: plans, then what could not be planned. */

function summaryLine(report: PlanReport): string {
  const { scenarios, planned, invalid } = report.summary;
  return `${planned} of ${scenarios} scenario${scenarios === 1 ? '' : 's'} planned${invalid ? `, ${invalid} invalid` : ''}`;
}

function selectionLines(report: PlanReport): string[] {
  if (!report.changedSince) return [];
  const { ref, selected } = report.changedSince;
  if (selected.length === 0) return [`No scenario, runbook or sandbox world changed since ${ref}.`];
  return [`Scenarios touched since ${ref}:`, ...selected.map((s) => `  ${s.file}: ${s.because.join(', ')}`)];
}

function problemLines(result: Extract<PlanOutcome, { status: 'invalid' }>): string[] {
  return [`${result.file} is not a valid scenario:`, ...result.diagnostics.map((d) => `  ${formatDiagnostic(d)}`)];
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
  if (selection.length) out.push(...markdownFence('text', selection), '');
  for (const result of report.results) {
    if (result.status === 'planned') out.push(renderPlanMarkdown(result.plan));
    else out.push(`### ❌ ${markdownCode(result.file)}`, '', ...markdownFence('text', problemLines(result)), '');
  }
  return `${out.join('\n')}`;
}

export function renderPlanReportGithub(report: PlanReport): string {
  const out: string[] = [];
  for (const result of report.results) {
    if (result.status === 'planned') out.push(renderPlanGithub(result.plan).trimEnd());
    else for (const d of result.diagnostics) out.push(diagnosticAnnotation(d));
  }
  out.push(summaryLine(report));
  return `${out.join('\n')}\n`;
}
