import type { DisruptionType, MetricSpec } from '../scenario/types.js';
import type { PlannedSlo } from './slo.js';

/**
 * Everything a run will do, decided before anything touches AWS. Plain JSON, deterministic:
 * the same scenario gives a byte-identical plan (no timestamps, no random ids).
 */
export interface Plan {
  apiVersion: 'gameday/v1';
  kind: 'Plan';
  /**
   * sha256 (hex) over the compiler version and the canonical plan content, without this hash, its
   * template tag, scenario.file and scenario.sourceHash (core/plan/compile.ts planHash): names the plan.
   */
  hash: string;
  scenario: {
    name: string;
    file: string; // as given, relative to the working directory
    sourceHash: string;
    description?: string;
    owner?: string;
    participants?: string[];
    labels?: Record<string, string>;
    faultType: string;
  };
  target: { account: string; region: string; roleArn: string; resilienceHubAppArn?: string };
  /** Exactly the CreateExperimentTemplate input, minus clientToken (set per run). */
  template: ExperimentTemplateInput;
  /**
   * spec.target.accounts: one CreateTargetAccountConfiguration per account, right after the template
   * (accountTargeting multi-account). Absent: a single-account experiment.
   */
  targetAccounts?: TargetAccountConfiguration[];
  actions: PlannedAction[];
  stopConditions: { alarm: string; alarmArn: string }[];
  probes: PlannedProbe[];
  /** spec.impact: count metrics totalled over the impact window against their baseline (absent: none declared). */
  impact?: PlannedCount[];
  /** after: the action whose FIS start the budget runs from (default: the first injecting action). */
  detection: { alarm: string; withinSeconds: number; after?: string }[];
  recovery: {
    disruptionType: DisruptionType;
    /** From the scenario; the run replaces them with the Resilience Hub policy when the app has one. */
    rtoSeconds?: number;
    rpoSeconds?: number;
    settleSeconds: number;
    watchSeconds: number;
    /** absent: gameday's rule */
    rule?: 'gameday' | 'resilience-hub-v2';
    dataLoss?: PlannedProbe;
  };
  /** The scenario's runbook: what the report checks Resilience Hub recommendations and alarms against. */
  runbook?: { path: string; owner?: string; alarms: string[]; sops: string[]; tests: string[] };
  /** spec.gameDay: the people, and who must approve this plan (by its hash) before a run against AWS. */
  gameDay?: { owner?: string; coordinator?: string; reporter?: string; observers: string[]; approvals: string[] };
  /** spec.slo: the error budget the game day consumes, its burn rate as steady state and as a stop limit. */
  slo?: PlannedSlo;
  /** Total planned fault time: the end of the last action, from experiment start. */
  faultSeconds: number;
  preflight: PreflightCheck[];
  prerequisites: Prerequisite[];
  warnings: PlanWarning[];
}

/** The CreateExperimentTemplate request as the FIS API models it (@aws-sdk/client-fis 3.523.0). */
export interface ExperimentTemplateInput {
  description: string;
  roleArn: string;
  stopConditions: { source: string; value?: string }[];
  targets: Record<string, TemplateTarget>;
  actions: Record<string, TemplateAction>;
  tags: Record<string, string>;
  logConfiguration?: { logSchemaVersion: number; cloudWatchLogsConfiguration?: { logGroupArn: string } };
  experimentOptions: { accountTargeting: 'single-account' | 'multi-account'; emptyTargetResolutionMode: 'fail' | 'skip' };
  /** From spec.fisReport. Newer than @aws-sdk/client-fis 3.523: sent through src/aws/fis-signed-requests.ts. */
  experimentReportConfiguration?: ExperimentReportConfiguration;
}

/** CreateExperimentTemplateReportConfigurationInput, as botocore's FIS model names it. */
export interface ExperimentReportConfiguration {
  outputs: { s3Configuration: { bucketName: string; prefix?: string } };
  dataSources?: { cloudWatchDashboards: { dashboardIdentifier: string }[] };
  preExperimentDuration?: string;
  postExperimentDuration?: string;
}

