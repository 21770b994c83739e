import { cp, mkdtemp, readFile, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const SCENARIOS = 'test/fixtures/schedule/scenarios';
const REPORTS = 'test/fixtures/schedule/reports';

describe('gameday schedule list', () => {
  it('lists next occurrences in each zone across DST, marks blackouts, skips worlds and unscheduled scenarios', async () => {
    const r = await runCli(['schedule', 'list', SCENARIOS, '--now', '2026-10-23T00:00:00Z', '--count', '3', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const listing = JSON.parse(r.stdout);
    const byName = Object.fromEntries(listing.schedules.map((s: { scenario: string }) => [s.scenario, s]));
    expect(Object.keys(byName).sort()).toEqual(['catalog-daily-newyork', 'orders-weekly-berlin']);
    expect(byName['orders-weekly-berlin'].next).toEqual([
      { at: '2026-10-25T00:30:00.000Z', local: '2026-10-25T02:30:00+02:00' }, // fall-back night: 02:30 CEST, once
      { at: '2026-11-01T01:30:00.000Z', local: '2026-11-01T02:30:00+01:00', blackout: { from: '2026-11-01', to: '2026-11-01', reason: 'migration weekend' } },
      { at: '2026-11-08T01:30:00.000Z', local: '2026-11-08T02:30:00+01:00' },
    ]);
    expect(byName['catalog-daily-newyork'].window).toBe('PT30M');
    expect(listing.unscheduled).toEqual([`${SCENARIOS}/unscheduled.yaml`]);
    expect(listing.problems).toEqual([]);
  });

  it('prints text for people, with SKIPPED occurrences', async () => {
    const r = await runCli(['schedule', 'list', SCENARIOS, '--now', '2026-10-30T00:00:00Z', '--count', '2']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('orders-weekly-berlin');
    expect(r.stdout).toMatch(/2026-11-01T02:30:00\+01:00 .*SKIPPED: blackout 2026-11-01 → 2026-11-01 \(migration weekend\)/);
  });

  it('refuses a --now without a zone (exit 2, no stack trace)', async () => {
    const r = await runCli(['schedule', 'list', SCENARIOS, '--now', '2026-10-23 10:00']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--now 2026-10-23 10:00: not an ISO 8601 date-time with a zone');
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('gameday schedule due', () => {
  it('an occurrence journaled in reports/ is already run; exit 0', async () => {
    const r = await runCli(['schedule', 'due', SCENARIOS, '--now', '2026-10-25T00:45:00Z', '--reports-dir', REPORTS, '--json']);
    expect(r.code, r.stderr).toBe(0);
    const { entries } = JSON.parse(r.stdout);
    expect(entries).toEqual([
      expect.objectContaining({ scenario: 'orders-weekly-berlin', state: 'already-run', runDir: `${REPORTS}/orders-weekly-berlin/20261025T003012Z-f00d01` }),
    ]);
  });

  it('without a journal the same occurrence is due; with nothing in window, nothing is due', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'gameday-due-'));
    const due = await runCli(['schedule', 'due', SCENARIOS, '--now', '2026-10-25T00:45:00Z', '--reports-dir', empty]);
    expect(due.code, due.stderr).toBe(0);
    expect(due.stdout).toContain('orders-weekly-berlin @ 2026-10-25T02:30:00+02:00: DUE (until 2026-10-25T01:30:00.000Z)');
    const none = await runCli(['schedule', 'due', SCENARIOS, '--now', '2026-10-25T06:00:00Z', '--reports-dir', empty]);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('nothing is due');
  });

  it('an exact date-time blackout skips the New York occurrence it covers', async () => {
    const r = await runCli(['schedule', 'due', SCENARIOS, '--now', '2026-11-04T15:10:00Z', '--reports-dir', REPORTS, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).entries).toEqual([expect.objectContaining({ scenario: 'catalog-daily-newyork', state: 'blackout' })]);
  });
});

describe('gameday schedule run-due', () => {
  it('nothing due: exit 0 without --yes', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'gameday-run-due-'));
    const r = await runCli(['schedule', 'run-due', SCENARIOS, '--now', '2026-10-25T06:00:00Z', '--reports-dir', empty, '--sandbox']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('nothing is due');
  });

  it('something due and no --yes: refused with exit 2, nothing claimed', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'gameday-run-due-'));
    const r = await runCli(['schedule', 'run-due', SCENARIOS, '--now', '2026-10-25T00:45:00Z', '--reports-dir', empty, '--sandbox']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('refusing to start 1 game day(s) without --yes: orders-weekly-berlin @ 2026-10-25T00:30:00.000Z');
    expect(await readdir(join(empty, '.schedule'))).toEqual([]);
  });

  it('two real run-due processes at once: each due occurrence is started by exactly one of them', async () => {
    const reports = await mkdtemp(join(tmpdir(), 'gameday-race-'));
    // 2026-11-02T15:10Z: catalog (10:00 New York = 15:00Z, window PT30M) is due; the Berlin one is not.
    const args = ['schedule', 'run-due', SCENARIOS, '--now', '2026-11-02T15:10:00Z', '--reports-dir', reports, '--sandbox', '--yes', '--json'];
    const [a, b] = await Promise.all([runCli(args, { timeoutMs: 120_000 }), runCli(args, { timeoutMs: 120_000 })]);
    const entries = [...JSON.parse(a.stdout).entries, ...JSON.parse(b.stdout).entries] as { scenario: string; state: string; outcome?: string }[];
    expect(entries.map((e) => e.scenario)).toEqual(['catalog-daily-newyork', 'catalog-daily-newyork']);
    // Both processes' answers, should the race ever go the wrong way (a rare failure under load).
    const seen = JSON.stringify({ a: [a.stdout, a.stderr.slice(-1500)], b: [b.stdout, b.stderr.slice(-1500)] });
    expect(entries.filter((e) => e.outcome !== undefined), seen).toHaveLength(1); // started once…
    // …and skipped by the other: 'claimed' while the first holds its claim, or 'already-run' once the
    // first's run journal exists (dueEntries checks journals first), whichever instant the second reads at.
    expect(entries.filter((e) => e.state === 'claimed' || e.state === 'already-run'), seen).toHaveLength(1);
    expect(await readdir(join(reports, '.schedule', 'claims', 'catalog-daily-newyork'))).toEqual(['20261102T150000Z.json']);
  });
});

describe('gameday schedule export', () => {
  it('--ics writes a calendar with CRLF lines and one VEVENT per non-blacked-out occurrence', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'gameday-ics-')), 'gamedays.ics');
    const r = await runCli(['schedule', 'export', SCENARIOS, '--ics', '--from', '2026-10-26T00:00:00Z', '--days', '14', '--out', out, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ format: 'ics', events: 10, out });
    const ics = await readFile(out, 'utf8');
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(10); // 10 weekdays in New York minus the 4 Nov blackout, + 2 Berlin Sundays minus 1 Nov
    expect(ics).toContain('UID:20261108T013000Z-orders-weekly-berlin@gameday');
    expect(ics).not.toContain('DTSTART:20261101T013000Z');
    expect(ics).not.toContain('DTSTART:20261104T150000Z');
  });

  it('--eventbridge prints a CloudFormation template with one schedule per scheduled scenario', async () => {
    const r = await runCli(['schedule', 'export', SCENARIOS, '--eventbridge']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('AWSTemplateFormatVersion: "2010-09-09"');
    const template = parse(r.stdout) as { Resources: Record<string, { Type: string; Properties: Record<string, unknown> }> };
    const schedules = Object.values(template.Resources).filter((res) => res.Type === 'AWS::Scheduler::Schedule');
    expect(schedules.map((s) => [s.Properties.ScheduleExpression, s.Properties.ScheduleExpressionTimezone])).toEqual([
      ['cron(0 10 ? * MON-FRI *)', 'America/New_York'],
      ['cron(30 2 ? * SUN *)', 'Europe/Berlin'],
    ]);
  });

  it('--eventbridge names scenarios relative to the repository root, even when given absolute paths', async () => {
    const r = await runCli(['schedule', 'export', `${ROOT}${SCENARIOS}/catalog-daily-newyork.yaml`, '--eventbridge', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`\\"command\\":[\\"gameday\\",\\"schedule\\",\\"run-due\\",\\"${SCENARIOS}/catalog-daily-newyork.yaml\\",\\"--yes\\"]`);
    // A fresh directory is never above the checkout, wherever the checkout is (CI clones under /tmp).
    const elsewhere = await mkdtemp(join(tmpdir(), 'gameday-elsewhere-'));
    const outside = await runCli(['schedule', 'export', `${ROOT}${SCENARIOS}`, '--eventbridge'], { cwd: elsewhere });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain(`outside ${elsewhere}`);
  });

  it('--eventbridge --format json writes JSON; --days with --eventbridge is a usage error', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'gameday-cfn-')), 'template.json');
    const r = await runCli(['schedule', 'export', SCENARIOS, '--eventbridge', '--format', 'json', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(await readFile(out, 'utf8')).AWSTemplateFormatVersion).toBe('2010-09-09');
    const bad = await runCli(['schedule', 'export', SCENARIOS, '--eventbridge', '--days', '3']);
    expect(bad.code).toBe(2);
  });

  it('refuses to export while a scenario is invalid, naming the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gameday-export-'));
    await cp(SCENARIOS, dir, { recursive: true });
    const broken = join(dir, 'orders-weekly-berlin.yaml');
    await writeFile(broken, (await readFile(broken, 'utf8')).replace('timezone: Europe/Berlin', 'timezone: Europe/Atlantis'));
    const r = await runCli(['schedule', 'export', dir, '--ics']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot export while scenarios are invalid');
    expect(r.stderr).toMatch(new RegExp(`${broken}:\\d+:\\d+: .*Europe/Atlantis`));
  });
});
