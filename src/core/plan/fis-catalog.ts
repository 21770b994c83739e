/**
 * The FIS actions and target resource types gameday knows, as the compiler and the template checks
 * need them. Source: /work/shared/design/fis-actions.md (the FIS User Guide actions reference,
 * paraphrased); IAM actions from the User Guide's per-action "Permissions" lines.
 */

export type ParameterKind = 'duration' | 'percentage' | 'boolean' | 'enum' | 'string' | 'json' | 'az-list' | 'az';

export interface ParameterSpec {
  required: boolean;
  kind: ParameterKind;
  /** Range in seconds for durations, or in percent for percentages (inclusive). */
  min?: number;
  max?: number;
  values?: readonly string[];
}

export type Rollback = 'automatic' | 'not rolled back';

export interface FisActionSpec {
  actionId: string;
  /** What it does, for people. */
  summary: string;
  /** The key under the action's `targets`; absent for actions without a target (aws:fis:wait). */
  targetKey?: string;
  resourceType?: string;
  parameters: Readonly<Record<string, ParameterSpec>>;
  rollback: Rollback;
  /** What FIS does (or does not do) at the end, in words. */
  rollbackNote: string;
  iamActions: readonly string[];
  /** The parameter that says how long the action lasts; absent for instantaneous actions. */
  durationParam?: string;
  /** Retired id: refused, with the id to use instead. */
  replacedBy?: string;
  /** Actions that do not disrupt anything: their start is never the disruption start. */
  notAFault?: 'wait' | 'recovery';
}

export type TargetSelection = 'arns-or-tags' | 'tags-only' | 'arns-only';

export interface FisResourceTypeSpec {
  resourceType: string;
  /** How resources can be picked: some types refuse ARNs (ElastiCache) or tags (IAM roles). */
  selection: TargetSelection;
  /** Filters are allowed (they never go with ARNs). */
  filters: boolean;
  parameters: Readonly<Record<string, { required: boolean; kind: ParameterKind }>>;
  /** Parameters alone can pick the resources (ECS tasks by cluster/service). */
  parametersSelect?: boolean;
  /** For people: "EC2 instances". */
  noun: string;
}

const HOUR = 3600;
const MINUTE = 60;
/** Unless noted, a duration runs from PT1M to PT12H (fis-actions.md, conventions). */
const duration: ParameterSpec = { required: true, kind: 'duration', min: MINUTE, max: 12 * HOUR };
const percentage: ParameterSpec = { required: true, kind: 'percentage', min: 1, max: 100 };
const booleanParam: ParameterSpec = { required: false, kind: 'boolean', values: ['true', 'false'] };
const TAG_LOOKUP = 'tag:GetResources';

