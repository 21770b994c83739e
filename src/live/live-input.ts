import { MARK_KINDS, type MarkKind, type NoteTag } from '../core/journal/events.js';
import { NOTE_TAGS } from '../core/journal/human-entries.js';

/** What the page's reporter form posts: untrusted input, checked here before anything reaches the journal. */
export interface LiveNote {
  text: string;
  by?: string;
  tag?: NoteTag;
}

export interface LiveMark {
  mark: MarkKind;
  by?: string;
  text?: string;
}

export class LiveInputError extends Error {}

const MAX_TEXT = 2000;
const MAX_NAME = 100;

function record(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new LiveInputError('send a JSON object');
  return body as Record<string, unknown>;
}

function optionalText(value: unknown, field: string, max: number): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw new LiveInputError(`${field} must be text`);
  const text = value.trim();
  if (text.length > max) throw new LiveInputError(`${field} is longer than ${max} characters`);
  return text === '' ? undefined : text;
}

export function parseLiveNote(body: unknown): LiveNote {
  const input = record(body);
  const text = optionalText(input.text, 'the note', MAX_TEXT);
  if (!text) throw new LiveInputError('the note is empty');
  const by = optionalText(input.by, 'who', MAX_NAME);
  const tag = optionalText(input.tag, 'the tag', MAX_NAME);
  if (tag !== undefined && !(NOTE_TAGS as readonly string[]).includes(tag)) throw new LiveInputError(`tag ${tag}: one of ${NOTE_TAGS.join(', ')}`);
  return { text, ...(by ? { by } : {}), ...(tag ? { tag: tag as NoteTag } : {}) };
}

export function parseLiveMark(body: unknown): LiveMark {
  const input = record(body);
  const mark = optionalText(input.mark, 'the mark', MAX_NAME);
  if (!mark || !(MARK_KINDS as readonly string[]).includes(mark)) throw new LiveInputError(`mark one of ${MARK_KINDS.join(', ')}`);
  const by = optionalText(input.by, 'who', MAX_NAME);
  const text = optionalText(input.text, 'the text', MAX_TEXT);
  return { mark: mark as MarkKind, ...(by ? { by } : {}), ...(text ? { text } : {}) };
}
