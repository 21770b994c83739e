/**
 * Every action of the FIS actions reference and every target resource type they take, as data: what
 * the compiler, the template checks, `plan --iam-policy` and the sandbox's FIS need. Each action names
 * the page (and anchor) its facts come from in `source`; a fact no AWS page confirms says so where it is.
 *
 * - Per action: resource type, parameter names, which are Optional/Conditional, ranges, and the IAM
 *   permissions in `iamActions` (the "Permissions" list, in the page's order): FIS User Guide,
 *   "AWS FIS Actions reference", https://docs.aws.amazon.com/fis/latest/userguide/fis-actions-reference.html
 *   (read from stored Markdown copies of the English page, not live). A parameter the page does not
 *   mark Optional is required here, unless the page gives it a default or calls it Conditional.
 *   Permissions the page marks optional are left out of `iamActions` and named in `prerequisite`.
 * - Target keys (Instances, Roles, SpotInstances, …): User Guide "Actions for AWS FIS"
 *   (action-sequence.html), the scenario library's templates (az-availability-scenario.html,
 *   cross-region-scenario.html: TransitGateways, Subnets, VPCEndpoints, Buckets, Tables,
 *   MultiRegionClusters), aws-cli's list-actions example and aws-samples/fis-template-library.
 *   KinesisStreams: the example template of the Kinesis Data Streams Developer Guide page
 *   https://docs.aws.amazon.com/streams/latest/dev/kinesis-fis-provisioned-throughput.html (stored copy
 *   docs.amazonaws.cn/en_us/streams/latest/dev/kinesis-fis-provisioned-throughput.md). VirtualInterfaces:
 *   aws-samples/fis-template-library direct-connect-resiliency/direct-connect-resiliency-template.json
 *   (commit 830576864403c4c618015cb10e4e77c714e55f46).
 * - Resource types, target parameters, ARN/tag/filter rules and the Describe call FIS makes to apply
 *   filters: User Guide "Targets for AWS FIS", https://docs.aws.amazon.com/fis/latest/userguide/targets.html
 * - The aws:ecs:task-* conditions: https://docs.aws.amazon.com/fis/latest/userguide/ecs-task-actions.html;
 *   aws:eks:pod-*: eks-pod-actions.html; aws:lambda:*: use-lambda-actions.html.
 * - Cross-check only, never a source of `iamActions`: the AWS managed policies
 *   AWSFaultInjectionSimulator{EC2,ECS,EKS,RDS,Network,SSM}Access. They grant more than the Permissions
 *   lists and none covers ec2:InjectApiError, ec2:PauseVolumeIO, elasticache:*, arc-zonal-shift:*,
 *   s3:PauseReplication or dynamodb:*ResourcePolicy: those actions need an inline policy.
 * - Behaviour and conventions not in those pages stay in /work/shared/design/fis-actions.md.
 */

export type ParameterKind =
  | 'duration'
  | 'percentage'
  | 'integer'
  | 'number'
  | 'boolean'
  | 'enum'
  | 'enum-list'
  | 'string'
  | 'json'
  | 'az-list'
  | 'az'
  | 'region';

export interface ParameterSpec {
  required: boolean;
  kind: ParameterKind;
  /** Range in seconds for durations, else in the parameter's own unit (inclusive). */
  min?: number;
  max?: number;
  /** enum / enum-list / boolean: the values FIS accepts. */
  values?: readonly string[];
}

export type Rollback = 'automatic' | 'not rolled back';

export interface Prerequisite {
  kind: 'ssm-agent' | 'ecs-task-definition' | 'eks-service-account' | 'lambda-extension' | 'other';
  text: string;
}

export interface FisActionSpec {
  actionId: string;
  /** What it does, for people. */
  summary: string;
  /** The reference page (and anchor) these facts come from. */
  source: string;
  /** The key under the action's `targets`; absent for actions without a target (aws:fis:wait). */
  targetKey?: string;
  resourceType?: string;
  parameters: Readonly<Record<string, ParameterSpec>>;
  rollback: Rollback;
  /** What FIS does (or does not do) at the end, in words. */
  rollbackNote: string;
  iamActions: readonly string[];
  /** What must be true outside the template for the action to work. */
  prerequisite?: Prerequisite;
  /** The parameter that says how long the action lasts; absent for instantaneous actions. */
  durationParam?: string;
  /** Retired id: refused, with the id to use instead. */
  replacedBy?: string;
  /** Actions that do not disrupt anything: their start is never the disruption start. */
  notAFault?: 'wait' | 'recovery' | 'check';
}

export type TargetSelection = 'arns-or-tags' | 'tags-only' | 'arns-only' | 'parameters-only';

