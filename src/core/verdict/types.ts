import type { DisruptionType } from '../scenario/types.js';

/**
 * The judgement of one run: a pure function of its journal (core/verdict/judge.ts).
 * status says what happened to the run; passed says whether the game day met every expectation.
 */
export interface Verdict {
  runId: string;
  scenario: string;
  status: 'completed' | 'stopped' | 'interrupted' | 'aborted' | 'failed' | 'refused' | 'running';
  passed: boolean;
  disruptionType: DisruptionType;
  disruptionStart?: string;
  faultEnd?: string;
  recoveredAt?: string;
  rto: Measurement;
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
  }[];
  stops: { by: string; reason: string; latencyMs?: number; stoppedAt?: string }[];
  /** at: wall clock when written; serviceTime: the service time of the last observation before it (for timelines). */
  notes: { at: string; text: string; author?: string; serviceTime?: string }[];
  /** Detection per expected alarm: when it first went to ALARM after the disruption started. */
  detections?: { alarm: string; withinSeconds: number; firedAt?: string; delaySeconds?: number; exists: boolean }[];
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
}

export interface Expectation {
  id: string;
  description: string;
  passed: boolean;
  evidence: string;
}

export type GapKind = 'detection' | 'recovery' | 'data' | 'assessment' | 'coverage' | 'safety' | 'unrecovered' | 'stale-runbook';

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
