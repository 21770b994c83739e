import { readClaims } from './claims.js';
import type { PriorRuns } from './due.js';
import { findScheduledRuns } from './scheduled-runs.js';

/** Reads what reports/ knows about earlier scheduled runs and claims of the named scenarios. */
export async function readPriorRuns(reportsDir: string, scenarios: readonly string[]): Promise<PriorRuns> {
  const runs = await findScheduledRuns(reportsDir, scenarios);
  const claims = await readClaims(reportsDir, scenarios);
  const runDirs = new Map(runs.map((run) => [`${run.scenario}\u0000${run.scheduledFor}`, run.runDir]));
  return {
    runDir: (scenario, at) => runDirs.get(`${scenario}\u0000${at}`),
    claimedBy: (scenario, at) => claims.get(scenario)?.get(at),
  };
}
