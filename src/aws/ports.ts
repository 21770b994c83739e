import type { ExperimentTemplateInput, TargetAccountConfiguration } from '../core/plan/types.js';

/**
 * The whole AWS surface the core may touch (style.md: narrow SDK ports). Adapters in this folder
 * implement them on the SDK clients; the orchestrator sees only these shapes. Every timestamp here
 * is the service's, as a Date.
 */

export interface ExperimentState {
  id: string;
  templateId?: string;
  state: string;
  reason?: string;
  startTime?: Date;
  endTime?: Date;
  tags: Record<string, string>;
  actions: Record<string, { actionId?: string; state: string; reason?: string; startTime?: Date; endTime?: Date }>;
  /** state.error of a failed experiment: FIS's error code, where in the template, which account. */
  error?: { code?: string; location?: string; accountId?: string };
  /** The FIS experiment report, when the template asked for one. */
  report?: ExperimentReportState;
  /** experimentOptions.actionsMode (skip-all: targets resolved, nothing injected). */
  actionsMode?: string;
}

export interface ExperimentReportState {
  /** pending, running, completed, cancelled, failed */
  status: string;
  reason?: string;
  /** The reports FIS wrote (S3 object ARNs) once completed. */
  s3Reports: { arn: string; reportType?: string }[];
}

export interface SafetyLeverState {
  id: string;
  /** disengaged, engaged, engaging */
  status: string;
  reason?: string;
}

export interface ExperimentSummary {
  id: string;
  templateId?: string;
  state: string;
  reason?: string;
  creationTime?: Date;
  tags: Record<string, string>;
}

export interface TemplateSummary {
  id: string;
  description?: string;
  tags: Record<string, string>;
}

export interface ResolvedTarget {
  targetName: string;
  resourceType: string;
  identifier: string;
  info: Record<string, string>;
}

export interface Experiments {
  createTemplate(input: ExperimentTemplateInput, clientToken: string): Promise<{ id: string }>;
  /** CreateTargetAccountConfiguration: one target account of a multi-account template (deleted with the template). */
  addTargetAccount(templateId: string, account: TargetAccountConfiguration, clientToken: string): Promise<TargetAccountConfiguration>;
  deleteTemplate(id: string): Promise<void>;
  /** Templates carrying every tag given (key → value). */
  listTemplatesByTag(tags: Record<string, string>): Promise<TemplateSummary[]>;
  /** actionsMode skip-all resolves the targets and skips every action: nothing is injected. */
  start(input: { templateId: string; clientToken: string; tags: Record<string, string>; actionsMode?: 'run-all' | 'skip-all' }): Promise<ExperimentState>;
  /** Once the experiment has finished, with state.error and the experiment report. */
  get(id: string): Promise<ExperimentState>;
  /** The account's safety lever in this Region (GetSafetyLever, id "default"). */
  safetyLever(): Promise<SafetyLeverState>;
  stop(id: string): Promise<ExperimentState>;
  list(): Promise<ExperimentSummary[]>;
  /** Experiments carrying every tag given; `key: undefined` means "has the key, any value". */
  findByTag(tags: Record<string, string | undefined>): Promise<ExperimentSummary[]>;
  listResolvedTargets(id: string): Promise<ResolvedTarget[]>;
}

export type AlarmStateValue = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export interface AlarmInfo {
  name: string;
  arn?: string;
  state: AlarmStateValue;
  stateUpdated?: Date;
  reason?: string;
  /** AlarmDescription */
  description?: string;
  /** A metric alarm's definition (DescribeAlarms): what detection evidence is measured against. */
  metric?: { namespace: string; name: string; dimensions: Record<string, string>; stat: string; period: number; threshold: number; comparison: string; evaluationPeriods: number; datapointsToAlarm?: number };
  /** A metric math alarm's definition (DescribeAlarms `Metrics`): the query with returnData is compared with the threshold. */
  math?: { queries: AlarmQuery[]; period: number; threshold: number; comparison: string; evaluationPeriods: number; datapointsToAlarm?: number };
  /** A composite alarm's AlarmRule. */
  rule?: string;
}

/** One of a metric math alarm's `Metrics`: a metric, or an expression over the other queries' ids. */
export type AlarmQuery = { id: string; label?: string; returnData: boolean } & (
  | { expression: string; period?: number }
  | { metric: { namespace: string; name: string; dimensions: Record<string, string>; stat: string; period: number; unit?: string } }
);

