/**
 * The content of a sandbox world file (kind: World, apiVersion: gameday/v1). schemas/world.schema.json
 * is the contract; these types mirror it. Durations are ISO 8601 strings, converted when the world is built.
 */
import type { AlarmDefinition, MetricMathAlarm } from '../contracts.js';

export type Tags = Record<string, string>;
export type Iso8601Duration = string;
/**
 * ARC zonal shift registration of a load balancer or Auto Scaling group: absent → not a zonal shift
 * managed resource; `disabled` → managed, zonal autoshift off; `enabled` → autoshift on.
 */
export type ZonalAutoshift = 'enabled' | 'disabled';

/**
 * The practice-run configuration ARC keeps for a zonal shift managed resource (needs zonalAutoshift),
 * in ARC's own form: weekly windows in UTC (Mon:20:30-Mon:21:30), dates YYYY-MM-DD, alarms by name
 * (the sandbox's ARC reports them as CloudWatch alarm ARNs). Absent: no configuration, no practice runs.
 */
export interface PracticeRunSpec {
  outcomeAlarms: string[];
  blockingAlarms?: string[];
  blockedWindows?: string[];
  blockedDates?: string[];
  allowedWindows?: string[];
}

export interface World {
  apiVersion: 'gameday/v1';
  kind: 'World';
  metadata: { name: string; description?: string };
  spec: WorldSpec;
}

export interface WorldSpec {
  account: string;
  region: string;
  /** Seed of the deterministic noise (metrics jitter, COUNT/PERCENT selection); a run is reproducible per seed. */
  seed: number;
  availabilityZones: { name: string; id: string }[];
  iamRoles?: IamRoleSpec[];
  /** More accounts in the Region (multi-account experiments): their AZ names and IAM roles. */
  accounts?: AccountSpec[];
  subnets: ({ id: string; availabilityZone: string; vpcId?: string; tags?: Tags } & InAccount)[];
  instances?: InstanceSpec[];
  autoScalingGroups?: AutoScalingGroupSpec[];
  ebsVolumes?: EbsVolumeSpec[];
  rdsClusters?: RdsClusterSpec[];
  elastiCacheReplicationGroups?: ElastiCacheSpec[];
  ecsClusters?: EcsClusterSpec[];
  /** SQS queues between services (a producer's messages, a worker's backlog). */
  queues?: QueueSpec[];
  /** Transit gateways peered to another Region. */
  transitGateways?: { id: string; tags?: Tags }[];
  /** S3 buckets and DynamoDB global tables replicating to another Region. */
  replicatedStores?: ReplicatedStoreSpec[];
  /** The front door: the service users reach through its load balancer. */
  application: ApplicationSpec;
  /** More services in the same world, each with its own compute, optional load balancer and dependencies. */
  services?: ServiceSpec[];
  metrics: PublishedMetricSpec[];
  /** Metric alarms: on one metric, or on metric math (`metrics`, as PutMetricAlarm's Metrics). */
  alarms: (AlarmDefinition | MetricMathAlarm)[];
  /** Composite alarms over `alarms` (and each other): ALARM while the rule is TRUE. */
  compositeAlarms?: CompositeAlarmSpec[];
  resilienceHub?: ResilienceHubSpec;
  /** How long FIS takes to start an experiment (defaults in recovery-timings.ts, from AWS's examples). */
  fis?: FisSettings;
}

export interface FisSettings {
  /** From StartExperiment (creationTime) to `initiating` (startTime). */
  pendingTime?: Iso8601Duration;
  /** From `initiating` (targets resolved, stop conditions checked) to `running`, when the first actions start. */
  initiatingTime?: Iso8601Duration;
}

export interface CompositeAlarmSpec {
  alarmName: string;
  alarmDescription?: string;
  /** CloudWatch's AlarmRule: ALARM(x), OK(x), INSUFFICIENT_DATA(x), TRUE, FALSE, NOT, AND, OR, parentheses */
  alarmRule: string;
}

/** A resource in another of the world's accounts (spec.accounts); absent: spec.account. */
export interface InAccount {
  account?: string;
}

/**
 * Another account of the world. Its resources are written with spec.availabilityZones' names (the
 * world's physical AZs); its own names for them, which differ, are what its Describe output shows.
 */
export interface AccountSpec {
  account: string;
  availabilityZones?: { name: string; id: string }[];
  iamRoles?: IamRoleSpec[];
}

/**
 * An IAM role of the account: a target of aws:iam:role actions, and what IAM answers about it
 * (GetRole, SimulatePrincipalPolicy). Without trusts/allow it is a role FIS may assume that may do
 * everything: permissions are then not part of the world.
 */
