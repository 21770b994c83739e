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
 * Whether the journal text holds an event of this type, parsing only the lines that could be one:
 * a line that only quotes the type (a note, a nested field) or is torn is not one.
 */
export function hasEventOfType(text: string, type: string): boolean {
  const needle = `"type":${JSON.stringify(type)}`;
  for (const line of text.split('\n')) {
    if (!line.includes(needle)) continue;
    try {
      if ((JSON.parse(line) as { type?: unknown }).type === type) return true;
    } catch {
      // a torn or corrupt line is no event
    }
  }
  return false;
}

/** The journal's text, unparsed, and where it is. */
export async function readJournalText(runDir: string): Promise<{ text: string; path: string }> {
  const path = journalPath(runDir);
  try {
    return { text: await readFile(path, 'utf8'), path };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new GamedayError(code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE', `${path}: ${code === 'ENOENT' ? 'no journal here' : 'cannot read the journal'}`, {
      hint: 'pass a run directory under reports/<scenario>/<run-id>/ (see `gameday report list`)',
    });
  }
}

export async function readJournal(runDir: string): Promise<JournalContents> {
  const { text, path } = await readJournalText(runDir);
  return parseJournal(text, path);
}
