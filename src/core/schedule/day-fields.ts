import { CronPattern } from 'croner';

const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;
const ANY_OCCURRENCE = 0b111111; // croner: every nth occurrence and the last

/**
 * A 5-field cron that restricts both day-of-month and day-of-week fires when *either* matches
 * (classic cron), which is almost never what "first Tuesday" (`0 10 1-7 * 2`) meant. Returns
 * undefined when at most one day field is restricted; else the nth-weekday cron it probably meant,
 * when the day-of-month is one week of the month and the day-of-week one day.
 */
export function bothDayFieldsRestricted(cron: string): { meant?: string } | undefined {
  let pattern: CronPattern;
  try {
    pattern = new CronPattern(cron, undefined, { mode: '5-part' });
  } catch {
    return undefined; // CRON_INVALID says why
  }
  if (pattern.starDOM || pattern.starDOW) return undefined;
  const days = pattern.day.flatMap((on, i) => (on ? [i + 1] : []));
  const weekdays = pattern.dayOfWeek.flatMap((mask, day) => (mask ? [{ day, mask }] : []));
  const fields = cron.trim().split(/\s+/);
  const week = days.length === 7 && days[0]! % 7 === 1 && days[6] === days[0]! + 6 ? (days[0]! - 1) / 7 + 1 : undefined;
  if (week === undefined || weekdays.length !== 1 || weekdays[0]!.mask !== ANY_OCCURRENCE || fields.length !== 5) return {};
  return { meant: [fields[0], fields[1], '*', fields[3], `${DAY_NAMES[weekdays[0]!.day]}#${week}`].join(' ') };
}
