import { readFile } from 'node:fs/promises';
import { appendLines } from '../fs/append-line.js';
import { GamedayError } from '../errors.js';
import { redactUrlCredentials } from '../url-credentials.js';
import type { JournalEvent, JournalEventBody } from './events.js';
import { parseJournal } from './reader.js';
import { journalPath } from './run-dir.js';

/**
 * Appends one event to a run's journal — also while the run is writing it, from another terminal:
 * one write of one line with O_APPEND (whole lines never interleave), then fsync. `build` sees the
 * journal as it stands (to place the event on the service clock) and returns the event's body.
 * seq is the next after the last line read; the running writer may reuse it, so readers keep file order.
 */
export async function appendToJournal(runDir: string, build: (events: JournalEvent[]) => JournalEventBody, now: () => Date = () => new Date()): Promise<JournalEvent> {
  const path = journalPath(runDir);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new GamedayError('FILE_NOT_FOUND', `${path}: no journal here`, { hint: 'pass a run directory or run id (see `gameday report list`)' });
  }
  const { events, truncatedTail } = parseJournal(text, path);
  if (truncatedTail) {
    throw new GamedayError('JOURNAL_INVALID', `${path}: the last line is cut off (the run died mid-write); an event appended after it would make the journal unreadable`, {
      hint: 'notes, marks and reviews can be added to journals that end in a whole line',
    });
  }
  if (!events.some((e) => e.type === 'run-started')) throw new GamedayError('JOURNAL_INVALID', `${path}: not a gameday journal (no run-started event)`);
  const body = build(events);
  const event = { seq: events.reduce((max, e) => Math.max(max, e.seq), -1) + 1, at: now().toISOString(), ...body } as JournalEvent;
  // A journal whose last whole line lacks its newline would glue to ours.
  await appendLines(path, `${text === '' || text.endsWith('\n') ? '' : '\n'}${redactUrlCredentials(JSON.stringify(event))}\n`, { create: false });
  return event;
}
