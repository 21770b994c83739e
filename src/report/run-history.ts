import { GamedayError } from '../core/errors.js';
import type { JournalEvent } from '../core/journal/events.js';
import type { Verdict } from '../core/verdict/types.js';
import { runDirs } from './find-run.js';
import { loadRun } from './load-run.js';

export interface RunSummary {
  scenario: string;
  runId: string;
  runDir: string;
  /** gameday's wall clock when the run started */
  startedAt: string;
  mode: string;
  status: Verdict['status'];
  passed: boolean;
  outcome: Verdict['outcome'];
  /** a run whose journal has no run-ended and whose recorded pid is no longer alive on this host */
  abandoned?: boolean;
  rto: Verdict['rto'];
  rpo: Verdict['rpo'];
  gaps: number;
  gapsBySeverity: Record<'critical' | 'high' | 'medium' | 'low', number>;
  /** a sandbox rehearsal, never production evidence */
  simulation: boolean;
  /** the scenario's open action items after this run (its action-items journal event); absent when the run journalled none */
  openActionItems?: number;
}

export interface RunHistory {
  reportsDir: string;
  runs: RunSummary[];
  /** runs whose journal could not be judged (unreadable, torn before its plan, or incomplete), and why; scenario and run from the folder */
  unreadable: { scenario: string; runId: string; runDir: string; message: string }[];
}

/** Every run under the reports directory (optionally one scenario), judged from its journal, oldest first. */
/** Whether the process that wrote a journal still runs here (signal 0 tests, it sends nothing). EPERM: alive, someone else's. */
function pidAlive(pid: number | undefined): boolean {
  if (pid === undefined) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export async function runHistory(reportsDir: string, options: { scenario?: string } = {}): Promise<RunHistory> {
  const runs: RunSummary[] = [];
  const unreadable: RunHistory['unreadable'] = [];
  for (const { scenario, runId, runDir } of await runDirs(reportsDir, options.scenario)) {
    try {
      const { verdict, model, events } = await loadRun(runDir);
      const actionItems = events.filter((e): e is Extract<JournalEvent, { type: 'action-items' }> => e.type === 'action-items').at(-1);
      const count = (s: keyof RunSummary['gapsBySeverity']) => verdict.gaps.filter((g) => g.severity === s).length;
      runs.push({
        scenario: verdict.scenario,
        runId: verdict.runId,
        runDir,
        startedAt: model.run.startedAt,
        mode: model.run.mode,
        status: verdict.status,
        passed: verdict.passed,
        outcome: verdict.outcome,
        ...(verdict.status === 'running' && !pidAlive(model.run.pid) ? { abandoned: true } : {}),
        rto: verdict.rto,
        rpo: verdict.rpo,
        gaps: verdict.gaps.length,
        gapsBySeverity: { critical: count('critical'), high: count('high'), medium: count('medium'), low: count('low') },
        simulation: model.people.simulation,
        ...(actionItems ? { openActionItems: actionItems.items.filter((i) => i.status === 'open').length } : {}),
      });
    } catch (error) {
      if (!GamedayError.is(error)) throw error;
      unreadable.push({ scenario, runId, runDir, message: error.message });
    }
  }
  runs.sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.runId.localeCompare(b.runId));
  return { reportsDir, runs, unreadable };
}
