import { isoDuration } from '../duration.js';
import { blackoutAt } from './blackout.js';
import { practiceRunBlock } from './practice-run-windows.js';
import type { ScheduledScenario } from './scheduled-scenario.js';
import { offsetMsAt } from './zoned-time.js';

/** One time a scheduled game day should happen. */
export interface Occurrence {
  /** The instant, ISO 8601 UTC: the value `run --scheduled-for` journals. */
  at: string;
  /** The same instant on the scenario's wall clock, with its offset: 2026-03-29T03:00:00+02:00. */
  local: string;
  /** Set when a blackout, a blocked window or date, or being outside every allowed window covers the occurrence or the game day that would start at it: it is skipped. */
  blackout?: { from: string; to: string; reason?: string };
}

export function occurrenceAt(schedule: ScheduledScenario, instant: Date): Occurrence {
  const blackout = slotBlackout(schedule, instant);
  return { at: instant.toISOString(), local: localIso(instant, schedule.timeZone), ...(blackout ? { blackout } : {}) };
}

/**
 * Why a game day starting at `start` may not take place: a blackout, blocked window or date, or time
 * outside the allowed windows, anywhere in its slot — from its start for as long as it can take (the
 * plan's fault + watch, what the calendar books). One that would run into such a window says so.
 */
export function slotBlackout(schedule: ScheduledScenario, start: Date): Occurrence['blackout'] {
  const end = new Date(start.getTime() + schedule.gameDaySeconds * 1000);
  const blackout = blackoutAt(start, schedule.blackouts, end);
  const block = blackout ?? practiceRunBlock(start, schedule.practiceRunWindows, end);
  if (!block) return undefined;
  const atStart = blackout ? blackout.start.getTime() <= start.getTime() : practiceRunBlock(start, schedule.practiceRunWindows) !== undefined;
  const runsInto = `the game day would run into it: it takes up to ${isoDuration(schedule.gameDaySeconds)} (fault + watch), until ${end.toISOString()}`;
  const reason = atStart ? block.reason : block.reason === undefined ? runsInto : `${block.reason}; ${runsInto}`;
  return { from: block.from, to: block.to, ...(reason !== undefined ? { reason } : {}) };
}

/** The next `count` occurrences at or after `from`, blacked-out ones included (and marked). */
export function nextOccurrences(schedule: ScheduledScenario, from: Date, count: number): Occurrence[] {
  // croner searches strictly after its reference; one second earlier makes `from` itself count.
  const start = Math.ceil(from.getTime() / 1000) * 1000; // occurrences fall on whole seconds
  return schedule.job.nextRuns(count, new Date(start - 1000)).map((instant) => occurrenceAt(schedule, instant));
}

/** Every occurrence in [from, to], inclusive at both ends. */
export function occurrencesBetween(schedule: ScheduledScenario, from: Date, to: Date): Occurrence[] {
  const found: Occurrence[] = [];
  let cursor: Date | null = new Date(from.getTime() - 1000);
  for (;;) {
    cursor = schedule.job.nextRun(cursor);
    if (!cursor || cursor.getTime() > to.getTime()) return found;
    if (cursor.getTime() >= from.getTime()) found.push(occurrenceAt(schedule, cursor)); // from may carry milliseconds
  }
}

function localIso(instant: Date, timeZone: string): string {
  const offsetMs = offsetMsAt(instant, timeZone);
  const shifted = new Date(Math.floor(instant.getTime() / 1000) * 1000 + offsetMs).toISOString().slice(0, 19);
  const sign = offsetMs < 0 ? '-' : '+';
  const minutes = Math.abs(offsetMs) / 60_000;
  return `${shifted}${sign}${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}
