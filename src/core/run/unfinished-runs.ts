import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { JournalEvent, RunStarted } from '../journal/events.js';
import { readJournal } from '../journal/reader.js';
import { JOURNAL_FILE } from '../journal/run-dir.js';

export interface UnfinishedRun {
  runDir: string;
  runId: string;
  scenario: string;
  started?: RunStarted;
  events: JournalEvent[];
}

async function isDir(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

async function subdirs(path: string): Promise<string[]> {
  if (!(await isDir(path))) return [];
  const entries = await readdir(path, { withFileTypes: true });
  return entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
}

/** A run whose journal has no run-ended: it is still going, or its process died (crash, kill -9). */
export async function readUnfinishedRun(runDir: string): Promise<UnfinishedRun | undefined> {
  const { events } = await readJournal(runDir);
  if (events.some((e) => e.type === 'run-ended')) return undefined;
  const started = events.find((e): e is JournalEvent & RunStarted => e.type === 'run-started');
  const parts = runDir.split(/[\\/]/).filter(Boolean);
  return {
    runDir,
    runId: started?.runId ?? parts[parts.length - 1] ?? runDir,
    scenario: started?.plan.scenario.name ?? parts[parts.length - 2] ?? '',
    ...(started ? { started } : {}),
    events,
  };
}

/** Unfinished runs under <reportsDir>/<scenario>/<run-id>/, for one scenario or all, oldest first. */
export async function findUnfinishedRuns(reportsDir: string, scenario?: string): Promise<UnfinishedRun[]> {
  const scenarios = scenario ? [scenario] : await subdirs(reportsDir);
  const found: UnfinishedRun[] = [];
  for (const name of scenarios) {
    for (const runId of await subdirs(join(reportsDir, name))) {
      const runDir = join(reportsDir, name, runId);
      try {
        await stat(join(runDir, JOURNAL_FILE));
      } catch {
        continue;
      }
      const run = await readUnfinishedRun(runDir);
      if (run) found.push(run);
    }
  }
  return found;
}
