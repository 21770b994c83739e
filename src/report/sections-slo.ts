import { humanDuration } from '../core/duration.js';
import { limitText, numberText } from '../core/number-text.js';
import type { ErrorBudget } from '../core/slo/error-budget.js';
import type { Verdict } from '../core/verdict/types.js';
import { escapeXml as x, markdownCell as cell } from './escape.js';

/** The report's SLO section: the error budget the game day consumed. */

const rate = (n: number) => `${numberText(n)}×`;
const limit = (n: number) => `${limitText(n)}×`;

export function errorBudgetLines(b: ErrorBudget): string[] {
  const head = `SLO ${b.slo}: ${b.objective} % over ${humanDuration(b.windowSeconds)} (error budget ${numberText(b.budgetMinutes)} minutes of the window).`;
  if (b.periods === 0 || b.consumedPercent === undefined) return [head, 'Budget consumed: not measured (no SLO datapoints from the fault’s start on).'];
  return [
    head,
    `Budget consumed: ${numberText(b.badRequests)} bad of ${numberText(b.totalRequests)} requests from ${b.from} to ${b.to} — ${numberText(b.consumedPercent)} % of the window’s budget (${numberText(b.budgetRequests!)} requests at this rate), the same as ${numberText(b.consumedMinutes!)} of its ${numberText(b.budgetMinutes)} minutes.`,
    `Burn rate: peak ${rate(b.peakBurnRate!.value)} (period from ${b.peakBurnRate!.at}), ${rate(b.averageBurnRate!)} on average.${b.below !== undefined ? ` Steady state: below ${limit(b.below)}.` : ''}${
      b.stopAbove !== undefined ? ` Stop limit: ${limit(b.stopAbove)}${b.firstAboveStop ? `, first exceeded in the period from ${b.firstAboveStop}` : ', never exceeded'}.` : ''
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
