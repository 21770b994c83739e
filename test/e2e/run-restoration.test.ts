import { describe, expect, it } from 'vitest';
import type { JournalEvent, RestorationChecked } from '../../src/core/journal/events.js';
import { WORLDS, injectFault, journalOf, reportsDir, runOn, sandboxFor, stopAfterEach } from './run-harness.js';

const stopped = stopAfterEach();

function restorationOf(events: JournalEvent[]): RestorationChecked {
  const found = events.filter((e): e is JournalEvent & RestorationChecked => e.type === 'restoration');
  expect(found).toHaveLength(1);
  return found[0]!;
}

describe('the post-run restoration check inspects the resources through their services (sandbox)', () => {
  it('AZ power interruption: workers running, no FIS network ACL, the database and the cache available again, as inspected', async () => {
    const sandbox = stopped(await sandboxFor(WORLDS.multiAz));
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
    // Aurora failed over to the reader in us-east-1a and stays there; the cache's primary moved there too.
    expect(restoration.checks.filter((c) => c.subject === 'Failover-RDS')).toEqual([
      { subject: 'Failover-RDS', ok: true, message: 'checkout-db is available, its writer checkout-db-instance-2 available in us-east-1a (DescribeDBClusters, DescribeDBInstances)' },
    ]);
    expect(restoration.notRolledBack.find((n) => n.action === 'Failover-RDS')?.why).toMatch(/checkout-db's writer is checkout-db-instance-2 in us-east-1a \(DescribeDBInstances\)$/);
    expect(restoration.checks.filter((c) => c.subject === 'Pause-ElastiCache')).toEqual([
      { subject: 'Pause-ElastiCache', ok: true, message: 'checkout-cache is available, primary in us-east-1a (DescribeReplicationGroups)' },
    ]);
    expect(restoration.checks.every((c) => c.ok)).toBe(true);
    expect(result.verdict.expectations.find((e) => e.id === 'restoration')).toMatchObject({ passed: true });
  });

  it('instances stopped without restart stay stopped: not rolled back, the restoration expectation fails, exit 1', async () => {
    const sandbox = stopped(await sandboxFor(WORLDS.multiAz));
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

  it('single-AZ database: the cluster is still not available after the run, a failed check that says where to look, exit 1', async () => {
    const sandbox = stopped(await sandboxFor(WORLDS.singleAzDb));
    const result = await runOn(sandbox, 'scenarios/checkout-az-power.yaml', { reportsDir: await reportsDir() });
    expect(result.exitCode).toBe(1);
    const restoration = restorationOf(await journalOf(result.runDir));
    expect(restoration.checks.filter((c) => !c.ok)).toEqual([
      {
        subject: 'Failover-RDS',
        ok: false,
        message: 'checkout-db is rebooting (DescribeDBClusters): not available 5 minutes after the run; see its events: aws rds describe-events --source-type db-cluster --source-identifier checkout-db',
      },
    ]);
    // No reader to promote: the writer is still the one in the AZ that lost power.
    expect(restoration.notRolledBack.find((n) => n.action === 'Failover-RDS')?.why).toMatch(/checkout-db's writer is checkout-db-instance-1 in us-east-1b/);
    const expectation = result.verdict.expectations.find((e) => e.id === 'restoration')!;
    expect(expectation.passed).toBe(false);
    expect(expectation.evidence).toContain('Failover-RDS: checkout-db is rebooting');
  });

  it('ECS task kill: the stopped task is not rolled back, and the service is back at its desired count, as inspected', async () => {
    const sandbox = stopped(await sandboxFor(WORLDS.orders));
    const result = await runOn(sandbox, 'scenarios/orders-ecs-task-kill.yaml', { reportsDir: await reportsDir() });
    expect(result.exitCode).toBe(0);
    const restoration = restorationOf(await journalOf(result.runDir));
    expect(restoration.checks).toEqual([{ subject: 'Stop-Task', ok: true, message: 'orders/orders-api runs 3 of 3 desired task(s) (DescribeServices)' }]);
    expect(restoration.notRolledBack).toEqual([
      { action: 'Stop-Task', actionId: 'aws:ecs:stop-task', why: 'aws:ecs:stop-task cannot be undone; the stopped tasks stay stopped; ECS service orders/orders-api replaces them' },
    ]);
  });

  it('a failed inspection (RDS answering 500 every time) is a failed check with the reason, never a crash', async () => {
    const sandbox = stopped(await sandboxFor(WORLDS.multiAz));
    await injectFault(sandbox.url, { service: 'rds', operation: 'DescribeDBClusters', kind: 'error500' });
    const result = await runOn(sandbox, 'scenarios/checkout-az-power.yaml', { reportsDir: await reportsDir() });
    expect(result.status).toBe('completed');
    expect(result.exitCode).toBe(1);
    const restoration = restorationOf(await journalOf(result.runDir));
    expect(restoration.checks.filter((c) => !c.ok)).toEqual([
      { subject: 'Failover-RDS', ok: false, message: expect.stringMatching(/^could not inspect checkout-db \(DescribeDBClusters\): rds:DescribeDBClusters \(HTTP 500, after 5 attempts\): InternalFailure/) },
    ]);
    expect(restoration.checks.find((c) => c.subject === 'Pause-ElastiCache')).toMatchObject({ ok: true });
  });
});
