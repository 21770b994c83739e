import type { NoteTag } from '../core/journal/events.js';
import type { Verdict } from '../core/verdict/types.js';
import { escapeXml as x, markdownCell as cell, relativeHref, webHref } from './escape.js';
import type { ReportModel } from './report-model.js';
import { clockText } from './wording.js';

/** The review meeting's part of the report: what went well, wrong, or lucky (tagged notes), who reviewed it, the runbook link. */

const LESSONS: { tag: NoteTag; title: string }[] = [
  { tag: 'well', title: 'What went well' },
  { tag: 'wrong', title: 'What went wrong' },
  { tag: 'lucky', title: 'Where we got lucky' },
];

const NO_TAGS = 'No notes were tagged for the review (`gameday note RUN "…" --tag well|wrong|lucky`).';

function lessons(v: Verdict): { title: string; notes: Verdict['notes'] }[] {
  // Reconstructed afterwards with --at, notes arrive out of order: the review reads them as they happened.
  const when = (n: Verdict['notes'][number]) => Date.parse(n.serviceTime ?? n.at);
  return LESSONS.map(({ tag, title }) => ({ title, notes: v.notes.filter((n) => n.tag === tag).sort((a, b) => when(a) - when(b)) }));
}

function noteLine(n: Verdict['notes'][number], faultStart: string | undefined): string {
  return `${clockText(n.serviceTime ?? n.at, faultStart)}${n.author ? ` — ${n.author}` : ''}: ${n.text}`;
}

export function reviewedText(v: Verdict): string {
  return v.reviews.length === 0 ? 'not yet (`gameday review RUN --by NAME`)' : v.reviews.map((r) => `${r.date} by ${r.by.join(', ')}`).join('; ');
}

export function lessonsMarkdown(v: Verdict): string[] {
  const groups = lessons(v);
  const out = ['## Review: what went well, what went wrong, where we got lucky', ''];
  if (groups.every((g) => g.notes.length === 0)) return [...out, NO_TAGS, ''];
  for (const g of groups) {
    out.push(`### ${g.title}`, '');
    out.push(...(g.notes.length === 0 ? ['Nothing noted.'] : g.notes.map((n) => `- ${cell(noteLine(n, v.disruptionStart))}`)), '');
  }
  return out;
}

export function lessonsHtml(v: Verdict): string[] {
  const groups = lessons(v);
  const out = ['<section><h2>Review: what went well, what went wrong, where we got lucky</h2>'];
  if (groups.every((g) => g.notes.length === 0)) return [...out, `<p class="muted">${x(NO_TAGS)}</p>`, '</section>'];
  for (const g of groups) {
    out.push(`<h3>${x(g.title)}</h3>`, g.notes.length === 0 ? '<p class="muted">Nothing noted.</p>' : `<ul class="notes">${g.notes.map((n) => `<li>${x(noteLine(n, v.disruptionStart))}</li>`).join('')}</ul>`);
  }
  out.push('</section>');
  return out;
}

/** The runbook as a link from the report file (relative) and, with a repository URL in gameday.config.yaml, in the repository. */
export function runbookMarkdown(run: ReportModel['run']): string {
  if (!run.runbook) return 'none declared';
  const { relative, repository } = runbookHrefs(run);
  return [relative ? `[${cell(run.runbook.path)}](${relative})` : cell(run.runbook.path), ...(repository ? [`([in the repository](${repository}))`] : [])].join(' ');
}

export function runbookHtml(run: ReportModel['run']): string {
  if (!run.runbook) return 'none declared';
  const name = `<code>${x(run.runbook.path)}</code>`;
  const { relative, repository } = runbookHrefs(run);
  return `${relative ? `<a href="${x(relative)}">${name}</a>` : name}${repository ? ` (<a href="${x(repository)}">in the repository</a>)` : ''}`;
}

/** The journal's runbook links as links: a path from the report (never a scheme or another host), and an http(s) address. */
function runbookHrefs(run: ReportModel['run']): { relative?: string; repository?: string } {
  const links = run.runbookLinks;
  const repository = links?.repository === undefined ? undefined : webHref(links.repository);
  return { ...(links?.relative ? { relative: relativeHref(links.relative) } : {}), ...(repository ? { repository } : {}) };
}