export interface AlarmTransition {
  alarm: string;
  timestamp: Date;
  oldState?: AlarmStateValue;
  newState: AlarmStateValue;
  summary?: string;
  /** A composite's change: the children CloudWatch says triggered it (StateReasonData.triggeringAlarms), by name. */
  triggering?: string[];
}

export interface MetricQuery {
  /** ^[a-z][a-zA-Z0-9_]*$ — CloudWatch's rule for query ids */
  id: string;
  namespace: string;
  name: string;
  dimensions: Record<string, string>;
  stat: string;
  period: number;
  /** MetricStat.Unit: only datapoints published with this unit */
  unit?: string;
}

/**
 * A metric math query (CloudWatch's Expression) over the ids of the other queries in the same call,
 * e.g. "errors / requests * 100". Queries with returnData false feed it without being returned.
 */
export interface ExpressionQuery {
  id: string;
  expression: string;
  period: number;
  /** false: an intermediate result other expressions read (default true) */
  returnData?: boolean;
}

export type MetricDataQueryInput = (MetricQuery & { returnData?: boolean }) | ExpressionQuery;

export interface MetricSeries {
  id: string;
  points: { timestamp: Date; value: number }[];
  complete: boolean;
}

/**
 * A metric math alarm gameday puts for one run (the SLO's burn-rate stop condition): ALARM when the
 * one returned query is above the threshold in one period; a period without data is not breaching.
 */
export interface RunAlarmDefinition {
  name: string;
  description: string;
  queries: MetricDataQueryInput[];
  threshold: number;
  tags: Record<string, string>;
}

export interface Metrics {
  /** Alarms by name (one call for up to 100 names); names not returned do not exist. */
  describeAlarms(names: string[]): Promise<AlarmInfo[]>;
  /** StateUpdate history of one alarm between two service times, oldest first. */
  alarmHistory(name: string, from: Date, to: Date): Promise<AlarmTransition[]>;
  /** Batched ≤ 500 queries per call (all in one call when there is an expression), NextToken paging followed; points oldest first. Only returned queries come back. */
  getMetricData(queries: MetricDataQueryInput[], from: Date, to: Date): Promise<MetricSeries[]>;
  /** PutMetricAlarm (create, or overwrite an alarm of the same name). */
  putRunAlarm(alarm: RunAlarmDefinition): Promise<void>;
  /** DeleteAlarms; names that do not exist are no error (as CloudWatch answers). */
  deleteAlarms(names: string[]): Promise<void>;
}

export interface ResiliencePolicy {
  policyArn: string;
  name?: string;
  tier?: string;
  targets: Record<string, { rtoInSecs: number; rpoInSecs: number }>;
}

export interface ResilienceAssessment {
  assessmentArn: string;
  endTime?: Date;
  compliance: Record<string, { complianceStatus: string; currentRtoInSecs?: number; currentRpoInSecs?: number; achievableRtoInSecs?: number; achievableRpoInSecs?: number }>;
  resiliencyScore?: number;
}

/** `components`: the app components a recommendation is for (Resilience Hub recommends per app component). */
export interface ResilienceRecommendations {
  alarms: { name: string; type?: string; description?: string; components?: string[] }[];
  sops: { name: string; type?: string; description?: string; components?: string[] }[];
  tests: { name: string; type?: string; risk?: string; description?: string; components?: string[] }[];
}

export interface Resilience {
  /** undefined when the app does not exist */
  describeApp(appArn: string): Promise<{ appArn: string; name?: string; policyArn?: string } | undefined>;
  policy(policyArn: string): Promise<ResiliencePolicy>;
  latestAssessment(appArn: string): Promise<ResilienceAssessment | undefined>;
  recommendations(assessmentArn: string): Promise<ResilienceRecommendations>;
}

/** An IAM role as GetRole answers. */
export interface RoleInfo {
  arn: string;
  name: string;
  /** Its trust policy (AssumeRolePolicyDocument), parsed. */
  trustPolicy: unknown;
}

/** The FIS role, proven before a run. */
export interface Roles {
  /** GetRole; undefined when IAM has no role of that name. */
  role(name: string): Promise<RoleInfo | undefined>;
  /** SimulatePrincipalPolicy on the role's own policies (on resourceArns when given, else *): action → allowed, explicitDeny or implicitDeny. */
  simulate(roleArn: string, actions: string[], resourceArns?: string[]): Promise<Record<string, string>>;
}

