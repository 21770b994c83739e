import type { Plan } from '../plan/types.js';

/**
 * One line of journal.jsonl. Append-only, written as it happens (when each is fsync'd: writer.ts); the
 * journal records what was seen (chaostoolkit's journal), the verdict is computed from it later. Every event has:
 *  - seq: 0,1,2… in write order
 *  - at: the local wall clock (ISO 8601) when gameday wrote it — ordering only, never a measurement
 * Measurements use the service timestamps inside the events (ISO 8601 strings).
 */
export type JournalEvent = { seq: number; at: string } & JournalEventBody;

export type JournalEventBody =
  | RunStarted
  | PreflightResult
  | RunAlarmCreated
  | TemplateCreated
  | TargetAccountsConfigured
  | StartIntent
  | ExperimentStarted
  | TargetsResolved
  | ExperimentObserved
  | AlarmObserved
  | ProbeSampled
  | AlarmMetricSampled
  | AlarmCompositeSampled
  | ImpactMetricSampled
  | SloSampled
  | StopRequested
  | SafetyLeverObserved
  | ExperimentReportObserved
  | ResilienceHubCaptured
  | RestorationChecked
  | NoteAdded
  | MarkAdded
  | ReviewAdded
  | ActionItemsUpdated
  | ApiProblem
  | ObservationGap
  | TemplateDeleted
  | TemplateDeleteFailed
  | RunAlarmDeleted
  | RunAlarmDeleteFailed
  | RunEnded;

export interface RunStarted {
  type: 'run-started';
  runId: string;
  gamedayVersion: string;
  plan: Plan;
  mode: 'aws' | 'sandbox' | 'endpoint';
  endpoint?: string;
  account: string;
  region: string;
  /** Where this run's journal lives; abort uses it to find the run. */
  runDir: string;
  pid: number;
  /** The schedule occurrence this run is for (`schedule run-due`), ISO 8601; absent for manual runs. */
  scheduledFor?: string;
  /** The approvals of this plan (by its hash) on record when the run started (`gameday approve`). */
  approvals?: Approval[];
  /** `run --facilitated`: people in the room were told what to look for and prompted for marks. */
  facilitated?: boolean;
  /**
   * The runbook as found when the run started, for the report's link: its path from the run directory
   * (where the reports are written; relative, so the link survives a clone elsewhere), and its web
   * address (gameday.config.yaml's repositoryUrl).
   */
  runbookLocation?: { fromRunDir: string; repositoryUrl?: string };
  /**
   * The endpoint answered the account guard as the gameday sandbox (its x-gameday-sandbox header), simulating
   * this world: the run is a rehearsal whatever its mode says (`--endpoint-url` to a standalone sandbox).
   */
  sandboxWorld?: string;
}

export interface Approval {
  by: string;
  /** wall clock when approved, ISO 8601 */
  at: string;
  planHash: string;
}

export interface PreflightResult {
  type: 'preflight';
  /** awsError: the check could not be made because AWS did not answer or refused (the error's code); not a finding about the application. */
  checks: { id: string; kind: string; subject: string; ok: boolean; message: string; fix?: string; awsError?: 'AWS_UNREACHABLE' | 'AWS_ERROR' }[];
  ok: boolean;
}

/**
 * An alarm gameday put for this run (spec.slo.burnRate.stopAbove's burn-rate alarm, one of the
 * template's stop conditions): deleted with the template, or by `gameday abort`.
 */
export interface RunAlarmCreated {
  type: 'run-alarm-created';
  alarm: string;
  alarmArn: string;
}

export interface RunAlarmDeleted {
  type: 'run-alarm-deleted';
  alarm: string;
}

/** CloudWatch refused or failed to delete the run's alarm: it is left in the account. */
export interface RunAlarmDeleteFailed {
  type: 'run-alarm-delete-failed';
  alarm: string;
  /** the service's error */
  message: string;
}

export interface TemplateCreated {
  type: 'template-created';
  templateId: string;
}

/** A multi-account template's target account configurations, as CreateTargetAccountConfiguration answered (deleted with the template). */
export interface TargetAccountsConfigured {
  type: 'target-accounts-configured';
  templateId: string;
  accounts: { accountId: string; roleArn: string; description?: string }[];
}

/** Written and fsync'd before StartExperiment: clientToken === runId, so abort can find the experiment. */
export interface StartIntent {
  type: 'start-intent';
  templateId: string;
  clientToken: string;
}

export interface ExperimentStarted {
  type: 'experiment-started';
  experimentId: string;
  /** service timestamp */
  startTime?: string;
}

export interface TargetsResolved {
  type: 'targets-resolved';
  targets: { targetName: string; resourceType: string; identifier: string; info?: Record<string, string> }[];
}

export interface ActionObservation {
  state: string;
  reason?: string;
  startTime?: string;
  endTime?: string;
}

