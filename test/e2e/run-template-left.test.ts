import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { clearFaults } from '../helpers/sandbox-control.js';
import { WORLDS, fisState, injectFault, journalOf, reportsDir, scaledSandboxFor, stopAfterEach } from './run-harness.js';

const SCENARIO = 'scenarios/catalog-cpu-stress.yaml';

const stopped = stopAfterEach();

describe('a template FIS will not delete is never left silently', () => {
  it('DeleteExperimentTemplate failing: journalled, exit 3 with the cleanup commands; abort deletes only the template, no second run-ended', async () => {
    const sandbox = stopped(await scaledSandboxFor(WORLDS.catalog, 600));
    await injectFault(sandbox.url, { service: 'fis', operation: 'DeleteExperimentTemplate', kind: 'error500' });
    const dir = await reportsDir();
    const run = await runCli(['run', SCENARIO, '--endpoint-url', sandbox.url, '--yes', '--reports-dir', dir], { timeoutMs: 150_000 });
    expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(3);
    const runDir = /reports: (\S+)\/\n?/.exec(run.stdout)![1]!;
    const [template] = (await fisState(sandbox.url)).templates;
    expect(template).toBeDefined();
    expect(run.stdout).not.toMatch(/template \S+ (deleted|kept)/);
    expect(run.stdout).toContain(`template ${template!.id} NOT deleted: `);
    expect(run.stdout).toContain('it is left in the account. Delete it with either of:');
    expect(run.stdout).toContain(`    gameday abort ${runDir} --endpoint-url ${sandbox.url}`);
    expect(run.stdout).toContain(`    aws fis delete-experiment-template --id ${template!.id} --region us-east-1 --endpoint-url ${sandbox.url}`);
    const events = await journalOf(runDir);
    expect(events.filter((e) => e.type === 'run-ended')).toHaveLength(1);
    expect(events.find((e) => e.type === 'template-delete-failed')).toMatchObject({ templateId: template!.id, message: expect.any(String) });
    expect(events.some((e) => e.type === 'template-deleted')).toBe(false);
    // The reports say so too (they read only the journal).
    expect(await readFile(join(runDir, 'report.md'), 'utf8')).toContain(`experiment template ${template!.id} could not be deleted`);

    // Nothing runs, so the scenario is not locked (RUN_LOCKED, exit 2): only abort's list has the run.
    await clearFaults(sandbox.url);
    const next = await runCli(['run', SCENARIO, '--endpoint-url', sandbox.url, '--yes', '--reports-dir', dir], { timeoutMs: 150_000 });
    expect(next.code, `${next.stdout}\n${next.stderr}`).toBe(0);
    expect((await fisState(sandbox.url)).templates.map((t) => t.id)).toEqual([template!.id]);
    const listed = await runCli(['abort', '--all', '--reports-dir', dir, '--endpoint-url', sandbox.url]);
    expect(listed.code, `${listed.stdout}\n${listed.stderr}`).toBe(0);
    expect(listed.stdout).toContain(`cleaned up: ${runDir}`);
    expect(listed.stdout).toContain(`template ${template!.id} deleted`);
    expect((await fisState(sandbox.url)).templates).toEqual([]);
    const after = await journalOf(runDir);
    expect(after.filter((e) => e.type === 'run-ended')).toHaveLength(1);
    expect(after.slice(events.length).map((e) => e.type)).toEqual(['template-deleted']);
    expect(await readFile(join(runDir, 'report.md'), 'utf8')).toContain(`experiment template ${template!.id} deleted (by gameday abort)`);

    const again = await runCli(['abort', '--all', '--reports-dir', dir]);
    expect(again.stdout).toContain('no unfinished runs');
  }, 180_000);

  it('abort itself failing to delete a left template: says so, exits 3, and the run stays on abort’s list', async () => {
    const sandbox = stopped(await scaledSandboxFor(WORLDS.catalog, 600));
    await injectFault(sandbox.url, { service: 'fis', operation: 'DeleteExperimentTemplate', kind: 'error500' });
    const dir = await reportsDir();
    const run = await runCli(['run', SCENARIO, '--endpoint-url', sandbox.url, '--yes', '--reports-dir', dir], { timeoutMs: 150_000 });
    expect(run.code).toBe(3);
    const runDir = /reports: (\S+)\/\n?/.exec(run.stdout)![1]!;
    const abort = await runCli(['abort', runDir, '--reports-dir', dir, '--endpoint-url', sandbox.url]);
    expect(abort.code).toBe(3);
    expect(abort.stdout).toContain(`template(s) left: ${runDir}`);
    expect(abort.stdout).toMatch(/could not delete template \S+: .*run abort again/);
    await clearFaults(sandbox.url);
    const retried = await runCli(['abort', runDir, '--reports-dir', dir, '--endpoint-url', sandbox.url]);
    expect(retried.code, `${retried.stdout}\n${retried.stderr}`).toBe(0);
    expect((await fisState(sandbox.url)).templates).toEqual([]);
    expect((await journalOf(runDir)).filter((e) => e.type === 'run-ended')).toHaveLength(1);
  }, 180_000);
});
