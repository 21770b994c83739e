import { afterEach, describe, expect, it } from 'vitest';
import type { JournalEvent, RestorationChecked } from '../../src/core/journal/events.js';
import { WORLDS, journalOf, reportsDir, runOn, sandboxFor, type Sandbox } from './run-harness.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

function restorationOf(events: JournalEvent[]): RestorationChecked {
  const found = events.filter((e): e is JournalEvent & RestorationChecked => e.type === 'restoration');
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('the post-run restoration check inspects EC2 (sandbox)', () => {
  it('AZ power interruption: the stopped workers are running again and no FIS network ACL is left, as inspected', async () => {
    sandbox = await sandboxFor(WORLDS.multiAz);
    const result = await runOn(sandbox, 'scenarios/checkout-az-power.yaml', { reportsDir: await reportsDir() });
    expect(result.exitCode).toBe(0);
    const restoration = restorationOf(await journalOf(result.runDir));
    const stopInstances = restoration.checks.filter((c) => c.subject === 'Stop-Instances');
    expect(stopInstances).toEqual([{ subject: 'Stop-Instances', ok: true, message: 'i-0c0ffee00000000b1 is running (DescribeInstances)' }]);
    const subnets = restoration.checks.filter((c) => c.subject === 'Pause-network-connectivity');
    expect(subnets).toEqual([{ subject: 'Pause-network-connectivity', ok: true, message: expect.stringMatching(/^subnet-0a1b2c3d4e5f60002 has no FIS network ACL associated \(DescribeNetworkAcls\)/) }]);
    // The ASG's stopped instances were replaced while stopped: accepted by completeIfInstancesTerminated.
    const asg = restoration.checks.filter((c) => c.subject === 'Stop-ASG-Instances');
    expect(asg.length).toBeGreaterThan(0);
    expect(asg.every((c) => c.ok && /\(DescribeInstances\)/.test(c.message))).toBe(true);
    expect(restoration.checks.every((c) => c.ok)).toBe(true);
    expect(result.verdict.expectations.find((e) => e.id === 'restoration')).toMatchObject({ passed: true });
  });

  it('instances stopped without restart stay stopped: not rolled back, the restoration expectation fails, exit 1', async () => {
    sandbox = await sandboxFor(WORLDS.multiAz);
    const result = await runOn(sandbox, 'test/fixtures/run/checkout-stop-no-restart.yaml', { reportsDir: await reportsDir() });
    expect(result.status).toBe('completed');
    expect(result.exitCode).toBe(1);
    const restoration = restorationOf(await journalOf(result.runDir));
    expect(restoration.notRolledBack).toEqual([expect.objectContaining({ action: 'Stop-Workers', actionId: 'aws:ec2:stop-instances' })]);
    expect(restoration.checks.filter((c) => c.subject === 'Stop-Workers')).toEqual([
      { subject: 'Stop-Workers', ok: false, message: 'i-0c0ffee00000000b1 is stopped (DescribeInstances): FIS does not start it again (no startInstancesAfterDuration); start it by hand' },
    ]);
    const expectation = result.verdict.expectations.find((e) => e.id === 'restoration')!;
    expect(expectation.passed).toBe(false);
    expect(expectation.evidence).toContain('i-0c0ffee00000000b1 is stopped');
  });
});
