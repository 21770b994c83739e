/**
 * The FIS actions and target resource types the sandbox knows: the ones gameday compiles to
 * (design/fis-actions.md), with their parameters, target keys and the rules FIS applies to them.
 */

import type { ManagedResourceType, TargetableResource } from '../world/resources.js';

export type ParameterKind = 'duration' | 'percentage' | 'integer' | 'region' | 'boolean' | 'azList' | 'az' | 'text' | 'json' | 'signal' | 'scope' | 'managedResourceTypes' | 'autoshiftStatus';

export interface ActionParameterSpec {
  description: string;
  required: boolean;
  kind: ParameterKind;
  /** Duration bounds in seconds (default PT1M–PT12H). */
  min?: number;
  max?: number;
}

export interface ActionSpec {
  id: string;
  description: string;
  parameters: Record<string, ActionParameterSpec>;
  /** Target key → resource type. */
  targets: Record<string, string>;
  /** The parameter whose value is how long the action runs; none → it completes once its effect is applied. */
  durationParameter?: string;
  /** Action parameters that narrow the resources its target resolves to: why one is left out, or undefined. */
  excludes?: (resource: TargetableResource, parameters: Record<string, string>) => string | undefined;
}

export const MANAGED_RESOURCE_TYPES: readonly ManagedResourceType[] = ['ASG', 'ALB', 'NLB', 'EKS'];

export interface TargetTypeSpec {
  resourceType: string;
  description: string;
  parameters: Record<string, { description: string; required: boolean }>;
  arns: boolean;
  tags: boolean;
  filters: boolean;
}

const duration = (description: string, required = true, min = 60, max = 43_200): ActionParameterSpec => ({ description, required, kind: 'duration', min, max });
const optional = (description: string, kind: ParameterKind): ActionParameterSpec => ({ description, required: false, kind });
/** The ECS task-network-* actions' shared parameters (the FIS actions reference). */
const taskNetwork: Record<string, ActionParameterSpec> = {
  duration: duration('The duration, from one minute to 12 hours.'),
  flowsPercent: optional('The percentage (0-100) of flows affected (default 100).', 'percentage'),
  sources: optional('Comma-separated destinations: IPv4 addresses or CIDR blocks, domain names, AZ names or IDs, DYNAMODB, S3.', 'text'),
  installDependencies: optional('Install the dependencies the action needs.', 'boolean'),
  useEcsFaultInjectionEndpoints: optional('Use the ECS fault injection endpoints (Fargate) instead of the SSM agent.', 'boolean'),
};
const crossRegion = (what: string): Record<string, ActionParameterSpec> => ({
  region: { description: `The Region ${what} is cut off from.`, required: true, kind: 'region' },
  duration: duration('The duration, from one minute to 12 hours.'),
});

