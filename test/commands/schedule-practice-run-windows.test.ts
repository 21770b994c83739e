import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { catalogScheduleWith } from '../helpers/schedule-fixture.js';

describe('blocked and allowed windows in ARC practice-run form, beside the blackouts', () => {
  it('schedule list skips occurrences in a blocked window, on a blocked date, or outside the allowed windows, saying which', async () => {
    const { file } = await catalogScheduleWith('    blockedWindows: ["MON-14:30-15:30"]\n    blockedDates: ["2026-11-05"]\n');
    const r = await runCli(['schedule', 'list', file, '--now', '2026-11-01T00:00:00Z']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('blocked weekly (UTC): MON-14:30-15:30');
    expect(r.stdout).toContain('blocked dates (UTC): 2026-11-05');
    expect(r.stdout).toContain('(2026-11-02T15:00:00.000Z)  SKIPPED: blackout 2026-11-02T14:30:00.000Z → 2026-11-02T15:30:00.000Z (blockedWindows MON-14:30-15:30 (UTC))');
    expect(r.stdout).toContain('(2026-11-05T15:00:00.000Z)  SKIPPED: blackout 2026-11-05 → 2026-11-05 (blockedDates 2026-11-05 (UTC))');
    expect(r.stdout).toMatch(/\(2026-11-03T15:00:00\.000Z\)\n/);

    const allowed = await catalogScheduleWith('    allowedWindows: ["Tue:14:00-Tue:16:00"]\n');
    const json = JSON.parse((await runCli(['schedule', 'list', allowed.file, '--now', '2026-11-01T00:00:00Z', '--json'])).stdout);
    const next = json.schedules[0].next as { at: string; blackout?: { reason: string } }[];
    expect(json.schedules[0].allowedWindows).toEqual(['Tue:14:00-Tue:16:00']);
    expect(next.filter((o) => !o.blackout).map((o) => o.at)).toEqual(next.filter((o) => new Date(o.at).getUTCDay() === 2).map((o) => o.at));
    expect(next.find((o) => o.blackout)!.blackout!.reason).toBe('outside allowedWindows Tue:14:00-Tue:16:00 (UTC)');
  });

  it('schedule due does not call a blocked occurrence due, and run-due runs nothing in it', async () => {
    const { dir, file } = await catalogScheduleWith('    blockedWindows: ["Mon:14:30-Mon:15:30"]\n');
    const reports = await mkdtemp(join(tmpdir(), 'gameday-arc-reports-'));
    const due = await runCli(['schedule', 'due', file, '--now', '2026-11-02T15:10:00Z', '--reports-dir', reports, '--json']);
    expect(due.code, due.stderr).toBe(0);
    expect(JSON.parse(due.stdout).entries).toMatchObject([{ state: 'blackout', occurrence: { at: '2026-11-02T15:00:00.000Z', blackout: { reason: 'blockedWindows Mon:14:30-Mon:15:30 (UTC)' } } }]);
    const run = await runCli(['schedule', 'run-due', dir, '--now', '2026-11-02T15:10:00Z', '--reports-dir', reports, '--sandbox', '--yes']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('blockedWindows Mon:14:30-Mon:15:30');
    expect(run.stdout).not.toContain('passed');
  }, 60_000);

  it('validate names the file and line of a window it cannot read, with the form to write (exit 2)', async () => {
    const { file } = await catalogScheduleWith('    blockedWindows: ["Mon 20:30-21:30"]\n    blockedDates: ["2026-02-30"]\n');
    const r = await runCli(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/catalog-daily-newyork\.yaml:\d+:\d+ {2}error {2}SCHEDULE_WINDOW_INVALID {2}"Mon 20:30-21:30" is not a weekly window: write it as ARC practice runs do, Mon:20:30-Mon:21:30 \(UTC\)/);
    expect(r.stdout).toMatch(/SCHEDULE_WINDOW_INVALID {2}"2026-02-30" is not a date/);
    const fixed = await catalogScheduleWith('    blockedWindows: ["Mon:20:30-Mon:21:30"]\n    blockedDates: ["2026-02-28"]\n');
    expect((await runCli(['validate', fixed.file])).code).toBe(0);
  });
});
