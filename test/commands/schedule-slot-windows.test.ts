import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { catalogScheduleWith } from '../helpers/schedule-fixture.js';

const offline = { AWS_ENDPOINT_URL: undefined, AWS_ENDPOINT_URL_FIS: undefined, AWS_ACCESS_KEY_ID: undefined, AWS_PROFILE: undefined };

describe('a game day that would run into a blackout or a blocked window is refused, not only one that starts in it', () => {
  it('schedule list skips a slot that a blackout, a blocked window or the end of an allowed window cuts into, naming the window', async () => {
    const { file } = await catalogScheduleWith('    blockedWindows: ["Tue:15:24-Tue:16:00"]\n'); // Tuesday: runs into it in its last minute
    // Monday: 15:00 + PT25M runs into a blackout from 15:20.
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace('        reason: release window\n', '        reason: release window\n      - from: "2026-11-02T15:20:00Z"\n        to: "2026-11-02T17:00:00Z"\n        reason: payments release\n'));
    const r = await runCli(['schedule', 'list', file, '--now', '2026-11-01T00:00:00Z', '--count', '5', '--json'], { env: offline });
    expect(r.code, r.stderr).toBe(0);
    const next = JSON.parse(r.stdout).schedules[0].next as { at: string; blackout?: { from: string; to: string; reason?: string } }[];
    expect(next.find((o) => o.at === '2026-11-02T15:00:00.000Z')!.blackout).toEqual({
      from: '2026-11-02T15:20:00Z',
      to: '2026-11-02T17:00:00Z',
      reason: 'payments release; the game day would run into it: it takes up to PT25M (fault + watch), until 2026-11-02T15:25:00.000Z',
    });
    expect(next.find((o) => o.at === '2026-11-03T15:00:00.000Z')!.blackout).toEqual({
      from: '2026-11-03T15:24:00.000Z',
      to: '2026-11-03T16:00:00.000Z',
      reason: 'blockedWindows Tue:15:24-Tue:16:00 (UTC); the game day would run into it: it takes up to PT25M (fault + watch), until 2026-11-03T15:25:00.000Z',
    });
    // Wednesday 15:00 sits in the fixture's own release window (from its start), Thursday and Friday are clear.
    expect(next.find((o) => o.at === '2026-11-04T15:00:00.000Z')!.blackout!.reason).toBe('release window');
    expect(next.filter((o) => !o.blackout).map((o) => o.at)).toEqual(['2026-11-05T15:00:00.000Z', '2026-11-06T15:00:00.000Z']);
    // The text names the window too.
    const plain = await runCli(['schedule', 'list', file, '--now', '2026-11-01T00:00:00Z'], { env: offline });
    expect(plain.stdout).toContain('(2026-11-03T15:00:00.000Z)  SKIPPED: blackout 2026-11-03T15:24:00.000Z → 2026-11-03T16:00:00.000Z (blockedWindows Tue:15:24-Tue:16:00 (UTC); the game day would run into it');
  });

  it('a slot that would leave its allowed window before it ends is skipped', async () => {
    const { file } = await catalogScheduleWith('    allowedWindows: ["Mon:14:00-Mon:15:20", "Tue:14:00-Tue:16:00"]\n');
    const r = await runCli(['schedule', 'list', file, '--now', '2026-11-01T00:00:00Z', '--count', '2', '--json'], { env: offline });
    const next = JSON.parse(r.stdout).schedules[0].next as { at: string; blackout?: { from: string; to: string; reason?: string } }[];
    expect(next[0]).toMatchObject({ at: '2026-11-02T15:00:00.000Z', blackout: { from: '2026-11-02T15:20:00.000Z', to: '2026-11-03T14:00:00.000Z' } });
    expect(next[0]!.blackout!.reason).toMatch(/^outside allowedWindows Mon:14:00-Mon:15:20, Tue:14:00-Tue:16:00 \(UTC\); the game day would run into it/);
    expect(next[1]).toEqual({ at: '2026-11-03T15:00:00.000Z', local: '2026-11-03T10:00:00-05:00' });
  });

  it('schedule due and run-due refuse it; one starting late is checked from now, when it would actually start', async () => {
    const { dir, file } = await catalogScheduleWith('    blockedWindows: ["Mon:15:30-Mon:16:30"]\n');
    const reports = await mkdtemp(join(tmpdir(), 'gameday-slot-reports-'));
    // On time (15:00 → 15:25) it fits before 15:30: due.
    const onTime = await runCli(['schedule', 'due', file, '--now', '2026-11-02T15:00:00Z', '--reports-dir', reports, '--json'], { env: offline });
    expect(JSON.parse(onTime.stdout).entries).toMatchObject([{ state: 'due' }]);
    // Ten minutes late it would run 15:10 → 15:35, into the blocked window.
    const late = await runCli(['schedule', 'due', file, '--now', '2026-11-02T15:10:00Z', '--reports-dir', reports, '--json'], { env: offline });
    expect(late.code, late.stderr).toBe(0);
    expect(JSON.parse(late.stdout).entries).toEqual([
      expect.objectContaining({
        state: 'blackout',
        occurrence: expect.objectContaining({
          at: '2026-11-02T15:00:00.000Z',
          blackout: { from: '2026-11-02T15:30:00.000Z', to: '2026-11-02T16:30:00.000Z', reason: 'blockedWindows Mon:15:30-Mon:16:30 (UTC); the game day would run into it: it takes up to PT25M (fault + watch), until 2026-11-02T15:35:00.000Z' },
        }),
      }),
    ]);
    const run = await runCli(['schedule', 'run-due', dir, '--now', '2026-11-02T15:10:00Z', '--reports-dir', reports, '--sandbox', '--yes'], { env: offline, timeoutMs: 60_000 });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('catalog-daily-newyork @ 2026-11-02T10:00:00-05:00: skipped, blackout 2026-11-02T15:30:00.000Z → 2026-11-02T16:30:00.000Z (blockedWindows Mon:15:30-Mon:16:30 (UTC); the game day would run into it');
    expect(run.stderr).not.toContain('starting catalog-daily-newyork');
  }, 90_000);
});
