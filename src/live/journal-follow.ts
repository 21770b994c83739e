import { stat } from 'node:fs/promises';
import { GamedayError } from '../core/errors.js';
import type { JournalEvent } from '../core/journal/events.js';
import { readJournal } from '../core/journal/reader.js';
import { journalPath } from '../core/journal/run-dir.js';

export interface JournalFollower {
  /** Reads once more now (whatever the poll interval) and resolves when done. */
  refresh(): Promise<void>;
  stop(): void;
}

/**
 * Follows a journal as it is written (by this process or another one): polls its size and mtime and
 * re-reads it when they change, with the journal reader's own rules (a torn last line is a write in
 * progress and waits for the next read). A journal that does not exist yet is waited for.
 */
export function followJournal(
  runDir: string,
  on: { events(events: JournalEvent[]): void; problem(message: string): void },
  pollMs = 100,
): JournalFollower {
  const path = journalPath(runDir);
  let seen = '';
  let reading: Promise<void> | undefined;
  let again = false;
  const read = async (): Promise<void> => {
    let key: string;
    try {
      const s = await stat(path);
      key = `${s.size} ${s.mtimeMs}`;
    } catch {
      return;
    }
    if (key === seen) return;
    try {
      const { events } = await readJournal(runDir);
      seen = key;
      on.events(events);
    } catch (error) {
      seen = key;
      on.problem(GamedayError.is(error) ? error.message : String(error));
    }
  };
  const refresh = (): Promise<void> => {
    if (reading) {
      again = true;
      return reading;
    }
    reading = read().finally(() => {
      reading = undefined;
      if (again) {
        again = false;
        void refresh();
      }
    });
    return reading;
  };
  const timer = setInterval(() => void refresh(), pollMs);
  timer.unref();
  void refresh();
  return {
    refresh: async () => {
      await reading;
      await refresh();
    },
    stop: () => clearInterval(timer),
  };
}
