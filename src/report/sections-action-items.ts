import type { ActionItemSnapshot } from '../core/journal/events.js';
import { escapeXml as x, markdownCell as cell } from './escape.js';
import type { ReportModel } from './report-model.js';

/** The report's action items section (report.md, report.html, terminal): what this run did to the scenario's follow-ups. */

type Followed = NonNullable<ReportModel['actionItems']>;

export interface ActionItemRow {
  item: ActionItemSnapshot;
  /** what this run did to it */
  change: 'open from last time' | 'closed: gap gone' | 'new' | 'REGRESSED';
}

/** Open from last time first (still open, then closed by this run), then regressions, then new ones. */
export function actionItemRows(followed: Followed): ActionItemRow[] {
  const byId = new Map(followed.items.map((i) => [i.id, i]));
  const rows = (ids: string[], change: ActionItemRow['change']): ActionItemRow[] => ids.flatMap((id) => (byId.has(id) ? [{ item: byId.get(id)!, change }] : []));
  return [...rows(followed.carried, 'open from last time'), ...rows(followed.closed, 'closed: gap gone'), ...rows(followed.regressed, 'REGRESSED'), ...rows(followed.opened, 'new')];
}

export function actionItemsSummary(followed: Followed): string {
  const fromLastTime = followed.carried.length + followed.closed.length;
  const open = followed.items.filter((i) => i.status === 'open').length;
  return `${fromLastTime} open from last time (${followed.closed.length} closed by this run, their gap gone; ${followed.carried.length} still open), ${followed.regressed.length} regressed, ${followed.opened.length} new: ${open} open now.`;
}

const NOT_FOLLOWED = 'Not followed up: action items are updated when `gameday run` ends a run (this run predates them, or did not end).';

export function actionItemsMarkdown(model: ReportModel): string[] {
  const followed = model.actionItems;
  const out = ['## Action items', ''];
  if (!followed) return [...out, NOT_FOLLOWED, ''];
  out.push(actionItemsSummary(followed), '');
  const rows = actionItemRows(followed);
  if (rows.length === 0) return out;
  out.push('| ID | This run | Severity | Type | Owner | Due | Action |', '|---|---|---|---|---|---|---|');
  for (const { item, change } of rows) {
    out.push(`| ${item.id} | ${change === 'REGRESSED' ? '**REGRESSED**' : change} | ${item.severity} | ${item.type} | ${cell(item.owner ?? 'unassigned')} | ${item.due} | ${cell(item.title)} |`);
  }
  out.push('', `\`gameday actions list ${cell(model.run.scenario)}\` shows them; \`gameday actions close|assign <id>\` changes them.`, '');
  return out;
}

export function actionItemsHtml(model: ReportModel): string[] {
  const followed = model.actionItems;
  const out = ['<section><h2>Action items</h2>'];
  if (!followed) return [...out, `<p class="muted">${x(NOT_FOLLOWED)}</p>`, '</section>'];
  out.push(`<p>${x(actionItemsSummary(followed))}</p>`);
  const rows = actionItemRows(followed);
  if (rows.length > 0) {
    out.push('<div class="scroll"><table><thead><tr><th>ID</th><th>This run</th><th>Severity</th><th>Type</th><th>Owner</th><th>Due</th><th>Action</th></tr></thead><tbody>');
    for (const { item, change } of rows) {
      out.push(`<tr><td class="mono">${x(item.id)}</td><td>${change === 'REGRESSED' ? `<b>${x(change)}</b>` : x(change)}</td><td>${x(item.severity)}</td><td>${x(item.type)}</td><td>${x(item.owner ?? 'unassigned')}</td><td class="mono">${x(item.due)}</td><td>${x(item.title)}</td></tr>`);
    }
    out.push('</tbody></table></div>');
  }
  out.push('</section>');
  return out;
}

export function actionItemsTerminal(model: ReportModel): string[] {
  const followed = model.actionItems;
  if (!followed) return [];
  return ['', `Action items: ${actionItemsSummary(followed)}`, ...actionItemRows(followed).map(({ item, change }) => `  ${item.id.padEnd(24)} ${change.padEnd(20)} [${item.severity}] ${item.title} (${item.owner ?? 'unassigned'}, due ${item.due})`)];
}
