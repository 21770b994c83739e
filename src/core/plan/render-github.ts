import { escapeData, escapeProperty } from '../github-commands.js';
import { faultSummary } from './render-shared.js';
import type { Plan } from './types.js';

/** GitHub Actions workflow commands: one notice per plan, one warning annotation per plan warning. */
export function renderPlanGithub(plan: Plan): string {
  const file = plan.scenario.file;
  const lines = [
    `::notice file=${escapeProperty(file)},title=${escapeProperty(`gameday plan ${plan.scenario.name}`)}::${escapeData(
      `${faultSummary(plan)} (${[...new Set(plan.actions.map((a) => a.actionId))].join(', ')}); plan ${plan.hash.slice(0, 12)}`,
    )}`,
  ];
  for (const w of plan.warnings) lines.push(`::warning file=${escapeProperty(file)},title=${escapeProperty(w.code)}::${escapeData(w.message)}`);
  return `${lines.join('\n')}\n`;
}
