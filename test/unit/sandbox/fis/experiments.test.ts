import { describe, expect, it } from 'vitest';
import { ALARM, azPowerTemplate, harness, type Harness } from '../harness.js';

const role = 'arn:aws:iam::123456789012:role/gameday-fis';
const stopOn = (alarm: string) => [{ source: 'aws:cloudwatch:alarm', value: ALARM(alarm) }];
const world = (h: Harness) => h.simulation.snapshot() as any;

async function start(h: Harness, template: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const t = (await h.call('fis', 'CreateExperimentTemplate', template)).experimentTemplate;
  return (await h.call('fis', 'StartExperiment', { experimentTemplateId: t.id, ...extra })).experiment;
}

const get = async (h: Harness, id: string) => (await h.call('fis', 'GetExperiment', { id })).experiment;

const rebootThenWait = {
  description: 'reboot then watch',
  roleArn: role,
  stopConditions: stopOn('checkout-5xx-critical'),
  targets: { web: { resourceType: 'aws:ec2:instance', resourceTags: { AzImpairmentPower: 'StopInstances' }, filters: [{ path: 'State.Name', values: ['running'] }], selectionMode: 'COUNT(1)' } },
  actions: {
    reboot: { actionId: 'aws:ec2:reboot-instances', targets: { Instances: 'web' } },
    watch: { actionId: 'aws:fis:wait', parameters: { duration: 'PT5M' }, startAfter: ['reboot'] },
  },
};

