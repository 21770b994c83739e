import { rmdir } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { acquireLockFile, isAlive, type HeldLock } from '../schedule/lock.js';
import { makeDirs } from '../fs/make-dirs.js';

/**
 * Held from the unfinished-run check until the new run's journal exists, so two `gameday run`s of
 * one scenario cannot both pass the check (check-then-act). Once run-started is on disk the journal
 * itself is the lock: its run has no run-ended until it ends or is aborted.
 */
export async function takeStartLock(reportsDir: string, scenario: string): Promise<HeldLock> {
  const dir = join(reportsDir, scenario);
  // A run refused before its journal exists must leave the reports folder as it found it.
  const created = (await makeDirs(dir)) !== undefined;
  const held = await acquireLockFile(
    join(dir, '.start.lock'),
    { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() },
    { isAlive, waitMs: 0, sleep: () => Promise.resolve() },
    {
      kind: 'run start',
      held: `another \`gameday run\` of ${scenario} is starting`,
      liveHint: 'wait for it to start and finish; a scenario runs one game day at a time',
      died: 'a gameday run probably died while starting; if none is starting',
    },
  );
  return {
    ...held,
    release: async () => {
      await held.release();
      if (created) await rmdir(dir).catch(() => undefined);
    },
  };
}
