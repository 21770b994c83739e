/**
 * Windows in the form ARC zonal-autoshift practice runs use (practiceRunConfiguration): weekly windows
 * in UTC, `Mon:20:30-Mon:21:30` (ARC's own form; it may cross midnight, `Sun:22:00-Mon:02:00`) or
 * `MON-20:30-21:30` (one day), and blocked dates `2026-12-24` (UTC days). A team that keeps these for
 * its practice runs can paste them into spec.schedule as they are.
 */
export interface WeeklyWindow {
  text: string;
  /** minutes since Monday 00:00 UTC */
  start: number;
  /** minutes after start (1 … a whole week) */
  length: number;
}

export interface PracticeRunWindows {
  blockedWindows: WeeklyWindow[];
  allowedWindows: WeeklyWindow[];
  /** YYYY-MM-DD, UTC */
  blockedDates: string[];
}

const WEEK = 7 * 24 * 60;
const DAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'];
const ARC_FORM = /^([A-Za-z]{3}):(\d{2}):(\d{2})-([A-Za-z]{3}):(\d{2}):(\d{2})$/;
const SHORT_FORM = /^([A-Za-z]{3})-(\d{2}):(\d{2})-(\d{2}):(\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

export class PracticeRunWindowSyntaxError extends Error {}

/** Minutes since Monday 00:00 of a day and time, or undefined when either is not one. */
function weekMinute(day: string, hour: string, minute: string): number | undefined {
  const d = DAYS.indexOf(day.toUpperCase());
  const h = Number(hour);
  const m = Number(minute);
  return d < 0 || h > 23 || m > 59 ? undefined : d * 24 * 60 + h * 60 + m;
}

export function weeklyWindow(text: string): WeeklyWindow {
  const arc = ARC_FORM.exec(text);
  const short = arc ? undefined : SHORT_FORM.exec(text);
  const [start, end] = arc
    ? [weekMinute(arc[1]!, arc[2]!, arc[3]!), weekMinute(arc[4]!, arc[5]!, arc[6]!)]
    : short
      ? [weekMinute(short[1]!, short[2]!, short[3]!), weekMinute(short[1]!, short[4]!, short[5]!)]
      : [undefined, undefined];
  if (start === undefined || end === undefined) {
    throw new PracticeRunWindowSyntaxError(`"${text}" is not a weekly window: write it as ARC practice runs do, Mon:20:30-Mon:21:30 (UTC), or MON-20:30-21:30`);
  }
  if (short && end <= start) throw new PracticeRunWindowSyntaxError(`"${text}" ends before it starts: for a window past midnight write both days, e.g. Mon:22:00-Tue:02:00`);
  if (end === start) throw new PracticeRunWindowSyntaxError(`"${text}" is empty: it ends when it starts`);
  return { text, start, length: (end - start + WEEK) % WEEK };
}

export function blockedDate(text: string): string {
  const m = DATE.exec(text);
  const probe = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
  if (!m || probe!.toISOString().slice(0, 10) !== text) throw new PracticeRunWindowSyntaxError(`"${text}" is not a date: write it as ARC practice runs do, 2026-12-24 (a UTC day)`);
  return text;
}

/** The week's Monday 00:00 UTC at or before an instant. */
function weekStart(t: number): number {
  const day = new Date(t);
  const midnight = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate());
  return midnight - ((day.getUTCDay() + 6) % 7) * 86_400_000;
}

/** The occurrences of a weekly window overlapping [t, until), as instants [from, to), earliest first. */
function overlapping(t: number, until: number, window: WeeklyWindow): { from: number; to: number }[] {
  const found: { from: number; to: number }[] = [];
  for (let week = weekStart(t) - WEEK * 60_000; week < until; week += WEEK * 60_000) {
    const from = week + window.start * 60_000;
    const to = from + window.length * 60_000;
    if (from < until && t < to) found.push({ from, to });
  }
  return found;
}

/** The first instant in [t, until) no allowed window covers, or undefined when they cover all of it. */
function firstOutsideAllowed(t: number, until: number, allowed: readonly WeeklyWindow[]): number | undefined {
  let cursor = t;
  for (;;) {
    const ends = allowed.flatMap((w) => overlapping(cursor, cursor + 1, w)).map((o) => o.to);
    if (ends.length === 0) return cursor;
    cursor = Math.max(...ends); // windows back to back carry on into each other
    if (cursor >= until) return undefined;
  }
}

/** A span these windows block, as a blackout: from, to (ISO, or the date for a blocked date), reason. */
export interface PracticeRunBlock {
  from: string;
  to: string;
  reason: string;
}

/**
 * Why a game day from `instant` until `until` (default: the instant alone) may not take place under these
 * windows: the first blocked date or blocked window it touches, else the first stretch outside every
 * allowed window (when there are any). Undefined when none.
 */
export function practiceRunBlock(instant: Date, windows: PracticeRunWindows, until?: Date): PracticeRunBlock | undefined {
  const t = instant.getTime();
  const end = Math.max(until?.getTime() ?? t, t + 1);
  const iso = (ms: number) => new Date(ms).toISOString();
  for (let day = Date.parse(iso(t).slice(0, 10)); day < end; day += 86_400_000) {
    const date = iso(day).slice(0, 10);
    if (windows.blockedDates.includes(date)) return { from: date, to: date, reason: `blockedDates ${date} (UTC)` };
  }
  const blocked = windows.blockedWindows.flatMap((w) => overlapping(t, end, w).map((o) => ({ ...o, text: w.text }))).sort((a, b) => a.from - b.from)[0];
  if (blocked) return { from: iso(blocked.from), to: iso(blocked.to), reason: `blockedWindows ${blocked.text} (UTC)` };
  if (windows.allowedWindows.length === 0) return undefined;
  const outside = firstOutsideAllowed(t, end, windows.allowedWindows);
  if (outside === undefined) return undefined;
  // Blocked from the last allowed window's end to the next one's start.
  const ends = windows.allowedWindows.flatMap((w) => [0, 1, 2].map((back) => weekStart(outside) - back * WEEK * 60_000 + (w.start + w.length) * 60_000)).filter((e) => e <= outside);
  const starts = windows.allowedWindows.flatMap((w) => [0, 1].map((ahead) => weekStart(outside) + ahead * WEEK * 60_000 + w.start * 60_000)).filter((s) => s > outside);
  return { from: iso(Math.max(...ends)), to: iso(Math.min(...starts)), reason: `outside allowedWindows ${windows.allowedWindows.map((w) => w.text).join(', ')} (UTC)` };
}
