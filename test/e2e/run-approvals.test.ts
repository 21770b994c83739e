import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { WORLDS, fisState, journalOf, reportsDir, scaledSandboxFor, stopAfterEach } from './run-harness.js';

const stopped = stopAfterEach();

const GAME_DAY = `  gameDay:
    owner: orders-team
    coordinator: Ana
    reporter: Mei
    observers: [Ravi, Lee]
    approvals: [priya, sam]
`;

/** The orders scenario with roles and two required approvers, next to its world. */
async function scenarioWithApprovals(): Promise<{ file: string; text: string }> {
  const work = await mkdtemp(join(tmpdir(), 'gameday-approve-'));
  const file = join(work, 'orders.yaml');
  const text = (await readFile('scenarios/orders-ecs-task-kill.yaml', 'utf8')).replace(/world: \S+/, 'world: orders-ecs.yaml').replace('\nspec:\n', `\nspec:\n${GAME_DAY}`);
  await writeFile(file, text);
  await copyFile(WORLDS.orders, join(work, 'orders-ecs.yaml'));
  return { file, text };
}


describe('approvals before a run against AWS', () => {
  it('refuses until every approver approved this plan, runs once they have, and journals and reports who approved', async () => {
    const sandbox = stopped(await scaledSandboxFor(WORLDS.orders));
    const { file } = await scenarioWithApprovals();
    const dir = await reportsDir();

    const refused = await runCli(['run', file, '--endpoint-url', sandbox.url, '--yes', '--reports-dir', dir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('not approved by priya, sam');
    expect(refused.stderr).toContain(`gameday approve ${file} --by <name>`);
    expect((await fisState(sandbox.url)).experiments).toHaveLength(0);
    expect(existsSync(join(dir, 'orders-ecs-task-kill'))).toBe(false);

    const stranger = await runCli(['approve', file, '--by', 'mallory', '--reports-dir', dir]);
    expect(stranger.code).toBe(2);
    expect(stranger.stderr).toContain('mallory is not an approver of orders-ecs-task-kill');

    const first = await runCli(['approve', file, '--by', 'priya', '--reports-dir', dir, '--json']);
    expect(first.code).toBe(0);
    expect(JSON.parse(first.stdout)).toMatchObject({ scenario: 'orders-ecs-task-kill', approval: { by: 'priya' }, missing: ['sam'] });
    const half = await runCli(['run', file, '--endpoint-url', sandbox.url, '--yes', '--reports-dir', dir]);
    expect(half.code).toBe(2);
    expect(half.stderr).toContain('not approved by sam');
    expect(half.stderr).toContain('approved so far: priya');

    const second = await runCli(['approve', file, '--by', 'sam', '--reports-dir', dir]);
    expect(second.stdout).toContain('every approver has approved');
    const ran = await runCli(['run', file, '--endpoint-url', sandbox.url, '--yes', '--json', '--reports-dir', dir]);
    expect(ran.code).toBe(0);
    const { runDir, planHash } = JSON.parse(ran.stdout) as { runDir: string; planHash: string };
    const started = (await journalOf(runDir)).find((e) => e.type === 'run-started');
    expect(started).toMatchObject({ approvals: [{ by: 'priya', planHash }, { by: 'sam', planHash }], plan: { gameDay: { coordinator: 'Ana', reporter: 'Mei', approvals: ['priya', 'sam'] } } });
    const md = await readFile(join(runDir, 'report.md'), 'utf8');
    expect(md).toContain('- **Roles:** owner orders-team, coordinator Ana, reporter Mei, observers Ravi, Lee');
    expect(md).toMatch(/- \*\*Approvals:\*\* priya \(\d{4}-\d\d-\d\dT[^)]+\), sam \(/);
    // The endpoint is a standalone sandbox, and it says so (issue 14 §5): approvals were still required, and the run is a rehearsal.
    expect(md).toContain('> **SIMULATION — a sandbox rehearsal, not production evidence**');
    const json = JSON.parse(await readFile(join(runDir, 'report.json'), 'utf8'));
    expect(json.people).toMatchObject({ simulation: true, roles: { coordinator: 'Ana' }, approvals: { required: ['priya', 'sam'], given: [{ by: 'priya' }, { by: 'sam' }] } });
  });

  it('asks again once the scenario changes its plan (approvals are bound to the plan hash)', async () => {
    const { file, text } = await scenarioWithApprovals();
    const dir = await reportsDir();
    for (const by of ['priya', 'sam']) expect((await runCli(['approve', file, '--by', by, '--reports-dir', dir])).code).toBe(0);
    await writeFile(file, text.replace('rto: PT3M', 'rto: PT4M'));
    // No endpoint: the guard refuses before any AWS call.
    const refused = await runCli(['run', file, '--yes', '--reports-dir', dir]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('not approved by priya, sam');
    expect(refused.stderr).toContain('a changed scenario needs new approvals');
  });

  it('needs no approvals in the embedded sandbox, and labels the run SIMULATION', async () => {
    const { file } = await scenarioWithApprovals();
    const dir = await reportsDir();
    const ran = await runCli(['run', file, '--sandbox', '--speed', '600', '--json', '--reports-dir', dir]);
    expect(ran.code).toBe(0);
    const { runDir } = JSON.parse(ran.stdout) as { runDir: string };
    const md = await readFile(join(runDir, 'report.md'), 'utf8');
    expect(md).toContain('> **SIMULATION — a sandbox rehearsal, not production evidence**');
    expect(md).toContain('- **Approvals:** priya (not approved; not needed in the sandbox), sam (not approved; not needed in the sandbox)');
  });
});
