import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../../src/core/plan/compile.js';
import type { Fault, Scenario } from '../../../src/core/scenario/types.js';
import { catalogCpuStress, loaded } from './fixtures.js';

function withFault(fault: Fault, change: (s: Scenario) => void = () => {}): Scenario {
  const scenario = catalogCpuStress();
  scenario.metadata.name = `library-${fault.type}`;
  scenario.spec.fault = fault;
  change(scenario);
  return scenario;
}
const plan = (fault: Fault, change?: (s: Scenario) => void) => compilePlan(loaded(withFault(fault, change)));

describe('az-application-slowdown: latency inside one AZ (the scenario library defaults)', () => {
  const p = plan({ type: 'az-application-slowdown', availabilityZone: 'us-east-1b' });
  it('200 ms on 100 % of flows for 30 minutes, to the AZ itself, on the tagged instances and tasks in the AZ; empty targets skipped', () => {
    expect(p.template.actions['Task-Network-Latency']).toEqual({
      actionId: 'aws:ecs:task-network-latency',
      description: expect.any(String),
      parameters: { delayMilliseconds: '200', flowsPercent: '100', sources: 'us-east-1b', duration: 'PT30M', installDependencies: 'true', useEcsFaultInjectionEndpoints: 'true' },
      targets: { Tasks: 'Tasks-In-AZ' },
    });
    expect(p.template.targets['Tasks-In-AZ']).toEqual({
      resourceType: 'aws:ecs:task',
      resourceTags: { AZApplicationSlowdown: 'LatencyForECS' },
      filters: [{ path: 'AvailabilityZone', values: ['us-east-1b'] }],
      selectionMode: 'ALL',
    });
    const ssm = p.template.actions['Instance-Network-Latency']!;
    expect(ssm.actionId).toBe('aws:ssm:send-command');
    expect(ssm.parameters?.documentArn).toBe('arn:aws:ssm:us-east-1::document/AWSFIS-Run-Network-Latency-Sources');
    expect(JSON.parse(ssm.parameters!.documentParameters!)).toEqual({ DelayMilliseconds: '200', FlowsPercent: '100', Sources: 'us-east-1b', TrafficType: 'egress', DurationSeconds: '1800', InstallDependencies: 'True' });
    expect(p.template.targets['Instances-In-AZ']?.filters).toEqual([
      { path: 'State.Name', values: ['running'] },
      { path: 'Placement.AvailabilityZone', values: ['us-east-1b'] },
    ]);
    expect(p.template.experimentOptions.emptyTargetResolutionMode).toBe('skip');
    expect(p.faultSeconds).toBe(1800);
  });
  it("the default tags are AWS's scenario library's, one per compute kind (az-application-slowdown-scenario.html)", () => {
    expect(p.template.targets['Instances-In-AZ']?.resourceTags).toEqual({ AZApplicationSlowdown: 'LatencyForEC2' });
    expect(p.template.targets['Tasks-In-AZ']?.resourceTags).toEqual({ AZApplicationSlowdown: 'LatencyForECS' });
  });
  it('the scenario sets latency, flows, duration, kinds and tags; an AZ ID needs the AZ name for the filters', () => {
    const custom = plan({ type: 'az-application-slowdown', availabilityZone: 'use1-az2', availabilityZoneName: 'us-east-1b', delayMilliseconds: 50, flowsPercent: 25, duration: 'PT10M', include: ['ecs-tasks'], tags: { Team: 'checkout' } });
    expect(Object.keys(custom.template.actions)).toEqual(['Task-Network-Latency']);
    expect(custom.template.actions['Task-Network-Latency']?.parameters).toEqual({ delayMilliseconds: '50', flowsPercent: '25', sources: 'use1-az2', duration: 'PT10M', installDependencies: 'true', useEcsFaultInjectionEndpoints: 'true' });
    expect(custom.template.targets['Tasks-In-AZ']?.resourceTags).toEqual({ Team: 'checkout' });
    expect(() => plan({ type: 'az-application-slowdown', availabilityZone: 'use1-az2' })).toThrowError(/add fault.availabilityZoneName/);
  });
});

