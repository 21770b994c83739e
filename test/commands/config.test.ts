import { cp, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { journals } from '../fixtures/journals/index.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { writeRun } from '../helpers/fixture-runs.js';

/** A team's repository: .git at its root, gameday.config.yaml beside it, scenarios and runs inside. */
async function teamRepo(config: string): Promise<string> {
  const repo = await mkdtemp(join(tmpdir(), 'gameday-config-'));
  await mkdir(join(repo, '.git'));
  await cp(join(ROOT, 'test/fixtures/schedule/scenarios'), join(repo, 'scenarios'), { recursive: true });
  await cp(join(ROOT, 'test/fixtures/schedule/reports'), join(repo, 'var/runs'), { recursive: true });
  await mkdir(join(repo, 'services/orders'), { recursive: true });
  await writeFile(join(repo, 'gameday.config.yaml'), config);
  return repo;
}

const DUE_AT = ['--now', '2026-10-25T00:45:00Z'];

describe('gameday.config.yaml', () => {
  it('sets the reports directory for every command, from any directory below the repository root; --json names the file', async () => {
    const repo = await teamRepo('reportsDir: var/runs\nowners: ["@acme/orders-sre"]\nrepositoryUrl: https://github.com/acme/shop\n');
    const r = await runCli(['schedule', 'due', '../../scenarios', ...DUE_AT, '--json'], { cwd: join(repo, 'services/orders') });
    expect(r.code, r.stderr).toBe(0);
    const listing = JSON.parse(r.stdout);
    expect(listing.configFile).toBe(join(repo, 'gameday.config.yaml'));
    expect(listing.entries).toEqual([expect.objectContaining({ scenario: 'orders-weekly-berlin', state: 'already-run' })]);
    const runDir = await writeRun(join(repo, 'var/runs'), journals['multi-az-pass']!());
    const note = await runCli(['note', '20261126T100000Z-a1b2c3', 'paged the DB on-call', '--json'], { cwd: join(repo, 'services/orders') });
    expect(note.code, note.stderr).toBe(0);
    expect(JSON.parse(note.stdout)).toMatchObject({ type: 'note', text: 'paged the DB on-call', configFile: join(repo, 'gameday.config.yaml') });
    expect(await readFile(join(runDir, 'journal.jsonl'), 'utf8')).toContain('paged the DB on-call');
    const show = await runCli(['report', 'show', '20261126T100000Z-a1b2c3'], { cwd: repo });
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain('paged the DB on-call');
  });

  it('a flag overrides the file', async () => {
    const repo = await teamRepo('reportsDir: var/runs\n');
    const empty = await mkdtemp(join(tmpdir(), 'gameday-empty-'));
    const r = await runCli(['schedule', 'due', 'scenarios', ...DUE_AT, '--reports-dir', empty, '--json'], { cwd: repo });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).entries).toEqual([expect.objectContaining({ scenario: 'orders-weekly-berlin', state: 'due' })]);
  });

  it('an empty config file sets nothing', async () => {
    const repo = await teamRepo('');
    const r = await runCli(['schedule', 'due', 'scenarios', ...DUE_AT, '--json'], { cwd: repo });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).configFile).toBe(join(repo, 'gameday.config.yaml'));
  });

  it('without a config file nothing changes: reports/ and no configFile', async () => {
    const repo = await teamRepo('reportsDir: var/runs\n');
    const bare = await mkdtemp(join(tmpdir(), 'gameday-bare-'));
    await mkdir(join(bare, '.git'));
    await cp(join(repo, 'scenarios'), join(bare, 'scenarios'), { recursive: true });
    const r = await runCli(['schedule', 'due', 'scenarios', ...DUE_AT, '--json'], { cwd: bare });
    expect(r.code, r.stderr).toBe(0);
    const listing = JSON.parse(r.stdout);
    expect(listing).not.toHaveProperty('configFile');
    expect(listing.entries).toEqual([expect.objectContaining({ state: 'due' })]);
  });

  it('a misspelt setting is exit 2 at its line with a did-you-mean, before anything runs', async () => {
    const repo = await teamRepo('owners: [ana]\nreportDir: var/runs\n');
    const r = await runCli(['schedule', 'due', 'scenarios', ...DUE_AT], { cwd: repo });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(repo, 'gameday.config.yaml')}:2:1  error  UNKNOWN_FIELD  unknown setting "reportDir" — did you mean "reportsDir"?`);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('an invalid value names what is expected', async () => {
    const repo = await teamRepo('repositoryUrl: github.com/acme/shop\nowners: ana\n');
    const r = await runCli(['report', 'list', '--json'], { cwd: repo });
    expect(r.code).toBe(2);
    const { error } = JSON.parse(r.stdout);
    expect(error.message).toContain(':1:16  error  CONFIG_INVALID  repositoryUrl "github.com/acme/shop" is not a web address — e.g. https://github.com/acme/shop');
    expect(error.message).toContain(':2:9  error  CONFIG_INVALID  owners must be a list of names or handles');
  });

  it('world is the sandbox world of `run --sandbox` when the scenario names none; --world overrides it', async () => {
    const repo = await teamRepo('world: worlds/missing-world.yaml\n');
    const r = await runCli(['run', 'scenarios/unscheduled.yaml', '--sandbox', '--yes'], { cwd: repo });
    expect(r.stderr).toContain(join(repo, 'worlds/missing-world.yaml'));
    expect(r.code).not.toBe(0);
    const flag = await runCli(['run', 'scenarios/unscheduled.yaml', '--sandbox', '--yes', '--world', 'worlds/other.yaml'], { cwd: repo });
    expect(flag.stderr).toContain('worlds/other.yaml');
    expect(flag.stderr).not.toContain('missing-world');
  });

  it('owners: the action items of a game day whose scenario, game day and runbook name nobody go to the first owner', async () => {
    const repo = await teamRepo('owners: ["@acme/orders-sre", "@acme/platform"]\n');
    // The orders scenario with its owner taken out, beside its world and runbook (which names an owner only in prose).
    const scenario = (await readFile(join(ROOT, 'scenarios/orders-ecs-task-kill.yaml'), 'utf8')).replace(/^ {2}owner: .*\n/m, '').replace(/world: \S+/, 'world: orders-ecs.yaml');
    expect(scenario).not.toMatch(/^\s+owner:/m);
    await writeFile(join(repo, 'orders.yaml'), scenario);
    await cp(join(ROOT, 'scenarios/worlds/orders-ecs.yaml'), join(repo, 'orders-ecs.yaml'));
    await cp(join(ROOT, 'runbooks/orders-ecs.md'), join(repo, 'runbooks/orders-ecs.md'));
    const r = await runCli(['run', 'orders.yaml', '--sandbox', '--json'], { cwd: repo, env: { GAMEDAY_AWS_RETRY_DELAY_MS: '0' } });
    expect(r.code, r.stderr.slice(-2000)).toBe(0);
    const ran = JSON.parse(r.stdout) as { configFile: string; actionItems: { items: { owner?: string }[] } };
    expect(ran.configFile).toBe(join(repo, 'gameday.config.yaml'));
    expect(ran.actionItems.items.length).toBeGreaterThan(0);
    expect(ran.actionItems.items.map((i) => i.owner)).toEqual(ran.actionItems.items.map(() => '@acme/orders-sre'));
  }, 120_000);
});
