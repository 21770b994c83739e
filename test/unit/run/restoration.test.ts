import { describe, expect, it } from 'vitest';
import type { Caches, Compute, ContainerServices, Databases, ExperimentState } from '../../../src/aws/ports.js';
import type { Plan, PlannedAction, TemplateAction } from '../../../src/core/plan/types.js';
import { inspectRestoration, type RestorationPorts } from '../../../src/core/run/inspect-restoration.js';
import { checkRestoration, resourceId, restorationNeeds } from '../../../src/core/run/restoration.js';

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

/** A plan of these actions, each as the plan lists it and as its template defines it (its first target names the resources). */
const planOf = (actions: { name: string; rollback: PlannedAction['rollback']; template: TemplateAction }[], targets: Record<string, unknown> = {}): Plan =>
  ({
    actions: actions.map((a) => action(a.name, a.template.actionId, a.rollback, Object.values(a.template.targets ?? {})[0])),
    template: { actions: Object.fromEntries(actions.map((a) => [a.name, a.template])), targets },
  }) as unknown as Plan;

const planWith = (stopParameters: Record<string, string>): Plan =>
  planOf([
    { name: 'Stop-Instances', rollback: 'automatic', template: { actionId: 'aws:ec2:stop-instances', parameters: stopParameters, targets: { Instances: 'instances' } } },
    { name: 'Pause-network', rollback: 'automatic', template: { actionId: 'aws:network:disrupt-connectivity', parameters: { duration: 'PT2M' }, targets: { Subnets: 'subnets' } } },
    { name: 'Pause-Launches', rollback: 'automatic', template: { actionId: 'aws:ec2:api-insufficient-instance-capacity-error', targets: { Roles: 'roles' } } },
    { name: 'Failover-RDS', rollback: 'not rolled back', template: { actionId: 'aws:rds:failover-db-cluster', targets: { Clusters: 'db' } } },
  ]);
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

const unused = (port: string) => () => Promise.reject(new Error(`${port} was not expected to be called`));
const portsWith = (ports: Partial<RestorationPorts>): RestorationPorts => ({
  compute: { instanceStates: unused('instanceStates'), subnetsWithFisAcl: unused('subnetsWithFisAcl') },
  databases: { clusters: unused('clusters'), instances: unused('instances') },
  caches: { replicationGroups: unused('replicationGroups') },
  containers: { services: unused('services') },
  ...ports,
});

const byMessage = (checks: { ok: boolean; message: string }[]) => checks.map((c) => [c.ok, c.message.split(' (')[0]]);

describe('restorationNeeds (what to inspect)', () => {
  it('instances of stop-instances and subnets of disrupt-connectivity, by id, with the restart parameters', () => {
    expect(restorationNeeds(plan, targets)).toMatchObject({
      instances: [{ action: 'Stop-Instances', ids: ['i-1', 'i-2'], restarts: true, terminatedIsOk: true }],
      subnets: [{ action: 'Pause-network', ids: ['subnet-b'] }],
    });
    expect(restorationNeeds(planWith({}), targets).instances[0]).toMatchObject({ restarts: false, terminatedIsOk: false });
    expect(resourceId('i-9')).toBe('i-9');
  });
});

