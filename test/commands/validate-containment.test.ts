import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

/** A copy of the catalog scenario in a fresh folder (a repository when `git`), its runbook path replaced. */
async function scenarioWith(runbookPath: string, options: { git?: boolean } = {}): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'gameday-contain-'));
  if (options.git) await mkdir(join(dir, '.git'));
  await mkdir(join(dir, 'scenarios', 'worlds'), { recursive: true });
  await mkdir(join(dir, 'runbooks'));
  await writeFile(join(dir, 'scenarios', 'worlds', 'catalog-cpu.yaml'), await readFile(join(ROOT, 'scenarios/worlds/catalog-cpu.yaml'), 'utf8'));
  await writeFile(join(dir, 'runbooks', 'catalog-cpu.md'), await readFile(join(ROOT, 'runbooks/catalog-cpu.md'), 'utf8'));
  const text = (await readFile(join(ROOT, 'scenarios/catalog-cpu-stress.yaml'), 'utf8')).replace('path: runbooks/catalog-cpu.md', `path: ${JSON.stringify(runbookPath)}`);
  const file = join(dir, 'scenarios', 'catalog.yaml');
  await writeFile(file, text);
  return { dir, file };
}

describe('validate reads only the scenario’s own files (no file-content oracle)', () => {
  it('refuses a runbook outside the scenario’s folder (/proc/self/environ) without saying what it contains', async () => {
    const { file } = await scenarioWith('/proc/self/environ');
    const r = await runCli(['validate', file], { cwd: ROOT });
    expect(r.code).toBe(2);
    expect(`${r.stdout}${r.stderr}`).toContain('RUNBOOK_OUTSIDE');
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/does not mention/);
  });

  it('refuses a runbook symlink that leaves the repository', async () => {
    const outside = join(await mkdtemp(join(tmpdir(), 'gameday-secret-')), 'secret.md');
    await writeFile(outside, 'catalog-cpu-high\n');
    const { dir, file } = await scenarioWith('runbooks/linked.md', { git: true });
    await symlink(outside, join(dir, 'runbooks', 'linked.md'));
    const r = await runCli(['validate', file], { cwd: dir });
    expect(r.code).toBe(2);
    expect(`${r.stdout}${r.stderr}`).toMatch(/RUNBOOK_OUTSIDE[\s\S]*once its symlinks are followed/);
  });

  it('refuses a runbook that is not a regular file of bounded size', async () => {
    const { dir, file } = await scenarioWith('runbooks/huge.md', { git: true });
    await writeFile(join(dir, 'runbooks', 'huge.md'), 'x'.repeat(2 * 1024 * 1024));
    const r = await runCli(['validate', file], { cwd: dir });
    expect(r.code).toBe(2);
    expect(`${r.stdout}${r.stderr}`).toMatch(/RUNBOOK_OUTSIDE[\s\S]*bytes, more than/);
  });

  it('refuses a sandbox world outside the repository, or a symlink leaving it, before reading it', async () => {
    const outside = join(await mkdtemp(join(tmpdir(), 'gameday-secret-')), 'world.yaml');
    await writeFile(outside, await readFile(join(ROOT, 'scenarios/worlds/catalog-cpu.yaml'), 'utf8'));
    for (const world of ['/etc/passwd', '../../../../../../etc/passwd', 'worlds/linked.yaml']) {
      const { dir, file } = await scenarioWith('runbooks/catalog-cpu.md', { git: true });
      await writeFile(file, (await readFile(file, 'utf8')).replace('world: worlds/catalog-cpu.yaml', `world: ${JSON.stringify(world)}`));
      await symlink(outside, join(dir, 'scenarios', 'worlds', 'linked.yaml'));
      const r = await runCli(['validate', file], { cwd: dir });
      expect(r.code, world).toBe(2);
      expect(`${r.stdout}${r.stderr}`, world).toContain('WORLD_OUTSIDE');
      expect(`${r.stdout}${r.stderr}`, world).not.toMatch(/root:|NOT_A_MAPPING/);
    }
  });

  it('accepts the runbook in the repository above the scenario, as before', async () => {
    const { dir, file } = await scenarioWith('runbooks/catalog-cpu.md', { git: true });
    const r = await runCli(['validate', file], { cwd: dir });
    expect(r.stdout + r.stderr).not.toMatch(/RUNBOOK_/);
    expect(r.code).toBe(0);
  });
});
