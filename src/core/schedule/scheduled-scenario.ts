import { Cron } from 'croner';
import { durationSeconds } from '../duration.js';
import { GamedayError } from '../errors.js';
import type { LoadedScenario } from '../scenario/types.js';
import { gameDaySeconds } from './game-day-length.js';
import { BlackoutSyntaxError, blackoutWindow, type BlackoutWindow } from './blackout.js';
import { blockedDate, PracticeRunWindowSyntaxError, weeklyWindow, type PracticeRunWindows } from './practice-run-windows.js';
import { isTimeZone } from './zoned-time.js';

export const DEFAULT_WINDOW = 'PT1H';

/** A scenario's `spec.schedule`, checked and compiled: the cron in its zone, the window, the blackouts as instants. */
export interface ScheduledScenario {
  name: string;
  file: string;
  loaded: LoadedScenario;
  cron: string;
  timeZone: string;
  windowSeconds: number;
  /** How long one game day takes at most (the plan's fault + watch): the slot a blackout or window must not touch. */
  gameDaySeconds: number;
  blackouts: BlackoutWindow[];
  /** blockedWindows, blockedDates and allowedWindows, as ARC practice runs write them (UTC) */
  practiceRunWindows: PracticeRunWindows;
  /** croner job without a callback: it only computes dates, it never starts a timer. */
  job: Cron;
}

/** Undefined when the scenario has no schedule. Throws SCENARIO_INVALID naming the file for a bad one. */
export function compileSchedule(loaded: LoadedScenario): ScheduledScenario | undefined {
  const schedule = loaded.scenario.spec.schedule;
  if (!schedule) return undefined;
  const invalid = (what: string, hint: string): GamedayError =>
    new GamedayError('SCENARIO_INVALID', `${loaded.file}: spec.schedule: ${what}`, { hint });
  const timeZone = schedule.timezone ?? 'UTC';
  if (!isTimeZone(timeZone)) throw invalid(`unknown time zone "${timeZone}"`, 'use an IANA zone name such as Europe/Berlin or America/New_York');
  const windowText = schedule.window ?? DEFAULT_WINDOW;
  const windowSeconds = durationSeconds(windowText);
  if (windowSeconds === undefined || windowSeconds <= 0) throw invalid(`window "${windowText}" is not a positive ISO 8601 duration`, 'write it like PT1H or PT30M');
  let job: Cron;
  try {
    job = new Cron(schedule.cron, { timezone: timeZone, mode: '5-part', paused: true });
  } catch (error) {
    throw invalid(`cron "${schedule.cron}": ${(error as Error).message.replace(/^CronPattern: /, '')}`, 'five fields: minute hour day-of-month month day-of-week, e.g. "0 10 * * 2" (Tuesdays 10:00)');
  }
  let blackouts: BlackoutWindow[];
  try {
    blackouts = (schedule.blackouts ?? []).map((b) => blackoutWindow(b, timeZone));
  } catch (error) {
    if (error instanceof BlackoutSyntaxError) throw invalid(error.message, 'dates are whole days in the schedule\'s time zone (to inclusive); date-times are exact, e.g. 2026-12-24T18:00:00+01:00');
    throw error;
  }
  let practiceRunWindows: PracticeRunWindows;
  try {
    practiceRunWindows = {
      blockedWindows: (schedule.blockedWindows ?? []).map(weeklyWindow),
      allowedWindows: (schedule.allowedWindows ?? []).map(weeklyWindow),
      blockedDates: (schedule.blockedDates ?? []).map(blockedDate),
    };
  } catch (error) {
    if (error instanceof PracticeRunWindowSyntaxError) throw invalid(error.message, 'weekly windows are UTC: Mon:20:30-Mon:21:30 or MON-20:30-21:30; dates 2026-12-24');
    throw error;
  }
  return { name: loaded.scenario.metadata.name, file: loaded.file, loaded, cron: schedule.cron, timeZone, windowSeconds, gameDaySeconds: gameDaySeconds(loaded), blackouts, practiceRunWindows, job };
}
