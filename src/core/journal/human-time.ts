import { GamedayError } from '../errors.js';
import type { JournalEvent, MarkAdded } from './events.js';
import { experimentStartOf, lastObservedServiceTime } from './service-time.js';

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
const OFFSET = /^([+-])(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s)?$/i;

/** "+1m", "+11m40s", "-30s", "+1h5m" → signed seconds; undefined when it is not an offset. */
export function offsetSeconds(text: string): number | undefined {
  const m = OFFSET.exec(text.trim());
  if (!m || (m[2] === undefined && m[3] === undefined && m[4] === undefined)) return undefined;
  const seconds = Number(m[2] ?? 0) * 3600 + Number(m[3] ?? 0) * 60 + Number(m[4] ?? 0);
  return m[1] === '-' ? -seconds : seconds;
}

export interface HumanTime {
  /** service time, ISO 8601 */
  time: string;
  timeSource: MarkAdded['timeSource'];
}

/**
 * When a person says something happened, on the run's service clock. `at` is an ISO 8601 instant
 * with a zone, or an offset from the experiment's start (FIS startTime): at sandbox speed a mark
 * typed 6 s in is 15 virtual minutes late, so people say `+1m` for "a minute in". With no `at`:
 * the caller's service clock when it has one (the live page), else the last service time the
 * journal has seen (a second terminal).
 */
export function resolveHumanTime(events: readonly JournalEvent[], at: string | undefined, serviceNow?: Date): HumanTime | undefined {
  if (at !== undefined) {
    const text = at.trim();
    if (ISO_WITH_ZONE.test(text) && !Number.isNaN(Date.parse(text))) return { time: new Date(Date.parse(text)).toISOString(), timeSource: 'given' };
    const offset = offsetSeconds(text);
    if (offset === undefined) {
      throw new GamedayError('USAGE', `--at ${at}: not a time`, { hint: 'give an ISO 8601 time with a zone (2026-11-26T10:04:00Z) or an offset from the experiment start (+1m, +11m40s, -30s)' });
    }
    const start = experimentStartOf(events);
    if (start === undefined) {
      throw new GamedayError('USAGE', `--at ${at}: the experiment has not started (no FIS start time in the journal), so there is nothing to count from`, {
        hint: 'give an ISO 8601 time with a zone instead, or mark once the experiment has started',
      });
    }
    return { time: new Date(Date.parse(start) + offset * 1000).toISOString(), timeSource: 'given' };
  }
  if (serviceNow) return { time: serviceNow.toISOString(), timeSource: 'service-clock' };
  const last = lastObservedServiceTime(events);
  return last === undefined ? undefined : { time: new Date(last).toISOString(), timeSource: 'last-observation' };
}
