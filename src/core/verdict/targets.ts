import type { JournalFacts } from './journal-facts.js';

export interface Targets {
  rtoSeconds?: number;
  rpoSeconds?: number;
  source?: 'resilience-hub' | 'scenario';
  /** Resilience Hub's own assessed estimate for the disruption type */
  assessedRtoSeconds?: number;
  assessedRpoSeconds?: number;
  policyName?: string;
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
  if (policy) {
    return {
      rtoSeconds: policy.rtoInSecs,
      rpoSeconds: policy.rpoInSecs,
      source: 'resilience-hub',
      ...assessment,
      ...(hub?.policy?.name ? { policyName: hub.policy.name } : {}),
    };
  }
  const { rtoSeconds, rpoSeconds } = facts.plan.recovery;
  return {
    ...(rtoSeconds !== undefined ? { rtoSeconds } : {}),
    ...(rpoSeconds !== undefined ? { rpoSeconds } : {}),
    ...(rtoSeconds !== undefined || rpoSeconds !== undefined ? { source: 'scenario' as const } : {}),
    ...assessment,
  };
}