describe('checkRestoration (judging what was inspected)', () => {
  it('instances running and no FIS ACL left pass, each check naming what was inspected; irreversible actions are listed', () => {
    const result = checkRestoration(plan, experiment('completed', 'completed'), targets, { instances: { found: { 'i-1': 'running', 'i-2': 'terminated' } }, subnetsWithFisAcl: { found: [] } });
    expect(result.checks.map((c) => [c.subject, c.ok, c.message])).toEqual([
      ['Stop-Instances', true, 'i-1 is running (DescribeInstances)'],
      ['Stop-Instances', true, 'i-2 is terminated (DescribeInstances): replaced while stopped, accepted by completeIfInstancesTerminated'],
      ['Pause-network', true, 'subnet-b has no FIS network ACL associated (DescribeNetworkAcls): connectivity restored'],
      ['Pause-Launches', true, expect.stringContaining('from FIS action state')],
    ]);
    expect(result.notRolledBack).toEqual([expect.objectContaining({ action: 'Failover-RDS', actionId: 'aws:rds:failover-db-cluster' })]);
  });

  it('a stopped or still-pending instance and a subnet still on the FIS ACL fail', () => {
    const result = checkRestoration(plan, experiment('completed', 'skipped'), targets, { instances: { found: { 'i-1': 'stopped', 'i-2': 'pending' } }, subnetsWithFisAcl: { found: ['subnet-b'] } });
    expect(byMessage(result.checks)).toEqual([
      [false, 'i-1 is stopped'],
      [false, 'i-2 is pending'],
      [false, 'subnet-b is still associated with the network ACL FIS created'],
      [true, 'Pause-Launches completed at 2026-11-26T10:30:00.000Z; FIS rolled it back: things hit by Pause-Launches — from FIS action state'],
    ]);
    expect(result.notRolledBack).toEqual([]);
  });

  it('stop-instances without restart is listed as not rolled back, and instances still stopped fail', () => {
    const result = checkRestoration(planWith({}), experiment('completed', 'skipped'), targets, { instances: { found: { 'i-1': 'stopped', 'i-2': 'terminated' } }, subnetsWithFisAcl: { found: [] } });
    expect(result.notRolledBack).toEqual([expect.objectContaining({ action: 'Stop-Instances', why: expect.stringContaining('FIS never starts i-1, i-2 again') })]);
    expect(result.checks.filter((c) => c.subject === 'Stop-Instances').map((c) => c.ok)).toEqual([false, false]);
    expect(result.checks[0]!.message).toMatch(/no startInstancesAfterDuration/);
  });

  it('a failed inspection is a failed check with the reason, not a crash', () => {
    const result = checkRestoration(plan, experiment('completed', 'skipped'), targets, { instances: { error: 'ec2:DescribeInstances (HTTP 403): UnauthorizedOperation: denied' }, subnetsWithFisAcl: { error: 'AccessDenied' } });
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
    const inspected = await inspectRestoration(restorationNeeds(plan, targets), portsWith({ compute }), { clock });
    expect(calls).toEqual([['i-1', 'i-2'], ['i-2'], ['i-2']]);
    expect(inspected).toEqual({ instances: { found: { 'i-1': 'running', 'i-2': 'running' } }, subnetsWithFisAcl: { error: 'AccessDenied: no' } });
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
    const inspected = await inspectRestoration(restorationNeeds(plan, targets), portsWith({ compute }), { clock });
    expect(inspected.instances).toEqual({ found: { 'i-1': 'pending', 'i-2': 'pending' } });
    // one look every 15 s of service time (each look here takes 15 s) until 5 minutes after the first began
    expect(calls).toBe(20);
  });
});

