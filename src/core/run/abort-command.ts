import { GamedayError } from '../errors.js';
import { abortRun, haltAll, selectRunsToAbort, type AbortedRun, type HaltedExperiment } from './abort-runs.js';
import { connectTarget, type ConnectedTarget } from './connect-target.js';
import type { RunHost } from './host.js';
import type { UnreadableJournal } from './unfinished-runs.js';

/** `gameday abort`: every selected unfinished run, each against the region and endpoint it ran in. */
export async function abortUnfinishedRuns(
  options: { runDir?: string; all?: boolean; reportsDir: string; endpoint?: string; profile?: string },
  host: RunHost,
): Promise<{ runs: AbortedRun[]; skipped: UnreadableJournal[] }> {
  const skipped: UnreadableJournal[] = [];
  const runs = await selectRunsToAbort(options, (journal) => {
    skipped.push(journal);
    host.notify({ level: 'warn', code: 'ABORT_JOURNAL_UNREADABLE', message: `skipped ${journal.runDir}: ${journal.message}` });
  });
  const targets = new Map<string, Promise<ConnectedTarget>>();
  const aborted: AbortedRun[] = [];
  try {
    for (const run of runs) {
      const started = run.started;
      const region = started?.region ?? started?.plan.target.region;
      if (!region || started?.mode === 'sandbox') {
        // Nothing to reach: no run-started, or an embedded sandbox that ended with its process.
        aborted.push(await abortRun(run, { host, portsFor: () => { throw new GamedayError('SANDBOX_ERROR', 'no endpoint for this run'); } }));
        continue;
      }
      const endpoint = options.endpoint ?? (started?.mode === 'endpoint' ? started.endpoint : undefined);
      const key = `${region} ${endpoint ?? ''}`;
      if (!targets.has(key)) targets.set(key, connectTarget({ region, ...(endpoint ? { endpoint } : {}), ...(options.profile ? { profile: options.profile } : {}) }));
      const target = await targets.get(key)!;
      aborted.push(await abortRun(run, { host, portsFor: () => target.ports }));
    }
  } finally {
    for (const target of targets.values()) await (await target).close();
  }
  // An aborted run gets its reports like any other, judged from the journal abort just closed.
  const { writeReports } = await import('../../report/write-reports.js');
  for (const run of aborted.filter((r) => r.closed)) {
    // A journal too partial to judge (a process that died before writing its plan) still gets aborted.
    try {
      const { verdict } = await writeReports(run.runDir);
      run.notes.push(`reports written: ${verdict.outcome}, ${verdict.gaps.length} gap(s) (${run.runDir}/report.md)`);
    } catch (error) {
      run.notes.push(`reports not written: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { runs: aborted, skipped };
}

/** `gameday halt`: confirmation (or --yes), then stop every gameday-tagged experiment. */
export async function haltCommand(options: { yes: boolean; region?: string; profile?: string; endpoint?: string }, host: RunHost): Promise<HaltedExperiment[]> {
  const region = options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  if (!region) throw new GamedayError('USAGE', 'which region? give --region (or set AWS_REGION)');
  if (!options.yes) {
    if (!host.interactive) throw new GamedayError('GUARD_REFUSED', 'refusing to halt without confirmation', { hint: 'add --yes to halt without a terminal' });
    if (!(await host.confirm(`Stop every running gameday experiment in ${region}${options.endpoint ? ` at ${options.endpoint}` : ''}?`))) {
      throw new GamedayError('GUARD_REFUSED', 'not confirmed: nothing was stopped');
    }
  }
  const target = await connectTarget({ region, ...(options.profile ? { profile: options.profile } : {}), ...(options.endpoint ? { endpoint: options.endpoint } : {}) });
  try {
    return await haltAll(target.ports, { host });
  } finally {
    await target.close();
  }
}
