import { humanDuration } from '../core/duration.js';
import type { ErrorBudget } from '../core/slo/error-budget.js';
import type { Verdict } from '../core/verdict/types.js';
import { escapeXml as x, markdownCell as cell } from './escape.js';

/** The report's SLO section: the error budget the game day consumed. */

const count = (n: number) => Math.round(n).toLocaleString('en-US');
const rate = (n: number) => `${Number(n.toFixed(1))}×`;

export function errorBudgetLines(b: ErrorBudget): string[] {
  const head = `SLO ${b.slo}: ${b.objective} % over ${humanDuration(b.windowSeconds)} (error budget ${b.budgetMinutes.toFixed(1)} minutes of the window).`;
  if (b.periods === 0 || b.consumedPercent === undefined) return [head, 'Budget consumed: not measured (no SLO datapoints from the fault’s start on).'];
  return [
    head,
    `Budget consumed: ${count(b.badRequests)} bad of ${count(b.totalRequests)} requests from ${b.from} to ${b.to} — ${b.consumedPercent.toFixed(2)} % of the window’s budget (${count(b.budgetRequests!)} requests at this rate), the same as ${b.consumedMinutes!.toFixed(2)} of its ${b.budgetMinutes.toFixed(1)} minutes.`,
    `Burn rate: peak ${rate(b.peakBurnRate!.value)} (period from ${b.peakBurnRate!.at}), ${rate(b.averageBurnRate!)} on average.${b.below !== undefined ? ` Steady state: below ${rate(b.below)}.` : ''}${
      b.stopAbove !== undefined ? ` Stop limit: ${rate(b.stopAbove)}${b.firstAboveStop ? `, first exceeded in the period from ${b.firstAboveStop}` : ', never exceeded'}.` : ''
    }`,
  ];
}

export function sloMarkdown(v: Verdict): string[] {
  return v.slo ? ['## SLO and error budget', '', ...errorBudgetLines(v.slo).map((l) => `- ${cell(l)}`), ''] : [];
}

export function sloHtml(v: Verdict): string[] {
  return v.slo ? ['<section><h2>SLO and error budget</h2><ul>', ...errorBudgetLines(v.slo).map((l) => `<li>${x(l)}</li>`), '</ul></section>'] : [];
}

export function sloTerminal(v: Verdict): string[] {
  return v.slo ? ['', ...errorBudgetLines(v.slo).map((l, i) => (i === 0 ? l : `  ${l}`))] : [];
}
