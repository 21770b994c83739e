/**
 * The FIS actions and target resource types gameday knows, as the compiler and the template checks
 * need them. Facts were checked against AWS's own pages (read from stored copies of them, not live);
 * the page each kind of fact comes from is named here so a change on AWS's side can be traced, and an
 * entry that no AWS page confirms says so where it is:
 *
 * - Per action: resource type, parameter names, which are Optional/Conditional, ranges, and the IAM
 *   permissions in `iamActions` (the "Permissions" list, in the page's order): FIS User Guide,
 *   "AWS FIS Actions reference", https://docs.aws.amazon.com/fis/latest/userguide/fis-actions-reference.html
 *   (two Markdown copies of the English page, of different ages, agree on every entry below).
 *   A parameter the page does not mark Optional is required here, unless the page gives it a default
 *   or calls it Conditional.
 * - Target keys (Instances, Roles, AutoScalingGroups, …): User Guide "Actions for AWS FIS",
 *   https://docs.aws.amazon.com/fis/latest/userguide/action-sequence.html ("Action targets" and its
 *   examples), the ListActions output in aws-cli's awscli/examples/fis/list-actions.rst, and the
 *   templates of aws-samples/fis-template-library. Not seen in any AWS source for the two ICE actions
 *   (Roles, AutoScalingGroups) and for task-cpu-stress/task-kill-process (Tasks, as for their
 *   siblings stop-task and task-network-*): those keys come from fis-actions.md and ports of the scenario.
 * - Resource types, target parameters, ARN/tag/filter rules and the Describe call FIS makes to apply
 *   filters: User Guide "Targets for AWS FIS", https://docs.aws.amazon.com/fis/latest/userguide/targets.html
 * - The ECS task-* permissions are repeated on https://docs.aws.amazon.com/fis/latest/userguide/ecs-task-actions.html
 * - Cross-check only, never a source of `iamActions`: the AWS managed policies
 *   AWSFaultInjectionSimulator{EC2,ECS,RDS,Network,SSM}Access
 *   (https://docs.aws.amazon.com/aws-managed-policy/latest/reference/<name>.html, Feb 2026 versions).
 *   They grant more than the Permissions lists (EC2Access adds ec2:DescribeInstances and
 *   ec2:DescribeSubnets for every EC2 action, ECSAccess adds ecs:ListTasks and tag:GetResources), and
 *   none of them covers ec2:InjectApiError, autoscaling:DescribeAutoScalingGroups, ec2:PauseVolumeIO,
 *   elasticache:* or arc-zonal-shift:*: the ICE, EBS, ElastiCache and autoshift actions need an inline policy.
 * - Behaviour and conventions not in those pages stay in /work/shared/design/fis-actions.md.
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
  /**
   * The permission for the Describe/List call FIS runs to apply filters to this type (targets.html,
   * "Resource filters"); prerequisites.ts asks for it when a target of this type has filters.
   */
  filterIamAction?: string;
  /** For people: "EC2 instances". */
  noun: string;
}

const HOUR = 3600;
const MINUTE = 60;
/**
 * Unless noted, a duration runs from PT1M to PT12H, as the actions reference states for most actions.
 * It states no range for the two ICE actions, the autoshift action or task-cpu-stress ("ISO 8601"
 * only): they get the same bounds, unverified.
 */
const duration: ParameterSpec = { required: true, kind: 'duration', min: MINUTE, max: 12 * HOUR };
const percentage: ParameterSpec = { required: true, kind: 'percentage', min: 1, max: 100 };
const booleanParam: ParameterSpec = { required: false, kind: 'boolean', values: ['true', 'false'] };
const TAG_LOOKUP = 'tag:GetResources';
/**
 * The aws:ecs:task-* actions run SSM documents in the task's agent sidecar; the reference (and
 * ecs-task-actions.html) list only these, without ecs:ListTasks or ssm:DescribeInstanceInformation.
 */
