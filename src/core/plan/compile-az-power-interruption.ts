import { durationSeconds, isoDuration } from '../duration.js';
import type { AzPowerInterruptionFault, AzResourceKind } from '../scenario/types.js';
import { resolveAvailabilityZone } from './availability-zone.js';
import type { CompileContext, FaultCompilation } from './fault-compilation.js';
import { faultField, type PlanProblem } from './plan-problem.js';
import type { TemplateAction, TemplateTarget } from './types.js';

type TaggedKind = Exclude<AzResourceKind, 'launches' | 's3express'>;

/** The scenario library's tag values (aws-facts.md; ElasticacheImpact is the current one). */
const AZ_DEFAULT_TAG_VALUES: Readonly<Record<TaggedKind, string>> = {
  asg: 'IceAsg',
  instances: 'StopInstances',
  subnets: 'DisruptSubnet',
  rds: 'DisruptRds',
  elasticache: 'ElasticacheImpact',
  ebs: 'ApiPauseVolume',
  autoshift: 'RecoverAutoshiftResources',
};
const AZ_DEFAULT_TAG_KEY = 'AzImpairmentPower';
/** All ten sub-actions of the current scenario (az-availability-scenario.html): the autoshift and S3 Express ones included. */
const AZ_DEFAULT_KINDS: readonly AzResourceKind[] = ['launches', 'asg', 'instances', 'subnets', 'rds', 'elasticache', 'ebs', 's3express', 'autoshift'];
const DEFAULT_DURATION = 'PT30M';
const DEFAULT_NETWORK_DURATION = 'PT2M';
/** The ARC guide starts the autoshift 5 minutes in; it lasts the rest of the interruption. */
const AUTOSHIFT_DELAY_SECONDS = 300;
/** Kinds whose FIS fields take only an AZ name (instance and subnet filters match Describe output; EBS and RDS take names). */
const NEEDS_AZ_NAME: readonly AzResourceKind[] = ['asg', 'instances', 'subnets', 'rds', 'ebs', 's3express'];

/**
 * The FIS scenario library's "AZ Availability: Power Interruption", limited to the resource kinds the
 * scenario includes (aws-facts.md table; all ten by default). Actions run in parallel, except EBS I/O,
 * which pauses after both stop actions, and the autoshift, which starts 5 minutes in. As in the
 * library's template, an action whose targets resolve to nothing is skipped (emptyTargetResolutionMode
 * skip), and the report counts each skipped action as lost coverage.
 */
