import { humanDuration } from '../duration.js';
import type { JournalFacts } from './journal-facts.js';

export interface Targets {
  rtoSeconds?: number;
  rpoSeconds?: number;
  source?: 'resilience-hub' | 'scenario';
  /** Resilience Hub's own assessed estimate for the disruption type */
  assessedRtoSeconds?: number;
  assessedRpoSeconds?: number;
  policyName?: string;
  /** the scenario's own recovery.rto/rpo, kept when the policy's are the ones judged against */
  scenarioRtoSeconds?: number;
  scenarioRpoSeconds?: number;
}

/** Targets: the Resilience Hub policy for the disruption type when the run captured one, else the scenario's. */
export function recoveryTargets(facts: JournalFacts): Targets {
  const type = facts.plan.recovery.disruptionType;
  const hub = facts.resilienceHub;
  const policy = hub?.policy?.targets[type];
  const assessed = hub?.assessment?.compliance[type];
  const assessment = {
    ...(assessed?.currentRtoInSecs !== undefined ? { assessedRtoSeconds: assessed.currentRtoInSecs } : {}),
    ...(assessed?.currentRpoInSecs !== undefined ? { assessedRpoSeconds: assessed.currentRpoInSecs } : {}),
  };
  const { rtoSeconds, rpoSeconds } = facts.plan.recovery;
  if (policy) {
    return {
      ...(rtoSeconds !== undefined ? { scenarioRtoSeconds: rtoSeconds } : {}),
      ...(rpoSeconds !== undefined ? { scenarioRpoSeconds: rpoSeconds } : {}),
      rtoSeconds: policy.rtoInSecs,
      rpoSeconds: policy.rpoInSecs,
      source: 'resilience-hub',
      ...assessment,
      ...(hub?.policy?.name ? { policyName: hub.policy.name } : {}),
    };
  }
  return {
    ...(rtoSeconds !== undefined ? { rtoSeconds } : {}),
    ...(rpoSeconds !== undefined ? { rpoSeconds } : {}),
    ...(rtoSeconds !== undefined || rpoSeconds !== undefined ? { source: 'scenario' as const } : {}),
    ...assessment,
  };
}

/** Resilience Hub reports a disruption it sees no recovery from as 8760 h (a year of seconds). */
export const RESILIENCE_HUB_UNRECOVERABLE_SECONDS = 365 * 24 * 3600;

/** Resilience Hub's assessed RTO/RPO in words: "unrecoverable" for its one-year sentinel. */
export function assessedDuration(seconds: number): string {
  return seconds >= RESILIENCE_HUB_UNRECOVERABLE_SECONDS ? 'unrecoverable' : humanDuration(seconds);
}