/** Written whenever the experiment's or an action's state changes. */
export interface ExperimentObserved {
  type: 'experiment-state';
  experimentId: string;
  state: string;
  reason?: string;
  startTime?: string;
  endTime?: string;
  actions: Record<string, ActionObservation>;
  /** state.error of a failed experiment: FIS's error code, where in the template, which account. */
  error?: { code?: string; location?: string; accountId?: string };
}

/** An alarm's state changed (service StateUpdatedTimestamp). */
export interface AlarmObserved {
  type: 'alarm-state';
  alarm: string;
  state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';
  timestamp: string;
  role: ('stop-condition' | 'steady-state' | 'detection')[];
  reason?: string;
}

/** A metric probe datapoint (service timestamp) and whether the hypothesis held. */
export interface ProbeSampled {
  type: 'probe-sample';
  probe: string; // PlannedProbe.name
  probeId: string;
  timestamp: string;
  value: number;
  ok: boolean;
  /** 'steady-state' probes decide recovery; 'data-loss' is the RPO probe. */
  role: 'steady-state' | 'data-loss';
}

/**
 * What a detection alarm's metric did during the run (GetMetricData), with the alarm's definition
 * from DescribeAlarms: the evidence behind "fired" or "did not fire". Datapoint timestamps are
 * CloudWatch's (the period's start). `extreme` is the same metric's Maximum (Minimum for a
 * less-than alarm), to show when the alarm's statistic hides what happened.
 * A single-metric alarm has `metric`; a metric math alarm has `math` instead, and `points` are the
 * values of its returned query (the one compared with the threshold). Also journalled for the metric
 * alarms a composite detection alarm's rule names (at any depth).
 */
export interface AlarmMetricSampled {
  type: 'alarm-metric';
  alarm: string;
  metric?: { namespace: string; name: string; dimensions: Record<string, string>; stat: string; period: number };
  math?: {
    /** the id of the query compared with the threshold (ReturnData true) */
    returned: string;
    period: number;
    /** every query of the alarm's `Metrics`, each with what GetMetricData returned for it over the run */
    queries: {
      id: string;
      label?: string;
      expression?: string;
      metric?: { namespace: string; name: string; dimensions: Record<string, string>; stat: string; period: number; unit?: string };
      points: { timestamp: string; value: number }[];
    }[];
  };
  threshold: number;
  comparison: string;
  evaluationPeriods: number;
  datapointsToAlarm?: number;
  points: { timestamp: string; value: number }[];
  extreme?: { stat: string; points: { timestamp: string; value: number }[] };
}

/**
 * A composite detection alarm (or a composite one of those names) over the run: its rule, each alarm the
 * rule names with its state from the start of the watch on (DescribeAlarmHistory), and the composite's own
 * transitions with the children CloudWatch says triggered each (StateReasonData.triggeringAlarms). The
 * metric children's datapoints are their own alarm-metric events.
 */
