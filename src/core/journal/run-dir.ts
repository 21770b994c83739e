import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

/**
 * Where runs land: <reportsDir>/<scenario-name>/<run-id>/journal.jsonl (+ rendered reports).
 * Run ids sort by time: 20261126T101500Z-3f9a1c. The run id is also the FIS clientToken and the
 * value of the experiment's gameday:run tag, so an experiment can be found from its journal alone.
 */
export const JOURNAL_FILE = 'journal.jsonl';

export function newRunId(now: Date, random: () => string = () => randomBytes(3).toString('hex')): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
  return `${stamp}-${random()}`;
}

export function runDirFor(reportsDir: string, scenarioName: string, runId: string): string {
  return join(reportsDir, scenarioName, runId);
}

export function journalPath(runDir: string): string {
  return join(runDir, JOURNAL_FILE);
}
