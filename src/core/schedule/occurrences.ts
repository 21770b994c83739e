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
  /** Set when a blackout, a blocked window or date, or being outside every allowed window covers the occurrence: it is skipped. */
  blackout?: { from: string; to: string; reason?: string };
}

export function occurrenceAt(schedule: ScheduledScenario, instant: Date): Occurrence {
  const covering = blackoutAt(instant, schedule.blackouts) ?? practiceRunBlock(instant, schedule.practiceRunWindows);
  return {
    at: instant.toISOString(),
    local: localIso(instant, schedule.timeZone),
    ...(covering ? { blackout: { from: covering.from, to: covering.to, ...(covering.reason !== undefined ? { reason: covering.reason } : {}) } } : {}),
  };
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