/** CreateTargetAccountConfiguration's input, less the template id and client token (FIS API reference). */
export interface TargetAccountConfiguration {
  accountId: string;
  roleArn: string;
  description?: string;
}

export interface TemplateTarget {
  resourceType: string;
  resourceArns?: string[];
  resourceTags?: Record<string, string>;
  filters?: { path: string; values: string[] }[];
  selectionMode: string;
  parameters?: Record<string, string>;
}

export interface TemplateAction {
  actionId: string;
  description?: string;
  parameters?: Record<string, string>;
  targets?: Record<string, string>;
  startAfter?: string[];
}

export interface PlannedAction {
  name: string; // key in template.actions
  actionId: string;
  /** What it hits, in words: "running EC2 instances tagged AzImpairmentPower=StopInstances in us-east-1a". */
  hits: string;
  targetName?: string;
  startSeconds: number; // planned start, relative to experiment start (startAfter chains)
  durationSeconds: number; // 0 for instantaneous actions
  /** FIS undoes it at the end (restart, ACL restored) or it cannot be undone (terminate, failover, stop-task). */
  rollback: 'automatic' | 'not rolled back';
  /** Marks the action whose start is the disruption start for RTO. */
  injectsFault: boolean;
}

export interface PlannedProbe {
  /** Stable id usable as a GetMetricData query id: ^[a-z][a-zA-Z0-9_]*$ */
  id: string;
  name: string;
  kind: 'alarm' | 'metric';
  alarm?: string;
  metric?: MetricSpec & { period: number };
  /** A metric math probe: its value each period is the one query of these that returns data. */
  math?: PlannedMath;
  /** Parsed threshold for metric probes. */
  threshold?: { op: '<' | '<=' | '>' | '>='; value: number };
}

/** CloudWatch metric math as the scenario writes it (its ids), at one period for every metric. */
export interface PlannedMath {
  periodSeconds: number;
  queries: PlannedQuery[];
}

/**
 * One MetricDataQuery: a metric with its stat, or an expression over the other queries' ids;
 * returnData false feeds the others without being returned (absent on an expression: returned).
 */
export type PlannedQuery =
  | { id: string; metric: { namespace: string; name: string; dimensions: Record<string, string>; stat: string }; returnData: boolean; label?: string }
  | { id: string; expression: string; returnData?: boolean; label?: string };

/** A count metric whose total over the impact window is the impact in numbers. */
export interface PlannedCount {
  /** GetMetricData query id */
  id: string;
  /** what one unit is, in the plural ("failed requests") */
  name: string;
  metric: MetricSpec & { period: number };
  /** the baseline rate is measured over this long before the fault */
  baselineSeconds: number;
  /** the steady-state probe it is taken from, when it names one */
  probe?: string;
}

export type PreflightKind =
  | 'identity'
  | 'stop-condition-alarm'
  | 'detection-alarm'
  | 'steady-state'
  | 'role'
  | 'resilience-hub-app'
  | 'fis-quota'
  | 'safety-lever'
  | 'role-permission'
  | 'target-account-role';

export interface PreflightCheck {
  id: string;
  kind: PreflightKind;
  subject: string;
  description: string;
  /** Ids of checks that must pass first (the rest run in parallel). */
  dependsOn?: string[];
  /** role-permission: what needs the permission (the plan's IAM prerequisites). */
  neededBy?: string[];
}

export interface Prerequisite {
  kind: 'tag' | 'iam' | 'ssm-agent' | 'ecs-task-definition' | 'eks-service-account' | 'lambda-extension' | 'alarm' | 'other';
  text: string;
  /** IAM actions, for kind iam */
  actions?: string[];
  /** kind iam: what needs them ("Stop-Instances (aws:ec2:stop-instances)", "the experiment report") */
  neededBy?: string;
  /** kind iam: the roles that need them when not the FIS role itself (a multi-account experiment's target account roles). */
  roles?: string[];
}

export interface PlanWarning {
  code: string;
  message: string;
}
