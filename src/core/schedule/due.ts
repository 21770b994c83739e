import { occurrencesBetween, slotBlackout, type Occurrence } from './occurrences.js';
import { liveRefusal, type LiveCheck } from './live-check.js';
import { practiceRunBlackout } from './practice-run-conflicts.js';
import type { ScheduledScenario } from './scheduled-scenario.js';

/**
 * What the scheduler should do about one occurrence inside its window:
 *  - due: start it now
 *  - blackout: a blackout covers it, it is skipped (the next occurrence is the retry)
 *  - already-run: a journal in reports/ says a run was started for exactly this occurrence
 *  - claimed: another `run-due` claimed it (and may still be running it)
 */
export type DueState = 'due' | 'blackout' | 'already-run' | 'claimed';

export interface DueEntry {
  scenario: string;
  file: string;
  occurrence: Occurrence;
  /** The last instant a run still counts for this occurrence (occurrence + window). */
  windowEndsAt: string;
  state: DueState;
  /** already-run: the run directory whose journal has this occurrence. */
  runDir?: string;
  /** claimed: who claimed it (pid@host since …). */
  claimedBy?: string;
}

/** What is known about earlier runs, keyed by scenario name and occurrence instant (ISO). */
export interface PriorRuns {
  runDir(scenario: string, at: string): string | undefined;
  claimedBy(scenario: string, at: string): string | undefined;
}

/**
 * Occurrences at or before `now` and no older than the scenario's window, oldest first. Run
 * detection wins over claims (a claim without a journal means the run is starting or died early),
 * and a blackout wins over everything: nothing starts inside one, or runs into one — a game day that
 * starts late starts now, so its slot is checked again from now. A practice run ARC may start in the
 * slot on a resource the scenario touches is a blackout too, and an engaged FIS safety lever (or a shift
 * active on such a resource) the live check saw turns what would be due into a blackout until the
 * window closes (FIS would cancel it).
 */
export function dueEntries(schedules: readonly ScheduledScenario[], now: Date, prior: PriorRuns, live?: LiveCheck): DueEntry[] {
  const entries: DueEntry[] = [];
  for (const schedule of schedules) {
    const windowMs = schedule.windowSeconds * 1000;
    for (const occurrence of occurrencesBetween(schedule, new Date(now.getTime() - windowMs), now)) {
      const windowEndsAt = new Date(Date.parse(occurrence.at) + windowMs).toISOString();
      const base = { scenario: schedule.name, file: schedule.file, occurrence, windowEndsAt };
      const runDir = prior.runDir(schedule.name, occurrence.at);
      const claimedBy = prior.claimedBy(schedule.name, occurrence.at);
      const refused = liveRefusal(live, schedule);
      const blocked = startBlocked(schedule, new Date(Math.max(now.getTime(), Date.parse(occurrence.at))), live);
      if (occurrence.blackout) entries.push({ ...base, state: 'blackout' });
      else if (runDir !== undefined) entries.push({ ...base, state: 'already-run', runDir });
      else if (claimedBy !== undefined) entries.push({ ...base, state: 'claimed', claimedBy });
      else if (blocked !== undefined) entries.push({ ...base, occurrence: { ...occurrence, blackout: blocked }, state: 'blackout' });
      else if (refused !== undefined) entries.push({ ...base, occurrence: { ...occurrence, blackout: { from: occurrence.at, to: windowEndsAt, reason: refused } }, state: 'blackout' });
      else entries.push({ ...base, state: 'due' });
    }
  }
  return entries.sort((a, b) => a.occurrence.at.localeCompare(b.occurrence.at) || a.scenario.localeCompare(b.scenario));
}

/**
 * Why a game day of this schedule may not start at `start`: its own blackouts and windows over its slot,
 * else a practice run ARC may start in the slot on a resource it touches (as the live check read them).
 */
export function startBlocked(schedule: ScheduledScenario, start: Date, live?: LiveCheck): Occurrence['blackout'] {
  return slotBlackout(schedule, start) ?? practiceRunBlackout(live?.practiceRuns ?? [], schedule, start);
}
