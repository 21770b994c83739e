import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JournalEvent } from '../../src/core/journal/events.js';
import { journalPath, runDirFor } from '../../src/core/journal/run-dir.js';
import { journals } from '../fixtures/journals/index.js';

/** Writes fixture journals into a fresh reports directory laid out as `gameday run` does. */
export async function fixtureReportsDir(names: string[] = Object.keys(journals)): Promise<{ reportsDir: string; runDirs: Record<string, string> }> {
  const reportsDir = await mkdtemp(join(tmpdir(), 'gameday-reports-'));
  const runDirs: Record<string, string> = {};
  for (const name of names) runDirs[name] = await writeRun(reportsDir, journals[name]!());
  return { reportsDir, runDirs };
}

export async function writeRun(reportsDir: string, events: JournalEvent[]): Promise<string> {
  const started = events.find((e): e is Extract<JournalEvent, { type: 'run-started' }> => e.type === 'run-started')!;
  const runDir = runDirFor(reportsDir, started.plan.scenario.name, started.runId);
  await mkdir(runDir, { recursive: true });
  await writeFile(journalPath(runDir), events.map((e) => `${JSON.stringify(e)}\n`).join(''));
  return runDir;
}
