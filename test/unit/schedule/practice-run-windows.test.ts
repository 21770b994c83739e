import { describe, expect, it } from 'vitest';
import { blockedDate, practiceRunBlock, weeklyWindow, type PracticeRunWindows } from '../../../src/core/schedule/practice-run-windows.js';

const windows = (w: Partial<Record<'blockedWindows' | 'allowedWindows' | 'blockedDates', string[]>>): PracticeRunWindows => ({
  blockedWindows: (w.blockedWindows ?? []).map(weeklyWindow),
  allowedWindows: (w.allowedWindows ?? []).map(weeklyWindow),
  blockedDates: (w.blockedDates ?? []).map(blockedDate),
});
const at = (iso: string) => new Date(iso);

describe('ARC practice-run windows (UTC)', () => {
  it('reads ARC’s form and the one-day short form alike', () => {
    expect(weeklyWindow('Mon:20:30-Mon:21:30')).toMatchObject({ start: 20 * 60 + 30, length: 60 });
    expect(weeklyWindow('MON-20:30-21:30')).toMatchObject({ start: 20 * 60 + 30, length: 60 });
    expect(weeklyWindow('Sun:22:00-Mon:02:00')).toMatchObject({ start: 6 * 1440 + 22 * 60, length: 240 });
  });

  it('refuses what is not a window or a date, saying the form', () => {
    for (const bad of ['Mon 20:30-21:30', 'MOX-20:30-21:30', 'MON-24:00-25:00', 'MON-21:30-20:30', 'Mon:10:00-Mon:10:00']) expect(() => weeklyWindow(bad), bad).toThrow(/Mon:20:30-Mon:21:30|ends before|empty/);
    for (const bad of ['2026-02-30', '2026-2-3', 'tomorrow']) expect(() => blockedDate(bad), bad).toThrow(/2026-12-24/);
  });

  it('blocks an instant inside a blocked window (also one crossing midnight and the week’s end) or on a blocked date', () => {
    const w = windows({ blockedWindows: ['MON-20:30-21:30', 'Sun:22:00-Mon:02:00'], blockedDates: ['2026-12-24'] });
    // 2026-11-02 is a Monday.
    expect(practiceRunBlock(at('2026-11-02T20:30:00Z'), w)).toEqual({ from: '2026-11-02T20:30:00.000Z', to: '2026-11-02T21:30:00.000Z', reason: 'blockedWindows MON-20:30-21:30 (UTC)' });
    expect(practiceRunBlock(at('2026-11-02T21:30:00Z'), w)).toBeUndefined();
    expect(practiceRunBlock(at('2026-11-02T01:59:00Z'), w)).toMatchObject({ from: '2026-11-01T22:00:00.000Z', to: '2026-11-02T02:00:00.000Z' });
    expect(practiceRunBlock(at('2026-11-01T23:00:00Z'), w)).toMatchObject({ from: '2026-11-01T22:00:00.000Z', to: '2026-11-02T02:00:00.000Z' });
    expect(practiceRunBlock(at('2026-12-24T12:00:00Z'), w)).toEqual({ from: '2026-12-24', to: '2026-12-24', reason: 'blockedDates 2026-12-24 (UTC)' });
  });

  it('with allowed windows, blocks everything outside them, from the last allowed end to the next allowed start', () => {
    const w = windows({ allowedWindows: ['Tue:09:00-Tue:17:00', 'Thu:09:00-Thu:17:00'] });
    expect(practiceRunBlock(at('2026-11-03T10:00:00Z'), w)).toBeUndefined();
    expect(practiceRunBlock(at('2026-11-04T10:00:00Z'), w)).toEqual({ from: '2026-11-03T17:00:00.000Z', to: '2026-11-05T09:00:00.000Z', reason: 'outside allowedWindows Tue:09:00-Tue:17:00, Thu:09:00-Thu:17:00 (UTC)' });
    expect(practiceRunBlock(at('2026-11-02T10:00:00Z'), w)).toMatchObject({ from: '2026-10-29T17:00:00.000Z', to: '2026-11-03T09:00:00.000Z' });
  });

  it('over a span (a whole game day): the first blocked date or window it touches, or where it leaves the allowed windows', () => {
    const blocked = windows({ blockedWindows: ['Mon:20:30-Mon:21:30'], blockedDates: ['2026-11-03'] });
    // 20:00 → 20:31 touches the window's first minute; 20:00 → 20:30 ends as it starts.
    expect(practiceRunBlock(at('2026-11-02T20:00:00Z'), blocked, at('2026-11-02T20:31:00Z'))).toEqual({ from: '2026-11-02T20:30:00.000Z', to: '2026-11-02T21:30:00.000Z', reason: 'blockedWindows Mon:20:30-Mon:21:30 (UTC)' });
    expect(practiceRunBlock(at('2026-11-02T20:00:00Z'), blocked, at('2026-11-02T20:30:00Z'))).toBeUndefined();
    // 23:30 Monday → 00:30 Tuesday runs into the blocked date.
    expect(practiceRunBlock(at('2026-11-02T23:30:00Z'), blocked, at('2026-11-03T00:30:00Z'))).toEqual({ from: '2026-11-03', to: '2026-11-03', reason: 'blockedDates 2026-11-03 (UTC)' });
    const allowed = windows({ allowedWindows: ['Tue:09:00-Tue:12:00', 'Tue:12:00-Tue:17:00'] });
    // Back-to-back allowed windows carry a span across their seam; past their end it is blocked from there.
    expect(practiceRunBlock(at('2026-11-03T11:00:00Z'), allowed, at('2026-11-03T13:00:00Z'))).toBeUndefined();
    expect(practiceRunBlock(at('2026-11-03T16:30:00Z'), allowed, at('2026-11-03T17:30:00Z'))).toEqual({ from: '2026-11-03T17:00:00.000Z', to: '2026-11-10T09:00:00.000Z', reason: 'outside allowedWindows Tue:09:00-Tue:12:00, Tue:12:00-Tue:17:00 (UTC)' });
  });
});
