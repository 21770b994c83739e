import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../../src/core/plan/compile.js';
import type { AzPowerInterruptionFault, Scenario } from '../../../src/core/scenario/types.js';
import { checkoutAzPower, loaded } from './fixtures.js';

function withFault(change: (fault: AzPowerInterruptionFault) => void): Scenario {
  const scenario = checkoutAzPower();
  if (scenario.spec.fault.type !== 'az-power-interruption') throw new Error('fixture changed');
  change(scenario.spec.fault);
  return scenario;
}

function compileAz(change: (fault: AzPowerInterruptionFault) => void = () => {}) {
  return compilePlan(loaded(withFault(change)));
}

const running = (az: string) => [
  { path: 'State.Name', values: ['running'] },
  { path: 'Placement.AvailabilityZone', values: [az] },
];

describe('az-power-interruption: the scenario-library composition (aws-facts.md)', () => {
  const plan = compileAz();
  const { actions, targets } = plan.template;

  it('has all ten sub-actions of the current scenario by default (and the wait that delays the autoshift)', () => {
    expect(Object.keys(actions)).toEqual([
      'Pause-Instance-Launches',
      'Pause-ASG-Scaling',
      'Stop-Instances',
      'Stop-ASG-Instances',
      'Pause-network-connectivity',
      'Disrupt-S3-Express-One-Zone',
      'Failover-RDS',
      'Pause-ElastiCache',
      'Pause-EBS-IO',
      'Wait-Before-Autoshift',
      'Start-ARC-Zonal-Autoshift',
    ]);
    expect(plan.actions.filter((a) => a.actionId !== 'aws:fis:wait')).toHaveLength(10);
  });

  it('skips actions without targets as the scenario library does, and says each skip is lost coverage', () => {
    expect(plan.template.experimentOptions.emptyTargetResolutionMode).toBe('skip');
    const warning = plan.warnings.find((w) => w.code === 'EMPTY_TARGETS_SKIPPED')?.message;
    expect(warning).toContain('lost coverage, never as a pass');
    expect(warning).toContain('Disrupt-S3-Express-One-Zone');
    expect(warning).toContain('Start-ARC-Zonal-Autoshift');
    expect(warning).not.toContain('Wait-Before-Autoshift');
    const failing = compilePlan(loaded({ ...checkoutAzPower(), spec: { ...checkoutAzPower().spec, experiment: { emptyTargetResolutionMode: 'fail' } } }));
    expect(failing.template.experimentOptions.emptyTargetResolutionMode).toBe('fail');
  });

  it('Disrupt-S3-Express-One-Zone: disrupt-connectivity with scope s3express on the same AZ subnets, for the whole interruption', () => {
    expect(actions['Disrupt-S3-Express-One-Zone']).toEqual({
      actionId: 'aws:network:disrupt-connectivity',
      description: expect.any(String),
      parameters: { duration: 'PT30M', scope: 's3express' },
      targets: { Subnets: 'Subnet' },
    });
    const only = compileAz((f) => (f.include = ['s3express']));
    expect(Object.keys(only.template.actions)).toEqual(['Disrupt-S3-Express-One-Zone']);
    expect(only.template.targets['Subnet']).toEqual(targets['Subnet']);
  });

  it('Start-ARC-Zonal-Autoshift by default: from +5 min for 25 min, AZ ID, on resources tagged RecoverAutoshiftResources', () => {
    expect(actions['Start-ARC-Zonal-Autoshift']).toMatchObject({
      parameters: { availabilityZoneIdentifier: 'use1-az2', duration: 'PT25M' },
      startAfter: ['Wait-Before-Autoshift'],
    });
    expect(targets['ARC-Managed-Resources']?.resourceTags).toEqual({ AzImpairmentPower: 'RecoverAutoshiftResources' });
    expect(plan.actions.find((a) => a.name === 'Start-ARC-Zonal-Autoshift')).toMatchObject({ startSeconds: 300, durationSeconds: 1500 });
  });

  it('a default autoshift that cannot fit a short interruption is left out with a warning (an explicit one is an error)', () => {
    const short = compileAz((f) => (f.duration = 'PT5M'));
    expect(short.template.actions).not.toHaveProperty('Start-ARC-Zonal-Autoshift');
    expect(short.warnings.find((w) => w.code === 'AUTOSHIFT_OMITTED')?.message).toContain('Start-ARC-Zonal-Autoshift is left out');
    expect(() =>
      compileAz((f) => {
        f.duration = 'PT5M';
        f.include = ['instances', 'autoshift'];
      }),
    ).toThrowError(/too short for autoshift/);
  });

  it('uses the AZ ID where FIS takes one (accounts name AZs differently) and the name only where FIS needs it', () => {
    expect(actions['Pause-Instance-Launches']?.parameters?.availabilityZoneIdentifiers).toBe('use1-az2');
    expect(actions['Pause-ASG-Scaling']?.parameters?.availabilityZoneIdentifiers).toBe('use1-az2');
    expect(targets['ElastiCache-Cluster']?.parameters?.availabilityZoneIdentifier).toBe('use1-az2');
    expect(actions['Start-ARC-Zonal-Autoshift']?.parameters?.availabilityZoneIdentifier).toBe('use1-az2');
    expect(targets['Subnet']?.filters).toEqual([{ path: 'AvailabilityZone', values: ['us-east-1b'] }]);
  });

  it('Pause-Instance-Launches: api ICE on the launch roles by ARN, AZ ID accepted, percentage 100', () => {
    expect(actions['Pause-Instance-Launches']).toMatchObject({
      actionId: 'aws:ec2:api-insufficient-instance-capacity-error',
      parameters: { availabilityZoneIdentifiers: 'use1-az2', percentage: '100', duration: 'PT30M' },
      targets: { Roles: 'IAM-role' },
    });
    expect(targets['IAM-role']).toEqual({
      resourceType: 'aws:iam:role',
      resourceArns: ['arn:aws:iam::123456789012:role/checkout-app'],
      selectionMode: 'ALL',
    });
  });

  it('Pause-ASG-Scaling: ASG ICE on groups tagged IceAsg', () => {
    expect(actions['Pause-ASG-Scaling']).toMatchObject({
      actionId: 'aws:ec2:asg-insufficient-instance-capacity-error',
      parameters: { availabilityZoneIdentifiers: 'use1-az2', percentage: '100', duration: 'PT30M' },
      targets: { AutoScalingGroups: 'ASG' },
    });
    expect(targets['ASG']).toEqual({ resourceType: 'aws:ec2:autoscaling-group', resourceTags: { AzImpairmentPower: 'IceAsg' }, selectionMode: 'ALL' });
  });

  it('Stop-Instances and Stop-ASG-Instances: running instances in the AZ (by NAME), restarted after the duration', () => {
    for (const [name, target, tag] of [
      ['Stop-Instances', 'EC2-Instances', 'StopInstances'],
      ['Stop-ASG-Instances', 'ASG-EC2-Instances', 'IceAsg'],
    ] as const) {
      expect(actions[name]).toMatchObject({
        actionId: 'aws:ec2:stop-instances',
        parameters: { startInstancesAfterDuration: 'PT30M', completeIfInstancesTerminated: 'true' },
        targets: { Instances: target },
      });
      expect(actions[name]!.parameters).not.toHaveProperty('duration');
      expect(targets[target]).toEqual({
        resourceType: 'aws:ec2:instance',
        resourceTags: { AzImpairmentPower: tag },
        filters: running('us-east-1b'),
        selectionMode: 'ALL',
      });
    }
  });

  it('Pause-network-connectivity: PT2M, scope all, subnets filtered by AZ name', () => {
    expect(actions['Pause-network-connectivity']).toEqual({
      actionId: 'aws:network:disrupt-connectivity',
      description: expect.any(String),
      parameters: { duration: 'PT2M', scope: 'all' },
      targets: { Subnets: 'Subnet' },
    });
    expect(targets['Subnet']).toEqual({
      resourceType: 'aws:ec2:subnet',
      resourceTags: { AzImpairmentPower: 'DisruptSubnet' },
      filters: [{ path: 'AvailabilityZone', values: ['us-east-1b'] }],
      selectionMode: 'ALL',
    });
  });

  it('Failover-RDS: no parameters; the writer AZ goes in the target parameter writerAvailabilityZoneIdentifiers', () => {
    expect(actions['Failover-RDS']).toEqual({ actionId: 'aws:rds:failover-db-cluster', description: expect.any(String), targets: { Clusters: 'RDS-Cluster' } });
    expect(targets['RDS-Cluster']).toEqual({
      resourceType: 'aws:rds:cluster',
      resourceTags: { AzImpairmentPower: 'DisruptRds' },
      parameters: { writerAvailabilityZoneIdentifiers: 'us-east-1b' },
      selectionMode: 'ALL',
    });
  });

  it('Pause-ElastiCache: the current action id and resource type, tags only, AZ as target parameter', () => {
    expect(actions['Pause-ElastiCache']).toMatchObject({
      actionId: 'aws:elasticache:replicationgroup-interrupt-az-power',
      parameters: { duration: 'PT30M' },
      targets: { ReplicationGroups: 'ElastiCache-Cluster' },
    });
    expect(targets['ElastiCache-Cluster']).toEqual({
      resourceType: 'aws:elasticache:replicationgroup',
      resourceTags: { AzImpairmentPower: 'ElasticacheImpact' },
      parameters: { availabilityZoneIdentifier: 'use1-az2' },
      selectionMode: 'ALL',
    });
    expect(targets['ElastiCache-Cluster']).not.toHaveProperty('resourceArns');
  });

  it('Pause-EBS-IO: COUNT(1), DeleteOnTermination=false, AZ NAME, after both stop actions', () => {
    expect(actions['Pause-EBS-IO']).toMatchObject({
      actionId: 'aws:ebs:pause-volume-io',
      parameters: { duration: 'PT30M' },
      targets: { Volumes: 'EBS-Volumes' },
      startAfter: ['Stop-Instances', 'Stop-ASG-Instances'],
    });
    expect(targets['EBS-Volumes']).toEqual({
      resourceType: 'aws:ec2:ebs-volume',
      resourceTags: { AzImpairmentPower: 'ApiPauseVolume' },
      filters: [{ path: 'Attachments.DeleteOnTermination', values: ['false'] }],
      parameters: { availabilityZoneIdentifier: 'us-east-1b' },
      selectionMode: 'COUNT(1)',
    });
  });

  it('timeline: 30 min of interruption, then EBS I/O pause for the next 30 as instances come back', () => {
    const at = Object.fromEntries(plan.actions.map((a) => [a.name, [a.startSeconds, a.durationSeconds]]));
    expect(at).toEqual({
      'Pause-Instance-Launches': [0, 1800],
      'Pause-ASG-Scaling': [0, 1800],
      'Stop-Instances': [0, 1800],
      'Stop-ASG-Instances': [0, 1800],
      'Pause-network-connectivity': [0, 120],
      'Disrupt-S3-Express-One-Zone': [0, 1800],
      'Failover-RDS': [0, 0],
      'Pause-ElastiCache': [0, 1800],
      'Pause-EBS-IO': [1800, 1800],
      'Wait-Before-Autoshift': [0, 300],
      'Start-ARC-Zonal-Autoshift': [300, 1500],
    });
    expect(plan.faultSeconds).toBe(3600);
    expect(plan.actions.filter((a) => a.injectsFault).map((a) => a.name)).not.toContain('Pause-EBS-IO');
    expect(plan.actions.find((a) => a.name === 'Stop-Instances')?.injectsFault).toBe(true);
    expect(plan.actions.find((a) => a.name === 'Failover-RDS')?.rollback).toBe('not rolled back');
    expect(plan.actions.find((a) => a.name === 'Stop-Instances')?.rollback).toBe('automatic');
  });

  it('an AZ name is used everywhere when the scenario gives a name', () => {
    const byName = compileAz((f) => {
      f.availabilityZone = 'us-east-1b';
      delete f.availabilityZoneName;
    });
    expect(byName.template.actions['Pause-ASG-Scaling']?.parameters?.availabilityZoneIdentifiers).toBe('us-east-1b');
    expect(byName.template.targets['ElastiCache-Cluster']?.parameters?.availabilityZoneIdentifier).toBe('us-east-1b');
    expect(byName.template.targets['EC2-Instances']?.filters).toEqual(running('us-east-1b'));
  });

  it('an AZ ID without availabilityZoneName is a plan error naming the kinds that need the name', () => {
    expect(() => compileAz((f) => delete f.availabilityZoneName)).toThrowError(
      /AZ ID use1-az2, but asg, instances, subnets, rds, ebs, s3express need the AZ name.*availabilityZoneName/,
    );
  });

  it('an AZ ID alone is enough when only ID-taking kinds are included', () => {
    const plan = compileAz((f) => {
      delete f.availabilityZoneName;
      f.include = ['launches', 'elasticache'];
    });
    expect(Object.keys(plan.template.actions)).toEqual(['Pause-Instance-Launches', 'Pause-ElastiCache']);
  });

  it('an AZ name outside the region is refused', () => {
    expect(() => compileAz((f) => (f.availabilityZoneName = 'eu-west-1b'))).toThrowError(/not in the scenario's region us-east-1/);
  });

  it('limits itself to the included kinds, with the tag key, values and durations the scenario sets', () => {
    const plan = compileAz((f) => {
      f.include = ['instances', 'subnets', 'ebs'];
      f.tagKey = 'Chaos';
      f.tagValues = { instances: 'stop-me', ebs: 'pause-me' };
      f.duration = 'PT10M';
      f.networkDuration = 'PT5M';
    });
    expect(Object.keys(plan.template.actions)).toEqual(['Stop-Instances', 'Pause-network-connectivity', 'Pause-EBS-IO']);
    expect(Object.keys(plan.template.targets)).toEqual(['EC2-Instances', 'Subnet', 'EBS-Volumes']);
    expect(plan.template.targets['EC2-Instances']?.resourceTags).toEqual({ Chaos: 'stop-me' });
    expect(plan.template.targets['Subnet']?.resourceTags).toEqual({ Chaos: 'DisruptSubnet' });
    expect(plan.template.actions['Stop-Instances']?.parameters?.startInstancesAfterDuration).toBe('PT10M');
    expect(plan.template.actions['Pause-network-connectivity']?.parameters?.duration).toBe('PT5M');
    expect(plan.template.actions['Pause-EBS-IO']?.startAfter).toEqual(['Stop-Instances']);
    expect(plan.faultSeconds).toBe(1200);
  });

  it('optional autoshift: starts 5 minutes in (after a wait) and lasts the rest', () => {
    const plan = compileAz((f) => (f.include = ['instances', 'autoshift']));
    expect(plan.template.actions['Wait-Before-Autoshift']).toMatchObject({ actionId: 'aws:fis:wait', parameters: { duration: 'PT5M' } });
    expect(plan.template.actions['Start-ARC-Zonal-Autoshift']).toMatchObject({
      actionId: 'aws:arc:start-zonal-autoshift',
      parameters: { availabilityZoneIdentifier: 'use1-az2', duration: 'PT25M' },
      targets: { ManagedResources: 'ARC-Managed-Resources' },
      startAfter: ['Wait-Before-Autoshift'],
    });
    expect(plan.template.targets['ARC-Managed-Resources']).toEqual({
      resourceType: 'aws:arc:zonal-shift-managed-resource',
      resourceTags: { AzImpairmentPower: 'RecoverAutoshiftResources' },
      selectionMode: 'ALL',
    });
    const autoshift = plan.actions.find((a) => a.name === 'Start-ARC-Zonal-Autoshift');
    expect(autoshift).toMatchObject({ startSeconds: 300, durationSeconds: 1500, injectsFault: false });
    expect(plan.actions.find((a) => a.name === 'Wait-Before-Autoshift')?.injectsFault).toBe(false);
  });

  it('launches included explicitly without launchRoles is an error; by default it is left out with a warning', () => {
    expect(() =>
      compileAz((f) => {
        f.include = ['launches', 'instances'];
        delete f.launchRoles;
      }),
    ).toThrowError(/launchRoles is empty/);
    const plan = compileAz((f) => delete f.launchRoles);
    expect(plan.template.actions).not.toHaveProperty('Pause-Instance-Launches');
    expect(plan.warnings.map((w) => w.code)).toContain('LAUNCH_PAUSE_OMITTED');
  });

  it('lists the tags to put on resources and the IAM permissions per action', () => {
    const tags = plan.prerequisites.filter((p) => p.kind === 'tag').map((p) => p.text);
    expect(tags).toContain(
      'Tag the EC2 instances to hit with AzImpairmentPower=StopInstances; FIS keeps those with State.Name=running, Placement.AvailabilityZone=us-east-1b',
    );
    expect(tags).toContain(
      'Tag the EBS volumes to hit with AzImpairmentPower=ApiPauseVolume; FIS keeps those with Attachments.DeleteOnTermination=false, availabilityZoneIdentifier=us-east-1b and picks COUNT(1)',
    );
    const iam = plan.prerequisites.filter((p) => p.kind === 'iam');
    expect(iam.find((p) => p.text.includes('aws:ec2:stop-instances'))?.actions).toEqual(['ec2:StopInstances', 'ec2:StartInstances', 'ec2:DescribeInstances']);
    expect(iam.find((p) => p.text.includes('api-insufficient'))?.actions).toEqual(['ec2:InjectApiError']);
    // The Permissions lists of the FIS actions reference; filters add nothing these lists lack.
    expect(iam.find((p) => p.text.includes('asg-insufficient'))?.actions).toEqual(['ec2:InjectApiError', 'autoscaling:DescribeAutoScalingGroups']);
    expect(iam.find((p) => p.text.includes('aws:ebs:pause-volume-io'))?.actions).toEqual(['ec2:DescribeVolumes', 'ec2:PauseVolumeIO', 'tag:GetResources']);
    expect(iam.find((p) => p.text.includes('aws:network:disrupt-connectivity'))?.actions).toHaveLength(10);
    expect(iam.find((p) => p.text.includes('stop-instances'))?.text).toContain('Stop-Instances, Stop-ASG-Instances');
  });
});