export const FIS_ACTIONS: readonly ActionSpec[] = [
  {
    id: 'aws:arc:start-zonal-autoshift',
    description: 'Shift traffic for the target zonal shift managed resources away from an Availability Zone, as zonal autoshift would.',
    parameters: {
      duration: duration('The duration, from one minute to 12 hours.'),
      availabilityZoneIdentifier: { description: 'The Availability Zone (name or ID) to shift traffic away from.', required: true, kind: 'az' },
      managedResourceTypes: { description: 'Comma-separated types of managed resources to shift: ASG, ALB, NLB, EKS.', required: false, kind: 'managedResourceTypes' },
      zonalAutoshiftStatus: { description: 'The zonal autoshift status of the resources to target: ENABLED, DISABLED or ANY (default ENABLED).', required: false, kind: 'autoshiftStatus' },
    },
    targets: { ManagedResources: 'aws:arc:zonal-shift-managed-resource' },
    durationParameter: 'duration',
    excludes: excludedFromAutoshift,
  },
  {
    id: 'aws:ebs:pause-volume-io',
    description: 'Pause I/O operations on target EBS volumes.',
    parameters: { duration: duration('The duration, from one second to 12 hours.', true, 1) },
    targets: { Volumes: 'aws:ec2:ebs-volume' },
    durationParameter: 'duration',
  },
  {
    id: 'aws:ec2:api-insufficient-instance-capacity-error',
    description: 'Inject InsufficientInstanceCapacity error responses for requests made by the target IAM roles.',
    parameters: {
      duration: duration('The duration, from one minute to 12 hours.'),
      availabilityZoneIdentifiers: { description: 'Comma-separated Availability Zone names or IDs.', required: true, kind: 'azList' },
      percentage: { description: 'The percentage (1-100) of calls to fail.', required: true, kind: 'percentage' },
    },
    targets: { Roles: 'aws:iam:role' },
    durationParameter: 'duration',
  },
  {
    id: 'aws:ec2:asg-insufficient-instance-capacity-error',
    description: 'Inject InsufficientInstanceCapacity error responses for launches by the target Auto Scaling groups.',
    parameters: {
      duration: duration('The duration, from one minute to 12 hours.'),
      availabilityZoneIdentifiers: { description: 'Comma-separated Availability Zone names or IDs.', required: true, kind: 'azList' },
      percentage: { description: 'The percentage (1-100) of launches to fail.', required: false, kind: 'percentage' },
    },
    targets: { AutoScalingGroups: 'aws:ec2:autoscaling-group' },
    durationParameter: 'duration',
  },
  {
    id: 'aws:ec2:reboot-instances',
    description: 'Reboot the specified EC2 instances.',
    parameters: {},
    targets: { Instances: 'aws:ec2:instance' },
  },
  {
    id: 'aws:ec2:stop-instances',
    description: 'Stop the specified EC2 instances.',
    parameters: {
      startInstancesAfterDuration: duration('The time to wait before restarting the instances, from one minute to 12 hours.', false),
      completeIfInstancesTerminated: { description: 'Complete the action if the stopped instances are terminated.', required: false, kind: 'boolean' },
    },
    targets: { Instances: 'aws:ec2:instance' },
    durationParameter: 'startInstancesAfterDuration',
  },
  {
    id: 'aws:ec2:terminate-instances',
    description: 'Terminate the specified EC2 instances.',
    parameters: {},
    targets: { Instances: 'aws:ec2:instance' },
  },
  {
    id: 'aws:ecs:stop-task',
    description: 'Stop the specified ECS tasks.',
    parameters: {},
    targets: { Tasks: 'aws:ecs:task' },
  },
  {
    id: 'aws:ecs:task-cpu-stress',
    description: 'Run CPU stress on the target ECS tasks.',
    parameters: {
      duration: duration('The duration, from one minute to 12 hours.'),
      percent: { description: 'The target CPU load percentage (0-100).', required: false, kind: 'percentage' },
      workers: { description: 'The number of CPU stressors (0 = all).', required: false, kind: 'text' },
      installDependencies: { description: 'Install the dependencies the stress needs.', required: false, kind: 'boolean' },
    },
    targets: { Tasks: 'aws:ecs:task' },
    durationParameter: 'duration',
  },
  {
    id: 'aws:ecs:task-kill-process',
    description: 'Kill the specified process in the target ECS tasks.',
    parameters: {
      processName: { description: 'The name of the process to kill.', required: true, kind: 'text' },
      signal: { description: 'SIGTERM or SIGKILL.', required: false, kind: 'signal' },
      installDependencies: { description: 'Install the dependencies the action needs.', required: false, kind: 'boolean' },
    },
    targets: { Tasks: 'aws:ecs:task' },
  },
  {
    id: 'aws:dynamodb:global-table-pause-replication',
    description: 'Pause replication of the target global tables to and from this Region.',
    parameters: { duration: duration('The duration, from one minute to 12 hours.') },
    targets: { Tables: 'aws:dynamodb:global-table' },
    durationParameter: 'duration',
  },
  {
    id: 'aws:ec2:send-spot-instance-interruptions',
    description: 'Send Spot interruption notices to the target Spot Instances, then interrupt them.',
    parameters: { durationBeforeInterruption: duration('The time between the notice and the interruption, from 2 to 15 minutes.', true, 120, 900) },
    targets: { SpotInstances: 'aws:ec2:spot-instance' },
    // The action lasts until the interruption it announced (world/spot-interruptions.ts).
    durationParameter: 'durationBeforeInterruption',
  },
  {
    id: 'aws:ecs:task-network-latency',
    description: 'Add latency to the egress traffic of the target ECS tasks to the given sources.',
    parameters: { ...taskNetwork, delayMilliseconds: optional('The delay in milliseconds (default 200).', 'integer'), jitterMilliseconds: optional('The jitter in milliseconds.', 'integer') },
    targets: { Tasks: 'aws:ecs:task' },
    durationParameter: 'duration',
  },
  {
    id: 'aws:ecs:task-network-packet-loss',
    description: 'Drop a share of the egress packets of the target ECS tasks to the given sources.',
    parameters: { ...taskNetwork, lossPercent: optional('The percentage (0-100) of packets lost (default 7).', 'percentage') },
    targets: { Tasks: 'aws:ecs:task' },
    durationParameter: 'duration',
  },
  {
    id: 'aws:elasticache:replicationgroup-interrupt-az-power',
    description: 'Interrupt power to the nodes of the target ElastiCache replication groups in one Availability Zone.',
    parameters: { duration: duration('The duration, from one minute to 12 hours.') },
    targets: { ReplicationGroups: 'aws:elasticache:replicationgroup' },
    durationParameter: 'duration',
  },
  {
    id: 'aws:fis:wait',
    description: 'Wait for the specified duration.',
    parameters: { duration: duration('The duration, from one minute to 12 hours.') },
    targets: {},
    durationParameter: 'duration',
  },
  {
    id: 'aws:network:disrupt-connectivity',
    description: 'Deny network traffic for the target subnets.',
    parameters: {
      duration: duration('The duration, from one minute to 12 hours.'),
      scope: { description: 'all | availability-zone | dynamodb | prefix-list | s3 | s3express | vpc', required: false, kind: 'scope' },
      prefixListIdentifier: { description: 'The prefix list (for scope prefix-list).', required: false, kind: 'text' },
    },
    targets: { Subnets: 'aws:ec2:subnet' },
    durationParameter: 'duration',
  },
  {
    id: 'aws:network:route-table-disrupt-cross-region-connectivity',
    description: 'Block traffic from the target subnets to another Region.',
    parameters: crossRegion('the subnets are'),
    targets: { Subnets: 'aws:ec2:subnet' },
    durationParameter: 'duration',
  },
  {
    id: 'aws:network:transit-gateway-disrupt-cross-region-connectivity',
    description: 'Block traffic of the target transit gateways’ peering attachments to another Region.',
    parameters: crossRegion('the transit gateways are'),
    targets: { TransitGateways: 'aws:ec2:transit-gateway' },
    durationParameter: 'duration',
  },
  {
    id: 'aws:rds:failover-db-cluster',
    description: 'Fail over the target Aurora DB clusters.',
    parameters: {},
    targets: { Clusters: 'aws:rds:cluster' },
  },
  {
    id: 'aws:rds:reboot-db-instances',
    description: 'Reboot the target DB instances.',
    parameters: { forceFailover: { description: 'Fail a Multi-AZ instance over to the other AZ.', required: false, kind: 'boolean' } },
    targets: { DBInstances: 'aws:rds:db' },
  },
  {
    id: 'aws:s3:bucket-pause-replication',
    description: 'Pause replication from the target source buckets to their destination buckets.',
    parameters: {
      ...crossRegion('replication to the destination buckets in'),
      destinationBuckets: optional('Comma-separated destination buckets (default all).', 'text'),
      prefixes: optional('Comma-separated key prefixes (default all).', 'text'),
    },
    targets: { Buckets: 'aws:s3:bucket' },
    durationParameter: 'duration',
  },
  {
    id: 'aws:ssm:send-command',
    description: 'Run the specified SSM document on the target EC2 instances.',
    parameters: {
      documentArn: { description: 'The ARN of the SSM document.', required: true, kind: 'text' },
      documentVersion: { description: 'The version of the document.', required: false, kind: 'text' },
      documentParameters: { description: 'The document parameters, as a JSON string.', required: false, kind: 'json' },
      duration: duration('The duration, from one minute to 12 hours.'),
    },
    targets: { Instances: 'aws:ec2:instance' },
    durationParameter: 'duration',
  },
];

