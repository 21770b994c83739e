/**
 * The typed content of a validated scenario file (gameday/v1). schemas/scenario.schema.json is the
 * contract; these types mirror it. Durations stay ISO 8601 strings here; core/duration.ts converts.
 */

export type Iso8601Duration = string;

export interface Scenario {
  apiVersion: 'gameday/v1';
  kind: 'GameDay';
  metadata: ScenarioMetadata;
  spec: ScenarioSpec;
}

export interface ScenarioMetadata {
  name: string;
  description?: string;
  owner?: string;
  participants?: string[];
  labels?: Record<string, string>;
}

export interface ScenarioSpec {
  target: Target;
  fault: Fault;
  /** Alarm names or ARNs that stop the experiment when they go to ALARM (FIS stop conditions). */
  stopConditions?: StopCondition[];
  /** Required, with a reason, when stopConditions is empty or absent. */
  allowNoStopConditions?: string;
  steadyState: Probe[];
  detection?: DetectionExpectation[];
  /** Count metrics the report totals over the impact window, against their baseline before the fault. */
  impact?: ImpactCount[];
  recovery: Recovery;
  runbook?: Runbook;
  schedule?: Schedule;
  sandbox?: SandboxSettings;
  experiment?: ExperimentSettings;
  /** The experiment report FIS writes to S3 (experimentReportConfiguration). */
  fisReport?: FisReportSettings;
  gameDay?: GameDayPeople;
  slo?: Slo;
}

/** A request-based SLO: the good (or bad) and total requests per period, and what its burn rate may do during the game day. */
export interface Slo {
  name: string;
  /** percent, e.g. 99.9 */
  objective: number;
  window: Iso8601Duration;
  period?: number; // seconds, default 60
  good?: SloSeries;
  bad?: SloSeries;
  total: SloSeries;
  burnRate?: { below?: number; stopAbove?: number };
}

export type SloMetric = Omit<MetricSpec, 'period'>;
export type SloSeries = SloMetric | { expression: string; metrics: Record<string, SloMetric> };

export interface FisReportSettings {
  bucket: string;
  prefix?: string;
  /** CloudWatch dashboard names or ARNs whose graphs go into the report. */
  dashboards?: string[];
  /** How long before and after the experiment the dashboards' data covers. */
  pre?: Iso8601Duration;
  post?: Iso8601Duration;
}

/** Who plays which part in the room, and who must approve the plan before it runs against AWS. */
export interface GameDayPeople {
  owner?: string;
  coordinator?: string;
  reporter?: string;
  observers?: string[];
  approvals?: string[];
}

export interface Target {
  account: string;
  region: string;
  /** IAM role FIS assumes to run the experiment; with accounts, the orchestrator role that assumes each target account's role. */
  roleArn: string;
  /** A multi-account experiment: the accounts FIS targets and the role it assumes in each. */
  accounts?: TargetAccount[];
  resilienceHub?: { appArn: string };
}

/** One account of a multi-account experiment (a target account configuration). */
export interface TargetAccount {
  account: string;
  roleArn: string;
  description?: string;
}

export type SelectionMode = string; // 'ALL' | `COUNT(${n})` | `PERCENT(${n})`, checked by the schema

export type Fault =
  | AzPowerInterruptionFault
  | AzApplicationSlowdownFault
  | CrossAzTrafficSlowdownFault
  | CrossRegionConnectivityFault
  | Ec2SpotInterruptionFault
  | Ec2CpuStressFault
  | EcsTaskKillFault
  | FisTemplateFault;

/** Compute the network faults reach: EC2 instances (SSM documents) and ECS tasks (task-network-* actions). */
export type NetworkFaultKind = 'instances' | 'ecs-tasks';

/** The FIS scenario library's "AZ: Application Slowdown": latency between resources within one AZ. */
export interface AzApplicationSlowdownFault {
  type: 'az-application-slowdown';
  availabilityZone: string;
  availabilityZoneName?: string;
  delayMilliseconds?: number; // default 200
  flowsPercent?: number; // default 100
  duration?: Iso8601Duration; // default PT30M
  include?: NetworkFaultKind[]; // default both
  /** Resources opt in with all of these tags (default, as in the library: AZApplicationSlowdown=LatencyForEC2 on instances, =LatencyForECS on tasks). */
  tags?: Record<string, string>;
}

