import { copyFile, lstat, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { fixtureReportsDir } from '../helpers/fixture-runs.js';

async function victim(): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'gameday-victim-')), 'victim.txt');
  await writeFile(path, 'precious\n');
  return path;
}

describe('report writes never follow a symlink out of the reports directory', () => {
  it('report render: a planted report.html.tmp or report.html symlink is not written through', async () => {
    const { runDirs } = await fixtureReportsDir(['late-detection']);
    const dir = runDirs['late-detection']!;
    const viaTmp = await victim();
    const viaReport = await victim();
    await symlink(viaTmp, join(dir, 'report.html.tmp'));
    await symlink(viaReport, join(dir, 'report.md'));
    const r = await runCli(['report', 'render', dir]);
    expect(r.code).toBe(1);
    expect(await readFile(viaTmp, 'utf8')).toBe('precious\n');
    expect(await readFile(viaReport, 'utf8')).toBe('precious\n');
    expect((await lstat(join(dir, 'report.md'))).isFile()).toBe(true);
    expect(await readFile(join(dir, 'report.html'), 'utf8')).toMatch(/<html/);
    // no temporary file is left behind
    expect((await readdir(dir)).filter((f) => f.endsWith('.tmp') && f !== 'report.html.tmp')).toEqual([]);
  });

  it('report index: a planted index.html.tmp symlink is not written through', async () => {
    const { reportsDir } = await fixtureReportsDir(['late-detection']);
    const target = await victim();
    await symlink(target, join(reportsDir, 'index.html.tmp'));
    const r = await runCli(['report', 'index', '--reports-dir', reportsDir]);
    expect(r.code).toBe(0);
    expect(await readFile(target, 'utf8')).toBe('precious\n');
    expect(await readFile(join(reportsDir, 'index.html'), 'utf8')).toMatch(/<html/);
  });
});

describe('appends (notes, marks, approvals) never follow a symlink out of the reports directory', () => {
  it('note: a journal.jsonl that is a symlink to another journal is refused (exit 2) and the target is untouched', async () => {
    const { runDirs } = await fixtureReportsDir(['late-detection']);
    const dir = runDirs['late-detection']!;
    const elsewhere = join(await mkdtemp(join(tmpdir(), 'gameday-victim-')), 'journal.jsonl');
    await copyFile(join(dir, 'journal.jsonl'), elsewhere);
    const before = await readFile(elsewhere, 'utf8');
    await rm(join(dir, 'journal.jsonl'));
    await symlink(elsewhere, join(dir, 'journal.jsonl'));
    for (const args of [['note', dir, 'written through a link?'], ['mark', dir, 'detected']]) {
      const r = await runCli(args);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain('is a symbolic link: gameday does not write through links');
    }
    expect(await readFile(elsewhere, 'utf8')).toBe(before);
  });

  it('approve: an approvals.jsonl that is a symlink is refused (exit 2) and the target is untouched', async () => {
    const work = await mkdtemp(join(tmpdir(), 'gameday-approve-'));
    const file = join(work, 'orders.yaml');
    await writeFile(file, (await readFile(join(ROOT, 'scenarios/orders-ecs-task-kill.yaml'), 'utf8')).replace(/\n {2}sandbox:\n {4}world: \S+\n?/, '\n').replace('\nspec:\n', '\nspec:\n  gameDay:\n    approvals: [priya]\n'));
    const reportsDir = join(work, 'reports');
    await mkdir(join(reportsDir, 'orders-ecs-task-kill'), { recursive: true });
    const target = await victim();
    await symlink(target, join(reportsDir, 'orders-ecs-task-kill', 'approvals.jsonl'));
    const r = await runCli(['approve', file, '--by', 'priya', '--reports-dir', reportsDir]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain('is a symbolic link: gameday does not write through links');
    expect(await readFile(target, 'utf8')).toBe('precious\n');
  });
});
