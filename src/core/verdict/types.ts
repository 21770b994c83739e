import type { MarkAdded, MarkKind, NoteTag } from '../journal/events.js';
import type { DisruptionType } from '../scenario/types.js';
import type { ErrorBudget } from '../slo/error-budget.js';

/**
 * The judgement of one run: a pure function of its journal (core/verdict/judge.ts).
 * status says what happened to the run; passed says whether the game day met every expectation.
 */
export interface Verdict {
  runId: string;
  scenario: string;
  status: 'completed' | 'stopped' | 'interrupted' | 'aborted' | 'failed' | 'refused' | 'running' | 'stop-unconfirmed';
  passed: boolean;
  /** The one word every output uses (stdout, every report format, report list, the index, diff). */
  outcome: Outcome;
  /** What this run could not check, each with the reason (never a pass or a clean bill). */
  notChecked: string[];
  /** A stop gameday asked for and FIS never confirmed (exit 4): nothing after it was observed. */
  stopUnconfirmed?: { by: string; requestedAt: string; lastState: string; experimentId?: string; summary: string };
  disruptionType: DisruptionType;
  disruptionStart?: string;
  faultEnd?: string;
  recoveredAt?: string;
  rto: Measurement;
  /** Both recovery rules, side by side; `rule` is the one the RTO expectation is judged by. */
  recoveryRules: {
    rule: 'gameday' | 'resilience-hub-v2';
    gameday: { state: Measurement['state']; measuredSeconds?: number; passed?: boolean };
    resilienceHubV2: { state: Measurement['state']; measuredSeconds?: number; passed?: boolean; note: string };
  };
  rpo: Measurement;
  expectations: Expectation[];
  gaps: Gap[];
  /** What each action hit, from the resolved targets and action states. */
  impact: {
    action: string;
    actionId: string;
    state: string;
    resources: string[];
    rollback: 'automatic' | 'not rolled back';
    /** service timestamps and FIS's reason for the final state */
    startTime?: string;
    endTime?: string;
    reason?: string;
    /** what the action was planned to hit, in words */
    hits?: string;
    /** the start of the first impact interval that began while this action ran */
    firstImpact?: string;
    /** detection alarms meant to catch this action (detection[].after) and when each fired */
    detectedBy?: { alarm: string; firedAt?: string }[];
    /** the end of the last impact interval that began while this action ran */
    recovered?: string;
    /** recovered − first impact: this action's RTO, measured from the impact it caused */
    rtoSeconds?: number;
  }[];
  /** When the steady state did not hold, from the fault start to the end of the watch window (the impact model). */
  impactIntervals: ImpactIntervalView[];
  /** Deviations that ended before the fault started: the steady state was already broken. */
  deviationsBefore: ProbeDeviationView[];
  /** Impact in numbers: each spec.impact count over the impact window against its baseline. */
  impactCounts: ImpactCountView[];
  stops: { by: string; reason: string; latencyMs?: number; stoppedAt?: string }[];
  /** at: wall clock when written; serviceTime: the service time of the last observation before it (for timelines). */
  notes: { at: string; text: string; author?: string; serviceTime?: string; timeGiven?: boolean; tag?: NoteTag }[];
  /** What people marked (`gameday mark`), on the service clock, in the order written. */
  marks: { at: string; mark: MarkKind; time: string; timeSource: MarkAdded['timeSource']; by?: string; text?: string }[];
  /** Time to detect, engage, mitigate and recover, per disruption (the fault, then each relapse). */
  humanTimings: DisruptionTimings[];
  /** `gameday run --facilitated`: people were in the room, prompted for marks. */
  facilitated: boolean;
  /** Review meetings that went through the report (`gameday review`). */
  reviews: { by: string[]; date: string }[];
  /** spec.slo: the error budget the game day consumed, from the fault's start (core/slo/error-budget.ts) */
  slo?: ErrorBudget;
  /** Detection per expected alarm: when it first went to ALARM after the disruption started. */
  detections?: {
    alarm: string;
    withinSeconds: number;
    /** the action the budget runs from, and its FIS start */
    after?: string;
    /** whether the scenario named it (detection[].after) or it is the default, the first injecting action */
    afterNamed: boolean;
    from?: string;
    firedAt?: string;
    delaySeconds?: number;
    exists: boolean;
    /** what the alarm's metric did while the budget ran (GetMetricData), or a composite's children, when journalled */
    evidence?: DetectionEvidenceView;
  }[];
}

/**
 * The evidence behind one detection (or one child of a composite detection alarm). A metric alarm — one
 * metric (`stat`) or metric math (`expression`, `inputs`) — has the threshold fields; a composite alarm has
 * `rule` and `children`, each child with its own evidence.
 */
