import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FisSignedRequests } from '../../src/aws/fis-signed-requests.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { SANDBOX_CREDENTIALS, SANDBOX_REGION } from '../helpers/aws-clients.js';
import { runCli } from '../helpers/cli.js';

// Due at 15:00Z on weekdays, in us-east-1.
const SCENARIO = 'test/fixtures/schedule/scenarios/catalog-daily-newyork.yaml';
const NOW = ['--now', '2026-11-02T15:10:00Z'];
const offlineEnv = { AWS_ENDPOINT_URL: undefined, AWS_ENDPOINT_URL_FIS: undefined, AWS_ACCESS_KEY_ID: undefined, AWS_PROFILE: undefined };

let sandbox: Awaited<ReturnType<typeof startSandbox>>;
let env: Record<string, string | undefined>;
beforeAll(async () => {
  sandbox = await startSandbox({ port: 0, speed: 1 });
  env = { ...offlineEnv, AWS_ENDPOINT_URL: sandbox.url, GAMEDAY_AWS_RETRY_DELAY_MS: '0' };
  await new FisSignedRequests({ region: SANDBOX_REGION, endpoint: sandbox.url, credentials: SANDBOX_CREDENTIALS, maxAttempts: 1 }).send({
    operation: 'UpdateSafetyLeverState',
    method: 'PATCH',
    path: '/safetyLevers/default/state',
    body: { state: { status: 'engaged', reason: 'INC-4711: checkout incident' } },
  });
});
afterAll(async () => {
  await sandbox?.stop();
});

describe('schedule commands read the FIS safety lever (read-only) and refuse to start into an engaged one', () => {
  it('schedule due: what would be due is not, naming the lever and its reason', async () => {
    const r = await runCli(['schedule', 'due', SCENARIO, ...NOW, '--reports-dir', await mkdtemp(join(tmpdir(), 'gameday-live-')), '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    const listing = JSON.parse(r.stdout);
    expect(listing.live.safetyLevers).toEqual([{ region: 'us-east-1', id: 'default', status: expect.stringMatching(/^engag/), reason: 'INC-4711: checkout incident' }]);
    expect(listing.entries).toMatchObject([
      { state: 'blackout', occurrence: { at: '2026-11-02T15:00:00.000Z', blackout: { from: '2026-11-02T15:00:00.000Z', to: '2026-11-02T15:30:00.000Z', reason: expect.stringMatching(/^FIS safety lever default is engag\w+ in us-east-1: INC-4711: checkout incident$/) } } },
    ]);
  });

  it('schedule run-due starts nothing (exit 0), and schedule list marks the scenario refused', async () => {
    const reports = await mkdtemp(join(tmpdir(), 'gameday-live-'));
    const run = await runCli(['schedule', 'run-due', SCENARIO, ...NOW, '--reports-dir', reports, '--yes'], { env, timeoutMs: 60_000 });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/live check: FIS safety lever default in us-east-1 is engag\w+ \(INC-4711: checkout incident\)/);
    expect(run.stdout).toContain('INC-4711');
    expect(run.stderr).not.toContain('starting catalog-daily-newyork');
    const list = await runCli(['schedule', 'list', SCENARIO, ...NOW], { env });
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/REFUSED: FIS safety lever default is engag\w+ in us-east-1: INC-4711: checkout incident; no occurrence starts until it is disengaged/);
  }, 90_000);

  it('without credentials or an endpoint they stay offline and say the live check was skipped', async () => {
    const r = await runCli(['schedule', 'due', SCENARIO, ...NOW, '--reports-dir', await mkdtemp(join(tmpdir(), 'gameday-live-'))], { env: offlineEnv });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('live check skipped: no AWS credentials or endpoint');
    expect(r.stdout).toContain('catalog-daily-newyork @ 2026-11-02T10:00:00-05:00: DUE');
  });

  it('--endpoint-url on list, due and run-due, the flag run, halt and abort take: the live check reads that endpoint', async () => {
    const reports = await mkdtemp(join(tmpdir(), 'gameday-live-'));
    const due = await runCli(['schedule', 'due', SCENARIO, ...NOW, '--reports-dir', reports, '--endpoint-url', sandbox.url, '--json'], { env: { ...offlineEnv, GAMEDAY_AWS_RETRY_DELAY_MS: '0' } });
    expect(due.code, due.stderr).toBe(0);
    expect(JSON.parse(due.stdout)).toMatchObject({ live: { safetyLevers: [{ region: 'us-east-1', id: 'default', reason: 'INC-4711: checkout incident' }] }, entries: [{ state: 'blackout' }] });
    const list = await runCli(['schedule', 'list', SCENARIO, ...NOW, '--endpoint-url', sandbox.url], { env: offlineEnv });
    expect(list.stdout).toMatch(/REFUSED: FIS safety lever default is engag\w+ in us-east-1/);
    const run = await runCli(['schedule', 'run-due', SCENARIO, ...NOW, '--reports-dir', reports, '--endpoint-url', sandbox.url, '--yes'], { env: offlineEnv, timeoutMs: 60_000 });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/live check: FIS safety lever default in us-east-1 is engag/);
    expect(run.stderr).not.toContain('starting catalog-daily-newyork');
    // One definition: the same flag (and its value's name) in every command's help.
    for (const command of [['schedule', 'list'], ['schedule', 'due'], ['schedule', 'run-due'], ['run'], ['halt'], ['abort']]) {
      expect((await runCli([...command, '--help'], { env: offlineEnv })).stdout, command.join(' ')).toMatch(/--endpoint-url=<url>/);
    }
    // run-due --sandbox starts its own sandboxes: an endpoint with it is a contradiction (exit 2).
    const both = await runCli(['schedule', 'run-due', SCENARIO, ...NOW, '--reports-dir', reports, '--endpoint-url', sandbox.url, '--sandbox', '--yes'], { env: offlineEnv });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('cannot also be provided when using --endpoint-url');
  }, 120_000);
});
