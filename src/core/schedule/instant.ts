import { GamedayError } from '../errors.js';

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

/** A command-line instant (--now, --from): ISO 8601 with Z or an offset, so it means one moment everywhere. */
export function parseInstant(text: string, flag: string): Date {
  const ms = WITH_OFFSET.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new GamedayError('USAGE', `--${flag} ${text}: not an ISO 8601 date-time with a zone`, { hint: `write it like --${flag} 2026-12-01T09:00:00Z or 2026-12-01T10:00:00+01:00` });
  }
  return new Date(ms);
}