describe('cross-az-traffic-slowdown: packet loss from one AZ to the others', () => {
  it('15 % loss on 100 % of flows for 30 minutes by default, sources = the other AZs', () => {
    const p = plan({ type: 'cross-az-traffic-slowdown', availabilityZone: 'us-east-1b', toAvailabilityZones: ['us-east-1a', 'us-east-1c'] });
    expect(p.template.actions['Task-Network-Packet-Loss']?.parameters).toEqual({ lossPercent: '15', flowsPercent: '100', sources: 'us-east-1a,us-east-1c', duration: 'PT30M', installDependencies: 'true', useEcsFaultInjectionEndpoints: 'true' });
    expect(JSON.parse(p.template.actions['Instance-Network-Packet-Loss']!.parameters!.documentParameters!)).toMatchObject({ LossPercent: '15', Sources: 'us-east-1a,us-east-1c', TrafficType: 'egress' });
    expect(p.template.actions['Instance-Network-Packet-Loss']?.parameters?.documentArn).toMatch(/AWSFIS-Run-Network-Packet-Loss-Sources$/);
  });
  it("the default tags are AWS's scenario library's, one per compute kind (cross-az-traffic-slowdown-scenario.html)", () => {
    const p = plan({ type: 'cross-az-traffic-slowdown', availabilityZone: 'us-east-1b', toAvailabilityZones: ['us-east-1a'] });
    expect(p.template.targets['Instances-In-AZ']?.resourceTags).toEqual({ CrossAZTrafficSlowdown: 'PacketLossForEC2' });
    expect(p.template.targets['Tasks-In-AZ']?.resourceTags).toEqual({ CrossAZTrafficSlowdown: 'PacketLossForECS' });
  });
  it('the AZ itself among the destinations is a plan error', () => {
    expect(() => plan({ type: 'cross-az-traffic-slowdown', availabilityZone: 'us-east-1b', toAvailabilityZones: ['us-east-1b'] })).toThrowError(/lists us-east-1b itself/);
  });
});

describe('cross-region-connectivity: the Region cut off from another, replication paused', () => {
  const p = plan({ type: 'cross-region-connectivity', toRegion: 'us-west-2' });
  it('route tables, transit gateways, S3 and DynamoDB replication; 3 hours by default', () => {
    expect(Object.fromEntries(Object.entries(p.template.actions).map(([n, a]) => [n, a.actionId]))).toEqual({
      'Disrupt-Subnet-Connectivity': 'aws:network:route-table-disrupt-cross-region-connectivity',
      'Disrupt-TransitGateway-Connectivity': 'aws:network:transit-gateway-disrupt-cross-region-connectivity',
      'Pause-S3-Replication': 'aws:s3:bucket-pause-replication',
      'Pause-DynamoDB-Replication': 'aws:dynamodb:global-table-pause-replication',
    });
    expect(p.template.actions['Pause-S3-Replication']?.parameters).toEqual({ region: 'us-west-2', duration: 'PT3H' });
    expect(p.template.actions['Pause-DynamoDB-Replication']?.parameters).toEqual({ duration: 'PT3H' });
    expect(p.template.targets['S3-Buckets']).toEqual({ resourceType: 'aws:s3:bucket', resourceTags: { CrossRegionConnectivity: 'PauseReplication' }, selectionMode: 'ALL' });
    expect(p.faultSeconds).toBe(3 * 3600);
    expect(p.template.experimentOptions.emptyTargetResolutionMode).toBe('skip');
  });
  it('at most 12 hours; not the scenario\'s own Region; the RPO comes from the replication lag', () => {
    expect(() => plan({ type: 'cross-region-connectivity', toRegion: 'us-west-2', duration: 'PT13H' })).toThrowError(/PT13H is outside PT1M–PT12H/);
    expect(plan({ type: 'cross-region-connectivity', toRegion: 'us-west-2', duration: 'PT12H' }).faultSeconds).toBe(12 * 3600);
    expect(() => plan({ type: 'cross-region-connectivity', toRegion: 'us-east-1' })).toThrowError(/scenario's own region/);
    const noProbe = plan({ type: 'cross-region-connectivity', toRegion: 'us-west-2' }, (s) => delete s.spec.recovery.dataLoss);
    expect(noProbe.warnings.find((w) => w.code === 'RPO_NOT_MEASURED')?.message).toContain('replication lag');
  });
});

describe('ec2-spot-interruption', () => {
  it('one running Spot Instance by default, a 2-minute notice, not rolled back', () => {
    const p = plan({ type: 'ec2-spot-interruption', targets: { tags: { Service: 'catalog' } } });
    expect(p.template.actions['Interrupt-Spot-Instances']).toMatchObject({
      actionId: 'aws:ec2:send-spot-instance-interruptions',
      parameters: { durationBeforeInterruption: 'PT2M' },
      targets: { SpotInstances: 'Spot-Instances' },
    });
    expect(p.template.targets['Spot-Instances']).toEqual({
      resourceType: 'aws:ec2:spot-instance',
      resourceTags: { Service: 'catalog' },
      filters: [{ path: 'State.Name', values: ['running'] }],
      selectionMode: 'COUNT(1)',
    });
    expect(p.actions[0]).toMatchObject({ rollback: 'not rolled back', injectsFault: true });
  });
  it('the notice must be PT2M–PT15M', () => {
    expect(() => plan({ type: 'ec2-spot-interruption', targets: { tags: { Service: 'catalog' } }, durationBeforeInterruption: 'PT20M' })).toThrowError(/durationBeforeInterruption PT20M is outside PT2M–PT15M/);
  });
});