const ECS_TASK_SSM = ['ecs:DescribeTasks', 'ssm:SendCommand', 'ssm:ListCommands', 'ssm:CancelCommand'] as const;

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
    // The reference marks ec2:DescribeInstances optional (needed with completeIfInstancesTerminated,
    // which the AZ compilation always sets) and kms:CreateGrant optional (only to restart instances
    // with encrypted volumes): the latter is a condition in prerequisites.ts, not a permission for all.
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
    // The reference scopes it with condition keys ec2:FisActionId (this action id) and ec2:FisTargetArns (the roles).
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
    // ec2:FisActionId and ec2:FisTargetArns (the groups) scope ec2:InjectApiError; nothing is needed
    // on launch templates, although the action works only for groups that use them.
    iamActions: ['ec2:InjectApiError', 'autoscaling:DescribeAutoScalingGroups'],
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
    // The reference only says the action was renamed; the old resource type and these permissions
    // are carried over from the new id (fis-actions.md), unverified.
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
      // Not marked Optional in the reference, but its own example (action-sequence.html) leaves it out.
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
    // ec2:DescribeInstances is not in this list: FIS needs it to apply instance filters, which
    // prerequisites.ts adds from the resource type when the target has filters.
    iamActions: ['ssm:SendCommand', 'ssm:ListCommands', 'ssm:CancelCommand'],
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
    iamActions: ['ecs:DescribeTasks', 'ecs:ListTasks', 'ecs:StopTask', TAG_LOOKUP],
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
    iamActions: ECS_TASK_SSM,
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
    iamActions: ECS_TASK_SSM,
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
  { resourceType: 'aws:ec2:instance', selection: 'arns-or-tags', filters: true, parameters: {}, filterIamAction: 'ec2:DescribeInstances', noun: 'EC2 instances' },
  // api-ICE role targets cannot be chosen by tags, filters or parameters (actions reference, api-ICE).
  { resourceType: 'aws:iam:role', selection: 'arns-only', filters: false, parameters: {}, noun: 'IAM roles' },
  {
    resourceType: 'aws:ec2:autoscaling-group',
    selection: 'arns-or-tags',
    filters: true,
    parameters: {},
    filterIamAction: 'autoscaling:DescribeAutoScalingGroups',
    noun: 'Auto Scaling groups',
  },
  {
    resourceType: 'aws:ec2:subnet',
    selection: 'arns-or-tags',
    filters: true,
    parameters: { availabilityZoneIdentifier: { required: false, kind: 'az' }, vpc: { required: false, kind: 'string' } },
    filterIamAction: 'ec2:DescribeSubnets',
    noun: 'subnets',
  },
  {
    resourceType: 'aws:rds:cluster',
    selection: 'arns-or-tags',
    filters: true,
    parameters: { writerAvailabilityZoneIdentifiers: { required: false, kind: 'az-list' } },
    filterIamAction: 'rds:DescribeDBClusters',
    noun: 'Aurora DB clusters',
  },
  {
    resourceType: 'aws:rds:db',
    selection: 'arns-or-tags',
    filters: true,
    parameters: { availabilityZoneIdentifiers: { required: false, kind: 'az-list' } },
    filterIamAction: 'rds:DescribeDBInstances',
    noun: 'RDS DB instances',
  },
  // ElastiCache replication groups are picked by tags only (aws-samples; ARNs are rejected).
  {
    resourceType: 'aws:elasticache:replicationgroup',
    selection: 'tags-only',
    filters: true,
    parameters: { availabilityZoneIdentifier: { required: true, kind: 'az' } },
    filterIamAction: 'elasticache:DescribeReplicationGroups',
    noun: 'ElastiCache replication groups',
  },
  {
    resourceType: 'aws:elasticache:redis-replicationgroup',
    selection: 'tags-only',
    filters: true,
    parameters: { availabilityZoneIdentifier: { required: true, kind: 'az' } },
    // targets.html does not list this type: the current type's call, assumed.
    filterIamAction: 'elasticache:DescribeReplicationGroups',
    noun: 'ElastiCache (Redis) replication groups',
  },
  {
    resourceType: 'aws:ec2:ebs-volume',
    selection: 'arns-or-tags',
    filters: true,
    parameters: { availabilityZoneIdentifier: { required: false, kind: 'az' } },
    filterIamAction: 'ec2:DescribeVolumes',
    noun: 'EBS volumes',
  },
  {
    resourceType: 'aws:arc:zonal-shift-managed-resource',
    selection: 'arns-or-tags',
    filters: true,
    parameters: {},
    filterIamAction: 'arc-zonal-shift:ListManagedResources',
    noun: 'zonal-autoshift managed resources',
  },
  {
    resourceType: 'aws:ecs:task',
    selection: 'arns-or-tags',
    filters: true,
    parameters: { cluster: { required: false, kind: 'string' }, service: { required: false, kind: 'string' } },
    parametersSelect: true,
    filterIamAction: 'ecs:DescribeTasks',
    noun: 'ECS tasks',
  },
  { resourceType: 'aws:ecs:cluster', selection: 'arns-or-tags', filters: true, parameters: {}, filterIamAction: 'ecs:DescribeClusters', noun: 'ECS clusters' },
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