export const FIS_TARGET_TYPES: readonly TargetTypeSpec[] = [
  {
    resourceType: 'aws:arc:zonal-shift-managed-resource',
    description: 'ARC zonal shift managed resource (Application or Network Load Balancer, Auto Scaling group, EKS cluster)',
    parameters: {},
    arns: true,
    tags: true,
    filters: true,
  },
  { resourceType: 'aws:ec2:autoscaling-group', description: 'Amazon EC2 Auto Scaling group', parameters: {}, arns: true, tags: true, filters: true },
  {
    resourceType: 'aws:ec2:ebs-volume',
    description: 'Amazon EBS volume',
    parameters: { availabilityZoneIdentifier: { description: 'The Availability Zone of the volumes.', required: false } },
    arns: true,
    tags: true,
    filters: true,
  },
  { resourceType: 'aws:dynamodb:global-table', description: 'Amazon DynamoDB global table', parameters: {}, arns: true, tags: true, filters: true },
  { resourceType: 'aws:ec2:instance', description: 'Amazon EC2 instance', parameters: {}, arns: true, tags: true, filters: true },
  { resourceType: 'aws:ec2:spot-instance', description: 'Amazon EC2 Spot Instance', parameters: {}, arns: true, tags: true, filters: true },
  { resourceType: 'aws:ec2:transit-gateway', description: 'Amazon EC2 transit gateway', parameters: {}, arns: true, tags: true, filters: true },
  {
    resourceType: 'aws:ec2:subnet',
    description: 'Amazon VPC subnet',
    parameters: {
      availabilityZoneIdentifier: { description: 'The Availability Zone (name or ID) of the subnets.', required: false },
      vpc: { description: 'The VPC of the subnets.', required: false },
    },
    arns: true,
    tags: true,
    filters: true,
  },
  {
    resourceType: 'aws:ecs:task',
    description: 'Amazon ECS task',
    parameters: {
      cluster: { description: 'The ECS cluster of the tasks.', required: false },
      service: { description: 'The ECS service of the tasks.', required: false },
    },
    arns: true,
    tags: true,
    filters: true,
  },
  {
    resourceType: 'aws:elasticache:replicationgroup',
    description: 'Amazon ElastiCache replication group',
    parameters: { availabilityZoneIdentifier: { description: 'The Availability Zone (name or ID) whose nodes lose power.', required: true } },
    arns: false,
    tags: true,
    filters: true,
  },
  { resourceType: 'aws:iam:role', description: 'IAM role', parameters: {}, arns: true, tags: false, filters: false },
  // bucket-pause-replication targets by tags only.
  { resourceType: 'aws:s3:bucket', description: 'Amazon S3 bucket', parameters: {}, arns: false, tags: true, filters: false },
  {
    resourceType: 'aws:rds:cluster',
    description: 'Amazon Aurora DB cluster',
    parameters: { writerAvailabilityZoneIdentifiers: { description: 'Only clusters whose writer is in these Availability Zones (comma list or all).', required: false } },
    arns: true,
    tags: true,
    filters: true,
  },
  {
    resourceType: 'aws:rds:db',
    description: 'Amazon RDS DB instance',
    parameters: { availabilityZoneIdentifiers: { description: 'Only DB instances in these Availability Zones (comma list or all).', required: false } },
    arns: true,
    tags: true,
    filters: true,
  },
];

/** The action shifts only resources of `managedResourceTypes` (default all) whose autoshift status is `zonalAutoshiftStatus` (default ENABLED). */
function excludedFromAutoshift(resource: TargetableResource, parameters: Record<string, string>): string | undefined {
  const { managedResourceType, autoshift } = resource.zonalShift!;
  const types = parameters['managedResourceTypes']?.split(',').map((t) => t.trim()) ?? MANAGED_RESOURCE_TYPES;
  if (!types.includes(managedResourceType)) return `${resource.id} is an ${managedResourceType}, not one of managedResourceTypes ${types.join(',')}`;
  const status = parameters['zonalAutoshiftStatus'] ?? 'ENABLED';
  if (status !== 'ANY' && status !== autoshift) return `${resource.id} has zonal autoshift ${autoshift}; the action selects ${status}`;
  return undefined;
}

export function findAction(id: string): ActionSpec | undefined {
  return FIS_ACTIONS.find((a) => a.id === id);
}

export function findTargetType(resourceType: string): TargetTypeSpec | undefined {
  return FIS_TARGET_TYPES.find((t) => t.resourceType === resourceType);
}
