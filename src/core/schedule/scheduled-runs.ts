import { open, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunStarted } from '../journal/events.js';
import { journalPath } from '../journal/run-dir.js';

/** A run that `gameday run --scheduled-for` started, found from its journal's run-started event. */
export interface ScheduledRun {
  scenario: string;
  /** Normalised ISO 8601 UTC (toISOString), so 10:00Z and 10:00:00.000Z compare equal. */
  scheduledFor: string;
  runDir: string;
}

/**
 * Finds the scheduled runs of the named scenarios under <reportsDir>/<scenario>/<run-id>/journal.jsonl.
 * Only the first line (run-started) is read. A journal whose first line is torn or is not
 * run-started is not a scheduled run; a missing reports dir means no runs yet.
 */
export async function findScheduledRuns(reportsDir: string, scenarioNames: Iterable<string>): Promise<ScheduledRun[]> {
  const runs: ScheduledRun[] = [];
  for (const scenario of new Set(scenarioNames)) {
    const scenarioDir = join(reportsDir, scenario);
    let runIds: string[];
    try {
      runIds = (await readdir(scenarioDir, { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') continue;
      throw error;
    }
    for (const runId of runIds.sort()) {
      const runDir = join(scenarioDir, runId);
      const started = await readRunStarted(journalPath(runDir));
      if (!started?.scheduledFor || started.plan?.scenario?.name !== scenario) continue;
      const instant = Date.parse(started.scheduledFor);
      if (Number.isNaN(instant)) continue;
      runs.push({ scenario, scheduledFor: new Date(instant).toISOString(), runDir });
    }
  }
  return runs;
}

async function readRunStarted(path: string): Promise<Partial<RunStarted> | undefined> {
  const line = await readFirstLine(path);
  if (line === undefined) return undefined;
  try {
    const event = JSON.parse(line) as Partial<RunStarted> | null;
    return event && event.type === 'run-started' ? event : undefined;
  } catch {
    return undefined;
  }
}

/** The first complete line; the plan inside run-started can be large, so read until the newline. */
async function readFirstLine(path: string): Promise<string | undefined> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch {
    return undefined;
  }
  try {
    const chunks: Buffer[] = [];
    const buffer = Buffer.alloc(64 * 1024);
    for (;;) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return undefined;
      const chunk = buffer.subarray(0, bytesRead);
      const newline = chunk.indexOf(0x0a);
      if (newline >= 0) {
        chunks.push(Buffer.from(chunk.subarray(0, newline)));
        return Buffer.concat(chunks).toString('utf8');
      }
      chunks.push(Buffer.from(chunk));
    }
  } finally {
    await handle.close();
  }
}