/** The FIS scenario library's "Cross-AZ: Traffic Slowdown": packet loss from one AZ to the others. */
export interface CrossAzTrafficSlowdownFault {
  type: 'cross-az-traffic-slowdown';
  availabilityZone: string;
  availabilityZoneName?: string;
  /** The AZs whose traffic from availabilityZone is lost (names or IDs). */
  toAvailabilityZones: string[];
  lossPercent?: number; // default 15
  flowsPercent?: number; // default 100
  duration?: Iso8601Duration; // default PT30M
  include?: NetworkFaultKind[];
  tags?: Record<string, string>; // default CrossAZTrafficSlowdown=PacketLossForEC2 on instances, =PacketLossForECS on tasks
}

export type CrossRegionKind = 'subnets' | 'transit-gateways' | 's3' | 'dynamodb';

/** The FIS scenario library's "Cross-Region: Connectivity": the Region cut off from another, replication paused. */
export interface CrossRegionConnectivityFault {
  type: 'cross-region-connectivity';
  /** The Region traffic and replication to which is cut. */
  toRegion: string;
  duration?: Iso8601Duration; // default PT3H, at most PT12H
  include?: CrossRegionKind[]; // default all four
  tagKey?: string; // default CrossRegionConnectivity
  tagValues?: Partial<Record<CrossRegionKind, string>>;
}

/** Spot interruption notices, then the interruption (aws:ec2:send-spot-instance-interruptions). */
export interface Ec2SpotInterruptionFault {
  type: 'ec2-spot-interruption';
  targets: ResourceSelector;
  selection?: SelectionMode; // default COUNT(1)
  /** Notice before the interruption, PT2M–PT15M (default PT2M, as EC2 gives). */
  durationBeforeInterruption?: Iso8601Duration;
}

/** Resource kinds of the AZ power interruption composition (aws-facts.md). */
export type AzResourceKind = 'launches' | 'asg' | 'instances' | 'subnets' | 'rds' | 'elasticache' | 'ebs' | 's3express' | 'autoshift';

export interface AzPowerInterruptionFault {
  type: 'az-power-interruption';
  /** AZ name (us-east-1a) or AZ ID (use1-az2). */
  availabilityZone: string;
  /** AZ name when availabilityZone is an ID and an action needs a name (filters, EBS). */
  availabilityZoneName?: string;
  duration?: Iso8601Duration; // default PT30M
  include?: AzResourceKind[]; // default: all ten sub-actions of the scenario library
  /** Tag key the resources carry (default AzImpairmentPower) and per-kind tag values. */
  tagKey?: string;
  tagValues?: Partial<Record<Exclude<AzResourceKind, 'launches' | 's3express'>, string>>;
  /** IAM role ARNs the application launches instances with (Pause-Instance-Launches targets). */
  launchRoles?: string[];
  /** How long subnets lose connectivity (default PT2M, as the scenario library does). */
  networkDuration?: Iso8601Duration;
}

export interface ResourceSelector {
  tags?: Record<string, string>;
  arns?: string[];
  filters?: { path: string; values: string[] }[];
}

export interface Ec2CpuStressFault {
  type: 'ec2-cpu-stress';
  targets: ResourceSelector;
  selection?: SelectionMode; // default ALL
  loadPercent?: number; // 0-100, default 100
  cores?: number; // 0 = all
  duration: Iso8601Duration;
  installDependencies?: boolean;
  /** Include stopped instances in the selection (default: running only). */
  includeStopped?: boolean;
}

export interface EcsTaskKillFault {
  type: 'ecs-task-kill';
  cluster: string;
  service: string;
  tags?: Record<string, string>;
  selection?: SelectionMode; // default COUNT(1)
  mode: 'stop-task' | 'kill-process';
  processName?: string;
  signal?: 'SIGTERM' | 'SIGKILL';
  installDependencies?: boolean;
}

export interface FisTemplateFault {
  type: 'fis-template';
  actions: Record<string, RawFisAction>;
  targets?: Record<string, RawFisTarget>;
  /** Opt-in for aws:ec2:stop-instances without startInstancesAfterDuration (instances stay stopped). */
  allowStopWithoutRestart?: boolean;
}

export interface RawFisAction {
  actionId: string;
  description?: string;
  parameters?: Record<string, string>;
  targets?: Record<string, string>;
  startAfter?: string[];
}

export interface RawFisTarget {
  resourceType: string;
  resourceArns?: string[];
  resourceTags?: Record<string, string>;
  filters?: { path: string; values: string[] }[];
  parameters?: Record<string, string>;
  selectionMode: SelectionMode;
}

