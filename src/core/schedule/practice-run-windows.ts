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

/** The occurrence of a weekly window covering an instant, as instants [from, to). */
function covering(t: number, window: WeeklyWindow): { from: number; to: number } | undefined {
  for (const week of [weekStart(t), weekStart(t) - WEEK * 60_000]) {
    const from = week + window.start * 60_000;
    const to = from + window.length * 60_000;
    if (from <= t && t < to) return { from, to };
  }
  return undefined;
}

/** Why an instant may not host a game day under these windows (as a blackout: from, to, reason), or undefined. */
export function practiceRunBlock(instant: Date, windows: PracticeRunWindows): { from: string; to: string; reason: string } | undefined {
  const t = instant.getTime();
  const iso = (ms: number) => new Date(ms).toISOString();
  const day = iso(t).slice(0, 10);
  if (windows.blockedDates.includes(day)) return { from: day, to: day, reason: `blockedDates ${day} (UTC)` };
  for (const window of windows.blockedWindows) {
    const hit = covering(t, window);
    if (hit) return { from: iso(hit.from), to: iso(hit.to), reason: `blockedWindows ${window.text} (UTC)` };
  }
  if (windows.allowedWindows.length === 0 || windows.allowedWindows.some((w) => covering(t, w))) return undefined;
  // Outside every allowed window: blocked from the last allowed window's end to the next one's start.
  const ends = windows.allowedWindows.flatMap((w) => [0, 1, 2].map((back) => weekStart(t) - back * WEEK * 60_000 + (w.start + w.length) * 60_000)).filter((end) => end <= t);
  const starts = windows.allowedWindows.flatMap((w) => [0, 1].map((ahead) => weekStart(t) + ahead * WEEK * 60_000 + w.start * 60_000)).filter((start) => start > t);
  return { from: iso(Math.max(...ends)), to: iso(Math.min(...starts)), reason: `outside allowedWindows ${windows.allowedWindows.map((w) => w.text).join(', ')} (UTC)` };
}
