import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { clearFaults } from '../helpers/sandbox-control.js';
import { WORLDS, fisState, injectFault, journalOf, reportsDir, scaledSandboxFor, stopAfterEach } from './run-harness.js';


const stopped = stopAfterEach();

describe('AWS outages are AWS errors (exit 3), not findings', () => {
  for (const [service, check] of [
    ['fis', 'fis-quota'],
    ['resiliencehub', 'resilience-hub-app'],
  ] as const) {
    it(`${service} not answering (every connection reset): exit 3, a clear message naming the check, nothing injected, no stack`, async () => {
      const sandbox = stopped(await scaledSandboxFor(WORLDS.multiAz));
      await injectFault(sandbox.url, { service, kind: 'reset' });
      const dir = await reportsDir();
      const result = await runCli(['run', 'scenarios/checkout-az-power.yaml', '--endpoint-url', sandbox.url, '--yes', '--reports-dir', dir]);
      expect(result.code).toBe(3);
      expect(result.stderr).toContain('gameday: preflight could not be checked, AWS did not answer; nothing was injected:');
      expect(result.stderr).toContain(`✗ ${check}: could not check: `);
      expect(result.stderr).toMatch(/hint: retry once the service answers/);
      expect(result.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
      const runDir = /journal: (\S+)\/journal\.jsonl/.exec(result.stderr)![1]!;
      expect((await journalOf(runDir)).at(-1)).toMatchObject({ type: 'run-ended', status: 'refused' });
      await clearFaults(sandbox.url);
      expect((await fisState(sandbox.url)).templates).toEqual([]);
    });
  }

  it('FIS answering 503 on every call: exit 3 too', async () => {
    const sandbox = stopped(await scaledSandboxFor(WORLDS.multiAz));
    await injectFault(sandbox.url, { service: 'fis', kind: 'error503' });
    const result = await runCli(['run', 'scenarios/checkout-az-power.yaml', '--endpoint-url', sandbox.url, '--yes', '--reports-dir', await reportsDir()]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('gameday: preflight could not be checked, AWS failed; nothing was injected:');
  });
});

describe('the run’s own stop condition cannot be created', () => {
  it('PutMetricAlarm failing: exit 3 naming the SLO burn-rate alarm and the permissions, no template, nothing injected', async () => {
    const sandbox = stopped(await scaledSandboxFor(WORLDS.multiAz));
    await injectFault(sandbox.url, { service: 'monitoring', operation: 'PutMetricAlarm', kind: 'error500' });
    const dir = await reportsDir();
    const result = await runCli(['run', 'scenarios/checkout-az-power.yaml', '--endpoint-url', sandbox.url, '--yes', '--reports-dir', dir]);
    expect(result.code).toBe(3);
    expect(result.stderr).toContain('could not create the SLO burn-rate alarm gameday-checkout-az-power-slo-burn-rate, a stop condition of the experiment:');
    expect(result.stderr).toContain('nothing was injected');
    expect(result.stderr).toContain('cloudwatch:PutMetricAlarm and cloudwatch:DeleteAlarms');
    expect(result.stderr).not.toMatch(/\n\s+at /);
    const fis = await fisState(sandbox.url);
    expect(fis.templates).toEqual([]);
    expect(fis.experiments).toEqual([]);
    const runs = (await readdir(join(dir, 'checkout-az-power'))).filter((name) => /^\d{8}T/.test(name));
    expect(runs).toHaveLength(1);
    const events = await journalOf(join(dir, 'checkout-az-power', runs[0]!));
    expect(events.map((e) => e.type)).toEqual(['run-started', 'preflight', 'run-ended']);
    expect(events.at(-1)).toMatchObject({ status: 'failed' });
    await clearFaults(sandbox.url);
  });
});
