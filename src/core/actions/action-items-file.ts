import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { GamedayError } from '../errors.js';
import { writeFileAtomic } from '../fs/write-file-atomic.js';
import { acquireLockFile, isAlive } from '../schedule/lock.js';
import { parseYamlText } from '../yaml/load-document.js';
import type { ActionItemsFile } from './action-items.js';
import { makeDirs } from '../fs/make-dirs.js';

/** Beside the scenario's runs: reports/<scenario>/action-items.json (docs/action-items.md describes it). */
export const ACTION_ITEMS_FILE = 'action-items.json';

export function actionItemsPath(reportsDir: string, scenario: string): string {
  return join(reportsDir, scenario, ACTION_ITEMS_FILE);
}

/** The scenario's action items; undefined before its first run found anything. */
export async function readActionItems(reportsDir: string, scenario: string): Promise<ActionItemsFile | undefined> {
  const path = actionItemsPath(reportsDir, scenario);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new GamedayError('FILE_UNREADABLE', `${path}: cannot read the action items (${(error as NodeJS.ErrnoException).code})`);
  }
  return parseActionItems(text, path);
}

export function parseActionItems(text: string, path: string): ActionItemsFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // JSON.parse does not always say where; the YAML parser (JSON is YAML) does.
    const where = parseYamlText(path, Buffer.from(text));
    const at = where.ok ? undefined : where.diagnostics[0];
    throw new GamedayError('FILE_UNREADABLE', `${path}:${at ? `${at.line}:${at.col}` : 1}: not valid JSON (${at?.message ?? (error as Error).message})`, {
      hint: 'the file is written by gameday; fix the edit by hand or restore it from version control (`gameday actions close|assign` change it safely)',
    });
  }
  const file = value as Partial<ActionItemsFile>;
  if (!file || file.kind !== 'ActionItems' || !Array.isArray(file.items)) {
    throw new GamedayError('FILE_UNREADABLE', `${path}:1: not a gameday action items file (kind: ActionItems with items: […])`, {
      hint: 'restore it from version control, or delete it: the next run opens an item for every gap again',
    });
  }
  return file as ActionItemsFile;
}

/**
 * Read, change, write: under a lock beside the file (a run finishing and `gameday actions close`
 * never lose each other's change), written atomically and never through a symlink.
 */
export async function updateActionItems<T>(reportsDir: string, scenario: string, change: (file: ActionItemsFile | undefined) => { file: ActionItemsFile; result: T }): Promise<T> {
  const dir = join(reportsDir, scenario);
  await makeDirs(dir);
  const lock = await acquireLockFile(
    join(dir, '.action-items.lock'),
    { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() },
    { isAlive, waitMs: 10_000, sleep: (ms) => sleep(ms) },
    {
      kind: 'action items',
      held: `another gameday command is changing the action items of ${scenario}`,
      liveHint: 'try again in a moment',
      died: 'a gameday command probably died while changing them; if none is running',
    },
  );
  try {
    const { file, result } = change(await readActionItems(reportsDir, scenario));
    await writeFileAtomic(actionItemsPath(reportsDir, scenario), `${JSON.stringify(file, null, 2)}\n`);
    return result;
  } finally {
    await lock.release();
  }
}
