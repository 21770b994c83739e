import { CreateExperimentTemplateCommand, StartExperimentCommand } from '@aws-sdk/client-fis';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { sandboxClients } from '../helpers/aws-clients.js';
import { WORLDS, fisState, journalOf, reportsDir, scaledSandboxFor, stopAfterEach } from './run-harness.js';

const SCENARIO = 'scenarios/catalog-cpu-stress.yaml';

const stopped = stopAfterEach();

describe('one game day of a scenario at a time', () => {
  it('two `gameday run`s of one scenario started together: exactly one injects, the other is refused (exit 2)', async () => {
    const sandbox = stopped(await scaledSandboxFor(WORLDS.catalog, 600));
    const dir = await reportsDir();
    const args = ['run', SCENARIO, '--endpoint-url', sandbox.url, '--yes', '--reports-dir', dir];
    const results = await Promise.all([runCli(args), runCli(args)]);
    const refused = results.filter((r) => r.code === 2);
    expect(refused).toHaveLength(1);
    expect(refused[0]!.stderr).toMatch(/another `gameday run` of catalog-cpu-stress is starting|an unfinished run of catalog-cpu-stress/);
    expect((await fisState(sandbox.url)).experiments).toHaveLength(1);
  });

  it('refuses before StartExperiment when FIS already runs an experiment tagged with the scenario (another machine)', async () => {
    const sandbox = stopped(await scaledSandboxFor(WORLDS.catalog, 60));
    const { fis } = sandboxClients(sandbox.url);
    const template = await fis.send(
      new CreateExperimentTemplateCommand({
        clientToken: 'elsewhere',
        description: 'started from another machine',
        roleArn: 'arn:aws:iam::123456789012:role/gameday-fis',
        stopConditions: [{ source: 'none' }],
        targets: {},
        actions: { wait: { actionId: 'aws:fis:wait', parameters: { duration: 'PT30M' } } },
        tags: {},
      }),
    );
    const other = await fis.send(
      new StartExperimentCommand({ clientToken: 'elsewhere', experimentTemplateId: template.experimentTemplate!.id!, tags: { 'gameday:run': 'other-machine-run', 'gameday:scenario': 'catalog-cpu-stress' } }),
    );
    const dir = await reportsDir();
    const result = await runCli(['run', SCENARIO, '--endpoint-url', sandbox.url, '--yes', '--reports-dir', dir]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`FIS already runs an experiment tagged gameday:scenario=catalog-cpu-stress: ${other.experiment!.id}`);
    expect(result.stderr).toMatch(/gameday halt/);
    const state = await fisState(sandbox.url);
    expect(state.experiments.map((e) => e.id)).toEqual([other.experiment!.id]);
    expect(state.templates.map((t) => t.id)).toEqual([template.experimentTemplate!.id]);
    const runs = (await readdir(join(dir, 'catalog-cpu-stress'), { withFileTypes: true })).filter((e) => e.isDirectory());
    expect(runs).toHaveLength(1);
    expect((await journalOf(join(dir, 'catalog-cpu-stress', runs[0]!.name))).at(-1)).toMatchObject({ type: 'run-ended', status: 'refused' });
  });
});
