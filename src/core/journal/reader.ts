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

export async function readJournal(runDir: string): Promise<JournalContents> {
  const path = journalPath(runDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new GamedayError(code === 'ENOENT' ? 'FILE_NOT_FOUND' : 'FILE_UNREADABLE', `${path}: ${code === 'ENOENT' ? 'no journal here' : 'cannot read the journal'}`, {
      hint: 'pass a run directory under reports/<scenario>/<run-id>/ (see `gameday report list`)',
    });
  }
  return parseJournal(text, path);
}