export function compileAzPowerInterruption(fault: AzPowerInterruptionFault, context: CompileContext): FaultCompilation {
  const problems: PlanProblem[] = [];
  const warnings: FaultCompilation['warnings'] = [];
  const { az, problems: azProblems } = resolveAvailabilityZone(fault.availabilityZone, fault.availabilityZoneName, context.region);
  problems.push(...azProblems);

  const duration = fault.duration ?? DEFAULT_DURATION;
  const networkDuration = fault.networkDuration ?? DEFAULT_NETWORK_DURATION;
  const tagKey = fault.tagKey ?? AZ_DEFAULT_TAG_KEY;
  const tagOf = (kind: TaggedKind): Record<string, string> => ({ [tagKey]: fault.tagValues?.[kind] ?? AZ_DEFAULT_TAG_VALUES[kind] });
  const kinds = new Set<AzResourceKind>(fault.include ?? AZ_DEFAULT_KINDS);

  if (kinds.has('launches') && !(fault.launchRoles?.length ?? 0)) {
    if (fault.include) {
      problems.push({
        path: faultField('include'),
        message: 'fault.include lists "launches" but fault.launchRoles is empty: give the IAM role ARNs the application launches instances with',
      });
    } else {
      warnings.push({
        code: 'LAUNCH_PAUSE_OMITTED',
        message: 'no fault.launchRoles: the launch pause (aws:ec2:api-insufficient-instance-capacity-error) is left out, so the app can still launch instances in the AZ',
      });
    }
    kinds.delete('launches');
  }
  const nameless = NEEDS_AZ_NAME.filter((k) => kinds.has(k));
  if (!az.name && nameless.length > 0) {
    problems.push({
      path: faultField('availabilityZone'),
      message:
        `fault.availabilityZone is the AZ ID ${az.identifier}, but ${nameless.join(', ')} need the AZ name (FIS filters match the Describe output, and EBS/RDS take names): ` +
        `add fault.availabilityZoneName (find it with: aws ec2 describe-availability-zones --zone-ids ${az.identifier})`,
    });
  }
  const azName = az.name ?? az.identifier;
  const seconds = durationSeconds(duration) ?? 0;
  if (kinds.has('autoshift') && seconds < AUTOSHIFT_DELAY_SECONDS + 60) {
    if (fault.include) {
      problems.push({
        path: faultField('duration'),
        message: `fault.duration ${duration} is too short for autoshift: it starts 5 minutes in and needs at least PT1M after that (use PT6M or more)`,
      });
    } else {
      warnings.push({
        code: 'AUTOSHIFT_OMITTED',
        message: `fault.duration ${duration} is too short for the zonal autoshift (it starts 5 minutes in and needs PT1M after that): Start-ARC-Zonal-Autoshift is left out, so the game day does not see traffic shift away from the AZ`,
      });
    }
    kinds.delete('autoshift');
  }

  const actions: Record<string, TemplateAction> = {};
  const targets: Record<string, TemplateTarget> = {};
  const running = [
    { path: 'State.Name', values: ['running'] },
    { path: 'Placement.AvailabilityZone', values: [azName] },
  ];

  if (kinds.has('launches')) {
    targets['IAM-role'] = { resourceType: 'aws:iam:role', resourceArns: [...(fault.launchRoles ?? [])], selectionMode: 'ALL' };
    actions['Pause-Instance-Launches'] = {
      actionId: 'aws:ec2:api-insufficient-instance-capacity-error',
      description: `Fail instance launches in ${az.identifier} by the application's roles`,
      parameters: { availabilityZoneIdentifiers: az.identifier, duration, percentage: '100' },
      targets: { Roles: 'IAM-role' },
    };
  }
  if (kinds.has('asg')) {
    targets['ASG'] = { resourceType: 'aws:ec2:autoscaling-group', resourceTags: tagOf('asg'), selectionMode: 'ALL' };
    actions['Pause-ASG-Scaling'] = {
      actionId: 'aws:ec2:asg-insufficient-instance-capacity-error',
      description: `Fail Auto Scaling launches in ${az.identifier}`,
      parameters: { availabilityZoneIdentifiers: az.identifier, duration, percentage: '100' },
      targets: { AutoScalingGroups: 'ASG' },
    };
  }
  const stops: string[] = [];
  const stopParameters = { completeIfInstancesTerminated: 'true', startInstancesAfterDuration: duration };
  if (kinds.has('instances')) {
    targets['EC2-Instances'] = { resourceType: 'aws:ec2:instance', resourceTags: tagOf('instances'), filters: running, selectionMode: 'ALL' };
    actions['Stop-Instances'] = {
      actionId: 'aws:ec2:stop-instances',
      description: `Stop running instances in ${azName}, start them after ${duration}`,
      parameters: { ...stopParameters },
      targets: { Instances: 'EC2-Instances' },
    };
    stops.push('Stop-Instances');
  }
  if (kinds.has('asg')) {
    targets['ASG-EC2-Instances'] = { resourceType: 'aws:ec2:instance', resourceTags: tagOf('asg'), filters: running, selectionMode: 'ALL' };
    actions['Stop-ASG-Instances'] = {
      actionId: 'aws:ec2:stop-instances',
      description: `Stop running Auto Scaling instances in ${azName}, start them after ${duration}`,
      parameters: { ...stopParameters },
      targets: { Instances: 'ASG-EC2-Instances' },
    };
    stops.push('Stop-ASG-Instances');
  }
  if (kinds.has('subnets') || kinds.has('s3express')) {
    targets['Subnet'] = {
      resourceType: 'aws:ec2:subnet',
      resourceTags: tagOf('subnets'),
      filters: [{ path: 'AvailabilityZone', values: [azName] }],
      selectionMode: 'ALL',
    };
  }
  if (kinds.has('subnets')) {
    actions['Pause-network-connectivity'] = {
      actionId: 'aws:network:disrupt-connectivity',
      description: `Deny all traffic of subnets in ${azName} for ${networkDuration}`,
      parameters: { duration: networkDuration, scope: 'all' },
      targets: { Subnets: 'Subnet' },
    };
  }
  if (kinds.has('s3express')) {
    // The same subnets lose their S3 Express One Zone (zonal endpoint) connectivity for the whole interruption.
    actions['Disrupt-S3-Express-One-Zone'] = {
      actionId: 'aws:network:disrupt-connectivity',
      description: `Deny traffic from subnets in ${azName} to S3 Express One Zone directory buckets for ${duration}`,
      parameters: { duration, scope: 's3express' },
      targets: { Subnets: 'Subnet' },
    };
  }
  if (kinds.has('rds')) {
    targets['RDS-Cluster'] = {
      resourceType: 'aws:rds:cluster',
      resourceTags: tagOf('rds'),
      parameters: { writerAvailabilityZoneIdentifiers: azName },
      selectionMode: 'ALL',
    };
    actions['Failover-RDS'] = {
      actionId: 'aws:rds:failover-db-cluster',
      description: `Fail over Aurora clusters whose writer is in ${azName}`,
      targets: { Clusters: 'RDS-Cluster' },
    };
  }
  if (kinds.has('elasticache')) {
    targets['ElastiCache-Cluster'] = {
      resourceType: 'aws:elasticache:replicationgroup',
      resourceTags: tagOf('elasticache'),
      parameters: { availabilityZoneIdentifier: az.identifier },
      selectionMode: 'ALL',
    };
    actions['Pause-ElastiCache'] = {
      actionId: 'aws:elasticache:replicationgroup-interrupt-az-power',
      description: `Cut power to ElastiCache nodes in ${az.identifier}`,
      parameters: { duration },
      targets: { ReplicationGroups: 'ElastiCache-Cluster' },
    };
  }
  if (kinds.has('ebs')) {
    targets['EBS-Volumes'] = {
      resourceType: 'aws:ec2:ebs-volume',
      resourceTags: tagOf('ebs'),
      filters: [{ path: 'Attachments.DeleteOnTermination', values: ['false'] }],
      parameters: { availabilityZoneIdentifier: azName },
      selectionMode: 'COUNT(1)',
    };
    actions['Pause-EBS-IO'] = {
      actionId: 'aws:ebs:pause-volume-io',
      description: `Pause I/O of one volume in ${azName} as the instances come back`,
      parameters: { duration },
      targets: { Volumes: 'EBS-Volumes' },
      ...(stops.length ? { startAfter: [...stops] } : {}),
    };
  }
  if (kinds.has('autoshift')) {
    targets['ARC-Managed-Resources'] = {
      resourceType: 'aws:arc:zonal-shift-managed-resource',
      resourceTags: tagOf('autoshift'),
      selectionMode: 'ALL',
    };
    // FIS has no start delay: an aws:fis:wait before it gives the ARC guide's 5 minutes.
    actions['Wait-Before-Autoshift'] = {
      actionId: 'aws:fis:wait',
      description: 'Let the impairment show before zonal autoshift starts',
      parameters: { duration: isoDuration(AUTOSHIFT_DELAY_SECONDS) },
    };
    actions['Start-ARC-Zonal-Autoshift'] = {
      actionId: 'aws:arc:start-zonal-autoshift',
      description: `Shift traffic of autoshift-enabled resources away from ${az.identifier}`,
      parameters: {
        availabilityZoneIdentifier: az.identifier,
        duration: isoDuration(Math.max(seconds - AUTOSHIFT_DELAY_SECONDS, 60)),
        managedResourceTypes: 'ASG,ALB,NLB,EKS',
      },
      targets: { ManagedResources: 'ARC-Managed-Resources' },
      startAfter: ['Wait-Before-Autoshift'],
    };
  }
  if (Object.keys(actions).length === 0) problems.push({ path: faultField('include'), message: 'fault.include leaves no action to run' });
  return { actions, targets, warnings, problems, emptyTargetResolutionMode: 'skip' };
}