export interface Identity {
  /** sandboxWorld: the endpoint answered as the gameday sandbox (SANDBOX_HEADER), simulating this world */
  caller(): Promise<{ account: string; arn: string; sandboxWorld?: string }>;
}

/** The EC2 state the post-run restoration check inspects (read-only). */
export interface Compute {
  /** instance id → State.Name (pending, running, stopped…); ids EC2 does not know → 'not-found'. */
  instanceStates(instanceIds: string[]): Promise<Record<string, string>>;
  /** The given subnets still associated with a network ACL FIS created (tag managedByFIS=true). */
  subnetsWithFisAcl(subnetIds: string[]): Promise<string[]>;
}

/** A DB cluster now; status 'not-found' when RDS does not know the identifier. */
export interface DbClusterState {
  /** DBCluster Status: available, failing-over, rebooting… */
  status: string;
  /** The cluster's writer now (DBClusterMembers IsClusterWriter), with its own status and AZ. */
  writer?: { id: string } & DbInstanceState;
}

/** A DB instance now; status 'not-found' when RDS does not know the identifier. */
export interface DbInstanceState {
  /** DBInstanceStatus: available, rebooting… */
  status: string;
  availabilityZone?: string;
}

/** The RDS state the post-run restoration check inspects (read-only). */
export interface Databases {
  /** cluster identifier → its status and its writer's (DescribeDBClusters, DescribeDBInstances). */
  clusters(identifiers: string[]): Promise<Record<string, DbClusterState>>;
  /** instance identifier → its status and AZ (DescribeDBInstances). */
  instances(identifiers: string[]): Promise<Record<string, DbInstanceState>>;
}

/** A replication group now; status 'not-found' when ElastiCache does not know the id. */
export interface ReplicationGroupState {
  /** available, modifying… */
  status: string;
  /** Where each node group's primary is now (one AZ unless cluster mode is enabled). */
  primaryAvailabilityZones: string[];
}

/** The ElastiCache state the post-run restoration check inspects (read-only). */
export interface Caches {
  /** replication group id → its status and primaries (DescribeReplicationGroups). */
  replicationGroups(ids: string[]): Promise<Record<string, ReplicationGroupState>>;
}

/** An ECS service now; status is the failure reason (MISSING) when ECS does not know it. */
export interface EcsServiceState {
  /** ACTIVE, DRAINING, INACTIVE, or MISSING */
  status: string;
  desiredCount: number;
  runningCount: number;
  pendingCount: number;
}

/** The ECS state the post-run restoration check inspects (read-only). */
export interface ContainerServices {
  /** service (name or ARN, as given) → its task counts (DescribeServices in `cluster`). */
  services(cluster: string, services: string[]): Promise<Record<string, EcsServiceState>>;
}

/**
 * ARC zonal shift's managed resources (load balancers, Auto Scaling groups, EKS clusters), read-only:
 * what the schedule reads before booking a game day, so it never shares a slot with a practice run.
 */
export interface ZonalShiftResources {
  /** ListManagedResources, every page. */
  list(): Promise<ManagedResourceSummary[]>;
  /** GetManagedResource: its practice-run configuration and the shifts active on it. */
  get(arn: string): Promise<ManagedResource>;
}

export interface ManagedResourceSummary {
  arn: string;
  name?: string;
  availabilityZones: string[];
  /** ENABLED | DISABLED */
  zonalAutoshiftStatus?: string;
  /** ENABLED when a practice-run configuration exists */
  practiceRunStatus?: string;
}

/** A practice-run configuration as ARC keeps it: windows in UTC (Mon:20:30-Mon:21:30), dates YYYY-MM-DD, alarms as ARNs. */
export interface PracticeRunConfiguration {
  blockedWindows: string[];
  blockedDates: string[];
  allowedWindows: string[];
  blockingAlarms: string[];
  outcomeAlarms: string[];
}

export interface ManagedResource {
  arn: string;
  name?: string;
  zonalAutoshiftStatus?: string;
  practiceRunConfiguration?: PracticeRunConfiguration;
  /** Zonal shifts active on it now (customer, practice run, FIS experiment), and autoshifts. */
  activeShifts: { kind: string; awayFrom: string; startTime?: string; expiryTime?: string }[];
}

export interface AwsPorts {
  experiments: Experiments;
  compute: Compute;
  databases: Databases;
  caches: Caches;
  containers: ContainerServices;
  metrics: Metrics;
  resilience: Resilience;
  identity: Identity;
  roles: Roles;
  zonalShift: ZonalShiftResources;
}
