import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

// An invalid file in the folder must not turn a scheduled job red unless it is itself scheduled.
const FIXTURES = join(ROOT, 'test/fixtures/schedule/scenarios');

async function folderWith(extra: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gameday-scope-'));
  await cp(FIXTURES, dir, { recursive: true });
  for (const [name, text] of Object.entries(extra)) await writeFile(join(dir, name), text);
  return dir;
}

async function brokenUnscheduled(): Promise<string> {
  return (await readFile(join(FIXTURES, 'unscheduled.yaml'), 'utf8')).replace('name: unscheduled', 'name: broken-draft').replace('mode: stop-task', 'mode: stop-everything');
}

async function brokenScheduled(): Promise<string> {
  return (await readFile(join(FIXTURES, 'unscheduled.yaml'), 'utf8'))
    .replace('name: unscheduled', 'name: broken-scheduled')
    .replace('mode: stop-task', 'mode: stop-everything')
    .concat('  schedule:\n    cron: "0 9 * * MON"\n');
}

const DUE_NOW = ['--now', '2026-10-25T00:45:00Z'];

describe('schedule commands and invalid files that are not scheduled', () => {
  it('schedule list: an invalid unscheduled file is a warning, exit 0', async () => {
    const dir = await folderWith({ 'draft.yaml': await brokenUnscheduled() });
    const r = await runCli(['schedule', 'list', dir, ...DUE_NOW, '--json']);
    expect(r.code, r.stdout).toBe(0);
    const listing = JSON.parse(r.stdout);
    expect(listing.problems).toEqual([]);
    expect(listing.warnings).toEqual([expect.objectContaining({ file: join(dir, 'draft.yaml'), message: expect.stringContaining('stop-everything') })]);
    const text = await runCli(['schedule', 'list', dir, ...DUE_NOW]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/Warnings \(not scheduled, not run\):\n  .*draft\.yaml:\d+:\d+/);
  });

  it('schedule due: exit 0 with an invalid unscheduled file, as docs/schedule.md promises', async () => {
    const dir = await folderWith({ 'draft.yaml': await brokenUnscheduled() });
    const empty = await mkdtemp(join(tmpdir(), 'gameday-scope-reports-'));
    const r = await runCli(['schedule', 'due', dir, ...DUE_NOW, '--reports-dir', empty, '--json']);
    expect(r.code, r.stdout).toBe(0);
    expect(JSON.parse(r.stdout).entries).toEqual([expect.objectContaining({ scenario: 'orders-weekly-berlin', state: 'due' })]);
  });

  it('schedule run-due: nothing due and an invalid unscheduled file is exit 0', async () => {
    const dir = await folderWith({ 'draft.yaml': await brokenUnscheduled() });
    const empty = await mkdtemp(join(tmpdir(), 'gameday-scope-reports-'));
    const r = await runCli(['schedule', 'run-due', dir, '--now', '2026-10-25T06:00:00Z', '--reports-dir', empty, '--sandbox', '--yes']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('nothing is due');
    expect(r.stdout).toContain('draft.yaml');
  });

  it('schedule run-due: the due game day passes beside an invalid unscheduled file — exit 0, not 2', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gameday-scope-'));
    await writeFile(join(dir, 'draft.yaml'), await brokenUnscheduled());
    const reports = await mkdtemp(join(tmpdir(), 'gameday-scope-reports-'));
    // orders-ecs-task-kill: "15 9 5 * *" UTC, window PT1H.
    const args = ['schedule', 'run-due', 'scenarios/orders-ecs-task-kill.yaml', dir, '--now', '2026-12-05T09:20:00Z', '--reports-dir', reports, '--sandbox', '--yes', '--json'];
    const r = await runCli(args, { timeoutMs: 300_000, env: { GAMEDAY_AWS_RETRY_DELAY_MS: '0' } });
    const report = JSON.parse(r.stdout);
    expect(report.entries).toEqual([expect.objectContaining({ scenario: 'orders-ecs-task-kill', outcome: 'passed' })]);
    expect(report.warnings).toHaveLength(1);
    expect(report.exitCode).toBe(0);
    expect(r.code, r.stderr).toBe(0);
  });

  it('a YAML file too broken to read counts as unscheduled unless its text names a schedule', async () => {
    const dir = await folderWith({ 'notes.yaml': 'apiVersion: gameday/v1\nkind: GameDay\nspec: [unclosed\n' });
    const r = await runCli(['schedule', 'list', dir, ...DUE_NOW]);
    expect(r.code, r.stdout).toBe(0);
    const scheduled = await folderWith({ 'notes.yaml': 'apiVersion: gameday/v1\nkind: GameDay\nspec:\n  schedule: [unclosed\n' });
    expect((await runCli(['schedule', 'list', scheduled, ...DUE_NOW])).code).toBe(2);
  });
});

describe('schedule commands and an invalid scheduled file', () => {
  it('schedule list and due: exit 2, the valid schedules still listed', async () => {
    const dir = await folderWith({ 'bad.yaml': await brokenScheduled() });
    const list = await runCli(['schedule', 'list', dir, ...DUE_NOW, '--json']);
    expect(list.code).toBe(2);
    const listing = JSON.parse(list.stdout);
    expect(listing.problems).toEqual([expect.objectContaining({ file: join(dir, 'bad.yaml') })]);
    expect(listing.schedules.map((s: { scenario: string }) => s.scenario).sort()).toEqual(['catalog-daily-newyork', 'orders-weekly-berlin']);
    const empty = await mkdtemp(join(tmpdir(), 'gameday-scope-reports-'));
    const due = await runCli(['schedule', 'due', dir, ...DUE_NOW, '--reports-dir', empty]);
    expect(due.code).toBe(2);
    expect(due.stdout).toMatch(/Problems \(scheduled, cannot run\):\n  .*bad\.yaml/);
  });

  it('schedule run-due: nothing else due, exit 2 (a scheduled game day cannot run)', async () => {
    const dir = await folderWith({ 'bad.yaml': await brokenScheduled() });
    const empty = await mkdtemp(join(tmpdir(), 'gameday-scope-reports-'));
    const r = await runCli(['schedule', 'run-due', dir, '--now', '2026-10-25T06:00:00Z', '--reports-dir', empty, '--sandbox', '--yes']);
    expect(r.code).toBe(2);
  });
});
