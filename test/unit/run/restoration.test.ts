import { describe, expect, it } from 'vitest';
import type { Compute, ExperimentState } from '../../../src/aws/ports.js';
import type { Plan, PlannedAction } from '../../../src/core/plan/types.js';
import { checkRestoration, inspectRestoration, resourceId, restorationNeeds } from '../../../src/core/run/restoration.js';

const action = (name: string, actionId: string, rollback: PlannedAction['rollback'], targetName?: string): PlannedAction => ({
  name,
  actionId,
  hits: `things hit by ${name}`,
  ...(targetName ? { targetName } : {}),
  startSeconds: 0,
  durationSeconds: 1800,
  rollback,
  injectsFault: true,
});

const planWith = (stopParameters: Record<string, string>): Plan =>
  ({
    actions: [
      action('Stop-Instances', 'aws:ec2:stop-instances', 'automatic', 'instances'),
      action('Pause-network', 'aws:network:disrupt-connectivity', 'automatic', 'subnets'),
      action('Pause-Launches', 'aws:ec2:api-insufficient-instance-capacity-error', 'automatic', 'roles'),
      action('Failover-RDS', 'aws:rds:failover-db-cluster', 'not rolled back', 'db'),
    ],
    template: {
      actions: {
        'Stop-Instances': { actionId: 'aws:ec2:stop-instances', parameters: stopParameters, targets: { Instances: 'instances' } },
        'Pause-network': { actionId: 'aws:network:disrupt-connectivity', parameters: { duration: 'PT2M' }, targets: { Subnets: 'subnets' } },
        'Pause-Launches': { actionId: 'aws:ec2:api-insufficient-instance-capacity-error', targets: { Roles: 'roles' } },
        'Failover-RDS': { actionId: 'aws:rds:failover-db-cluster', targets: { Clusters: 'db' } },
      },
    },
  }) as unknown as Plan;
const plan = planWith({ startInstancesAfterDuration: 'PT30M', completeIfInstancesTerminated: 'true' });

const ARN = 'arn:aws:ec2:us-east-1:123456789012';
const targets = [
  { targetName: 'instances', resourceType: 'aws:ec2:instance', identifier: `${ARN}:instance/i-1` },
  { targetName: 'instances', resourceType: 'aws:ec2:instance', identifier: `${ARN}:instance/i-2` },
  { targetName: 'subnets', resourceType: 'aws:ec2:subnet', identifier: `${ARN}:subnet/subnet-b` },
];

const experiment = (launches: string, failover: string): ExperimentState => ({
  id: 'EXP1',
  state: 'completed',
  tags: {},
  actions: {
    'Stop-Instances': { state: 'completed' },
    'Pause-network': { state: 'completed' },
    'Pause-Launches': { state: launches, endTime: new Date('2026-11-26T10:30:00Z') },
    'Failover-RDS': { state: failover },
  },
});

const byMessage = (checks: { ok: boolean; message: string }[]) => checks.map((c) => [c.ok, c.message.split(' (')[0]]);

describe('restorationNeeds (what to inspect)', () => {
  it('instances of stop-instances and subnets of disrupt-connectivity, by id, with the restart parameters', () => {
    expect(restorationNeeds(plan, targets)).toEqual({
      instances: [{ action: 'Stop-Instances', ids: ['i-1', 'i-2'], restarts: true, terminatedIsOk: true }],
      subnets: [{ action: 'Pause-network', ids: ['subnet-b'] }],
    });
    expect(restorationNeeds(planWith({}), targets).instances[0]).toMatchObject({ restarts: false, terminatedIsOk: false });
    expect(resourceId('i-9')).toBe('i-9');
  });
});