const actions: FisActionSpec[] = [
  {
    actionId: 'aws:ec2:stop-instances',
    summary: 'stops EC2 instances, optionally starting them again after a while',
    targetKey: 'Instances',
    resourceType: 'aws:ec2:instance',
    parameters: {
      startInstancesAfterDuration: { ...duration, required: false },
      completeIfInstancesTerminated: booleanParam,
    },
    rollback: 'automatic',
    rollbackNote: 'FIS starts the instances again after startInstancesAfterDuration',
    iamActions: ['ec2:StopInstances', 'ec2:StartInstances', 'ec2:DescribeInstances'],
    durationParam: 'startInstancesAfterDuration',
  },
  {
    actionId: 'aws:ec2:reboot-instances',
    summary: 'reboots EC2 instances',
    targetKey: 'Instances',
    resourceType: 'aws:ec2:instance',
    parameters: {},
    rollback: 'not rolled back',
    rollbackNote: 'a reboot cannot be undone',
    iamActions: ['ec2:RebootInstances', 'ec2:DescribeInstances'],
  },
  {
    actionId: 'aws:ec2:terminate-instances',
    summary: 'terminates EC2 instances',
    targetKey: 'Instances',
    resourceType: 'aws:ec2:instance',
    parameters: {},
    rollback: 'not rolled back',
    rollbackNote: 'terminated instances are gone; only an Auto Scaling group replaces them',
    iamActions: ['ec2:TerminateInstances', 'ec2:DescribeInstances'],
  },
  {
    actionId: 'aws:ec2:api-insufficient-instance-capacity-error',
    summary: 'EC2 answers launches by the target roles with InsufficientInstanceCapacity',
    targetKey: 'Roles',
    resourceType: 'aws:iam:role',
    parameters: { duration, availabilityZoneIdentifiers: { required: true, kind: 'az-list' }, percentage },
    rollback: 'automatic',
    rollbackNote: 'launches succeed again when the duration ends',
    iamActions: ['ec2:InjectApiError'],
    durationParam: 'duration',
  },
  {
    actionId: 'aws:ec2:asg-insufficient-instance-capacity-error',
    summary: "the target Auto Scaling groups' launches fail with InsufficientInstanceCapacity",
    targetKey: 'AutoScalingGroups',
    resourceType: 'aws:ec2:autoscaling-group',
    parameters: {
      duration,
      availabilityZoneIdentifiers: { required: true, kind: 'az-list' },
      percentage: { ...percentage, required: false },
    },
    rollback: 'automatic',
    rollbackNote: 'scaling works again when the duration ends',
    iamActions: ['ec2:InjectApiError', 'autoscaling:DescribeAutoScalingGroups', 'ec2:DescribeLaunchTemplateVersions'],
    durationParam: 'duration',
  },
  {
    actionId: 'aws:network:disrupt-connectivity',
    summary: 'denies traffic for the target subnets with a cloned network ACL',
    targetKey: 'Subnets',
    resourceType: 'aws:ec2:subnet',
    parameters: {
      duration,
      scope: {
        required: true,
        kind: 'enum',
        values: ['all', 'availability-zone', 'dynamodb', 's3', 's3express', 'prefix-list', 'vpc'],
      },
      prefixListIdentifier: { required: false, kind: 'string' },
    },
    rollback: 'automatic',
    rollbackNote: 'FIS puts the original network ACL back',
    iamActions: [
      'ec2:CreateNetworkAcl',
      'ec2:CreateNetworkAclEntry',
      'ec2:CreateTags',
      'ec2:DeleteNetworkAcl',
      'ec2:DescribeManagedPrefixLists',
      'ec2:DescribeNetworkAcls',
      'ec2:DescribeSubnets',
      'ec2:DescribeVpcs',
      'ec2:GetManagedPrefixListEntries',
      'ec2:ReplaceNetworkAclAssociation',
    ],
    durationParam: 'duration',
  },
  {
    actionId: 'aws:rds:failover-db-cluster',
    summary: 'fails an Aurora DB cluster over to a reader',
    targetKey: 'Clusters',
    resourceType: 'aws:rds:cluster',
    parameters: {},
    rollback: 'not rolled back',
    rollbackNote: 'the writer stays where the failover put it',
    iamActions: ['rds:FailoverDBCluster', 'rds:DescribeDBClusters', TAG_LOOKUP],
  },
  {
    actionId: 'aws:rds:reboot-db-instances',
    summary: 'reboots RDS DB instances',
    targetKey: 'DBInstances',
    resourceType: 'aws:rds:db',
    parameters: { forceFailover: booleanParam },
    rollback: 'not rolled back',
    rollbackNote: 'a reboot (or forced failover) cannot be undone',
    iamActions: ['rds:RebootDBInstance', 'rds:DescribeDBInstances', TAG_LOOKUP],
  },
  {
    actionId: 'aws:elasticache:replicationgroup-interrupt-az-power',
    summary: "cuts power to one AZ's nodes of Multi-AZ ElastiCache replication groups",
    targetKey: 'ReplicationGroups',
    resourceType: 'aws:elasticache:replicationgroup',
    parameters: { duration },
    rollback: 'automatic',
    rollbackNote: 'nodes in the AZ can be replaced again when the duration ends; a failed-over primary stays moved',
    iamActions: ['elasticache:InterruptClusterAzPower', 'elasticache:DescribeReplicationGroups', TAG_LOOKUP],
    durationParam: 'duration',
  },
  {
    actionId: 'aws:elasticache:interrupt-cluster-az-power',
    summary: 'old id of aws:elasticache:replicationgroup-interrupt-az-power',
    targetKey: 'ReplicationGroups',
    resourceType: 'aws:elasticache:redis-replicationgroup',
    parameters: { duration },
    rollback: 'automatic',
    rollbackNote: 'as aws:elasticache:replicationgroup-interrupt-az-power',
    iamActions: ['elasticache:InterruptClusterAzPower', 'elasticache:DescribeReplicationGroups', TAG_LOOKUP],
    durationParam: 'duration',
    replacedBy: 'aws:elasticache:replicationgroup-interrupt-az-power',
  },
  {
    actionId: 'aws:ebs:pause-volume-io',
    summary: 'pauses I/O on EBS volumes',
    targetKey: 'Volumes',
    resourceType: 'aws:ec2:ebs-volume',
    // The only sub-minute duration among these actions (fis-actions.md).
    parameters: { duration: { ...duration, min: 1 } },
    rollback: 'automatic',
    rollbackNote: 'I/O resumes when the duration ends',
    iamActions: ['ec2:DescribeVolumes', 'ec2:PauseVolumeIO', TAG_LOOKUP],
    durationParam: 'duration',
  },
  {
    actionId: 'aws:arc:start-zonal-autoshift',
    summary: 'shifts traffic of autoshift-enabled resources away from an AZ (recovery)',
    targetKey: 'ManagedResources',
    resourceType: 'aws:arc:zonal-shift-managed-resource',
    parameters: {
      duration,
      availabilityZoneIdentifier: { required: true, kind: 'az' },
      managedResourceTypes: { required: false, kind: 'string' },
      zonalAutoshiftStatus: { required: false, kind: 'enum', values: ['ENABLED', 'DISABLED', 'ANY'] },
    },
    rollback: 'automatic',
    rollbackNote: 'FIS cancels the zonal shift at the end',
    notAFault: 'recovery',
    iamActions: [
      'arc-zonal-shift:StartZonalShift',
      'arc-zonal-shift:GetManagedResource',
      'arc-zonal-shift:UpdateZonalShift',
      'arc-zonal-shift:CancelZonalShift',
      'arc-zonal-shift:ListManagedResources',
      'autoscaling:DescribeTags',
      TAG_LOOKUP,
    ],
    durationParam: 'duration',
  },
  {
    actionId: 'aws:ssm:send-command',
    summary: 'runs an SSM document on EC2 instances',
    targetKey: 'Instances',
    resourceType: 'aws:ec2:instance',
    parameters: {
      documentArn: { required: true, kind: 'string' },
      documentVersion: { required: false, kind: 'string' },
      documentParameters: { required: false, kind: 'json' },
      duration,
    },
    rollback: 'automatic',
    rollbackNote: 'FIS cancels the command if the experiment stops early; what the document did stays done',
    iamActions: ['ssm:SendCommand', 'ssm:ListCommands', 'ssm:CancelCommand', 'ec2:DescribeInstances'],
    durationParam: 'duration',
  },
  {
    actionId: 'aws:ecs:stop-task',
    summary: 'stops ECS tasks (StopTask)',
    targetKey: 'Tasks',
    resourceType: 'aws:ecs:task',
    parameters: {},
    rollback: 'not rolled back',
    rollbackNote: 'stopped tasks stay stopped; only the ECS service replaces them',
    iamActions: ['ecs:DescribeTasks', 'ecs:ListTasks', 'ecs:StopTask'],
  },
  {
    actionId: 'aws:ecs:task-cpu-stress',
    summary: 'CPU stress inside ECS tasks',
    targetKey: 'Tasks',
    resourceType: 'aws:ecs:task',
    parameters: {
      duration,
      percent: { required: false, kind: 'percentage', min: 0, max: 100 },
      workers: { required: false, kind: 'string' },
      installDependencies: { required: false, kind: 'boolean', values: ['True', 'False', 'true', 'false'] },
    },
    rollback: 'automatic',
    rollbackNote: 'the stress ends with the duration',
    iamActions: ['ecs:DescribeTasks', 'ecs:ListTasks', 'ssm:SendCommand', 'ssm:ListCommands', 'ssm:CancelCommand', 'ssm:DescribeInstanceInformation'],
    durationParam: 'duration',
  },
  {
    actionId: 'aws:ecs:task-kill-process',
    summary: 'kills a process inside ECS tasks (killall via AWSFIS-Run-Kill-Process)',
    targetKey: 'Tasks',
    resourceType: 'aws:ecs:task',
    parameters: {
      processName: { required: true, kind: 'string' },
      signal: { required: false, kind: 'enum', values: ['SIGTERM', 'SIGKILL'] },
      installDependencies: { required: false, kind: 'boolean', values: ['True', 'False', 'true', 'false'] },
    },
    rollback: 'not rolled back',
    rollbackNote: 'a killed process stays killed; only the task or service restarts it',
    iamActions: ['ecs:DescribeTasks', 'ecs:ListTasks', 'ssm:SendCommand', 'ssm:ListCommands', 'ssm:CancelCommand', 'ssm:DescribeInstanceInformation'],
  },
  {
    actionId: 'aws:ecs:drain-container-instances',
    summary: "sets a share of each ECS cluster's container instances to DRAINING",
    targetKey: 'Clusters',
    resourceType: 'aws:ecs:cluster',
    parameters: { drainagePercentage: percentage, duration },
    rollback: 'automatic',
    rollbackNote: 'container instances return to ACTIVE at the end',
    iamActions: ['ecs:DescribeClusters', 'ecs:UpdateContainerInstancesState', 'ecs:ListContainerInstances', TAG_LOOKUP],
    durationParam: 'duration',
  },
  {
    actionId: 'aws:fis:wait',
    summary: 'waits (stop conditions are still watched)',
    parameters: { duration },
    rollback: 'automatic',
    rollbackNote: 'nothing to undo',
    notAFault: 'wait',
    iamActions: [],
    durationParam: 'duration',
  },
  ...(['internal', 'throttle', 'unavailable'] as const).map(
    (kind): FisActionSpec => ({
      actionId: `aws:fis:inject-api-${kind}-error`,
      summary: `${kind} errors on API calls made by the target IAM roles`,
      targetKey: 'Roles',
      resourceType: 'aws:iam:role',
      parameters: {
        duration,
        service: { required: true, kind: 'enum', values: ['ec2', 'kinesis'] },
        percentage,
        operations: { required: true, kind: 'string' },
      },
      rollback: 'automatic',
      rollbackNote: 'API calls succeed again when the duration ends',
      iamActions: [`fis:InjectApi${kind[0]!.toUpperCase()}${kind.slice(1)}Error`],
      durationParam: 'duration',
    }),
  ),
];

