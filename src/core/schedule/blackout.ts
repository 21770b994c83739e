import type { Blackout } from '../scenario/types.js';
import { instantOfWallTime, nextCalendarDay } from './zoned-time.js';

/** A blackout as an exact half-open interval [start, end) of instants. */
export interface BlackoutWindow {
  start: Date;
  end: Date;
  /** As written in the scenario, for people. */
  from: string;
  to: string;
  reason?: string;
}

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

export class BlackoutSyntaxError extends Error {}

/**
 * Reads a blackout. Dates are whole days in the scenario's time zone and `to` is inclusive
 * (`from: 2026-12-21, to: 2026-12-31` blacks out the 31st too). Date-times are exact: with an
 * offset they are that instant; without one they are wall-clock times in the scenario's zone.
 * A date-time `to` is the exact end (exclusive).
 */
export function blackoutWindow(blackout: Blackout, timeZone: string): BlackoutWindow {
  const start = boundary(blackout.from, timeZone, 'from');
  const end = boundary(blackout.to, timeZone, 'to');
  if (end.getTime() <= start.getTime()) {
    throw new BlackoutSyntaxError(`blackout ${blackout.from} → ${blackout.to} ends before it starts`);
  }
  return { start, end, from: blackout.from, to: blackout.to, ...(blackout.reason !== undefined ? { reason: blackout.reason } : {}) };
}

function boundary(text: string, timeZone: string, side: 'from' | 'to'): Date {
  const dateOnly = DATE_ONLY.exec(text);
  if (dateOnly) {
    let date = { year: Number(dateOnly[1]), month: Number(dateOnly[2]), day: Number(dateOnly[3]) };
    checkCalendarDate(date, text);
    if (side === 'to') date = nextCalendarDay(date);
    return instantOfWallTime({ ...date, hour: 0, minute: 0, second: 0 }, timeZone);
  }
  const dateTime = DATE_TIME.exec(text);
  if (!dateTime) throw new BlackoutSyntaxError(`blackout ${side} "${text}" is neither a date (2026-12-24) nor a date-time (2026-12-24T18:00:00Z)`);
  const [, y, mo, d, h, mi, s, zone] = dateTime;
  const wall = { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h), minute: Number(mi), second: Number(s ?? 0) };
  checkCalendarDate(wall, text);
  if (wall.hour > 23 || wall.minute > 59 || wall.second > 59) throw new BlackoutSyntaxError(`blackout ${side} "${text}" is not a valid time of day`);
  if (zone === undefined) return instantOfWallTime(wall, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  if (zone.toUpperCase() === 'Z') return new Date(asUtc);
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  const offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  return new Date(asUtc - offsetMinutes * 60_000);
}

function checkCalendarDate(date: { year: number; month: number; day: number }, text: string): void {
  const probe = new Date(Date.UTC(date.year, date.month - 1, date.day));
  if (probe.getUTCFullYear() !== date.year || probe.getUTCMonth() + 1 !== date.month || probe.getUTCDate() !== date.day) {
    throw new BlackoutSyntaxError(`blackout date "${text}" is not a calendar date`);
  }
}

/** The first blackout covering an instant, or (with `until`) overlapping [instant, until), if any. */
export function blackoutAt(instant: Date, windows: readonly BlackoutWindow[], until?: Date): BlackoutWindow | undefined {
  const t = instant.getTime();
  const end = Math.max(until?.getTime() ?? t, t + 1);
  return windows.find((w) => w.start.getTime() < end && t < w.end.getTime());
}