export interface AlarmCompositeSampled {
  type: 'alarm-composite';
  alarm: string;
  rule: string;
  children: {
    alarm: string;
    /** missing: DescribeAlarms did not find it */
    kind: 'metric' | 'composite' | 'missing';
    /** the state at the start of the window, then each transition; service timestamps */
    states: { state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA'; timestamp: string }[];
  }[];
  transitions: { state: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA'; timestamp: string; triggering?: string[] }[];
}

/**
 * A spec.impact count metric over the run (GetMetricData, after the watch): from `from` (its baseline
 * window before the fault) to `until`, complete periods only. Timestamps are CloudWatch's (the period's start).
 */
export interface ImpactMetricSampled {
  type: 'impact-metric';
  /** PlannedCount.name */
  count: string;
  countId: string;
  metric: { namespace: string; name: string; dimensions: Record<string, string>; stat: string; period: number };
  from: string;
  until: string;
  points: { timestamp: string; value: number }[];
}

/** One complete period of the SLO (spec.slo): bad and total requests (CloudWatch's period start) and its burn rate. */
export interface SloSampled {
  type: 'slo-sample';
  slo: string;
  timestamp: string;
  bad: number;
  total: number;
  /** (bad ÷ total) ÷ (1 − objective): 1 spends the budget exactly over the window */
  burnRate: number;
}

export interface StopRequested {
  type: 'stop-requested';
  by: 'signal' | 'stop-condition-watch' | 'dead-man' | 'lost-contact' | 'abort' | 'halt' | 'slo-burn-rate';
  reason: string;
  /** local wall clock when gameday decided to stop, for stop latency */
  requestedAt: string;
  /** the experiment's final state and service end time, when known */
  stoppedState?: string;
  stoppedAt?: string;
  /** wall-clock milliseconds from the request until FIS reported stopped */
  stopLatencyMs?: number;
}

/**
 * The account's FIS safety lever, read when FIS stopped or cancelled the experiment without gameday
 * asking: journalled when the lever is engaged, so the report can say it was the lever.
 */
export interface SafetyLeverObserved {
  type: 'safety-lever';
  /** engaged or engaging */
  status: string;
  reason?: string;
  /** what the lever did to this run's experiment: stopped (it was running) or cancelled (it never started) */
  experimentState: string;
}

/** The FIS experiment report (spec.fisReport) as FIS last reported it, once the run is over. */
export interface ExperimentReportObserved {
  type: 'experiment-report';
  experimentId: string;
  /** pending, running, completed, cancelled, failed */
  status: string;
  reason?: string;
  /** the PDFs FIS wrote, as S3 object ARNs */
  reports: { arn: string; reportType?: string }[];
}

export interface ResilienceHubCaptured {
  type: 'resilience-hub';
  appArn?: string;
  policy?: { policyArn: string; name?: string; tier?: string; targets: Record<string, { rtoInSecs: number; rpoInSecs: number }> };
  assessment?: {
    assessmentArn: string;
    endTime?: string;
    compliance: Record<string, { complianceStatus: string; currentRtoInSecs?: number; currentRpoInSecs?: number; achievableRtoInSecs?: number; achievableRpoInSecs?: number }>;
    resiliencyScore?: number;
  };
  /** `components`: the app components a recommendation is for (Resilience Hub recommends per app component). */
  recommendations: {
    alarms: { name: string; type?: string; description?: string; components?: string[] }[];
    sops: { name: string; type?: string; description?: string; components?: string[] }[];
    tests: { name: string; type?: string; risk?: string; description?: string; components?: string[] }[];
  };
  /** Why data is missing (no app configured, app not found, …). */
  note?: string;
}

export interface RestorationChecked {
  type: 'restoration';
  checks: { subject: string; ok: boolean; message: string }[];
  notRolledBack: { action: string; actionId: string; why: string }[];
}

export interface NoteAdded {
  type: 'note';
  text: string;
  author?: string;
  /** Service time the note is about (`note --at`), ISO 8601; absent: the last observation before it. */
  time?: string;
  /** For the review: what went well, what went wrong, where we got lucky. */
  tag?: NoteTag;
}

export type NoteTag = 'well' | 'wrong' | 'lucky';

export const MARK_KINDS = ['detected', 'engaged', 'mitigated', 'recovered'] as const;
export type MarkKind = (typeof MARK_KINDS)[number];

/** When people noticed, engaged, mitigated or saw recovery (`gameday mark`), on the service clock. */
export interface MarkAdded {
  type: 'mark';
  mark: MarkKind;
  /** service time, ISO 8601 */
  time: string;
  /** Where time came from: given with --at, the run's service clock (live page), or the last observation before the mark. */
  timeSource: 'given' | 'service-clock' | 'last-observation';
  by?: string;
  text?: string;
}

/** A review meeting went through the report (`gameday review`). */
export interface ReviewAdded {
  type: 'review';
  by: string[];
  /** the review's date, YYYY-MM-DD */
  date: string;
}

/** What this run did to the scenario's action items (reports/<scenario>/action-items.json). */
export interface ActionItemsUpdated {
  type: 'action-items';
  /** open before this run and still open after it */
  carried: string[];
  opened: string[];
  closed: string[];
  regressed: string[];
  /** the items as they stood after this run, for the report */
  items: ActionItemSnapshot[];
}

export interface ActionItemSnapshot {
  id: string;
  title: string;
  type: 'detect' | 'mitigate' | 'prevent' | 'process';
  severity: 'critical' | 'high' | 'medium' | 'low';
  owner?: string;
  due: string;
  status: 'open' | 'closed';
}

export interface ApiProblem {
  type: 'api-problem';
  operation: string;
  message: string;
  retrying: boolean;
}

/**
 * A stretch of service time in which every read of what some steady-state probes are judged on
 * failed: `alarms` (DescribeAlarms: the alarm probes), `probes` (GetMetricData: the metric probes),
 * `slo` (GetMetricData: the SLO's burn-rate probe). `until` is the first read that succeeded again;
 * absent, the reads still failed when the watch ended, and nothing after `from` is known of them.
 */
export interface ObservationGap {
  type: 'observation-gap';
  reads: 'alarms' | 'probes' | 'slo';
  operation: string;
  from: string;
  until?: string;
  /** failed polls in the stretch */
  failures: number;
  /** the first failure's error */
  message: string;
}

export interface TemplateDeleted {
  type: 'template-deleted';
  templateId: string;
}

/**
 * FIS refused or failed to delete the run's template: it is left in the account, and `gameday abort`
 * finds the run (even after run-ended) until a template-deleted for it follows.
 */
export interface TemplateDeleteFailed {
  type: 'template-delete-failed';
  templateId: string;
  /** the service's error */
  message: string;
}

export interface RunEnded {
  type: 'run-ended';
  status: 'completed' | 'stopped' | 'interrupted' | 'aborted' | 'failed' | 'refused';
  reason?: string;
  experimentState?: string;
}