export interface DetectionEvidenceView {
  /** a single-metric alarm's statistic */
  stat?: string;
  /** a metric math alarm's returned query: its expression (or metric) */
  expression?: string;
  /** a metric math alarm's other queries: "failed = Shop FailedPayments Sum" */
  inputs?: string[];
  comparison?: string;
  threshold?: number;
  peak?: { value: number; at: string };
  breaching?: number;
  datapoints?: number;
  needed?: number;
  evaluationPeriods?: number;
  extreme?: { stat: string; value: number; at: string };
  why?: 'threshold never crossed' | 'too few datapoints' | 'statistic hides it';
  /** a composite alarm's AlarmRule */
  rule?: string;
  /** the alarms a composite's rule names: each one's state when the composite went to ALARM (or the last state seen), whether CloudWatch says it triggered that change, and its own evidence */
  children?: { alarm: string; kind: 'metric' | 'composite' | 'missing'; state?: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA'; triggered: boolean; firedAt?: string; evidence?: DetectionEvidenceView }[];
  /** the evidence in words, for expectations and gaps */
  summary: string;
}

/** One spec.impact count over the impact window, against its baseline rate before the fault. */
export interface ImpactCountView {
  name: string;
  /** "AWS/ApplicationELB HTTPCode_Target_5XX_Count Sum" */
  metric: string;
  state: 'measured' | 'not-measured';
  /** the impact window: the fault start to the end of observation */
  windowStart?: string;
  windowEnd?: string;
  /** the metric's total over every period that ended after the fault start */
  total?: number;
  /** the metric's rate over the baseline window before the fault (periods that ended by the fault start) */
  baseline?: { seconds: number; total: number; perMinute: number };
  /** total − baseline rate × the impact window: what the fault added */
  excess?: number;
  /** "≈ 1,600 failed requests" */
  headline?: string;
  /** the measurement in words, with its evidence or why there is none */
  summary: string;
}

export interface ProbeDeviationView {
  probe: string;
  start: string;
  end?: string;
  /** for people: the worst value rounded, or the alarm state */
  worst: string;
  /** the worst value exactly (metric probes) */
  worstValue?: number;
}

export interface ImpactIntervalView {
  start: string;
  end?: string;
  /** seconds from the fault start */
  startOffsetSeconds: number;
  durationSeconds?: number;
  deviations: ProbeDeviationView[];
  /** the actions running when it began */
  actions: string[];
  relapse: boolean;
}

/**
 * PASSED: every expectation met. ABORTED: `gameday abort` ended it. INCOMPLETE: interrupted, still
 * running, or its stop never confirmed, so some expectations could not be checked. FAILED: it ran (or was
 * refused) and missed one.
 */
export type Outcome = 'PASSED' | 'FAILED' | 'INCOMPLETE' | 'ABORTED';

export function outcomeOf(status: Verdict['status'], passed: boolean): Outcome {
  if (passed) return 'PASSED';
  if (status === 'aborted') return 'ABORTED';
  return status === 'interrupted' || status === 'running' || status === 'stop-unconfirmed' ? 'INCOMPLETE' : 'FAILED';
}

export interface Measurement {
  /** seconds; undefined when not measured (no probe) or unrecovered */
  measuredSeconds?: number;
  state: 'measured' | 'unrecovered' | 'not-measured';
  targetSeconds?: number;
  targetSource?: 'resilience-hub' | 'scenario';
  /** Resilience Hub's assessed estimate for this disruption type */
  assessedSeconds?: number;
  met?: boolean;
  /** Why it is not measured or how it was measured, in words (e.g. "no data-loss probe declared"). */
  note?: string;
  /** RTO only: the impact model's clocks (recovered − fault start; first deviation; impact start − fault start; time impacted) */
  fromFaultSeconds?: number;
  impactStart?: string;
  timeToImpactSeconds?: number;
  impactSeconds?: number;
  /** The scenario's own target when the Resilience Hub policy's is the one judged against */
  scenarioTargetSeconds?: number;
}

export interface Expectation {
  id: string;
  description: string;
  passed: boolean;
  /** false: the run ended (or its stop went unconfirmed) before this could be observed; never a pass */
  checked?: false;
  evidence: string;
}

export type GapKind = 'detection' | 'recovery' | 'relapse' | 'data' | 'assessment' | 'coverage' | 'safety' | 'unrecovered' | 'stale-runbook';

export interface Gap {
  kind: GapKind;
  severity: 'critical' | 'high' | 'medium' | 'low';
  /** What the gap is about (an alarm, a recommendation, a probe): with kind, identifies the gap across runs. */
  subject?: string;
  title: string;
  evidence: string;
  /** The concrete runbook change that would close it. */
  fix: string;
}

/** One time-to-X of one disruption: seconds from the disruption's start, when, and where that came from. */
export interface Timing {
  seconds?: number;
  at?: string;
  /** the evidence (an alarm, a mark and who made it, the probes), or why there is no value */
  source: string;
  /** the mark's text */
  text?: string;
}

export interface DisruptionTimings {
  /** 1 for the fault, 2… for each relapse */
  n: number;
  kind: 'fault' | 'relapse';
  start: string;
  startSource: string;
  detectByAlarm: Timing;
  detectByPeople: Timing;
  engage: Timing;
  mitigate: Timing;
  /** the steady-state probes held again */
  recover: Timing;
  recoverByPeople: Timing;
}
