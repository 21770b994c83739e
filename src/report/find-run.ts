import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { GamedayError } from '../core/errors.js';
import { journalPath } from '../core/journal/run-dir.js';

/**
 * A run named on the command line: a run directory (holding journal.jsonl), or a run id looked up as
 * <reportsDir>/<scenario>/<run-id>. A unique prefix of a run id is enough.
 */
export async function findRunDir(ref: string, reportsDir: string): Promise<string> {
  if (existsSync(journalPath(ref))) return resolve(ref);
  const matches = (await runDirs(reportsDir)).filter((r) => r.runId === ref || r.runId.startsWith(ref));
  const exact = matches.filter((r) => r.runId === ref);
  const found = exact.length > 0 ? exact : matches;
  if (found.length === 1) return resolve(found[0]!.runDir);
  if (found.length > 1) {
    throw new GamedayError('USAGE', `${ref} matches ${found.length} runs under ${reportsDir}: ${found.map((r) => `${r.scenario}/${r.runId}`).join(', ')}`, {
      hint: 'give the full run id or the run directory',
    });
  }
  throw new GamedayError('FILE_NOT_FOUND', `${ref}: neither a run directory with a journal.jsonl nor a run id under ${reportsDir}/`, {
    hint: 'list runs with `gameday report list` (use --reports-dir if the runs are elsewhere)',
  });
}

/** Every <reportsDir>/<scenario>/<run-id>/ that holds a journal, run ids ascending (they sort by time). */
export async function runDirs(reportsDir: string, scenario?: string): Promise<{ scenario: string; runId: string; runDir: string }[]> {
  const found: { scenario: string; runId: string; runDir: string }[] = [];
  for (const s of await subdirectories(reportsDir)) {
    if (scenario !== undefined && s !== scenario) continue;
    for (const runId of await subdirectories(join(reportsDir, s))) {
      const runDir = join(reportsDir, s, runId);
      if (existsSync(journalPath(runDir))) found.push({ scenario: s, runId, runDir });
    }
  }
  return found.sort((a, b) => a.runId.localeCompare(b.runId) || a.scenario.localeCompare(b.scenario));
}

async function subdirectories(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