describe('experiment state machine', () => {
  it('goes pending → initiating → running → completed, with startAfter ordering and durations on the virtual clock', async () => {
    const h = await harness('multi-az-checkout.yaml');
    const created = await start(h, rebootThenWait, { tags: { run: 'r1' } });
    expect(created.state.status).toBe('pending');
    expect(created.creationTime.getTime()).toBe(h.clock.nowMs());
    expect(created.tags).toEqual({ run: 'r1' });
    // The world's FIS timings (defaults: pending 0.3 s, initiating 5 s), on FIS's own time, not the 10-s step grid.
    h.advance(300);
    let e = await get(h, created.id);
    expect(e.state.status).toBe('initiating');
    expect(e.startTime.getTime() - created.creationTime.getTime()).toBe(300);
    h.advance(4_999);
    expect((await get(h, created.id)).state.status).toBe('initiating');
    h.advance(1);
    e = await get(h, created.id);
    expect(e.state.status).toBe('running');
    expect(e.actions.reboot.state.status).toBe('running');
    expect(e.actions.reboot.startTime.getTime() - created.creationTime.getTime()).toBe(5_300);
    expect(e.actions.watch.state.status).toBe('pending');
    h.advance(10_000);
    e = await get(h, created.id);
    expect(e.actions.reboot.state.status).toBe('completed');
    expect(e.actions.watch.state.status).toBe('running');
    expect(e.actions.watch.startTime.getTime()).toBe(e.actions.reboot.endTime.getTime());
    h.advance(5 * 60_000);
    e = await get(h, created.id);
    expect(e.state).toEqual({ status: 'completed', reason: 'Experiment completed.' });
    expect(e.actions.watch.endTime.getTime() - e.actions.watch.startTime.getTime()).toBe(5 * 60_000);
    expect(e.endTime.getTime()).toBe(e.actions.watch.endTime.getTime());
    const resolved = (await h.call('fis', 'ListExperimentResolvedTargets', { experimentId: created.id })).resolvedTargets;
    expect(resolved).toHaveLength(1);
    expect(resolved[0]).toMatchObject({ resourceType: 'aws:ec2:instance', targetName: 'web' });
    expect(resolved[0].targetInformation.identifier).toMatch(/^arn:aws:ec2:us-east-1:123456789012:instance\/i-0c0ffee00000000[ab]1$/);
    const listed = (await h.call('fis', 'ListExperiments', {})).experiments;
    expect(listed.map((x: any) => x.id)).toEqual([created.id]);
  });

  it('returns the same experiment for the same clientToken', async () => {
    const h = await harness('multi-az-checkout.yaml');
    const t = (await h.call('fis', 'CreateExperimentTemplate', rebootThenWait)).experimentTemplate;
    const a = (await h.call('fis', 'StartExperiment', { experimentTemplateId: t.id, clientToken: 'same' })).experiment;
    const b = (await h.call('fis', 'StartExperiment', { experimentTemplateId: t.id, clientToken: 'same' })).experiment;
    expect(b.id).toBe(a.id);
    expect((await h.call('fis', 'ListExperiments', {})).experiments).toHaveLength(1);
  });

  it('stops on StopExperiment: running actions are rolled back, pending ones cancelled', async () => {
    const h = await harness('multi-az-checkout.yaml');
    const created = await start(h, azPowerTemplate());
    h.advance(60_000);
    expect(world(h).instances.find((i: any) => i.id === 'i-0c0ffee00000000b1').state).toBe('stopped');
    // StopExperiment answers `stopping` (the AWS CLI's example) and the experiment is stopped at the next step.
    const stopping = (await h.call('fis', 'StopExperiment', { id: created.id })).experiment;
    expect(stopping.state.status).toBe('stopping');
    let e = await get(h, created.id);
    expect(e.state.status).toBe('stopping');
    expect(e.actions['Stop-Instances'].state.status).toBe('stopping');
    expect(e.actions['Pause-EBS-IO'].state.status).toBe('cancelled');
    h.advance(10_000);
    e = await get(h, created.id);
    expect(e.state).toEqual({ status: 'stopped', reason: 'Experiment stopped by user.' });
    expect(e.actions['Stop-Instances'].state.status).toBe('stopped');
    expect(e.actions['Failover-RDS'].state.status).toBe('completed');
    // FIS restarts what it stopped and lifts the injected capacity errors.
    h.advance(60_000);
    expect(world(h).instances.find((i: any) => i.id === 'i-0c0ffee00000000b1').state).toBe('running');
    expect(world(h).impairedAvailabilityZones).toEqual([]);
    // The FIS model lists ValidationException (and ResourceNotFoundException) for StopExperiment.
    await expect(h.call('fis', 'StopExperiment', { id: created.id })).rejects.toMatchObject({ code: 'ValidationException' });
  });

  it('is cancelled when stopped before it runs', async () => {
    const h = await harness('multi-az-checkout.yaml');
    const created = await start(h, rebootThenWait);
    await h.call('fis', 'StopExperiment', { id: created.id });
    h.advance(10_000);
    const e = await get(h, created.id);
    expect(e.state.status).toBe('cancelled');
    expect(Object.values(e.actions).map((a: any) => a.state.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('stops when a stop-condition alarm goes to ALARM, naming the alarm, and undoes the fault', async () => {
    const h = await harness('multi-az-checkout.yaml');
    const created = await start(h, {
      description: 'cut every subnet',
      roleArn: role,
      stopConditions: stopOn('checkout-5xx-critical'),
      targets: { subnets: { resourceType: 'aws:ec2:subnet', resourceTags: { AzImpairmentPower: 'DisruptSubnet' }, selectionMode: 'ALL' } },
      actions: { cut: { actionId: 'aws:network:disrupt-connectivity', parameters: { duration: 'PT20M', scope: 'all' }, targets: { Subnets: 'subnets' } } },
    });
    h.advance(5 * 60_000);
    const e = await get(h, created.id);
    expect(e.state).toEqual({ status: 'stopped', reason: `Experiment stopped by stop condition ${ALARM('checkout-5xx-critical')}.` });
    expect(e.actions.cut.state.status).toBe('stopped');
    expect(e.actions.cut.endTime.getTime() - e.actions.cut.startTime.getTime()).toBeLessThan(5 * 60_000);
    expect(world(h).subnets.every((s: any) => !s.disrupted)).toBe(true);
  });

  it('fails at initiation when a stop-condition alarm does not exist', async () => {
    const h = await harness('multi-az-checkout.yaml');
    const created = await start(h, { ...rebootThenWait, stopConditions: stopOn('no-such-alarm') });
    h.advance(20_000);
    const e = await get(h, created.id);
    expect(e.state).toEqual({
      status: 'failed',
      reason: `Stop condition alarm ${ALARM('no-such-alarm')} does not exist.`,
      error: { accountId: '123456789012', code: 'ConfigurationFailure', location: 'stopConditions' },
    });
  });

  it('fails on empty target resolution by default, and skips the action with emptyTargetResolutionMode skip', async () => {
    const h = await harness('multi-az-checkout.yaml');
    const none = { ...rebootThenWait, targets: { web: { ...rebootThenWait.targets.web, resourceTags: { AzImpairmentPower: 'Nothing' } } } };
    const failed = await start(h, none);
    h.advance(20_000);
    expect((await get(h, failed.id)).state).toEqual({
      status: 'failed',
      reason: 'Target resolution failed: no resources found for target "web".',
      error: { accountId: '123456789012', code: 'InvalidTarget', location: 'targets.web' },
    });
    const skipped = await start(h, { ...none, experimentOptions: { emptyTargetResolutionMode: 'skip' } });
    h.advance(20_000);
    const e = await get(h, skipped.id);
    expect(e.actions.reboot.state.status).toBe('skipped');
    expect(e.actions.watch.state.status).toBe('running');
  });

  it('fails when stopped instances were terminated and completeIfInstancesTerminated is not set', async () => {
    const h = await harness('multi-az-checkout.yaml');
    const created = await start(h, {
      description: 'stop asg instances',
      roleArn: role,
      stopConditions: [{ source: 'none' }],
      targets: { asg: { resourceType: 'aws:ec2:instance', resourceTags: { AzImpairmentPower: 'IceAsg' }, filters: [{ path: 'Placement.AvailabilityZone', values: ['us-east-1a'] }], selectionMode: 'ALL' } },
      actions: { stop: { actionId: 'aws:ec2:stop-instances', parameters: { startInstancesAfterDuration: 'PT5M' }, targets: { Instances: 'asg' } } },
    });
    h.advance(6 * 60_000);
    const e = await get(h, created.id);
    expect(e.state.status).toBe('failed');
    expect(e.actions.stop.state.status).toBe('failed');
    expect(e.state.reason).toMatch(/^Action stop failed: Unable to start instances i-\w+, i-\w+: they were terminated while stopped\.$/);
  });

  it('allows at most 5 active experiments', async () => {
    const h = await harness('multi-az-checkout.yaml');
    const t = (await h.call('fis', 'CreateExperimentTemplate', rebootThenWait)).experimentTemplate;
    for (let i = 0; i < 5; i++) await h.call('fis', 'StartExperiment', { experimentTemplateId: t.id });
    await expect(h.call('fis', 'StartExperiment', { experimentTemplateId: t.id })).rejects.toMatchObject({ code: 'ServiceQuotaExceededException', httpStatus: 402 });
    await expect(h.call('fis', 'StartExperiment', { experimentTemplateId: 'EXTnope' })).rejects.toMatchObject({ code: 'ResourceNotFoundException' });
  });
});

describe('target resolution', () => {
  const resolve = async (h: Harness, target: Record<string, unknown>, actionId = 'aws:fis:wait') => {
    const key = { 'aws:ec2:reboot-instances': 'Instances', 'aws:ebs:pause-volume-io': 'Volumes', 'aws:ecs:stop-task': 'Tasks', 'aws:rds:failover-db-cluster': 'Clusters', 'aws:network:disrupt-connectivity': 'Subnets' }[actionId]!;
    const parameters = actionId === 'aws:ebs:pause-volume-io' || actionId === 'aws:network:disrupt-connectivity' ? { duration: 'PT1M' } : undefined;
    const e = await start(h, {
      description: 'resolve',
      roleArn: role,
      stopConditions: [{ source: 'none' }],
      targets: { t: target },
      actions: { a: { actionId, targets: { [key]: 't' }, ...(parameters ? { parameters } : {}) } },
      experimentOptions: { emptyTargetResolutionMode: 'skip' },
    });
    h.advance(20_000);
    return (await h.call('fis', 'ListExperimentResolvedTargets', { experimentId: e.id })).resolvedTargets.map((r: any) => r.targetInformation.identifier.split(/[/:]/).pop());
  };

  it('applies tags, State.Name and Placement.AvailabilityZone filters', async () => {
    const h = await harness('multi-az-checkout.yaml');
    const ids = await resolve(
      h,
      { resourceType: 'aws:ec2:instance', resourceTags: { AzImpairmentPower: 'StopInstances' }, filters: [{ path: 'State.Name', values: ['running'] }, { path: 'Placement.AvailabilityZone', values: ['us-east-1b'] }], selectionMode: 'ALL' },
      'aws:ec2:reboot-instances',
    );
    expect(ids).toEqual(['i-0c0ffee00000000b1']);
  });

  it('applies Attachments.DeleteOnTermination, AvailabilityZone and target parameters', async () => {
    const h = await harness('multi-az-checkout.yaml');
    expect(
      await resolve(h, { resourceType: 'aws:ec2:ebs-volume', resourceTags: { AzImpairmentPower: 'ApiPauseVolume' }, filters: [{ path: 'Attachments.DeleteOnTermination', values: ['false'] }], parameters: { availabilityZoneIdentifier: 'us-east-1b' }, selectionMode: 'COUNT(1)' }, 'aws:ebs:pause-volume-io'),
    ).toEqual(['vol-0c0ffee000000b001']);
    expect(await resolve(h, { resourceType: 'aws:ec2:subnet', resourceTags: { AzImpairmentPower: 'DisruptSubnet' }, filters: [{ path: 'AvailabilityZone', values: ['us-east-1c'] }], selectionMode: 'ALL' }, 'aws:network:disrupt-connectivity')).toEqual([
      'subnet-0a1b2c3d4e5f60003',
    ]);
    expect(await resolve(h, { resourceType: 'aws:rds:cluster', resourceTags: { AzImpairmentPower: 'DisruptRds' }, parameters: { writerAvailabilityZoneIdentifiers: 'us-east-1a' }, selectionMode: 'ALL' }, 'aws:rds:failover-db-cluster')).toEqual([]);
    expect(await resolve(h, { resourceType: 'aws:rds:cluster', resourceTags: { AzImpairmentPower: 'DisruptRds' }, parameters: { writerAvailabilityZoneIdentifiers: 'us-east-1b' }, selectionMode: 'ALL' }, 'aws:rds:failover-db-cluster')).toEqual([
      'checkout-db',
    ]);
  });

  it('selects COUNT and PERCENT (rounded down) deterministically for a seed, by cluster/service parameters', async () => {
    const pick = async (seed: number) => {
      const h = await harness('orders-ecs.yaml', seed);
      return resolve(h, { resourceType: 'aws:ecs:task', parameters: { cluster: 'orders', service: 'orders-api' }, selectionMode: 'COUNT(1)' }, 'aws:ecs:stop-task');
    };
    const first = await pick(11);
    expect(first).toHaveLength(1);
    expect(await pick(11)).toEqual(first);
    const h = await harness('orders-ecs.yaml');
    expect(await resolve(h, { resourceType: 'aws:ecs:task', parameters: { cluster: 'orders', service: 'orders-api' }, selectionMode: 'PERCENT(50)' }, 'aws:ecs:stop-task')).toHaveLength(1);
    expect(await resolve(h, { resourceType: 'aws:ecs:task', parameters: { cluster: 'orders', service: 'billing' }, selectionMode: 'ALL' }, 'aws:ecs:stop-task')).toEqual([]);
  });
});