const resourceTypes: FisResourceTypeSpec[] = [
  { resourceType: 'aws:ec2:instance', selection: 'arns-or-tags', filters: true, parameters: {}, noun: 'EC2 instances' },
  // api-ICE role targets cannot be chosen by tags, filters or parameters (fis-actions.md).
  { resourceType: 'aws:iam:role', selection: 'arns-only', filters: false, parameters: {}, noun: 'IAM roles' },
  { resourceType: 'aws:ec2:autoscaling-group', selection: 'arns-or-tags', filters: true, parameters: {}, noun: 'Auto Scaling groups' },
  {
    resourceType: 'aws:ec2:subnet',
    selection: 'arns-or-tags',
    filters: true,
    parameters: { availabilityZoneIdentifier: { required: false, kind: 'az' }, vpc: { required: false, kind: 'string' } },
    noun: 'subnets',
  },
  {
    resourceType: 'aws:rds:cluster',
    selection: 'arns-or-tags',
    filters: true,
    parameters: { writerAvailabilityZoneIdentifiers: { required: false, kind: 'az-list' } },
    noun: 'Aurora DB clusters',
  },
  {
    resourceType: 'aws:rds:db',
    selection: 'arns-or-tags',
    filters: true,
    parameters: { availabilityZoneIdentifiers: { required: false, kind: 'az-list' } },
    noun: 'RDS DB instances',
  },
  // ElastiCache replication groups are picked by tags only (aws-samples; ARNs are rejected).
  {
    resourceType: 'aws:elasticache:replicationgroup',
    selection: 'tags-only',
    filters: true,
    parameters: { availabilityZoneIdentifier: { required: true, kind: 'az' } },
    noun: 'ElastiCache replication groups',
  },
  {
    resourceType: 'aws:elasticache:redis-replicationgroup',
    selection: 'tags-only',
    filters: true,
    parameters: { availabilityZoneIdentifier: { required: true, kind: 'az' } },
    noun: 'ElastiCache (Redis) replication groups',
  },
  {
    resourceType: 'aws:ec2:ebs-volume',
    selection: 'arns-or-tags',
    filters: true,
    parameters: { availabilityZoneIdentifier: { required: false, kind: 'az' } },
    noun: 'EBS volumes',
  },
  {
    resourceType: 'aws:arc:zonal-shift-managed-resource',
    selection: 'arns-or-tags',
    filters: true,
    parameters: {},
    noun: 'zonal-autoshift managed resources',
  },
  {
    resourceType: 'aws:ecs:task',
    selection: 'arns-or-tags',
    filters: true,
    parameters: { cluster: { required: false, kind: 'string' }, service: { required: false, kind: 'string' } },
    parametersSelect: true,
    noun: 'ECS tasks',
  },
  { resourceType: 'aws:ecs:cluster', selection: 'arns-or-tags', filters: true, parameters: {}, noun: 'ECS clusters' },
];

export const FIS_ACTIONS: ReadonlyMap<string, FisActionSpec> = new Map(actions.map((a) => [a.actionId, a]));
export const FIS_RESOURCE_TYPES: ReadonlyMap<string, FisResourceTypeSpec> = new Map(resourceTypes.map((r) => [r.resourceType, r]));

export function fisAction(actionId: string): FisActionSpec | undefined {
  return FIS_ACTIONS.get(actionId);
}

export function fisResourceType(resourceType: string): FisResourceTypeSpec | undefined {
  return FIS_RESOURCE_TYPES.get(resourceType);
}

/** FIS quotas (defaults) that a template must respect (aws-facts.md, "API and limits"). */
export const FIS_LIMITS = {
  actionsPerTemplate: 20,
  parallelActions: 10,
  stopConditions: 5,
  maxExperimentSeconds: 12 * HOUR,
  activeExperiments: 5,
} as const;