export interface FisResourceTypeSpec {
  resourceType: string;
  /** How resources can be picked: some types refuse ARNs (ElastiCache, S3) or tags (IAM roles), EKS pods take only parameters. */
  selection: TargetSelection;
  /** Filters are allowed (they never go with ARNs). */
  filters: boolean;
  parameters: Readonly<Record<string, { required: boolean; kind: ParameterKind; values?: readonly string[] }>>;
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
const REFERENCE = 'https://docs.aws.amazon.com/fis/latest/userguide/fis-actions-reference.html';
const ref = (anchor: string): string => `${REFERENCE}#${anchor}`;
/**
 * Unless noted, a duration runs from PT1M to PT12H, as the actions reference states for most actions.
 * Where it says only "ISO 8601" (the ICE, autoshift, ECS task, EKS pod, Lambda and cross-Region
 * actions) the same bounds are assumed, unverified.
 */
const duration: ParameterSpec = { required: true, kind: 'duration', min: MINUTE, max: 12 * HOUR };
const percentage: ParameterSpec = { required: true, kind: 'percentage', min: 1, max: 100 };
const optionalPercentage: ParameterSpec = { ...percentage, required: false };
const booleanParam: ParameterSpec = { required: false, kind: 'boolean', values: ['true', 'false'] };
/** SSM-document parameters take the document's casing; FIS passes either through. */
const installDependencies: ParameterSpec = { required: false, kind: 'boolean', values: ['True', 'False', 'true', 'false'] };
const optionalString: ParameterSpec = { required: false, kind: 'string' };
const requiredString: ParameterSpec = { required: true, kind: 'string' };
const milliseconds: ParameterSpec = { required: false, kind: 'integer', min: 0 };
const TAG_LOOKUP = 'tag:GetResources';
/**
 * The aws:ecs:task-* actions run SSM documents in the task's agent sidecar; the reference (and
 * ecs-task-actions.html) list only these, without ecs:ListTasks or ssm:DescribeInstanceInformation.
 */
const ECS_TASK_SSM = ['ecs:DescribeTasks', 'ssm:SendCommand', 'ssm:ListCommands', 'ssm:CancelCommand'] as const;
const ECS_TASK_NETWORK_SSM = ['ecs:DescribeTasks', 'ecs:DescribeContainerInstances', 'ec2:DescribeInstances', 'ec2:DescribeSubnets', 'ssm:SendCommand', 'ssm:ListCommands', 'ssm:CancelCommand'] as const;
const EKS_POD_IAM = ['eks:DescribeCluster', 'ec2:DescribeSubnets', TAG_LOOKUP] as const;
const LAMBDA_IAM = ['s3:PutObject', 's3:DeleteObject', 'lambda:GetFunction', TAG_LOOKUP] as const;
const ECS_SIDECAR =
  'The task runs an SSM Agent sidecar that registers it as a managed instance (env MANAGED_INSTANCE_ROLE_NAME; task role: ssm:CreateActivation, ssm:AddTagsToResource, iam:PassRole); ECS Exec is off';
const ecsTask = (extra = ''): Prerequisite => ({ kind: 'ecs-task-definition', text: `${extra}${ECS_SIDECAR}` });
// With useEcsFaultInjectionEndpoints "true" (the scenario library sends it) the ECS agent injects the fault,
// which it does only for tasks that opted in (ECS Developer Guide, fault-injection.html).
const ECS_NETWORK_TASK = ecsTask(
  'The task definition sets pidMode "task" and a networkMode other than bridge; task-network-* actions cannot run in parallel on a task; with useEcsFaultInjectionEndpoints "true" it also sets enableFaultInjection: true (awsvpc or host network mode, ECS agent 1.88.0 or later). ',
);
const EKS_POD: Prerequisite = {
  kind: 'eks-service-account',
  text: 'The cluster maps the FIS role to a Kubernetes user and the kubernetesServiceAccount exists with the RBAC permissions eks-pod-actions.html lists; pods are chosen only by the target parameters clusterIdentifier, namespace, selectorType, selectorValue',
};
const LAMBDA_EXTENSION: Prerequisite = {
  kind: 'lambda-extension',
  text: 'Target functions have the AWS FIS Lambda extension layer and the env AWS_FIS_CONFIGURATION_LOCATION naming an S3 bucket/prefix the FIS role may write and the function may read (AWS_LAMBDA_EXEC_WRAPPER=/opt/aws-fis/bootstrap)',
};

/** The three API-fault actions differ only in the error they inject. */
const apiFault = (kind: 'internal' | 'throttle' | 'unavailable'): FisActionSpec => ({
  actionId: `aws:fis:inject-api-${kind}-error`,
  summary: `${kind} errors on API calls made by the target IAM roles`,
  source: ref(`inject-api-${kind}-error`),
  targetKey: 'Roles',
  resourceType: 'aws:iam:role',
  parameters: { duration, service: { required: true, kind: 'enum', values: ['ec2', 'kinesis'] }, percentage, operations: requiredString },
  rollback: 'automatic',
  rollbackNote: 'API calls succeed again when the duration ends',
  iamActions: [`fis:InjectApi${kind[0]!.toUpperCase()}${kind.slice(1)}Error`],
  durationParam: 'duration',
});

/** The EKS pod actions' shared parameters (eks-pod-actions.html; fisPodSecurityPolicy only where the page lists it). */
const eksPodCommon = (securityPolicy: boolean): Record<string, ParameterSpec> => ({
  kubernetesServiceAccount: requiredString,
  fisPodContainerImage: optionalString,
  maxErrorsPercent: { required: false, kind: 'percentage', min: 0, max: 100 },
  fisPodLabels: optionalString,
  fisPodAnnotations: optionalString,
  ...(securityPolicy ? { fisPodSecurityPolicy: { required: false, kind: 'enum', values: ['privileged', 'baseline', 'restricted'] } as ParameterSpec } : {}),
});
const sources: ParameterSpec = optionalString;

const eksPod = (name: string, summary: string, parameters: Record<string, ParameterSpec>, securityPolicy: boolean, durationParam?: string): FisActionSpec => ({
  actionId: `aws:eks:${name}`,
  summary,
  source: ref(name),
  targetKey: 'Pods',
  resourceType: 'aws:eks:pod',
  parameters: { ...parameters, ...eksPodCommon(securityPolicy) },
  rollback: durationParam ? 'automatic' : 'not rolled back',
  rollbackNote: durationParam ? 'the fault injector pod removes the fault when the duration ends' : 'deleted pods stay deleted; only their controller replaces them',
  iamActions: EKS_POD_IAM,
  prerequisite: EKS_POD,
  ...(durationParam ? { durationParam } : {}),
});

const lambda = (name: string, summary: string, parameters: Record<string, ParameterSpec>): FisActionSpec => ({
  actionId: `aws:lambda:${name}`,
  summary,
  source: ref(name),
  targetKey: 'Functions',
  resourceType: 'aws:lambda:function',
  parameters: { duration, invocationPercentage: optionalPercentage, ...parameters },
  rollback: 'automatic',
  rollbackNote: 'invocations behave normally again when the duration ends',
  iamActions: LAMBDA_IAM,
  prerequisite: LAMBDA_EXTENSION,
  durationParam: 'duration',
});

const actions: FisActionSpec[] = [
  apiFault('internal'),
  apiFault('throttle'),
  apiFault('unavailable'),
  {
    actionId: 'aws:arc:start-zonal-autoshift',
    summary: 'shifts traffic of autoshift-enabled resources away from an AZ (recovery)',
    source: ref('fis-actions-recovery'),
    targetKey: 'ManagedResources',
    resourceType: 'aws:arc:zonal-shift-managed-resource',
    parameters: {
      duration,
      availabilityZoneIdentifier: { required: true, kind: 'az' },
      // Not marked Optional in the reference, but its own example (action-sequence.html) leaves it out.
      managedResourceTypes: { required: false, kind: 'enum-list', values: ['ASG', 'ALB', 'NLB', 'EKS'] },
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
    actionId: 'aws:fis:wait',
    summary: 'waits (stop conditions are still watched)',
    source: ref('fis-actions-reference-wait'),
    parameters: { duration },
    rollback: 'automatic',
    rollbackNote: 'nothing to undo',
    notAFault: 'wait',
    iamActions: [],
    durationParam: 'duration',
  },
  {
    actionId: 'aws:cloudwatch:assert-alarm-state',
    summary: 'fails the experiment unless the alarms are in one of the given states',
    source: ref('cloudwatch-actions-reference'),
    parameters: {
      alarmArns: requiredString,
      alarmStates: { required: true, kind: 'enum-list', values: ['OK', 'ALARM', 'INSUFFICIENT_DATA'] },
    },
    rollback: 'automatic',
    rollbackNote: 'nothing to undo: it only reads alarm states',
    notAFault: 'check',
    iamActions: ['cloudwatch:DescribeAlarms'],
  },
  {
    actionId: 'aws:dynamodb:global-table-pause-replication',
    summary: 'pauses replication of DynamoDB global tables to and from this Region (a deny statement in the table policy)',
    source: ref('dynamodb-actions-reference'),
    targetKey: 'Tables',
    resourceType: 'aws:dynamodb:global-table',
    // The page gives no range; PT1M–PT12H assumed. Replication may go on for up to 5 minutes after the start.
    parameters: { duration },
    rollback: 'automatic',
    rollbackNote: 'FIS removes the deny statement; replication resumes where it paused',
    // dynamodb:InjectError is needed only for multi-Region strongly consistent tables (the page's footnote).
    iamActions: ['dynamodb:PutResourcePolicy', 'dynamodb:DeleteResourcePolicy', 'dynamodb:GetResourcePolicy', 'dynamodb:DescribeTable', TAG_LOOKUP],
    prerequisite: { kind: 'other', text: 'Multi-Region strongly consistent (MRSC) global tables also need dynamodb:InjectError, and no table may be impaired more than 5,040 minutes in 7 days' },
    durationParam: 'duration',
  },
  {
    actionId: 'aws:dsql:cluster-connection-failure',
    summary: 'fails a share of connections to Aurora DSQL clusters',
    source: ref('dsql-actions-reference'),
    targetKey: 'Clusters',
    resourceType: 'aws:dsql:cluster',
    parameters: { duration, percentage },
    rollback: 'automatic',
    rollbackNote: 'connections succeed again when the duration ends',
    iamActions: ['dsql:InjectError', 'dsql:GetCluster', TAG_LOOKUP],
    durationParam: 'duration',
  },
  {
    actionId: 'aws:ebs:pause-volume-io',
    summary: 'pauses I/O on EBS volumes',
    source: ref('pause-volume-io'),
    targetKey: 'Volumes',
    resourceType: 'aws:ec2:ebs-volume',
    // The only sub-minute durations are the two EBS actions.
    parameters: { duration: { ...duration, min: 1 } },
    rollback: 'automatic',
    rollbackNote: 'I/O resumes when the duration ends',
    iamActions: ['ec2:DescribeVolumes', 'ec2:PauseVolumeIO', TAG_LOOKUP],
    prerequisite: { kind: 'other', text: 'Volumes must be attached to Nitro instances, all in one AZ, not on an Outpost' },
    durationParam: 'duration',
  },
  {
    actionId: 'aws:ebs:volume-io-latency',
    summary: 'adds latency to read and write I/O of EBS volumes',
    source: ref('volume-latency-injection'),
    targetKey: 'Volumes',
    resourceType: 'aws:ec2:ebs-volume',
    parameters: {
      readIOPercentage: { required: false, kind: 'number', min: 0.1, max: 100 },
      // 1 ms on io2 volumes, 10 ms on the others; gameday cannot see the volume type, so 1 ms.
      readIOLatencyMilliseconds: { required: false, kind: 'integer', min: 1, max: 60_000 },
      writeIOPercentage: { required: false, kind: 'number', min: 0.1, max: 100 },
      writeIOLatencyMilliseconds: { required: false, kind: 'integer', min: 1, max: 60_000 },
      duration: { ...duration, min: 1 },
    },
    rollback: 'automatic',
    rollbackNote: 'I/O latency is back to normal when the duration ends',
    iamActions: ['ec2:DescribeVolumes', 'ec2:InjectVolumeIOLatency', TAG_LOOKUP],
    prerequisite: { kind: 'other', text: 'Volumes must be attached to Nitro instances, all in one AZ, not on an Outpost' },
    durationParam: 'duration',
  },
  {
    actionId: 'aws:ec2:api-insufficient-instance-capacity-error',
    summary: 'EC2 answers launches by the target roles with InsufficientInstanceCapacity',
    source: ref('api-ice'),
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
    source: ref('asg-ice'),
    targetKey: 'AutoScalingGroups',
    resourceType: 'aws:ec2:autoscaling-group',
    parameters: { duration, availabilityZoneIdentifiers: { required: true, kind: 'az-list' }, percentage: optionalPercentage },
    rollback: 'automatic',
    rollbackNote: 'scaling works again when the duration ends',
    // ec2:FisActionId and ec2:FisTargetArns (the groups) scope ec2:InjectApiError.
    iamActions: ['ec2:InjectApiError', 'autoscaling:DescribeAutoScalingGroups'],
    prerequisite: { kind: 'other', text: 'Auto Scaling groups must use launch templates (launch configurations are not affected)' },
    durationParam: 'duration',
  },
  {
    actionId: 'aws:ec2:reboot-instances',
    summary: 'reboots EC2 instances',
    source: ref('reboot-instances'),
    targetKey: 'Instances',
    resourceType: 'aws:ec2:instance',
    parameters: {},
    rollback: 'not rolled back',
    rollbackNote: 'a reboot cannot be undone',
    iamActions: ['ec2:RebootInstances', 'ec2:DescribeInstances'],
  },
  {
    actionId: 'aws:ec2:send-spot-instance-interruptions',
    summary: 'sends Spot interruption notices, then interrupts the Spot Instances (terminated or stopped per their interruption behaviour)',
    source: ref('send-spot-instance-interruptions'),
    targetKey: 'SpotInstances',
    resourceType: 'aws:ec2:spot-instance',
    parameters: { durationBeforeInterruption: { required: true, kind: 'duration', min: 2 * MINUTE, max: 15 * MINUTE } },
    rollback: 'not rolled back',
    rollbackNote: 'interrupted Spot Instances stay terminated (or stopped, until you start them); only an Auto Scaling group or fleet replaces them',
    // The reference does not say when the action completes (at the notice, or at the interruption
    // durationBeforeInterruption later): the plan shows it as instantaneous.
    iamActions: ['ec2:SendSpotInstanceInterruptions', 'ec2:DescribeInstances'],
  },
  {
    actionId: 'aws:ec2:stop-instances',
    summary: 'stops EC2 instances, optionally starting them again after a while',
    source: ref('stop-instances'),
    targetKey: 'Instances',
    resourceType: 'aws:ec2:instance',
    parameters: { startInstancesAfterDuration: { ...duration, required: false }, completeIfInstancesTerminated: booleanParam },
    rollback: 'automatic',
    rollbackNote: 'FIS starts the instances again after startInstancesAfterDuration',
    // The reference marks ec2:DescribeInstances optional (needed with completeIfInstancesTerminated,
    // which the AZ compilation always sets) and kms:CreateGrant optional (only to restart instances
    // with encrypted volumes): the latter is the prerequisite, not a permission for all.
    iamActions: ['ec2:StopInstances', 'ec2:StartInstances', 'ec2:DescribeInstances'],
    prerequisite: { kind: 'other', text: 'Instances with KMS-encrypted EBS volumes restart only if the FIS role may kms:CreateGrant on the key (or the key policy allows it)' },
    durationParam: 'startInstancesAfterDuration',
  },
  {
    actionId: 'aws:ec2:terminate-instances',
    summary: 'terminates EC2 instances',
    source: ref('terminate-instances'),
    targetKey: 'Instances',
    resourceType: 'aws:ec2:instance',
    parameters: {},
    rollback: 'not rolled back',
    rollbackNote: 'terminated instances are gone; only an Auto Scaling group replaces them',
    iamActions: ['ec2:TerminateInstances', 'ec2:DescribeInstances'],
  },
  {
    actionId: 'aws:ecs:drain-container-instances',
    summary: "sets a share of each ECS cluster's container instances to DRAINING",
    source: ref('drain-container-instances'),
    targetKey: 'Clusters',
    resourceType: 'aws:ecs:cluster',
    parameters: { drainagePercentage: percentage, duration },
    rollback: 'automatic',
    rollbackNote: 'container instances return to ACTIVE at the end',
    iamActions: ['ecs:DescribeClusters', 'ecs:UpdateContainerInstancesState', 'ecs:ListContainerInstances', TAG_LOOKUP],
    prerequisite: { kind: 'other', text: 'The clusters run tasks on EC2 container instances (Fargate has none to drain)' },
    durationParam: 'duration',
  },
  {
    actionId: 'aws:ecs:stop-task',
    summary: 'stops ECS tasks (StopTask)',
    source: ref('stop-task'),
    targetKey: 'Tasks',
    resourceType: 'aws:ecs:task',
    parameters: {},
    rollback: 'not rolled back',
    rollbackNote: 'stopped tasks stay stopped; only the ECS service replaces them',
    iamActions: ['ecs:DescribeTasks', 'ecs:ListTasks', 'ecs:StopTask', TAG_LOOKUP],
  },
  {
    actionId: 'aws:ecs:task-cpu-stress',
    summary: 'CPU stress inside ECS tasks (AWSFIS-Run-CPU-Stress)',
    source: ref('task-cpu-stress'),
    targetKey: 'Tasks',
    resourceType: 'aws:ecs:task',
    parameters: { duration, percent: { required: false, kind: 'percentage', min: 0, max: 100 }, workers: { required: false, kind: 'integer', min: 0 }, installDependencies },
    rollback: 'automatic',
    rollbackNote: 'the stress ends with the duration',
    iamActions: ECS_TASK_SSM,
    prerequisite: ecsTask(),
    durationParam: 'duration',
  },
  {
    actionId: 'aws:ecs:task-io-stress',
    summary: 'I/O stress inside ECS tasks (AWSFIS-Run-IO-Stress)',
    source: ref('task-io-stress'),
    targetKey: 'Tasks',
    resourceType: 'aws:ecs:task',
    parameters: { duration, percent: { required: false, kind: 'percentage', min: 0, max: 100 }, workers: { required: false, kind: 'integer', min: 1 }, installDependencies },
    rollback: 'automatic',
    rollbackNote: 'the stress ends with the duration',
    iamActions: ECS_TASK_SSM,
    prerequisite: ecsTask(),
    durationParam: 'duration',
  },
  {
    actionId: 'aws:ecs:task-kill-process',
    summary: 'kills a process inside ECS tasks (killall via AWSFIS-Run-Kill-Process)',
    source: ref('task-kill-process'),
    targetKey: 'Tasks',
    resourceType: 'aws:ecs:task',
    parameters: { processName: requiredString, signal: { required: false, kind: 'enum', values: ['SIGTERM', 'SIGKILL'] }, installDependencies },
    rollback: 'not rolled back',
    rollbackNote: 'a killed process stays killed; only the task or service restarts it',
    iamActions: ECS_TASK_SSM,
    prerequisite: ecsTask('The task definition sets pidMode "task". '),
  },
  {
    actionId: 'aws:ecs:task-network-blackhole-port',
    summary: 'drops inbound or outbound traffic on a port inside ECS tasks',
    source: ref('task-network-blackhole-port'),
    targetKey: 'Tasks',
    resourceType: 'aws:ecs:task',
    parameters: {
      duration,
      port: { required: true, kind: 'integer', min: 0, max: 65_535 },
      trafficType: { required: true, kind: 'enum', values: ['ingress', 'egress'] },
      protocol: { required: false, kind: 'enum', values: ['tcp', 'udp'] },
      installDependencies,
      useEcsFaultInjectionEndpoints: booleanParam,
    },
    rollback: 'automatic',
    rollbackNote: 'traffic flows again when the duration ends',
    iamActions: ECS_TASK_SSM,
    prerequisite: ECS_NETWORK_TASK,
    durationParam: 'duration',
  },
  {
    actionId: 'aws:ecs:task-network-latency',
    summary: 'adds latency and jitter to egress traffic of ECS tasks to the given sources',
    source: ref('task-network-latency'),
    targetKey: 'Tasks',
    resourceType: 'aws:ecs:task',
    parameters: { duration, delayMilliseconds: milliseconds, jitterMilliseconds: milliseconds, flowsPercent: optionalPercentage, sources, installDependencies, useEcsFaultInjectionEndpoints: booleanParam },
    rollback: 'automatic',
    rollbackNote: 'latency ends with the duration',
    iamActions: ECS_TASK_NETWORK_SSM,
    prerequisite: ECS_NETWORK_TASK,
    durationParam: 'duration',
  },
  {
    actionId: 'aws:ecs:task-network-packet-loss',
    summary: 'drops a share of egress packets of ECS tasks to the given sources',
    source: ref('task-network-packet-loss'),
    targetKey: 'Tasks',
    resourceType: 'aws:ecs:task',
    parameters: { duration, lossPercent: { required: false, kind: 'percentage', min: 0, max: 100 }, flowsPercent: optionalPercentage, sources, installDependencies, useEcsFaultInjectionEndpoints: booleanParam },
    rollback: 'automatic',
    rollbackNote: 'packet loss ends with the duration',
    iamActions: ECS_TASK_NETWORK_SSM,
    prerequisite: ECS_NETWORK_TASK,
    durationParam: 'duration',
  },
  {
    actionId: 'aws:eks:inject-kubernetes-custom-resource',
    summary: 'runs a Chaos Mesh or Litmus experiment on one EKS cluster',
    source: ref('inject-kubernetes-custom-resource'),
    targetKey: 'Cluster',
    resourceType: 'aws:eks:cluster',
    parameters: {
      kubernetesApiVersion: { required: true, kind: 'enum', values: ['chaos-mesh.org/v1alpha1', 'litmuschaos.io/v1alpha1'] },
      kubernetesKind: requiredString,
      kubernetesNamespace: requiredString,
      kubernetesSpec: { required: true, kind: 'json' },
      maxDuration: duration,
    },
    rollback: 'automatic',
    rollbackNote: 'FIS deletes the custom resource at the end',
    // "No IAM permissions are required": Kubernetes RBAC controls it.
    iamActions: [],
    // maxDuration bounds the custom resource's run; the experiment decides how long it lasts.
    prerequisite: { kind: 'eks-service-account', text: 'Chaos Mesh or Litmus is installed on the cluster and the FIS role is mapped to a Kubernetes user allowed (RBAC) to create the custom resource' },
  },
  eksPod('pod-cpu-stress', 'CPU stress in EKS pods', { duration, percent: { required: false, kind: 'percentage', min: 0, max: 100 }, workers: { required: false, kind: 'integer', min: 0 } }, true, 'duration'),
  eksPod('pod-delete', 'deletes EKS pods', { gracePeriodSeconds: { required: false, kind: 'integer', min: 0 } }, true),
  eksPod('pod-io-stress', 'I/O stress in EKS pods', { duration, workers: { required: false, kind: 'integer', min: 1 }, percent: { required: false, kind: 'percentage', min: 0, max: 100 } }, true, 'duration'),
  eksPod('pod-memory-stress', 'memory stress in EKS pods', { duration, workers: { required: false, kind: 'integer', min: 1 }, percent: { required: false, kind: 'percentage', min: 0, max: 100 } }, true, 'duration'),
  eksPod(
    'pod-network-blackhole-port',
    'drops inbound or outbound traffic on a port of EKS pods',
    { duration, protocol: { required: true, kind: 'enum', values: ['tcp', 'udp'] }, trafficType: { required: true, kind: 'enum', values: ['ingress', 'egress'] }, port: { required: true, kind: 'integer', min: 0, max: 65_535 } },
    false,
    'duration',
  ),
  eksPod(
    'pod-network-latency',
    'adds latency and jitter to traffic of EKS pods',
    { duration, interface: optionalString, delayMilliseconds: milliseconds, jitterMilliseconds: milliseconds, flowsPercent: optionalPercentage, sources },
    false,
    'duration',
  ),
  eksPod(
    'pod-network-packet-loss',
    'drops a share of packets of EKS pods',
    { duration, interface: optionalString, lossPercent: { required: false, kind: 'percentage', min: 0, max: 100 }, flowsPercent: optionalPercentage, sources },
    false,
    'duration',
  ),
  {
    actionId: 'aws:eks:terminate-nodegroup-instances',
    summary: 'terminates a share of the instances of EKS managed node groups',
    source: ref('terminate-nodegroup-instance'),
    targetKey: 'Nodegroups',
    resourceType: 'aws:eks:nodegroup',
    parameters: { instanceTerminationPercentage: percentage },
    rollback: 'not rolled back',
    rollbackNote: 'terminated nodes are gone; only the node group replaces them',
    iamActions: ['ec2:DescribeInstances', 'ec2:TerminateInstances', 'eks:DescribeNodegroup', TAG_LOOKUP],
    prerequisite: { kind: 'other', text: 'Only EKS managed node groups (self-managed node groups are not supported)' },
  },
  {
    actionId: 'aws:elasticache:replicationgroup-interrupt-az-power',
    summary: "cuts power to one AZ's nodes of Multi-AZ ElastiCache replication groups",
    source: ref('elasticache-actions-reference'),
    targetKey: 'ReplicationGroups',
    resourceType: 'aws:elasticache:replicationgroup',
    parameters: { duration },
    rollback: 'automatic',
    rollbackNote: 'nodes in the AZ can be replaced again when the duration ends; a failed-over primary stays moved',
    iamActions: ['elasticache:InterruptClusterAzPower', 'elasticache:DescribeReplicationGroups', TAG_LOOKUP],
    prerequisite: { kind: 'other', text: 'Replication groups must be Multi-AZ (Redis OSS/Valkey, not Serverless)' },
    durationParam: 'duration',
  },
  {
    actionId: 'aws:elasticache:interrupt-cluster-az-power',
    summary: 'old id of aws:elasticache:replicationgroup-interrupt-az-power',
    source: ref('elasticache-actions-reference'),
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
  ...(
    [
      ['stream-provisioned-throughput-exception', 'throughput-exception', 'ProvisionedThroughputExceededException on GetRecords, GetShardIterator, PutRecord and PutRecords'],
      ['stream-expired-iterator-exception', 'iterator-exception', 'ExpiredIteratorException on GetRecords'],
    ] as const
  ).map(
    ([name, anchor, what]): FisActionSpec => ({
      actionId: `aws:kinesis:${name}`,
      summary: `${what} of the target Kinesis data streams`,
      source: ref(anchor),
      targetKey: 'KinesisStreams',
      resourceType: 'aws:kinesis:stream',
      parameters: { duration, percentage },
      rollback: 'automatic',
      rollbackNote: 'calls succeed again when the duration ends',
      iamActions: ['kinesis:InjectApiError'],
      durationParam: 'duration',
    }),
  ),
  lambda('invocation-add-delay', 'delays the start of Lambda function invocations', { startupDelayMilliseconds: { required: false, kind: 'integer', min: 0, max: 900_000 } }),
  lambda('invocation-error', 'marks Lambda function invocations as failed', { preventExecution: { ...booleanParam, required: true } }),
  lambda('invocation-http-integration-response', 'replaces Lambda function responses with an HTTP status and content type', {
    contentTypeHeader: requiredString,
    preventExecution: { ...booleanParam, required: true },
    statusCode: { required: true, kind: 'integer', min: 0, max: 999 },
  }),
  {
    actionId: 'aws:memorydb:multi-region-cluster-pause-replication',
    summary: "pauses replication between this Region's MemoryDB cluster and the rest of the multi-Region cluster",
    source: ref('memorydb-actions-reference'),
    targetKey: 'MultiRegionClusters',
    resourceType: 'aws:memorydb:multi-region-cluster',
    // `region` is not on the reference page, but the Cross-Region: Connectivity scenario sets it.
    parameters: { duration, region: { required: false, kind: 'region' } },
    rollback: 'automatic',
    rollbackNote: 'replication resumes at the end; the cluster may take a few minutes to be available again',
    iamActions: ['memorydb:DescribeMultiRegionClusters', 'memorydb:PauseMultiRegionClusterReplication', TAG_LOOKUP],
    durationParam: 'duration',
  },
  {
    actionId: 'aws:network:disrupt-connectivity',
    summary: 'denies traffic for the target subnets with a cloned network ACL',
    source: ref('disrupt-connectivity'),
    targetKey: 'Subnets',
    resourceType: 'aws:ec2:subnet',
    parameters: {
      duration,
      scope: { required: true, kind: 'enum', values: ['all', 'availability-zone', 'dynamodb', 's3', 's3express', 'prefix-list', 'vpc'] },
      prefixListIdentifier: optionalString,
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
    actionId: 'aws:network:route-table-disrupt-cross-region-connectivity',
    summary: 'blocks traffic from the target subnets to another Region with FIS-made route tables',
    source: ref('route-table-disrupt-cross-region-connectivity'),
    targetKey: 'Subnets',
    resourceType: 'aws:ec2:subnet',
    parameters: { region: { required: true, kind: 'region' }, duration },
    rollback: 'automatic',
    rollbackNote: 'FIS restores the original route table associations and deletes what it made',
    iamActions: [
      'ec2:AssociateRouteTable',
      'ec2:CreateManagedPrefixList',
      'ec2:CreateNetworkInterface',
      'ec2:CreateRoute',
      'ec2:CreateRouteTable',
      'ec2:CreateTags',
      'ec2:DeleteManagedPrefixList',
      'ec2:DeleteNetworkInterface',
      'ec2:DeleteRouteTable',
      'ec2:DescribeManagedPrefixLists',
      'ec2:DescribeNetworkInterfaces',
      'ec2:DescribeRouteTables',
      'ec2:DescribeSubnets',
      'ec2:DescribeVpcPeeringConnections',
      'ec2:DescribeVpcs',
      'ec2:DisassociateRouteTable',
      'ec2:GetManagedPrefixListEntries',
      'ec2:ModifyManagedPrefixList',
      'ec2:ModifyVpcEndpoint',
      'ec2:ReplaceRouteTableAssociation',
    ],
    prerequisite: { kind: 'other', text: 'The VPC quota "routes per route table" is raised to 250 (350 when region is us-east-1) plus the routes already in your route tables' },
    durationParam: 'duration',
  },
  {
    actionId: 'aws:network:transit-gateway-disrupt-cross-region-connectivity',
    summary: 'blocks traffic from transit gateway peering attachments to another Region',
    source: ref('transit-gateway-disrupt-cross-region-connectivity'),
    targetKey: 'TransitGateways',
    resourceType: 'aws:ec2:transit-gateway',
    parameters: { region: { required: true, kind: 'region' }, duration },
    rollback: 'automatic',
    rollbackNote: 'FIS restores the transit gateway route table associations',
    iamActions: [
      'ec2:AssociateTransitGatewayRouteTable',
      'ec2:DescribeTransitGatewayAttachments',
      'ec2:DescribeTransitGatewayPeeringAttachments',
      'ec2:DescribeTransitGateways',
      'ec2:DisassociateTransitGatewayRouteTable',
    ],
    durationParam: 'duration',
  },
  {
    actionId: 'aws:network:disrupt-vpc-endpoint',
    summary: 'blocks traffic of interface VPC endpoints with an empty FIS-managed security group',
    source: ref('disrupt-vpc-endpoint'),
    targetKey: 'VPCEndpoints',
    resourceType: 'aws:ec2:vpc-endpoint',
    parameters: { duration },
    rollback: 'automatic',
    rollbackNote: 'FIS puts the original security groups back (not if the endpoints were changed meanwhile)',
    // vpce:AllowMultiRegion is needed only for cross-Region VPC endpoints (the page's footnote).
    iamActions: ['ec2:DescribeVpcEndpoints', 'ec2:DescribeSecurityGroups', 'ec2:ModifyVpcEndpoint', 'ec2:CreateSecurityGroup', 'ec2:DeleteSecurityGroup', 'ec2:RevokeSecurityGroupEgress', 'ec2:CreateTags'],
    durationParam: 'duration',
  },
  {
    actionId: 'aws:rds:failover-db-cluster',
    summary: 'fails an Aurora (or DocumentDB) DB cluster over to a reader',
    source: ref('failover-db-cluster'),
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
    source: ref('reboot-db-instances'),
    targetKey: 'DBInstances',
    resourceType: 'aws:rds:db',
    parameters: { forceFailover: booleanParam },
    rollback: 'not rolled back',
    rollbackNote: 'a reboot (or forced failover) cannot be undone',
    iamActions: ['rds:RebootDBInstance', 'rds:DescribeDBInstances', TAG_LOOKUP],
  },
  {
    actionId: 'aws:s3:bucket-pause-replication',
    summary: 'pauses replication from the target source buckets to their destination buckets',
    source: ref('bucket-pause-replication'),
    targetKey: 'Buckets',
    resourceType: 'aws:s3:bucket',
    parameters: { duration, region: { required: true, kind: 'region' }, destinationBuckets: optionalString, prefixes: optionalString },
    rollback: 'automatic',
    rollbackNote: 'replication resumes where it paused; catching up takes as long as the backlog needs',
    // s3:PutReplicationConfiguration and s3:GetReplicationConfiguration with the condition
    // s3:IsReplicationPauseRequest = true (the page's example policy).
    iamActions: ['s3:PutReplicationConfiguration', 's3:GetReplicationConfiguration', 's3:PauseReplication', 's3:ListAllMyBuckets', TAG_LOOKUP],
    prerequisite: { kind: 'other', text: 'Source buckets have a replication configuration to the destination Region; existing objects may go on replicating for up to an hour after the start' },
    durationParam: 'duration',
  },
  {
    actionId: 'aws:ssm:send-command',
    summary: 'runs an SSM document on EC2 instances',
    source: ref('ssm-send-command'),
    targetKey: 'Instances',
    resourceType: 'aws:ec2:instance',
    parameters: { documentArn: requiredString, documentVersion: optionalString, documentParameters: { required: false, kind: 'json' }, duration },
    rollback: 'automatic',
    rollbackNote: 'FIS cancels the command if the experiment stops early; what the document did stays done',
    // ec2:DescribeInstances is not in this list: FIS needs it to apply instance filters, which
    // prerequisites.ts adds from the resource type when the target has filters.
    iamActions: ['ssm:SendCommand', 'ssm:ListCommands', 'ssm:CancelCommand'],
    prerequisite: {
      kind: 'ssm-agent',
      text: 'Target instances run the SSM Agent with an instance profile that allows Systems Manager (e.g. AmazonSSMManagedInstanceCore); AWSFIS-* documents run on Amazon Linux 2/2023, Ubuntu, RHEL 8/9, CentOS 9',
    },
    durationParam: 'duration',
  },
  {
    actionId: 'aws:ssm:start-automation-execution',
    summary: 'runs an SSM Automation runbook',
    source: ref('ssm-start-automation-execution'),
    parameters: { documentArn: requiredString, documentVersion: optionalString, documentParameters: { required: false, kind: 'json' }, maxDuration: duration },
    rollback: 'not rolled back',
    rollbackNote: 'FIS stops the automation if the experiment stops early; what it did stays done',
    iamActions: ['ssm:GetAutomationExecution', 'ssm:StartAutomationExecution', 'ssm:StopAutomationExecution'],
    // maxDuration bounds the automation; how long it really runs is the runbook's business.
    prerequisite: { kind: 'other', text: 'If the automation document assumes a role, the FIS role may iam:PassRole it' },
  },
  {
    actionId: 'aws:directconnect:virtual-interface-disconnect',
    summary: 'takes down the BGP sessions of Direct Connect virtual interfaces',
    source: ref('directconnect-virtual-interface-disconnect'),
    targetKey: 'VirtualInterfaces',
    resourceType: 'aws:directconnect:virtual-interface',
    parameters: { duration: { ...duration, min: 10 * MINUTE } },
    rollback: 'automatic',
    rollbackNote: 'FIS stops the BGP failover test at the end; the sessions come back up',
    iamActions: ['directconnect:DescribeVirtualInterfaces', 'directconnect:StartBgpFailoverTest', 'directconnect:ListVirtualInterfaceTestHistory', 'directconnect:StopBgpFailoverTest', TAG_LOOKUP],
    prerequisite: { kind: 'other', text: "Every target virtual interface is 'available' with all BGP peers 'available' and 'up' before the start" },
    durationParam: 'duration',
  },
];

const resourceTypes: FisResourceTypeSpec[] = [
  { resourceType: 'aws:ec2:instance', selection: 'arns-or-tags', filters: true, parameters: {}, filterIamAction: 'ec2:DescribeInstances', noun: 'EC2 instances' },
  { resourceType: 'aws:ec2:spot-instance', selection: 'arns-or-tags', filters: true, parameters: {}, filterIamAction: 'ec2:DescribeInstances', noun: 'EC2 Spot Instances' },
  // api-ICE role targets cannot be chosen by tags, filters or parameters (actions reference, api-ICE).
  { resourceType: 'aws:iam:role', selection: 'arns-only', filters: false, parameters: {}, noun: 'IAM roles' },
  { resourceType: 'aws:ec2:autoscaling-group', selection: 'arns-or-tags', filters: true, parameters: {}, filterIamAction: 'autoscaling:DescribeAutoScalingGroups', noun: 'Auto Scaling groups' },
  {
    resourceType: 'aws:ec2:subnet',
    selection: 'arns-or-tags',
    filters: true,
    parameters: { availabilityZoneIdentifier: { required: false, kind: 'az' }, vpc: { required: false, kind: 'string' } },
    filterIamAction: 'ec2:DescribeSubnets',
    noun: 'subnets',
  },
  { resourceType: 'aws:ec2:transit-gateway', selection: 'arns-or-tags', filters: true, parameters: {}, filterIamAction: 'ec2:DescribeTransitGateways', noun: 'transit gateways' },
  { resourceType: 'aws:ec2:vpc-endpoint', selection: 'arns-or-tags', filters: true, parameters: {}, filterIamAction: 'ec2:DescribeVpcEndpoints', noun: 'interface VPC endpoints' },
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
  // inject-kubernetes-custom-resource: "a single Amazon Resource Name (ARN)", no tags, filters or parameters.
  { resourceType: 'aws:eks:cluster', selection: 'arns-only', filters: false, parameters: {}, noun: 'EKS clusters' },
  { resourceType: 'aws:eks:nodegroup', selection: 'arns-or-tags', filters: true, parameters: {}, filterIamAction: 'eks:DescribeNodegroup', noun: 'EKS managed node groups' },
  // "TargetResourceType aws:eks:pod does not support resourceArns": pods are chosen by these parameters only.
  {
    resourceType: 'aws:eks:pod',
    selection: 'parameters-only',
    filters: false,
    parameters: {
      clusterIdentifier: { required: true, kind: 'string' },
      namespace: { required: true, kind: 'string' },
      selectorType: { required: true, kind: 'enum', values: ['labelSelector', 'deploymentName', 'podName'] },
      selectorValue: { required: true, kind: 'string' },
      targetContainerName: { required: false, kind: 'string' },
    },
    noun: 'EKS pods',
  },
  { resourceType: 'aws:lambda:function', selection: 'arns-or-tags', filters: true, parameters: {}, filterIamAction: 'lambda:GetFunction', noun: 'Lambda functions' },
  // "This action only supports targeting by tags" (bucket-pause-replication).
  { resourceType: 'aws:s3:bucket', selection: 'tags-only', filters: false, parameters: {}, noun: 'S3 buckets' },
  { resourceType: 'aws:dynamodb:global-table', selection: 'arns-or-tags', filters: true, parameters: {}, filterIamAction: 'dynamodb:DescribeTable', noun: 'DynamoDB global tables' },
  { resourceType: 'aws:dsql:cluster', selection: 'arns-or-tags', filters: true, parameters: {}, filterIamAction: 'dsql:GetCluster', noun: 'Aurora DSQL clusters' },
  { resourceType: 'aws:kinesis:stream', selection: 'arns-or-tags', filters: true, parameters: {}, noun: 'Kinesis data streams' },
  { resourceType: 'aws:memorydb:multi-region-cluster', selection: 'arns-or-tags', filters: true, parameters: {}, filterIamAction: 'memorydb:DescribeMultiRegionClusters', noun: 'MemoryDB multi-Region clusters' },
  {
    resourceType: 'aws:directconnect:virtual-interface',
    selection: 'arns-or-tags',
    filters: true,
    parameters: {},
    filterIamAction: 'directconnect:DescribeVirtualInterfaces',
    noun: 'Direct Connect virtual interfaces',
  },
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