export interface IamRoleSpec {
  name: string;
  tags?: Tags;
  /** services its trust policy lets assume it (default fis.amazonaws.com) */
  trusts?: string[];
  /** IAM action patterns (* and ?) its policies allow (default *) */
  allow?: string[];
  /** IAM action patterns its policies deny: wins over allow */
  deny?: string[];
  /** role ARNs (of other accounts) whose FIS experiments may assume it: a multi-account target role's trust */
  trustsRoles?: string[];
}

export interface InstanceSpec extends InAccount {
  id: string;
  availabilityZone: string;
  subnetId: string;
  instanceType?: string;
  spot?: boolean;
  tags?: Tags;
}

/** An S3 bucket or DynamoDB global table replicating to another Region. */
export interface ReplicatedStoreSpec {
  name: string;
  kind: 's3-bucket' | 'dynamodb-global-table';
  toRegion: string;
  baselineLagSeconds?: number;
  catchUpFactor?: number;
  tags?: Tags;
}

export interface AutoScalingGroupSpec extends InAccount {
  name: string;
  availabilityZones: string[];
  instancesPerAz: number;
  instanceType?: string;
  tags?: Tags;
  /** Tags the group's instances carry (aws:autoscaling:groupName is added). */
  instanceTags?: Tags;
  /** How long after an instance stops being healthy the group terminates it and launches a replacement. */
  replaceUnhealthyAfter: Iso8601Duration;
  /** From launch to in service behind the load balancer. */
  launchTime: Iso8601Duration;
  /** HealthCheckType: EC2 status checks only (default), or also the load balancer's target health (ELB). */
  healthCheckType?: 'EC2' | 'ELB';
  /** HealthCheckGracePeriod: a new instance is not found unhealthy before it has been in service this long (default PT0S). */
  healthCheckGracePeriod?: Iso8601Duration;
  zonalAutoshift?: ZonalAutoshift;
  practiceRun?: PracticeRunSpec;
  /** Bounds and the target tracking policy that moves the desired capacity between them. */
  scaling?: ScalingSpec;
  /** The group launches Spot Instances. */
  spot?: boolean;
}

export interface ScalingSpec {
  minSize: number;
  maxSize: number;
  targetTracking: {
    /** ASGAverageCPUUtilization (percent) or ALBRequestCountPerTarget (requests per target per minute). */
    metric: 'ASGAverageCPUUtilization' | 'ALBRequestCountPerTarget';
    targetValue: number;
  };
}

export interface EbsVolumeSpec extends InAccount {
  id: string;
  availabilityZone: string;
  attachedTo?: string;
  deleteOnTermination?: boolean;
  tags?: Tags;
}

export interface RdsClusterSpec extends InAccount {
  identifier: string;
  engine: string;
  writerAvailabilityZone: string;
  /** AZs of the readers; none means a single-AZ cluster that cannot fail over. */
  readerAvailabilityZones?: string[];
  /**
   * How the database is deployed; the failover and restart times follow from it (recovery-timings.ts)
   * unless failoverTime says otherwise. Absent: Aurora with readers, or one writer that dies with its AZ.
   */
  deployment?: DatabaseDeployment;
  /** Write outage of a failover; overrides the deployment's published time. */
  failoverTime?: Iso8601Duration;
  /** Single-AZ cluster: how long crash recovery takes after its AZ comes back. */
  restartAfterAzRecovery?: Iso8601Duration;
  /** Seconds of committed writes lost when the writer dies with its AZ (no replica to fail over to). */
  dataLossOnAzLossSeconds?: number;
  tags?: Tags;
}

export type DatabaseDeployment = 'aurora' | 'multi-az-instance' | 'multi-az-cluster' | 'single-az-instance';

export interface ElastiCacheSpec extends InAccount {
  id: string;
  primaryAvailabilityZone: string;
  replicaAvailabilityZones?: string[];
  failoverTime: Iso8601Duration;
  tags?: Tags;
}

export interface EcsClusterSpec extends InAccount {
  name: string;
  tags?: Tags;
  services: EcsServiceSpec[];
}

export interface EcsServiceSpec {
  name: string;
  desiredCount: number;
  /** Tasks are spread over these AZs in order. */
  availabilityZones: string[];
  /** From a task stopping to its replacement running and healthy. */
  replaceAfter: Iso8601Duration;
  /** FARGATE (default) or EC2; what DescribeServices reports. */
  launchType?: 'FARGATE' | 'EC2';
  tags?: Tags;
}

export interface QueueSpec {
  name: string;
  /** Messages producers outside the world send per minute (services add theirs with `produces`). */
  messagesPerMinute?: number;
  tags?: Tags;
}

