import { GamedayError } from '../errors.js';
import { claimOccurrence } from './claims.js';
import { dueEntries, startBlocked, type DueEntry } from './due.js';
import type { LiveCheck } from './live-check.js';
import { acquireScheduleLock, describeOwner, type LockEnvironment, type LockOwner } from './lock.js';
import { readPriorRuns } from './prior-runs.js';
import type { ScheduledScenario } from './scheduled-scenario.js';
import { findScheduledRuns } from './scheduled-runs.js';

/** Starts one game day for an occurrence and resolves with its exit code (`gameday run` in production). */
export interface GameDayRunner {
  run(request: { file: string; scenario: string; scheduledFor: string }): Promise<number>;
}

/**
 * What happened to an occurrence this invocation started (or meant to):
 * passed (exit 0), failed (exit 1: a finding, or the run refused), aws-error (exit 3),
 * stop-unconfirmed (exit 4: FIS never confirmed the stop, the experiment may still be running),
 * interrupted (130: nothing after it starts), window-passed (earlier game days took so long that
 * this one's window closed: it stays claimed and is not started late), not-started (after an interrupt).
 */
export type RunOutcome = 'passed' | 'failed' | 'aws-error' | 'stop-unconfirmed' | 'interrupted' | 'window-passed' | 'not-started';

export interface RunDueEntry extends DueEntry {
  outcome?: RunOutcome;
  exitCode?: number;
}

export interface RunDueResult {
  now: string;
  entries: RunDueEntry[];
  /** 0 all passed or nothing due · 1 a game day failed or had findings · 3 an AWS error · 4 a stop FIS never confirmed · 130 interrupted */
  exitCode: 0 | 1 | 3 | 4 | 130;
  /** A lock left by a dead process that this invocation removed. */
  brokeStaleLock?: string;
}

export interface RunDueOptions {
  reportsDir: string;
  /** The instant that decides what is due. */
  now: Date;
  /** Read before each start, to respect the window when earlier game days ran long. */
  clock: () => Date;
  /** Consent to start fault injection; without it, anything due is refused. */
  yes: boolean;
  owner: LockOwner;
  lock: LockEnvironment;
  runner: GameDayRunner;
  /** What the schedule saw of the accounts first (FIS safety levers); absent: offline. */
  live?: LiveCheck;
  onStart?: (entry: RunDueEntry) => void;
  onFinish?: (entry: RunDueEntry) => void;
}

export async function runDueGameDays(schedules: readonly ScheduledScenario[], options: RunDueOptions): Promise<RunDueResult> {
  const names = schedules.map((s) => s.name);
  const bySchedule = new Map(schedules.map((s) => [s.name, s]));
  const held = await acquireScheduleLock(options.reportsDir, options.owner, options.lock);
  let entries: RunDueEntry[];
  try {
    entries = dueEntries(schedules, options.now, await readPriorRuns(options.reportsDir, names), options.live);
    const due = entries.filter((e) => e.state === 'due');
    if (due.length > 0 && !options.yes) {
      throw new GamedayError('GUARD_REFUSED', `refusing to start ${due.length} game day(s) without --yes: ${due.map((e) => `${e.scenario} @ ${e.occurrence.at}`).join(', ')}`, {
        hint: 'run-due injects real faults; pass --yes (add --sandbox to try it against the local emulator)',
      });
    }
    for (const entry of due) {
      const claimed = await claimOccurrence(options.reportsDir, { scenario: entry.scenario, scheduledFor: entry.occurrence.at, owner: options.owner });
      if (!claimed) Object.assign(entry, { state: 'claimed', claimedBy: 'another run-due (claimed just now)' });
    }
  } finally {
    await held.release();
  }

  let interrupted = false;
  for (const entry of entries) {
    if (entry.state !== 'due') continue;
    if (interrupted) {
      entry.outcome = 'not-started';
      continue;
    }
    const startsAt = options.clock();
    if (startsAt.getTime() > Date.parse(entry.windowEndsAt)) {
      entry.outcome = 'window-passed';
      options.onFinish?.(entry);
      continue;
    }
    // Earlier game days ran long: starting now, this one could run into a blackout its slot did not touch.
    const blackout = startBlocked(bySchedule.get(entry.scenario)!, startsAt, options.live);
    if (blackout) {
      Object.assign(entry, { state: 'blackout', occurrence: { ...entry.occurrence, blackout } });
      options.onFinish?.(entry);
      continue;
    }
    options.onStart?.(entry);
    const exitCode = await options.runner.run({ file: entry.file, scenario: entry.scenario, scheduledFor: entry.occurrence.at });
    entry.exitCode = exitCode;
    entry.outcome = outcomeOf(exitCode);
    interrupted = entry.outcome === 'interrupted';
    const run = (await findScheduledRuns(options.reportsDir, [entry.scenario])).find((r) => r.scheduledFor === entry.occurrence.at);
    if (run) entry.runDir = run.runDir;
    options.onFinish?.(entry);
  }

  return {
    now: options.now.toISOString(),
    entries,
    exitCode: summarise(entries),
    ...(held.brokeStale ? { brokeStaleLock: describeOwner(held.brokeStale) } : {}),
  };
}

function outcomeOf(exitCode: number): RunOutcome {
  if (exitCode === 0) return 'passed';
  if (exitCode === 3) return 'aws-error';
  if (exitCode === 4) return 'stop-unconfirmed';
  if (exitCode === 130) return 'interrupted';
  return 'failed';
}

function summarise(entries: readonly RunDueEntry[]): RunDueResult['exitCode'] {
  const outcomes = new Set(entries.map((e) => e.outcome));
  if (outcomes.has('interrupted')) return 130;
  if (outcomes.has('stop-unconfirmed')) return 4;
  if (outcomes.has('aws-error')) return 3;
  if (outcomes.has('failed') || outcomes.has('window-passed')) return 1;
  return 0;
}
