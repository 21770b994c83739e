import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { recordingProxy } from '../helpers/recording-proxy.js';
import { SANDBOX_HEADER } from '../../src/core/sandbox-header.js';
import { WORLDS, journalOf, reportsDir, scaledSandboxFor, type Sandbox } from './run-harness.js';

let sandbox: Sandbox | undefined;
let proxy: Awaited<ReturnType<typeof recordingProxy>> | undefined;
afterEach(async () => {
  await proxy?.close();
  await sandbox?.stop();
  proxy = sandbox = undefined;
});

const NOTE = 'SIMULATION — a sandbox rehearsal, not production evidence';
const SCENARIO = 'scenarios/catalog-cpu-stress.yaml';

describe('a run against a standalone sandbox (--endpoint-url) is labelled SIMULATION (issue 14 §5)', () => {
  it('the sandbox says so on every response; the run journals it and every place the run appears says SIMULATION', async () => {
    sandbox = await scaledSandboxFor(WORLDS.catalog);
    const dir = await reportsDir();
    const ran = await runCli(['run', SCENARIO, '--endpoint-url', sandbox.url, '--yes', '--reports-dir', dir]);
    expect(ran.code, ran.stderr.slice(-2000)).toBe(0);
    expect(ran.stdout.split('\n')[0]).toBe(NOTE);
    const runDir = /reports: (\S+)\//.exec(ran.stdout)![1]!;
    const started = (await journalOf(runDir)).find((e) => e.type === 'run-started');
    expect(started).toMatchObject({ mode: 'endpoint', endpoint: sandbox.url, sandboxWorld: 'catalog-cpu' });

    expect(await readFile(join(runDir, 'report.md'), 'utf8')).toContain(`> **${NOTE}**`);
    expect(await readFile(join(runDir, 'report.html'), 'utf8')).toContain(`<p class="simulation"><b>${NOTE}</b></p>`);
    expect(JSON.parse(await readFile(join(runDir, 'report.json'), 'utf8')).people.simulation).toBe(true);
    const junit = await readFile(join(runDir, 'junit.xml'), 'utf8');
    expect(junit).toMatch(/<testsuites name="SIMULATION gameday catalog-cpu-stress /);
    expect(junit).toContain('<property name="simulation" value="true"/>');
    expect((await runCli(['report', 'show', runDir])).stdout).toContain(NOTE);
    const list = await runCli(['report', 'list', '--reports-dir', dir]);
    expect(list.stdout.split('\n').filter((l) => l.includes('catalog-cpu-stress'))).toEqual([expect.stringContaining('SIMULATION')]);
    expect((await runCli(['report', 'index', '--reports-dir', dir])).code).toBe(0);
    expect(await readFile(join(dir, 'index.html'), 'utf8')).toContain('<span class="simulation">SIMULATION</span>');
  }, 180_000);

  it('an endpoint that does not send the header (as AWS never does) is not labelled', async () => {
    sandbox = await scaledSandboxFor(WORLDS.catalog);
    proxy = await recordingProxy(sandbox.url, { drop: [SANDBOX_HEADER] });
    const dir = await reportsDir();
    const ran = await runCli(['run', SCENARIO, '--endpoint-url', proxy.url, '--yes', '--json', '--reports-dir', dir]);
    expect(ran.code, ran.stderr.slice(-2000)).toBe(0);
    const out = JSON.parse(ran.stdout) as { runDir: string; simulation: boolean };
    expect(out.simulation).toBe(false);
    const started = (await journalOf(out.runDir)).find((e) => e.type === 'run-started');
    expect(started).toMatchObject({ mode: 'endpoint' });
    expect(started).not.toHaveProperty('sandboxWorld');
    expect(await readFile(join(out.runDir, 'report.md'), 'utf8')).not.toContain('SIMULATION');
    expect(JSON.parse(await readFile(join(out.runDir, 'report.json'), 'utf8')).people.simulation).toBe(false);
  }, 180_000);
});
