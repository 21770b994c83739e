import type { JournalFacts } from './journal-facts.js';
import { ms } from './journal-facts.js';

export interface Detection {
  alarm: string;
  withinSeconds: number;
  firedAt?: string;
  delaySeconds?: number;
  /** false when preflight's DescribeAlarms check said the alarm does not exist */
  exists: boolean;
}

/** Each expected detection alarm: its first transition to ALARM at or after the disruption start. */
export function measureDetection(facts: JournalFacts, disruptionStart: number | undefined): Detection[] {
  const missing = missingAlarms(facts);
  return facts.plan.detection.map(({ alarm, withinSeconds }) => {
    const fired =
      disruptionStart === undefined ? undefined : facts.alarms.find((a) => a.alarm === alarm && a.state === 'ALARM' && ms(a.timestamp) >= disruptionStart);
    return {
      alarm,
      withinSeconds,
      exists: !missing.has(alarm),
      ...(fired && disruptionStart !== undefined ? { firedAt: fired.timestamp, delaySeconds: (ms(fired.timestamp) - disruptionStart) / 1000 } : {}),
    };
  });
}

const NOT_FOUND = /not (?:exist|found)|n't exist|no such|missing|unknown alarm/i;

/**
 * Alarms DescribeAlarms did not find, from the failed preflight checks (their subject is the alarm name):
 * a failed detection-alarm check means the alarm is absent (it is only looked up, not judged);
 * other alarm checks also fail for an alarm already in ALARM, so their message must say "not found".
 */
export function missingAlarms(facts: JournalFacts): Map<string, string> {
  const missing = new Map<string, string>();
  for (const check of facts.preflight?.checks ?? []) {
    if (check.ok) continue;
    if (check.kind === 'detection-alarm' || (/alarm|steady-state/.test(check.kind) && NOT_FOUND.test(check.message))) missing.set(check.subject, check.message);
  }
  return missing;
}
