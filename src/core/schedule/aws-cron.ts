import { CronPattern } from 'croner';

/**
 * Converts a 5-field cron (as croner reads it, the same reading `schedule list/due` use) to an
 * EventBridge Scheduler expression: cron(minutes hours day-of-month month day-of-week year).
 * AWS quirks (EventBridge Scheduler user guide, "Cron expressions"):
 *  - one of day-of-month / day-of-week must be `?`; a cron restricting both (POSIX: either matches)
 *    cannot be expressed and is refused;
 *  - day-of-week counts 1-7 from Sunday (POSIX 0-6, 7 also Sunday), so it is written with names;
 *  - `#` (nth weekday) and `L` take a single day;
 *  - a sixth field, the year, is required.
 * Fields are rebuilt from croner's parsed sets rather than rewritten textually, so steps, ranges,
 * names and nicknames (@weekly) all come out meaning exactly what gameday computes.
 */
export class AwsCronError extends Error {}

const DAY_NAMES = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] as const;
const ANY_OCCURRENCE = 0b111111; // croner: nth 1-5 and last all set
const LAST_OCCURRENCE = 0b100000;

export function toAwsCron(cron: string): string {
  let pattern: CronPattern;
  try {
    pattern = new CronPattern(cron, undefined, { mode: '5-part' });
  } catch (error) {
    throw new AwsCronError((error as Error).message);
  }
  const minutes = compress(indexesOf(pattern.minute), 0, 59);
  const hours = compress(indexesOf(pattern.hour), 0, 23);
  const months = compress(indexesOf(pattern.month).map((m) => m + 1), 1, 12);
  const dayOfMonth = pattern.starDOM ? undefined : awsDayOfMonth(pattern, cron);
  const dayOfWeek = pattern.starDOW ? undefined : awsDayOfWeek(pattern, cron);
  if (dayOfMonth !== undefined && dayOfWeek !== undefined) {
    throw new AwsCronError(
      `"${cron}" restricts both day-of-month and day-of-week (cron runs when either matches); EventBridge needs one of them to be "?"`,
    );
  }
  return `cron(${minutes} ${hours} ${dayOfMonth ?? (dayOfWeek === undefined ? '*' : '?')} ${months} ${dayOfWeek ?? '?'} *)`;
}

function awsDayOfMonth(pattern: CronPattern, cron: string): string {
  const days = indexesOf(pattern.day).map((d) => d + 1);
  const nearest = indexesOf(pattern.nearestWeekdays).map((d) => d + 1);
  const specials = (pattern.lastDayOfMonth ? 1 : 0) + (pattern.lastWeekday ? 1 : 0) + nearest.length;
  if (specials === 0) return compress(days, 1, 31);
  if (specials > 1 || days.length > 0) throw new AwsCronError(`"${cron}": EventBridge takes L, LW or nW in day-of-month only on its own`);
  if (pattern.lastDayOfMonth) return 'L';
  if (pattern.lastWeekday) return 'LW';
  return `${nearest[0]}W`;
}

function awsDayOfWeek(pattern: CronPattern, cron: string): string {
  const plain: number[] = [];
  const special: string[] = [];
  pattern.dayOfWeek.forEach((mask, day) => {
    if (!mask) return;
    if (mask === ANY_OCCURRENCE) plain.push(day);
    else if (mask === LAST_OCCURRENCE) special.push(`${day + 1}L`);
    else if ((mask & (mask - 1)) === 0) special.push(`${day + 1}#${Math.log2(mask) + 1}`);
    else throw new AwsCronError(`"${cron}": EventBridge takes one nth weekday (#) per expression`);
  });
  if (special.length > 0) {
    if (special.length > 1 || plain.length > 0) throw new AwsCronError(`"${cron}": EventBridge takes # or L in day-of-week only on its own`);
    return special[0]!;
  }
  return compressDays(plain);
}

/** Sunday-first day sets as names: MON-FRI, SUN,SAT. */
function compressDays(days: number[]): string {
  if (days.length === 7) return '*';
  return runs(days)
    .map(([from, to]) => (to - from >= 2 ? `${DAY_NAMES[from]}-${DAY_NAMES[to]}` : range(from, to).map((d) => DAY_NAMES[d]).join(',')))
    .join(',');
}

function compress(values: number[], min: number, max: number): string {
  if (values.length === max - min + 1) return '*';
  const [first, second] = values;
  if (first !== undefined && second !== undefined && values.length >= 3) {
    const step = second - first;
    const progression = step > 1 && values.every((v, i) => v === first + i * step) && values[values.length - 1]! + step > max;
    if (progression) return `${first}/${step}`;
  }
  return runs(values)
    .map(([from, to]) => (to - from >= 2 ? `${from}-${to}` : range(from, to).join(',')))
    .join(',');
}

function runs(sorted: number[]): [number, number][] {
  const result: [number, number][] = [];
  for (const v of sorted) {
    const last = result[result.length - 1];
    if (last && v === last[1] + 1) last[1] = v;
    else result.push([v, v]);
  }
  return result;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function indexesOf(flags: readonly number[]): number[] {
  const found: number[] = [];
  flags.forEach((flag, i) => {
    if (flag) found.push(i);
  });
  return found;
}