export interface LoadBalancerSpec {
  /** The ALB's dimension value, app/<name>/<id>. */
  name: string;
  /** Target group health check; absent fields take the ALB defaults (30 s, 2 unhealthy, 5 healthy). */
  healthCheck?: { interval?: Iso8601Duration; unhealthyThreshold?: number; healthyThreshold?: number };
  /** How long a deregistered target keeps its in-flight requests before it is removed (default PT300S). */
  deregistrationDelay?: Iso8601Duration;
  zonalAutoshift?: ZonalAutoshift;
  practiceRun?: PracticeRunSpec;
  tags?: Tags;
}

/** One service: what runs it, what it serves, and what it needs. */
export interface ServiceSpec {
  name: string;
  /** Absent for a worker (queue consumer, batch): nothing routes requests to it. */
  loadBalancer?: LoadBalancerSpec;
  /** What runs the service (behind the load balancer, if it has one). */
  servedBy: { autoScalingGroup: string } | { ecsService: { cluster: string; service: string } };
  /** Requests per minute that reach the service (a worker's demand is its queue instead). */
  requestsPerMinute?: number;
  /** Requests (or, for a worker, messages) one healthy target handles per minute before it saturates. */
  capacityPerTarget: number;
  /** Share of requests that write to the database (they fail while there is no writer). */
  writeFraction?: number;
  /** Share of requests that need the cache (they fail while it has no primary). */
  cacheFraction?: number;
  database?: string;
  cache?: string;
  /** Services this one calls: `fraction` of its requests call it, and fail or wait when it does. */
  dependsOn?: { service: string; fraction: number }[];
  /** The queue a worker consumes; a message whose processing fails goes back to the queue. */
  consumes?: string;
  /** Queues this service sends to: `perRequest` messages per successful request. */
  produces?: { queue: string; perRequest: number }[];
  /**
   * How long the service's clients keep failing after the database or cache is back (client DNS cache
   * TTL, connection-pool refresh): the gap between what AWS reports and what users see.
   */
  clientReconnectDelay?: Iso8601Duration;
  /** Connections each running target holds to the database (DatabaseConnections). */
  connectionsPerTarget?: number;
  baseline: {
    errorRatePercent: number;
    latencyP50Ms: number;
    latencyP99Ms: number;
    cpuPercent: number;
  };
  /** Latency of a request that hits a dead target before the load balancer notices (it times out). */
  timeoutMs?: number;
}

export type ApplicationSpec = ServiceSpec & { loadBalancer: LoadBalancerSpec; requestsPerMinute: number };

export type MetricSource =
  | 'requestCount'
  | 'http5xxCount'
  | 'http5xxRatePercent'
  | 'targetResponseTime'
  | 'healthyHostCount'
  | 'unhealthyHostCount'
  | 'cpuUtilization'
  | 'runningTaskCount'
  | 'dataLossWindowSeconds'
  // service (`resource`: a service name, default the application)
  | 'completedCount'
  | 'failedCount'
  // RDS cluster (`resource`: its identifier)
  | 'databaseConnections'
  | 'writerAvailable'
  | 'auroraReplicaLag'
  // ElastiCache replication group
  | 'cacheReplicationLag'
  | 'cacheCurrConnections'
  | 'cacheEngineCpuUtilization'
  // SQS queue
  | 'queueMessagesVisible'
  | 'queueOldestMessageAge'
  | 'queueMessagesSent'
  | 'queueMessagesDeleted'
  // Auto Scaling group
  | 'groupDesiredCapacity'
  | 'groupInServiceInstances'
  // replicated store (`resource`: its name)
  | 'replicationLagSeconds';

export interface PublishedMetricSpec {
  namespace: string;
  name: string;
  dimensions?: Record<string, string>;
  unit?: string;
  source: MetricSource;
  /** The service, database, cache, queue or group the source reads; default: the application (or the only one of its kind). */
  resource?: string;
  /** Multiplier for business metrics derived from traffic (orders per request…); default 1. */
  scale?: number;
}

export type DisruptionType = 'Software' | 'Hardware' | 'AZ' | 'Region';

export interface ResilienceHubSpec {
  app: { arn: string; name: string; description?: string };
  policy: {
    arn: string;
    name: string;
    tier: 'MissionCritical' | 'Critical' | 'Important' | 'CoreServices' | 'NonCritical' | 'NotApplicable';
    policy: Partial<Record<DisruptionType, { rtoInSecs: number; rpoInSecs: number }>>;
  };
  /** Assessment ARN (derived from the app when absent). */
  assessmentArn?: string;
}
