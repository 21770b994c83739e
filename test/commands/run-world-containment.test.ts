import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

const WORLD = join(ROOT, 'scenarios/worlds/catalog-cpu.yaml');

/** The catalog scenario in a fresh repository (a folder with .git) with its runbook; `world` replaces its spec.sandbox.world (null: none). */
async function repositoryWith(world: string | null): Promise<{ dir: string; file: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'gameday-run-world-'));
  await mkdir(join(dir, '.git'));
  await mkdir(join(dir, 'scenarios', 'worlds'), { recursive: true });
  await mkdir(join(dir, 'runbooks'));
  await writeFile(join(dir, 'scenarios', 'worlds', 'catalog-cpu.yaml'), await readFile(WORLD, 'utf8'));
  await writeFile(join(dir, 'runbooks', 'catalog-cpu.md'), await readFile(join(ROOT, 'runbooks/catalog-cpu.md'), 'utf8'));
  const text = (await readFile(join(ROOT, 'scenarios/catalog-cpu-stress.yaml'), 'utf8')).replace(/\n {2}sandbox:\n {4}world: worlds\/catalog-cpu.yaml\n?/, world === null ? '\n' : `\n  sandbox:\n    world: ${JSON.stringify(world)}\n`);
  const file = join(dir, 'scenarios', 'catalog.yaml');
  await writeFile(file, text);
  return { dir, file };
}

/** A valid world file outside any repository the scenario is in. */
async function outsideWorld(): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'gameday-elsewhere-')), 'world.yaml');
  await writeFile(file, await readFile(WORLD, 'utf8'));
  return file;
}

const run = (dir: string, file: string, extra: string[] = []) => runCli(['run', file, '--sandbox', '--reports-dir', join(dir, 'reports'), ...extra], { cwd: dir, timeoutMs: 150_000 });

describe('run --sandbox reads a world a file names only from inside that file’s repository', () => {
  it('gameday.config.yaml’s world outside the repository is refused (exit 2, file:line), before any sandbox starts', async () => {
    const { dir, file } = await repositoryWith(null);
    const elsewhere = await outsideWorld();
    await writeFile(join(dir, 'gameday.config.yaml'), `# team defaults\nworld: ${JSON.stringify(elsewhere)}\n`);
    const r = await run(dir, file);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'gameday.config.yaml')}:2:8: sandbox world ${JSON.stringify(elsewhere)} is outside ${dir}`);
    expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+\)/);
  });

  it('the scenario’s world through a symlink that leaves the repository is refused (exit 2, the scenario’s line)', async () => {
    const { dir, file } = await repositoryWith('worlds/linked.yaml');
    await symlink(await outsideWorld(), join(dir, 'scenarios', 'worlds', 'linked.yaml'));
    const r = await run(dir, file);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(2);
    expect(r.stderr).toMatch(/WORLD_OUTSIDE[\s\S]*once its symlinks are followed/);
  });

  it('a scenario’s world that does not exist: exit 2 at the scenario’s line, and the hint says how to write one', async () => {
    const { dir, file } = await repositoryWith('worlds/mine.yaml');
    const r = await run(dir, file);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(2);
    expect(r.stderr).toContain(`${file}:73:12: sandbox world "worlds/mine.yaml" (${join(dir, 'scenarios', 'worlds', 'mine.yaml')}) does not exist; nothing was started`);
    expect(r.stderr).toContain(`hint: write it with gameday world init ${file} --out ${join(dir, 'scenarios', 'worlds', 'mine.yaml')}, or fix the path; or name a world with --world`);
  });

  it('the scenario’s world a FIFO in the repository: refused as not a regular file, never opened (no hang)', async () => {
    const { dir, file } = await repositoryWith('worlds/fifo.yaml');
    execFileSync('mkfifo', [join(dir, 'scenarios', 'worlds', 'fifo.yaml')]);
    const r = await run(dir, file);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(2);
    expect(r.stderr).toContain(`${file}:73:12: sandbox world "worlds/fifo.yaml" (${join(dir, 'scenarios', 'worlds', 'fifo.yaml')}) is not a regular file; nothing was started`);
  });
});

describe('run --sandbox --world: the user’s own choice, but only a regular file of bounded size', () => {
  it('a world outside the repository, named on the command line, is used', async () => {
    const { dir, file } = await repositoryWith(null);
    const r = await run(dir, file, ['--world', await outsideWorld(), '--json']);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ mode: 'sandbox', passed: true });
  });

  it('a --world in which no resource matches the fault\'s targets is refused at the scenario\'s line before anything starts (exit 2), not "no resources found" after it', async () => {
    const { dir, file } = await repositoryWith(null);
    const elsewhere = await outsideWorld();
    await writeFile(elsewhere, (await readFile(elsewhere, 'utf8')).replaceAll('Env: prod', 'Env: staging'));
    const r = await run(dir, file, ['--world', elsewhere]);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(2);
    const line = (await readFile(file, 'utf8')).split('\n').findIndex((l) => l.includes('Service: catalog')) + 1;
    expect(r.stderr).toContain(`${file}:${line - 1}:7: no resource in the world ${elsewhere} matches the instances {"Service":"catalog","Env":"prod"}; nothing was started`);
    expect(r.stderr).not.toContain('Target resolution failed');
  });

  it.each([['/proc/self/environ', 'this is not a file on disk (it reports a size of 0 but has content'], ['/dev/zero', 'this is not a regular file (a pipe, socket or device)']])('--world %s is refused (exit 2) without reading it', async (path, says) => {
    const { dir, file } = await repositoryWith(null);
    const r = await run(dir, file, ['--world', path]);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(2);
    expect(r.stderr).toContain(says);
  });

  it('--world a FIFO is refused without opening it', async () => {
    const { dir, file } = await repositoryWith(null);
    const fifo = join(dir, 'world.fifo');
    execFileSync('mkfifo', [fifo]);
    const r = await run(dir, file, ['--world', fifo]);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(2);
    expect(r.stderr).toContain('NOT_A_FILE');
  });

  it('--world over 1 MiB is refused', async () => {
    const { dir, file } = await repositoryWith(null);
    const big = join(dir, 'big.yaml');
    await writeFile(big, `# ${'x'.repeat(2 * 1024 * 1024)}\n`);
    const r = await run(dir, file, ['--world', big]);
    expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(2);
    expect(r.stderr).toContain('FILE_TOO_LARGE');
  });
});
