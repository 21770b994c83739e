import { readFile } from 'node:fs/promises';
import { GamedayError } from '../errors.js';
import type { JournalEvent } from './events.js';
import { journalPath } from './run-dir.js';

export interface JournalContents {
  events: JournalEvent[];
  /** The last line was cut off (the writer died mid-write); it is ignored. */
  truncatedTail: boolean;
}

/** Parses journal.jsonl text. A torn last line is expected after a crash; a torn middle line is corruption. */
export function parseJournal(text: string, source: string): JournalContents {
  const lines = text.split('\n');
  const events: JournalEvent[] = [];
  let truncatedTail = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    try {
      const value: unknown = JSON.parse(line);
      if (!value || typeof value !== 'object' || typeof (value as { type?: unknown }).type !== 'string') throw new Error('not an event');
      events.push(value as JournalEvent);
    } catch {
      const isLast = lines.slice(i + 1).every((rest) => rest.trim() === '');
      if (isLast && !text.endsWith('\n')) {
        truncatedTail = true;
        continue;
      }
      throw new GamedayError('JOURNAL_INVALID', `${source}:${i + 1}: not a journal event`, {
        hint: 'a journal is written only by gameday; restore it from version control or re-run the game day',
      });
    }
  }
  return { events, truncatedTail };
}

/**
 * Whether the journal holds an event of this type, decoding and parsing only the lines that could be
 * one (a byte search): a line that only quotes the type (a note, a nested field) or is torn is not one.
 */
export function hasEventOfType(bytes: Buffer, type: string): boolean {
  const needle = Buffer.from(`"type":${JSON.stringify(type)}`);
  for (let at = bytes.indexOf(needle); at >= 0; at = bytes.indexOf(needle, at + needle.length)) {
    const start = bytes.lastIndexOf(0x0a, at) + 1;
    const newline = bytes.indexOf(0x0a, at);
    try {
      if ((JSON.parse(bytes.toString('utf8', start, newline < 0 ? bytes.length : newline)) as { type?: unknown }).type === type) return true;
    } catch {
      // a torn or corrupt line is no event
    }
  }
  return false;
}

/** The journal's bytes, undecoded, and where it is. */
export async function readJournalBytes(runDir: string): Promise<{ bytes: Buffer; path: string }> {
  const path = journalPath(runDir);
  try {
    return { bytes: await readFile(path), path };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new GamedayError(code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE', `${path}: ${code === 'ENOENT' ? 'no journal here' : 'cannot read the journal'}`, {
      hint: 'pass a run directory under reports/<scenario>/<run-id>/ (see `gameday report list`)',
    });
  }
}

export async function readJournal(runDir: string): Promise<JournalContents> {
  const { bytes, path } = await readJournalBytes(runDir);
  return parseJournal(bytes.toString('utf8'), path);
}
