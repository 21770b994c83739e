import { lstat, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
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
