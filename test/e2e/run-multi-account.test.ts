import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import type { JournalEvent } from '../../src/core/journal/events.js';
import { readJournal } from '../../src/core/journal/reader.js';
import { runCli } from '../helpers/cli.js';
import { reportsDir } from './run-harness.js';

/**
 * A game day across two accounts, through the real CLI on an embedded sandbox: the orchestrator
 * account 123456789012 runs FIS and holds the alarms; catalog's fleet is in 111122223333, its price
 * batch in 444455556666 (scenarios/catalog-cpu-multi-account.yaml, worlds/catalog-two-accounts.yaml).
 */
const SCENARIO = 'scenarios/catalog-cpu-multi-account.yaml';
const WORLD = 'scenarios/worlds/catalog-two-accounts.yaml';
const env = { GAMEDAY_AWS_RETRY_DELAY_MS: '0', AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined };

/** The scenario next to a copy of its world, each changed by `edit`: a file to run. */
async function variant(edit: { scenario?: (s: Record<string, any>) => void; world?: (w: Record<string, any>) => void }): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gameday-multi-account-'));
  const scenario = parse(await readFile(SCENARIO, 'utf8')) as Record<string, any>;
  const world = parse(await readFile(WORLD, 'utf8')) as Record<string, any>;
  edit.scenario?.(scenario);
  edit.world?.(world);
  await cp('runbooks/catalog-cpu.md', join(dir, 'runbooks', 'catalog-cpu.md'));
  await writeFile(join(dir, 'catalog-two-accounts.yaml'), stringify(world));
  scenario.spec.sandbox.world = 'catalog-two-accounts.yaml';
  const file = join(dir, 'catalog-cpu-multi-account.yaml');
  await writeFile(file, stringify(scenario));
  return file;
}

describe('a multi-account game day (spec.target.accounts)', () => {
  it('runs across both target accounts: the configurations journalled, targets hit in each account, the report names them', async () => {
    const dir = await reportsDir();
    const result = await runCli(['run', SCENARIO, '--sandbox', '--speed', '600', '--json', '--reports-dir', dir], { env });
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as { passed: boolean; runDir: string };
    expect(output.passed).toBe(true);

    const { events } = await readJournal(output.runDir);
    const configured = events.find((e): e is JournalEvent & { type: 'target-accounts-configured' } => e.type === 'target-accounts-configured')!;
    expect(configured.accounts).toEqual([
      { accountId: '111122223333', roleArn: 'arn:aws:iam::111122223333:role/gameday-fis-target', description: 'catalog workload' },
      { accountId: '444455556666', roleArn: 'arn:aws:iam::444455556666:role/gameday-fis-target', description: 'catalog price batch' },
    ]);
    // Configured after the template, before anything starts.
    const order = events.map((e) => e.type);
    expect(order.indexOf('template-created')).toBeLessThan(order.indexOf('target-accounts-configured'));
    expect(order.indexOf('target-accounts-configured')).toBeLessThan(order.indexOf('start-intent'));
    const preflight = events.find((e): e is JournalEvent & { type: 'preflight' } => e.type === 'preflight')!;
    expect(preflight.checks.filter((c) => c.kind === 'target-account-role').map((c) => [c.id, c.ok])).toEqual([
      ['target-account-role:111122223333', true],
      ['target-account-role:444455556666', true],
    ]);
    const resolved = events.find((e): e is JournalEvent & { type: 'targets-resolved' } => e.type === 'targets-resolved')!;
    const accounts = resolved.targets.map((t) => t.identifier.split(':')[4]);
    expect(accounts.filter((a) => a === '111122223333')).toHaveLength(4);
    expect(accounts.filter((a) => a === '444455556666')).toHaveLength(1);
    expect(accounts).not.toContain('123456789012');
    // The alarm in the orchestrator account saw the workload account's CPU.
    const fired = events.find((e) => e.type === 'alarm-state' && e.alarm === 'catalog-cpu-high' && e.state === 'ALARM');
    expect(fired).toBeDefined();

    const markdown = await readFile(join(output.runDir, 'report.md'), 'utf8');
    expect(markdown).toContain('- **Target accounts:** 111122223333 as arn:aws:iam::111122223333:role/gameday-fis-target (catalog workload); 444455556666 as arn:aws:iam::444455556666:role/gameday-fis-target (catalog price batch)');
    const report = JSON.parse(await readFile(join(output.runDir, 'report.json'), 'utf8')) as { run: { targetAccounts: unknown[] } };
    expect(report.run.targetAccounts).toEqual(configured.accounts);
    expect(await readFile(join(output.runDir, 'report.html'), 'utf8')).toContain('Target accounts: 111122223333 as');
  });

  it('run --check-only: FIS fails the preview when it cannot assume a target role, naming the account; nothing is recorded', async () => {
    const dir = await reportsDir();
    const file = await variant({ world: (w) => (w.spec.accounts[1].iamRoles[0].trustsRoles = ['arn:aws:iam::123456789012:role/someone-else']) });
    const result = await runCli(['run', file, '--sandbox', '--check-only', '--reports-dir', dir], { env });
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('in target accounts 111122223333, 444455556666');
    expect(result.stdout).toContain('does not trust arn:aws:iam::123456789012:role/gameday-fis');
    expect(result.stdout).toContain('state.error: ConfigurationFailure account 444455556666');
  });

  it('preflight refuses when the FIS role may not assume a target role, before anything is created', async () => {
    const dir = await reportsDir();
    const file = await variant({ world: (w) => (w.spec.iamRoles[0].deny = ['sts:AssumeRole']) });
    const result = await runCli(['run', file, '--sandbox', '--speed', '600', '--reports-dir', dir], { env });
    expect(result.code).toBe(1);
    expect(result.stderr + result.stdout).toContain('target-account-role:111122223333: role gameday-fis may not call sts:AssumeRole on arn:aws:iam::111122223333:role/gameday-fis-target (explicitDeny)');
    expect(result.stderr + result.stdout).not.toContain('template-created');
  });

  it('a scenario naming an AZ by name is refused at its line, before any run', async () => {
    const file = await variant({
      scenario: (s) => {
        s.spec.fault.targets = { tags: s.spec.fault.targets.tags, filters: [{ path: 'Placement.AvailabilityZone', values: ['us-east-1a'] }] };
      },
    });
    const result = await runCli(['validate', file], { env });
    expect(result.code).toBe(2);
    expect(result.stdout + result.stderr).toMatch(/catalog-cpu-multi-account\.yaml:\d+:\d+.*MULTI_ACCOUNT_AZ_NAME|MULTI_ACCOUNT_AZ_NAME.*catalog-cpu-multi-account\.yaml:\d+:\d+/s);
  });
});