describe('checkRestoration (judging what was inspected)', () => {
  it('instances running and no FIS ACL left pass, each check naming what was inspected; irreversible actions are listed', () => {
    const result = checkRestoration(plan, experiment('completed', 'completed'), targets, { instanceStates: { 'i-1': 'running', 'i-2': 'terminated' }, subnetsWithFisAcl: [] });
    expect(result.checks.map((c) => [c.subject, c.ok, c.message])).toEqual([
      ['Stop-Instances', true, 'i-1 is running (DescribeInstances)'],
      ['Stop-Instances', true, 'i-2 is terminated (DescribeInstances): replaced while stopped, accepted by completeIfInstancesTerminated'],
      ['Pause-network', true, 'subnet-b has no FIS network ACL associated (DescribeNetworkAcls): connectivity restored'],
      ['Pause-Launches', true, expect.stringContaining('from FIS action state')],
    ]);
    expect(result.notRolledBack).toEqual([expect.objectContaining({ action: 'Failover-RDS', actionId: 'aws:rds:failover-db-cluster' })]);
  });

  it('a stopped or still-pending instance and a subnet still on the FIS ACL fail', () => {
    const result = checkRestoration(plan, experiment('completed', 'skipped'), targets, { instanceStates: { 'i-1': 'stopped', 'i-2': 'pending' }, subnetsWithFisAcl: ['subnet-b'] });
    expect(byMessage(result.checks)).toEqual([
      [false, 'i-1 is stopped'],
      [false, 'i-2 is pending'],
      [false, 'subnet-b is still associated with the network ACL FIS created'],
      [true, 'Pause-Launches completed at 2026-11-26T10:30:00.000Z; FIS rolled it back: things hit by Pause-Launches — from FIS action state'],
    ]);
    expect(result.notRolledBack).toEqual([]);
  });

  it('stop-instances without restart is listed as not rolled back, and instances still stopped fail', () => {
    const result = checkRestoration(planWith({}), experiment('completed', 'skipped'), targets, { instanceStates: { 'i-1': 'stopped', 'i-2': 'terminated' }, subnetsWithFisAcl: [] });
    expect(result.notRolledBack).toEqual([expect.objectContaining({ action: 'Stop-Instances', why: expect.stringContaining('FIS never starts i-1, i-2 again') })]);
    expect(result.checks.filter((c) => c.subject === 'Stop-Instances').map((c) => c.ok)).toEqual([false, false]);
    expect(result.checks[0]!.message).toMatch(/no startInstancesAfterDuration/);
  });

  it('a failed inspection is a failed check with the reason, not a crash', () => {
    const result = checkRestoration(plan, experiment('completed', 'skipped'), targets, { instancesError: 'ec2:DescribeInstances (HTTP 403): UnauthorizedOperation: denied', subnetsError: 'AccessDenied' });
    expect(result.checks.slice(0, 2)).toEqual([
      { subject: 'Stop-Instances', ok: false, message: 'could not inspect i-1, i-2 (DescribeInstances): ec2:DescribeInstances (HTTP 403): UnauthorizedOperation: denied' },
      { subject: 'Pause-network', ok: false, message: 'could not inspect subnet-b (DescribeNetworkAcls): AccessDenied' },
    ]);
  });

  it('without resolved targets it falls back to FIS action state; a failed or unseen action fails', () => {
    const failed = { ...experiment('failed', 'skipped') };
    expect(checkRestoration(plan, failed, []).checks.find((c) => c.subject === 'Pause-Launches')).toMatchObject({ ok: false });
    expect(checkRestoration(plan, undefined, []).checks.every((c) => !c.ok)).toBe(true);
  });
});

describe('inspectRestoration', () => {
  const clockAt = (start: number) => {
    let now = start;
    return { clock: { now: () => new Date(now), speed: 1e6 }, advance: (ms: number) => (now += ms) };
  };

  it('looks again at pending instances until they run, and records failures as reasons', async () => {
    const { clock, advance } = clockAt(0);
    const calls: string[][] = [];
    const compute: Compute = {
      async instanceStates(ids) {
        calls.push(ids);
        advance(15_000);
        return Object.fromEntries(ids.map((id) => [id, id === 'i-2' && calls.length < 3 ? 'pending' : 'running']));
      },
      async subnetsWithFisAcl() {
        throw new Error('AccessDenied: no');
      },
    };
    const inspected = await inspectRestoration(restorationNeeds(plan, targets), compute, { clock });
    expect(calls).toEqual([['i-1', 'i-2'], ['i-2'], ['i-2']]);
    expect(inspected).toEqual({ instanceStates: { 'i-1': 'running', 'i-2': 'running' }, subnetsError: 'AccessDenied: no' });
  });

  it('gives up on a pending instance after the bounded wait', async () => {
    const { clock, advance } = clockAt(0);
    let calls = 0;
    const compute: Compute = {
      async instanceStates(ids) {
        calls++;
        advance(15_000);
        return Object.fromEntries(ids.map((id) => [id, 'pending']));
      },
      subnetsWithFisAcl: async () => [],
    };
    const inspected = await inspectRestoration(restorationNeeds(plan, targets), compute, { clock });
    expect(inspected.instanceStates).toEqual({ 'i-1': 'pending', 'i-2': 'pending' });
    // the first look, then one every 15 s of service time for 5 minutes
    expect(calls).toBe(21);
  });
});