describe('RDS, ElastiCache and ECS: what to inspect and how it is judged', () => {
  const servicePlan = (taskTarget: Record<string, unknown>): Plan =>
    planOf(
      [
        { name: 'Failover-RDS', rollback: 'not rolled back', template: { actionId: 'aws:rds:failover-db-cluster', targets: { Clusters: 'db' } } },
        { name: 'Reboot-Writer', rollback: 'not rolled back', template: { actionId: 'aws:rds:reboot-db-instances', targets: { DBInstances: 'writer' } } },
        {
          name: 'Pause-ElastiCache',
          rollback: 'automatic',
          template: { actionId: 'aws:elasticache:replicationgroup-interrupt-az-power', parameters: { duration: 'PT30M' }, targets: { ReplicationGroups: 'cache' } },
        },
        { name: 'Stop-Task', rollback: 'not rolled back', template: { actionId: 'aws:ecs:stop-task', targets: { Tasks: 'tasks' } } },
      ],
      { tasks: taskTarget },
    );
  const plan = servicePlan({ resourceType: 'aws:ecs:task', parameters: { cluster: 'orders', service: 'orders-api' }, selectionMode: 'COUNT(1)' });
  const targets = [
    { targetName: 'db', resourceType: 'aws:rds:cluster', identifier: 'arn:aws:rds:us-east-1:123456789012:cluster:checkout-db' },
    { targetName: 'writer', resourceType: 'aws:rds:db', identifier: 'arn:aws:rds:us-east-1:123456789012:db:checkout-db-instance-1' },
    { targetName: 'cache', resourceType: 'aws:elasticache:replicationgroup', identifier: 'arn:aws:elasticache:us-east-1:123456789012:replicationgroup:checkout-cache' },
    { targetName: 'tasks', resourceType: 'aws:ecs:task', identifier: 'arn:aws:ecs:us-east-1:123456789012:task/orders/0f3c9e1a7b2d4e6f' },
  ];
  const allDone: ExperimentState = {
    id: 'EXP2',
    state: 'completed',
    tags: {},
    actions: Object.fromEntries(['Failover-RDS', 'Reboot-Writer', 'Pause-ElastiCache', 'Stop-Task'].map((name) => [name, { state: 'completed' }])),
  };
  const healthy = {
    dbClusters: { found: { 'checkout-db': { status: 'available', writer: { id: 'checkout-db-instance-2', status: 'available', availabilityZone: 'us-east-1a' } } } },
    dbInstances: { found: { 'checkout-db-instance-1': { status: 'available', availabilityZone: 'us-east-1b' } } },
    replicationGroups: { found: { 'checkout-cache': { status: 'available', primaryAvailabilityZones: ['us-east-1a'] } } },
    ecsServices: { found: { 'orders/orders-api': { status: 'ACTIVE', desiredCount: 3, runningCount: 3, pendingCount: 0 } } },
  };

  it('clusters, instances and replication groups by id from their ARNs; the ECS service from the target parameters', () => {
    expect(resourceId('arn:aws:rds:us-east-1:123456789012:cluster:checkout-db')).toBe('checkout-db');
    expect(resourceId('arn:aws:elasticache:us-east-1:123456789012:replicationgroup:checkout-cache')).toBe('checkout-cache');
    expect(restorationNeeds(plan, targets)).toEqual({
      instances: [],
      subnets: [],
      dbClusters: [{ action: 'Failover-RDS', ids: ['checkout-db'] }],
      dbInstances: [{ action: 'Reboot-Writer', ids: ['checkout-db-instance-1'] }],
      replicationGroups: [{ action: 'Pause-ElastiCache', ids: ['checkout-cache'] }],
      ecsServices: [{ action: 'Stop-Task', service: { cluster: 'orders', service: 'orders-api' } }],
    });
    // Tasks picked by tags alone name no service: nothing to inspect, the action is only listed as not rolled back.
    const byTags = servicePlan({ resourceType: 'aws:ecs:task', resourceTags: { Service: 'orders' }, selectionMode: 'ALL' });
    expect(restorationNeeds(byTags, targets).ecsServices).toEqual([]);
    expect(checkRestoration(byTags, allDone, targets, healthy).notRolledBack.find((n) => n.action === 'Stop-Task')?.why).toMatch(/stay as the fault left them/);
  });

  it('healthy again: each check says what the service reports; the failover names where the writer is now', () => {
    const result = checkRestoration(plan, allDone, targets, healthy);
    expect(result.checks).toEqual([
      { subject: 'Failover-RDS', ok: true, message: 'checkout-db is available, its writer checkout-db-instance-2 available in us-east-1a (DescribeDBClusters, DescribeDBInstances)' },
      { subject: 'Reboot-Writer', ok: true, message: 'checkout-db-instance-1 is available in us-east-1b (DescribeDBInstances)' },
      { subject: 'Pause-ElastiCache', ok: true, message: 'checkout-cache is available, primary in us-east-1a (DescribeReplicationGroups)' },
      { subject: 'Stop-Task', ok: true, message: 'orders/orders-api runs 3 of 3 desired task(s) (DescribeServices)' },
    ]);
    expect(result.notRolledBack).toEqual([
      {
        action: 'Failover-RDS',
        actionId: 'aws:rds:failover-db-cluster',
        why: "aws:rds:failover-db-cluster cannot be undone; the writer stays where the failover put it: checkout-db's writer is checkout-db-instance-2 in us-east-1a (DescribeDBInstances)",
      },
      expect.objectContaining({ action: 'Reboot-Writer', actionId: 'aws:rds:reboot-db-instances' }),
      { action: 'Stop-Task', actionId: 'aws:ecs:stop-task', why: 'aws:ecs:stop-task cannot be undone; the stopped tasks stay stopped; ECS service orders/orders-api replaces them' },
    ]);
  });

  it('still recovering or gone: failed checks naming the resource and where to look', () => {
    const result = checkRestoration(plan, allDone, targets, {
      dbClusters: { found: { 'checkout-db': { status: 'rebooting', writer: { id: 'checkout-db-instance-1', status: 'rebooting', availabilityZone: 'us-east-1b' } } } },
      dbInstances: { found: { 'checkout-db-instance-1': { status: 'not-found' } } },
      replicationGroups: { found: { 'checkout-cache': { status: 'modifying', primaryAvailabilityZones: [] } } },
      ecsServices: { found: { 'orders/orders-api': { status: 'ACTIVE', desiredCount: 3, runningCount: 2, pendingCount: 1 } } },
    });
    expect(result.checks.map((c) => [c.ok, c.message])).toEqual([
      [false, 'checkout-db is rebooting (DescribeDBClusters): not available 5 minutes after the run; see its events: aws rds describe-events --source-type db-cluster --source-identifier checkout-db'],
      [false, 'checkout-db-instance-1 was not found (DescribeDBInstances): check whether the instance was deleted or renamed'],
      [false, 'checkout-cache is modifying (DescribeReplicationGroups): not available 5 minutes after the run; see its events: aws elasticache describe-events --source-type replication-group --source-identifier checkout-cache'],
      [false, 'orders/orders-api runs 2 of 3 desired task(s), 1 pending (DescribeServices): still short 5 minutes after the run; see its events: aws ecs describe-services --cluster orders --services orders-api'],
    ]);
    const writerDown = checkRestoration(plan, allDone, targets, {
      ...healthy,
      dbClusters: { found: { 'checkout-db': { status: 'available', writer: { id: 'checkout-db-instance-1', status: 'rebooting' } } } },
      ecsServices: { found: { 'orders/orders-api': { status: 'MISSING', desiredCount: 0, runningCount: 0, pendingCount: 0 } } },
    });
    expect(byMessage(writerDown.checks.filter((c) => !c.ok))).toEqual([
      [false, 'checkout-db is available but its writer checkout-db-instance-1 is rebooting'],
      [false, 'orders/orders-api is MISSING'],
    ]);
  });

  it('a failed inspection is a failed check with the reason, one per kind', () => {
    const denied = (operation: string) => ({ error: `${operation} (HTTP 403): AccessDenied: not authorized` });
    const result = checkRestoration(plan, allDone, targets, {
      dbClusters: denied('rds:DescribeDBClusters'),
      dbInstances: denied('rds:DescribeDBInstances'),
      replicationGroups: denied('elasticache:DescribeReplicationGroups'),
      ecsServices: denied('ecs:DescribeServices'),
    });
    expect(result.checks.map((c) => [c.ok, c.message])).toEqual([
      [false, 'could not inspect checkout-db (DescribeDBClusters): rds:DescribeDBClusters (HTTP 403): AccessDenied: not authorized'],
      [false, 'could not inspect checkout-db-instance-1 (DescribeDBInstances): rds:DescribeDBInstances (HTTP 403): AccessDenied: not authorized'],
      [false, 'could not inspect checkout-cache (DescribeReplicationGroups): elasticache:DescribeReplicationGroups (HTTP 403): AccessDenied: not authorized'],
      [false, 'could not inspect orders/orders-api (DescribeServices): ecs:DescribeServices (HTTP 403): AccessDenied: not authorized'],
    ]);
    // Without a look at the cluster, the failover is listed with FIS's account only.
    expect(result.notRolledBack[0]!.why).toMatch(/stay as the fault left them \(completed\)$/);
  });

  describe('inspectRestoration waits, in service time, for what is still coming back', () => {
    const clockAt = (start: number) => {
      let now = start;
      return { clock: { now: () => new Date(now), speed: 1e6 }, advance: (ms: number) => (now += ms) };
    };
    const only = (name: string): Plan => ({ ...plan, actions: plan.actions.filter((a) => a.name === name) }) as Plan;

    it('an ECS service short of tasks is looked at again until it runs its desired count', async () => {
      const { clock, advance } = clockAt(0);
      const running = [1, 2, 3];
      const calls: [string, string[]][] = [];
      const containers: ContainerServices = {
        async services(cluster, services) {
          calls.push([cluster, services]);
          advance(15_000);
          const runningCount = running[Math.min(calls.length, running.length) - 1]!;
          return { 'orders-api': { status: 'ACTIVE', desiredCount: 3, runningCount, pendingCount: 3 - runningCount } };
        },
      };
      const inspected = await inspectRestoration(restorationNeeds(only('Stop-Task'), targets), portsWith({ containers }), { clock });
      expect(calls).toEqual([['orders', ['orders-api']], ['orders', ['orders-api']], ['orders', ['orders-api']]]);
      expect(inspected).toEqual({ ecsServices: { found: { 'orders/orders-api': { status: 'ACTIVE', desiredCount: 3, runningCount: 3, pendingCount: 0 } } } });
    });

    it('a cluster failing over and a replication group modifying are looked at again; a service still short is given up on after 5 minutes', async () => {
      const { clock, advance } = clockAt(0);
      const looks = { clusters: 0, groups: 0, services: 0 };
      const databases: Databases = {
        async clusters() {
          looks.clusters++;
          return { 'checkout-db': { status: looks.clusters < 3 ? 'failing-over' : 'available' } };
        },
        instances: async () => ({ 'checkout-db-instance-1': { status: 'available' } }),
      };
      const caches: Caches = {
        async replicationGroups() {
          looks.groups++;
          return { 'checkout-cache': { status: looks.groups < 2 ? 'modifying' : 'available', primaryAvailabilityZones: ['us-east-1a'] } };
        },
      };
      // Only the ECS look moves the clock, so the wait's length is counted in its looks.
      const containers: ContainerServices = {
        async services() {
          looks.services++;
          advance(15_000);
          return { 'orders-api': { status: 'ACTIVE', desiredCount: 3, runningCount: 2, pendingCount: 0 } };
        },
      };
      const inspected = await inspectRestoration(restorationNeeds(plan, targets), portsWith({ databases, caches, containers }), { clock });
      expect(looks).toEqual({ clusters: 3, groups: 2, services: 20 });
      expect(inspected.dbClusters).toEqual({ found: { 'checkout-db': { status: 'available' } } });
      expect(inspected.replicationGroups).toEqual({ found: { 'checkout-cache': { status: 'available', primaryAvailabilityZones: ['us-east-1a'] } } });
      expect(checkRestoration(plan, allDone, targets, inspected).checks.filter((c) => !c.ok)).toEqual([
        expect.objectContaining({ subject: 'Stop-Task', message: expect.stringMatching(/^orders\/orders-api runs 2 of 3 desired task\(s\) \(DescribeServices\): still short 5 minutes after the run/) }),
      ]);
    });

    it('a failed look is recorded for its kind only; the others are still inspected', async () => {
      const { clock } = clockAt(0);
      const databases: Databases = {
        clusters: () => Promise.reject(new Error('rds:DescribeDBClusters (HTTP 403): AccessDenied: no')),
        instances: async () => ({ 'checkout-db-instance-1': { status: 'available', availabilityZone: 'us-east-1b' } }),
      };
      const caches: Caches = { replicationGroups: async () => ({ 'checkout-cache': { status: 'available', primaryAvailabilityZones: [] } }) };
      const containers: ContainerServices = { services: async () => ({ 'orders-api': { status: 'ACTIVE', desiredCount: 3, runningCount: 3, pendingCount: 0 } }) };
      const inspected = await inspectRestoration(restorationNeeds(plan, targets), portsWith({ databases, caches, containers }), { clock });
      expect(inspected.dbClusters).toEqual({ error: 'rds:DescribeDBClusters (HTTP 403): AccessDenied: no' });
      expect(Object.keys(inspected).sort()).toEqual(['dbClusters', 'dbInstances', 'ecsServices', 'replicationGroups']);
      expect(checkRestoration(plan, allDone, targets, inspected).checks.map((c) => c.ok)).toEqual([false, true, true, true]);
    });
  });
});
