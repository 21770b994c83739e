import { faultSummary } from './render-shared.js';
import type { Plan } from './types.js';

/** GitHub Actions workflow commands: one notice per plan, one warning annotation per plan warning. */
export function renderPlanGithub(plan: Plan): string {
  const file = plan.scenario.file;
  const lines = [
    `::notice file=${property(file)},title=${property(`gameday plan ${plan.scenario.name}`)}::${data(
      `${faultSummary(plan)} (${[...new Set(plan.actions.map((a) => a.actionId))].join(', ')}); plan ${plan.hash.slice(0, 12)}`,
    )}`,
  ];
  for (const w of plan.warnings) lines.push(`::warning file=${property(file)},title=${property(w.code)}::${data(w.message)}`);
  return `${lines.join('\n')}\n`;
}

/** Escaping of workflow command values (actions/toolkit: escapeData / escapeProperty). */
function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
