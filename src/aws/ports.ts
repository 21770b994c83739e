import type { ExperimentTemplateInput } from '../core/plan/types.js';

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
  deleteTemplate(id: string): Promise<void>;
  /** Templates carrying every tag given (key → value). */
  listTemplatesByTag(tags: Record<string, string>): Promise<TemplateSummary[]>;
  start(input: { templateId: string; clientToken: string; tags: Record<string, string> }): Promise<ExperimentState>;
  get(id: string): Promise<ExperimentState>;
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
}

export interface AlarmTransition {
  alarm: string;
  timestamp: Date;
  oldState?: AlarmStateValue;
  newState: AlarmStateValue;
  summary?: string;
}

export interface MetricQuery {
  /** ^[a-z][a-zA-Z0-9_]*$ — CloudWatch's rule for query ids */
  id: string;
  namespace: string;
  name: string;
  dimensions: Record<string, string>;
  stat: string;
  period: number;
}

export interface MetricSeries {
  id: string;
  points: { timestamp: Date; value: number }[];
  complete: boolean;
}

export interface Metrics {
  /** Alarms by name (one call for up to 100 names); names not returned do not exist. */
  describeAlarms(names: string[]): Promise<AlarmInfo[]>;
  /** StateUpdate history of one alarm between two service times, oldest first. */
  alarmHistory(name: string, from: Date, to: Date): Promise<AlarmTransition[]>;
  /** Batched ≤ 500 queries per call, NextToken paging followed; points oldest first. */
  getMetricData(queries: MetricQuery[], from: Date, to: Date): Promise<MetricSeries[]>;
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

export interface ResilienceRecommendations {
  alarms: { name: string; type?: string; description?: string }[];
  sops: { name: string; type?: string; description?: string }[];
  tests: { name: string; type?: string; risk?: string; description?: string }[];
}

export interface Resilience {
  /** undefined when the app does not exist */
  describeApp(appArn: string): Promise<{ appArn: string; name?: string; policyArn?: string } | undefined>;
  policy(policyArn: string): Promise<ResiliencePolicy>;
  latestAssessment(appArn: string): Promise<ResilienceAssessment | undefined>;
  recommendations(assessmentArn: string): Promise<ResilienceRecommendations>;
}

export interface Identity {
  caller(): Promise<{ account: string; arn: string }>;
}

/** The EC2 state the post-run restoration check inspects (read-only). */
export interface Compute {
  /** instance id → State.Name (pending, running, stopped…); ids EC2 does not know → 'not-found'. */
  instanceStates(instanceIds: string[]): Promise<Record<string, string>>;
  /** The given subnets still associated with a network ACL FIS created (tag managedByFIS=true). */
  subnetsWithFisAcl(subnetIds: string[]): Promise<string[]>;
}

export interface AwsPorts {
  experiments: Experiments;
  compute: Compute;
  metrics: Metrics;
  resilience: Resilience;
  identity: Identity;
}
