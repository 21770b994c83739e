/**
 * ISO 8601 durations as FIS uses them (PT30S, PT5M, PT1H30M, P1D). Years and months are refused:
 * their length depends on the calendar, and no FIS parameter takes them.
 */
const ISO_DURATION = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Seconds in an ISO 8601 duration, or undefined when it is not one. */
export function durationSeconds(text: string): number | undefined {
  const m = ISO_DURATION.exec(text);
  if (!m || text === 'P' || text.endsWith('T')) return undefined;
  const [, w, d, h, min, s] = m.map((part) => (part === undefined ? 0 : Number(part)));
  return (w ?? 0) * 604_800 + (d ?? 0) * 86_400 + (h ?? 0) * 3600 + (min ?? 0) * 60 + (s ?? 0);
}

/** Seconds in a duration already validated by the schema; throws on a malformed one (a bug upstream). */
export function requireDurationSeconds(text: string): number {
  const seconds = durationSeconds(text);
  if (seconds === undefined) throw new RangeError(`not an ISO 8601 duration: ${text}`);
  return seconds;
}

/** Canonical ISO 8601 form of a number of seconds, as FIS echoes it: 1800 → PT30M, 90 → PT1M30S. */
export function isoDuration(seconds: number): string {
  if (seconds <= 0) return 'PT0S';
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = Math.round((seconds % 60) * 1000) / 1000;
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}${s ? `${s}S` : ''}`;
}

/** "1h 05m", "4m 30s", "45s" — for people. */
export function humanDuration(seconds: number): string {
  const total = Math.round(seconds);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h) return `${h}h ${String(m).padStart(2, '0')}m`;
  if (m) return s ? `${m}m ${String(s).padStart(2, '0')}s` : `${m}m`;
  return `${s}s`;
}
