/**
 * Wall-clock time in an IANA time zone ⇄ instants, with Intl only (no tz database of our own).
 * Used for blackout dates, which are whole days in the scenario's time zone.
 */

export interface WallTime {
  year: number;
  month: number; // 1-12
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when the runtime knows the IANA zone name. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading of an instant in a time zone. */
export function wallTimeAt(instant: Date, timeZone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

function wallAsUtcMs(wall: WallTime): number {
  return Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
}

/** Offset of the zone from UTC at an instant, in milliseconds (Berlin in summer: +7 200 000). */
export function offsetMsAt(instant: Date, timeZone: string): number {
  return wallAsUtcMs(wallTimeAt(instant, timeZone)) - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant a wall-clock time happens in a zone. A time repeated when clocks go back resolves to
 * its first occurrence; a time skipped when clocks go forward resolves to the first instant after
 * the gap — so "the start of day D" is always the first instant whose local date is D.
 */
export function instantOfWallTime(wall: WallTime, timeZone: string): Date {
  const naive = wallAsUtcMs(wall);
  // The offset can differ on either side of a transition; try both and keep the earliest that reads back right.
  const candidates = new Set<number>();
  for (const probe of [naive - 86_400_000, naive, naive + 86_400_000]) {
    candidates.add(naive - offsetMsAt(new Date(probe), timeZone));
  }
  const exact = [...candidates].sort((a, b) => a - b).filter((ms) => wallAsUtcMs(wallTimeAt(new Date(ms), timeZone)) === naive);
  if (exact.length > 0) return new Date(exact[0]!);
  // In a gap: the wall time never happens; the first instant after it is where the later offset begins.
  const later = Math.max(...candidates);
  const earlier = Math.min(...candidates);
  let lo = earlier;
  let hi = later;
  while (hi - lo > 1000) {
    const mid = Math.floor((lo + hi) / 2000) * 1000;
    if (wallAsUtcMs(wallTimeAt(new Date(mid), timeZone)) >= naive) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

/** "2026-03-29" → the next calendar day "2026-03-30" (pure calendar arithmetic, no zone). */
export function nextCalendarDay(date: { year: number; month: number; day: number }): { year: number; month: number; day: number } {
  const next = new Date(Date.UTC(date.year, date.month - 1, date.day + 1));
  return { year: next.getUTCFullYear(), month: next.getUTCMonth() + 1, day: next.getUTCDate() };
}
