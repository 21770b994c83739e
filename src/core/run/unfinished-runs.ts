import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { JournalEvent, RunStarted } from '../journal/events.js';
import { hasEventOfType, parseJournal, readJournalBytes } from '../journal/reader.js';
import { JOURNAL_FILE } from '../journal/run-dir.js';

export interface UnfinishedRun {
  runDir: string;
  runId: string;
  scenario: string;
  started?: RunStarted;
  events: JournalEvent[];
  /**
   * The run ended (run-ended is in the journal) but FIS would not delete these templates: nothing
   * runs, only they are left for abort to delete. Absent for a run that did not end.
   */
  templatesLeft?: string[];
}

async function isDir(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch {
    return false;
  }
}

/** Directories, and symlinks to directories (a scenario folder linked into reports/ is still found). */
async function subdirs(path: string): Promise<string[]> {
  if (!(await isDir(path))) return [];
  const entries = await readdir(path, { withFileTypes: true });
  const dirs: string[] = [];
  for (const e of entries) if (e.isDirectory() || (e.isSymbolicLink() && (await isDir(join(path, e.name))))) dirs.push(e.name);
  return dirs.sort();
}

/** A journal recovery could not read: named, skipped, and the other runs still handled. */
export interface UnreadableJournal {
  runDir: string;
  message: string;
}

/** Templates a run failed to delete and nothing deleted since; none for an embedded sandbox, which took them with it. */
function templatesLeft(events: JournalEvent[], started: RunStarted | undefined): string[] {
  if (started?.mode === 'sandbox') return [];
  const left = new Set<string>();
  for (const e of events) {
    if (e.type === 'template-delete-failed') left.add(e.templateId);
    if (e.type === 'template-deleted') left.delete(e.templateId);
  }
  return [...left];
}

/**
 * A run abort has to clean up: its journal has no run-ended (it is still going, or its process died:
 * crash, kill -9), or it ended leaving templates FIS would not delete (templatesLeft).
 */
export async function readUnfinishedRun(runDir: string): Promise<UnfinishedRun | undefined> {
  const { bytes, path } = await readJournalBytes(runDir);
  // Nearly every journal under reports/ is of a run that ended with its templates deleted, and every
  // `gameday run` reads its scenario's whole history: those are known without parsing each event (a
  // corrupt line elsewhere in one does not matter, as nothing is left to clean up).
  if (hasEventOfType(bytes, 'run-ended') && !hasEventOfType(bytes, 'template-delete-failed')) return undefined;
  const { events } = parseJournal(bytes.toString('utf8'), path);
  const started = events.find((e): e is JournalEvent & RunStarted => e.type === 'run-started');
  const left = events.some((e) => e.type === 'run-ended') ? templatesLeft(events, started) : undefined;
  if (left?.length === 0) return undefined;
  const parts = runDir.split(/[\\/]/).filter(Boolean);
  return {
    runDir,
    runId: started?.runId ?? parts[parts.length - 1] ?? runDir,
    scenario: started?.plan.scenario.name ?? parts[parts.length - 2] ?? '',
    ...(started ? { started } : {}),
    events,
    ...(left ? { templatesLeft: left } : {}),
  };
}

/**
 * Unfinished runs under <reportsDir>/<scenario>/<run-id>/, for one scenario or all, oldest first.
 * A journal that cannot be read (a corrupt middle line, no permission) is passed to `onUnreadable`
 * and skipped: one broken journal must not keep crash recovery from the others.
 */
export async function findUnfinishedRuns(reportsDir: string, scenario?: string, onUnreadable: (journal: UnreadableJournal) => void = () => undefined): Promise<UnfinishedRun[]> {
  const scenarios = scenario ? [scenario] : await subdirs(reportsDir);
  const found: UnfinishedRun[] = [];
  for (const name of scenarios) {
    const runDirs = (await subdirs(join(reportsDir, name))).map((runId) => join(reportsDir, name, runId));
    // A few journals read at once: a scenario's history is hundreds of runs, each a round trip to the disk.
    for (let i = 0; i < runDirs.length; i += READ_AT_ONCE) {
      const read = await Promise.all(runDirs.slice(i, i + READ_AT_ONCE).map(readIfJournalled));
      for (const outcome of read) {
        if (outcome && 'message' in outcome) onUnreadable(outcome);
        else if (outcome) found.push(outcome);
      }
    }
  }
  return found;
}

const READ_AT_ONCE = 16;

/** The run to clean up in this folder; undefined when it has no journal or nothing to clean up. */
async function readIfJournalled(runDir: string): Promise<UnfinishedRun | UnreadableJournal | undefined> {
  try {
    await stat(join(runDir, JOURNAL_FILE));
  } catch {
    return undefined;
  }
  try {
    return await readUnfinishedRun(runDir);
  } catch (error) {
    return { runDir, message: error instanceof Error ? error.message : String(error) };
  }
}
