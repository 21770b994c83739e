import { GamedayError } from '../errors.js';
import { MARK_KINDS, type JournalEvent, type MarkAdded, type MarkKind, type NoteAdded, type NoteTag, type ReviewAdded } from './events.js';
import { appendToJournal } from './append-entry.js';
import { resolveHumanTime } from './human-time.js';

/**
 * What people add to a run's journal: notes, marks (detected/engaged/mitigated/recovered) and reviews.
 * The *Body functions are pure, for any writer (a second terminal through the append* functions, or
 * the running process's own journal writer, e.g. the live page's form with the run's service clock).
 */

export const NOTE_TAGS: readonly NoteTag[] = ['well', 'wrong', 'lucky'];

export interface NoteInput {
  text: string;
  author?: string;
  /** ISO 8601 with a zone, or an offset from the experiment start (+1m) */
  at?: string;
  tag?: string;
}

export interface MarkInput {
  mark: string;
  at?: string;
  by?: string;
  text?: string;
}

function checkTag(tag: string | undefined): NoteTag | undefined {
  if (tag === undefined) return undefined;
  if (!(NOTE_TAGS as readonly string[]).includes(tag)) throw new GamedayError('USAGE', `--tag ${tag}: not a review tag`, { hint: `one of ${NOTE_TAGS.join(', ')} (what went well, what went wrong, where we got lucky)` });
  return tag as NoteTag;
}

export function noteBody(events: readonly JournalEvent[], note: NoteInput): NoteAdded {
  if (note.text.trim() === '') throw new GamedayError('USAGE', 'the note is empty', { hint: 'gameday note <run> "what happened"' });
  const tag = checkTag(note.tag);
  const time = note.at === undefined ? undefined : resolveHumanTime(events, note.at)!.time;
  return { type: 'note', text: note.text, ...(note.author ? { author: note.author } : {}), ...(time ? { time } : {}), ...(tag ? { tag } : {}) };
}

export function markBody(events: readonly JournalEvent[], input: MarkInput, serviceNow?: Date): MarkAdded {
  if (!(MARK_KINDS as readonly string[]).includes(input.mark)) {
    throw new GamedayError('USAGE', `"${input.mark}" is not a mark`, { hint: `mark one of ${MARK_KINDS.join(', ')}: when people detected the problem, engaged, mitigated it, saw it recovered` });
  }
  const when = resolveHumanTime(events, input.at, serviceNow);
  if (!when) {
    throw new GamedayError('USAGE', `nothing has been observed on the service clock yet, so a ${input.mark} mark without --at has no time`, {
      hint: 'give the time: --at 2026-11-26T10:04:00Z, or --at +4m after the experiment started',
    });
  }
  const text = input.text?.trim();
  return { type: 'mark', mark: input.mark as MarkKind, ...when, ...(input.by ? { by: input.by } : {}), ...(text ? { text } : {}) };
}

export function reviewBody(by: string[], date: string): ReviewAdded {
  const names = by.map((b) => b.trim()).filter(Boolean);
  if (names.length === 0) throw new GamedayError('USAGE', 'a review needs at least one reviewer', { hint: 'gameday review <run> --by Ana --by Ravi' });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`)) || new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) !== date) {
    throw new GamedayError('USAGE', `--date ${date}: not a date`, { hint: 'write it as YYYY-MM-DD, e.g. --date 2026-12-03' });
  }
  return { type: 'review', by: names, date };
}

export function appendNote(runDir: string, note: NoteInput, now?: () => Date): Promise<JournalEvent> {
  return appendToJournal(runDir, (events) => noteBody(events, note), now);
}

export function appendMark(runDir: string, mark: MarkInput, now?: () => Date): Promise<JournalEvent> {
  return appendToJournal(runDir, (events) => markBody(events, mark), now);
}

export function appendReview(runDir: string, review: { by: string[]; date: string }, now?: () => Date): Promise<JournalEvent> {
  return appendToJournal(runDir, () => reviewBody(review.by, review.date), now);
}
