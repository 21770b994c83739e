import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { WORLDS, fisState, reportsDir, scaledSandboxFor, stopAfterEach } from './run-harness.js';

const stopped = stopAfterEach();

describe('gameday run --plan', () => {
  it('runs a saved plan, and refuses it (PLAN_STALE, exit 2) once the scenario changed', async () => {
    const sandbox = stopped(await scaledSandboxFor(WORLDS.orders));
    const work = await mkdtemp(join(tmpdir(), 'gameday-plan-'));
    // The scenario names its world relative to itself: keep it next to a copy of the world.
    const scenario = join(work, 'orders.yaml');
    const text = (await readFile('scenarios/orders-ecs-task-kill.yaml', 'utf8')).replace(/world: \S+/, 'world: orders-ecs.yaml');
    await writeFile(scenario, text);
    await copyFile(WORLDS.orders, join(work, 'orders-ecs.yaml'));
    const planned = await runCli(['plan', scenario, '--out', join(work, 'plan')]);
    expect(planned.code).toBe(0);
    const planFile = join(work, 'plan', 'plan.json');

    const ok = await runCli(['run', scenario, '--plan', planFile, '--endpoint-url', sandbox.url, '--yes', '--json', '--reports-dir', await reportsDir()]);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).planHash).toBe(JSON.parse(await readFile(planFile, 'utf8')).hash);

    await writeFile(scenario, text.replace('rto: PT3M', 'rto: PT4M'));
    const stale = await runCli(['run', scenario, '--plan', planFile, '--endpoint-url', sandbox.url, '--yes', '--reports-dir', await reportsDir()]);
    expect(stale.code).toBe(2);
    expect(stale.stderr).toMatch(/plan/i);
    expect((await fisState(sandbox.url)).experiments).toHaveLength(1);
  });
});
