import type { ActionItem } from '../core/actions/action-items.js';
import { markdownCell as cell } from './escape.js';

/** Action items for people (terminal text, Markdown) and for GitHub (one issue per item). */

export interface ScenarioItem {
  scenario: string;
  item: ActionItem;
}

export function ownerText(item: Pick<ActionItem, 'owner'>): string {
  return item.owner ?? 'unassigned';
}

/** "due 2027-01-02", "OVERDUE since 2027-01-02" for an open item past its date (today: YYYY-MM-DD). */
export function dueText(item: Pick<ActionItem, 'due' | 'status'>, today: string): string {
  return item.status === 'open' && item.due < today ? `OVERDUE since ${item.due}` : `due ${item.due}`;
}

function statusText(item: ActionItem): string {
  if (item.status === 'closed') return `closed${item.closedBy ? ` by ${item.closedBy}` : ''}${item.closedIn ? ` in ${item.closedIn}` : ''}`;
  return item.regressions > 0 ? `open (regressed ${item.regressions}×)` : 'open';
}

export function actionItemsText(items: ScenarioItem[], today: string): string {
  if (items.length === 0) return 'No action items.';
  const rows = items.map(({ scenario, item }) => [item.id, item.status === 'open' ? (item.regressions > 0 ? 'REGRESSED' : 'open') : 'closed', item.severity, item.type, ownerText(item), dueText(item, today), scenario, item.title]);
  const header = ['ID', 'STATUS', 'SEVERITY', 'TYPE', 'OWNER', 'DUE', 'SCENARIO', 'TITLE'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === cells.length - 1 ? c : c.padEnd(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

export function actionItemsMarkdown(items: ScenarioItem[], today: string): string {
  if (items.length === 0) return 'No action items.';
  return [
    '| ID | Status | Severity | Type | Owner | Due | Scenario | Action |',
    '|---|---|---|---|---|---|---|---|',
    ...items.map(({ scenario, item }) => `| ${item.id} | ${cell(statusText(item))} | ${item.severity} | ${item.type} | ${cell(ownerText(item))} | ${dueText(item, today)} | ${cell(scenario)} | ${cell(item.title)} |`),
  ].join('\n');
}

export function actionItemDetail({ scenario, item }: ScenarioItem, today: string): string {
  return [
    `${item.id}: ${item.title}`,
    `  scenario ${scenario}; ${item.severity} ${item.gap.kind} gap${item.gap.subject ? ` (${item.gap.subject})` : ''}; type ${item.type}`,
    `  ${statusText(item)}; owner ${ownerText(item)}; ${dueText(item, today)}`,
    `  opened in ${item.openedIn}; last found in ${item.lastSeenIn}`,
    `  change: ${item.fix}`,
    `  evidence: ${item.evidence}`,
    '  history:',
    ...item.history.map((h) => `    ${h.at} ${h.event}${h.by ? ` by ${h.by}` : ''}${h.run ? ` (run ${h.run})` : ''}${h.text ? `: ${h.text}` : ''}`),
  ].join('\n');
}

export interface GithubIssue {
  title: string;
  body: string;
  labels: string[];
}

/** A GitHub issue for one item: the title and the Markdown body (`gh issue create --title … --body-file …`). */
export function actionItemIssue({ scenario, item }: ScenarioItem): GithubIssue {
  const body = [
    `<!-- gameday action item ${item.id} (scenario ${scenario}) -->`,
    `**${item.severity}** ${item.gap.kind} gap found by the \`${scenario}\` game day (type: ${item.type}).`,
    '',
    `- **Owner:** ${ownerText(item)}`,
    `- **Due:** ${item.due}`,
    `- **Status:** ${statusText(item)}`,
    `- **Opened in run:** ${item.openedIn}; last found in ${item.lastSeenIn}`,
    '',
    '## Change',
    '',
    item.fix,
    '',
    '## Evidence',
    '',
    item.evidence,
    '',
    `Closed automatically by the next game day that no longer finds the gap, or by hand: \`gameday actions close ${item.id}\`.`,
    '',
  ].join('\n');
  return { title: `[gameday] ${item.title}`, body, labels: ['gameday', `severity:${item.severity}`, `type:${item.type}`] };
}

/** Every item's issue, one after the other, for `actions list --format github`. */
export function actionItemIssues(items: ScenarioItem[]): string {
  return items.map((i) => actionItemIssue(i)).map((issue) => `# ${issue.title}\n\n${issue.body}`).join('\n---\n\n');
}