export interface StopCondition {
  alarm: string;
}

export interface MetricSpec {
  namespace: string;
  name: string;
  dimensions?: Record<string, string>;
  /** Average | Sum | Minimum | Maximum | SampleCount | pNN(.N) */
  stat: string;
  period?: number; // seconds, default 60
}

/** A steady-state hypothesis: holds while the alarm is OK, or while the metric (or metric math) satisfies the threshold. */
export type Probe = AlarmProbe | MetricProbe | MathProbe;
export interface AlarmProbe {
  name: string;
  alarm: string;
}
export interface MetricProbe {
  name: string;
  metric: MetricSpec;
  /** "< 1.5", "<= 0.01", "> 100", ">= 99.9" */
  threshold: string;
}

/** A probe on CloudWatch metric math: MetricDataQuery-style queries, exactly one returning data. */
export interface MathProbe {
  name: string;
  metrics: MetricQuerySpec[];
  threshold: string;
}

/** One MetricDataQuery: a metric with its stat, or an expression over the other queries' ids (the schema asks for one; validate refuses both). */
export interface MetricQuerySpec {
  id: string;
  metricStat?: MetricSpec;
  expression?: string;
  label?: string;
  /** default true, as in CloudWatch */
  returnData?: boolean;
}

/** A count metric (a metric of its own, or a steady-state probe's) whose total over the impact window is the impact in numbers. */
export interface ImpactCount {
  /** What one unit is, in the plural: "failed requests". */
  name: string;
  metric?: MetricSpec;
  /** A steady-state metric probe by name, instead of metric. */
  probe?: string;
  /** How long before the fault the baseline rate is measured over (default PT10M). */
  baseline?: Iso8601Duration;
}

export interface DetectionExpectation {
  alarm: string;
  within: Iso8601Duration;
  /** The action (template action name) the alarm is meant to catch: the budget runs from its start. */
  after?: string;
}

export type DisruptionType = 'Software' | 'Hardware' | 'AZ' | 'Region';

export interface Recovery {
  disruptionType: DisruptionType;
  /** Targets used when there is no Resilience Hub app (or to compare with it). */
  rto?: Iso8601Duration;
  rpo?: Iso8601Duration;
  /** How long steady state must hold again before the system counts as recovered. */
  settle?: Iso8601Duration; // default PT2M
  /** How long to watch for recovery after the fault ends before calling it unrecovered. */
  watch?: Iso8601Duration; // default PT30M
  /** Which recovery rule decides the RTO expectation; both are computed and shown (default gameday). */
  rule?: 'gameday' | 'resilience-hub-v2';
  /** The data-loss probe: its worst value over the run is the measured RPO (seconds). */
  dataLoss?: { metric: MetricSpec };
}

export interface Runbook {
  path: string;
  /** Who keeps the runbook: owns the action items its game days find. */
  owner?: string;
  alarms?: string[];
  sops?: string[];
  tests?: string[];
}

export interface Schedule {
  cron: string;
  timezone?: string; // IANA, default UTC
  /** How late a run may start and still count for its occurrence. */
  window?: Iso8601Duration; // default PT1H
  blackouts?: Blackout[];
  /** Weekly UTC windows no game day starts in, as ARC practice runs write them (Mon:20:30-Mon:21:30, or MON-20:30-21:30). */
  blockedWindows?: string[];
  /** UTC days no game day starts on (2026-12-24), as ARC practice runs write them. */
  blockedDates?: string[];
  /** When given, game days start only inside these weekly UTC windows. */
  allowedWindows?: string[];
  /** The cron restricts both day fields and means "either matches" (validate's CRON_DAY_FIELDS_OR otherwise). */
  dayFieldsOr?: boolean;
}

export interface Blackout {
  from: string; // date or date-time
  to: string;
  reason?: string;
}

export interface SandboxSettings {
  world: string; // path relative to the scenario file
  seed?: number;
}

export interface ExperimentSettings {
  emptyTargetResolutionMode?: 'fail' | 'skip';
  /** CloudWatch Logs log group ARN for FIS experiment logs (logSchemaVersion 2). */
  logGroupArn?: string;
}

/** A scenario with where it came from, so later stages can point errors at the file. */
export interface LoadedScenario {
  file: string;
  scenario: Scenario;
  /** sha256 of the file's bytes */
  sourceHash: string;
}
