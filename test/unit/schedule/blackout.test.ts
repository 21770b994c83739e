import { describe, expect, it } from 'vitest';
import { blackoutAt, blackoutWindow } from '../../../src/core/schedule/blackout.js';
import { nextOccurrences } from '../../../src/core/schedule/occurrences.js';
import { instantOfWallTime } from '../../../src/core/schedule/zoned-time.js';
import { scheduled } from './fixtures.js';

const iso = (d: Date): string => d.toISOString();

describe('blackout windows', () => {
  it('dates are whole days in the scenario zone, `to` inclusive', () => {
    const w = blackoutWindow({ from: '2026-12-21', to: '2026-12-31', reason: 'holiday freeze' }, 'Europe/Berlin');
    expect(iso(w.start)).toBe('2026-12-20T23:00:00.000Z');
    expect(iso(w.end)).toBe('2026-12-31T23:00:00.000Z');
    expect(blackoutAt(new Date('2026-12-31T22:59:59Z'), [w])?.reason).toBe('holiday freeze'); // 23:59:59 on the 31st, Berlin
    expect(blackoutAt(new Date('2026-12-31T23:00:00Z'), [w])).toBeUndefined(); // midnight on 1 January, Berlin
    expect(blackoutAt(new Date('2026-12-20T22:59:59Z'), [w])).toBeUndefined(); // still the 20th in Berlin
    expect(blackoutAt(new Date('2026-12-20T23:00:00Z'), [w])).toBeDefined();
  });

  it('a one-day blackout (from = to) covers that whole local day, even a 23-hour DST day', () => {
    const w = blackoutWindow({ from: '2026-03-29', to: '2026-03-29' }, 'Europe/Berlin');
    expect(iso(w.start)).toBe('2026-03-28T23:00:00.000Z');
    expect(iso(w.end)).toBe('2026-03-29T22:00:00.000Z');
  });

  it('date-times with an offset are exact instants; `to` is the exact end', () => {
    const w = blackoutWindow({ from: '2026-11-26T18:00:00+01:00', to: '2026-11-27T06:00:00Z' }, 'America/New_York');
    expect(iso(w.start)).toBe('2026-11-26T17:00:00.000Z');
    expect(iso(w.end)).toBe('2026-11-27T06:00:00.000Z');
    expect(blackoutAt(new Date('2026-11-26T17:00:00Z'), [w])).toBeDefined();
    expect(blackoutAt(new Date('2026-11-27T06:00:00Z'), [w])).toBeUndefined();
    // Over a span: any overlap counts, touching the start does not.
    expect(blackoutAt(new Date('2026-11-26T16:00:00Z'), [w], new Date('2026-11-26T17:00:01Z'))).toBe(w);
    expect(blackoutAt(new Date('2026-11-26T16:00:00Z'), [w], new Date('2026-11-26T17:00:00Z'))).toBeUndefined();
  });

  it('date-times without an offset are wall-clock times in the scenario zone', () => {
    const w = blackoutWindow({ from: '2026-07-03T17:00', to: '2026-07-06T09:00:00' }, 'America/New_York');
    expect(iso(w.start)).toBe('2026-07-03T21:00:00.000Z');
    expect(iso(w.end)).toBe('2026-07-06T13:00:00.000Z');
  });

  it('wall-clock times in a DST gap resolve to the first instant after it; repeated times to the first', () => {
    expect(iso(instantOfWallTime({ year: 2026, month: 3, day: 29, hour: 2, minute: 30, second: 0 }, 'Europe/Berlin'))).toBe('2026-03-29T01:00:00.000Z');
    expect(iso(instantOfWallTime({ year: 2026, month: 10, day: 25, hour: 2, minute: 30, second: 0 }, 'Europe/Berlin'))).toBe('2026-10-25T00:30:00.000Z');
  });

  it('an occurrence inside a blackout is listed and marked as skipped, with the reason', () => {
    const s = scheduled({
      cron: '0 10 * * 2',
      timezone: 'Europe/Berlin',
      blackouts: [
        { from: '2026-12-21', to: '2026-12-29', reason: 'holiday freeze' },
        { from: '2027-01-05T09:00:00+01:00', to: '2027-01-05T10:00:00+01:00', reason: 'ends exactly at the occurrence' },
        { from: '2027-01-12T10:00:00+01:00', to: '2027-01-12T10:30:00+01:00', reason: 'starts exactly at the occurrence' },
      ],
    });
    const list = nextOccurrences(s, new Date('2026-12-15T00:00:00Z'), 5);
    expect(list.map((o) => [o.local, o.blackout?.reason])).toEqual([
      ['2026-12-15T10:00:00+01:00', undefined],
      ['2026-12-22T10:00:00+01:00', 'holiday freeze'],
      ['2026-12-29T10:00:00+01:00', 'holiday freeze'], // `to` date inclusive
      ['2027-01-05T10:00:00+01:00', undefined], // date-time `to` is exclusive
      ['2027-01-12T10:00:00+01:00', 'starts exactly at the occurrence'],
    ]);
  });
});
