import type { JournalFacts } from './journal-facts.js';
import { ms } from './journal-facts.js';
import { alarmName } from '../plan/stop-conditions.js';

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

const ALARM_NOT_FOUND = /alarm (\S+?)[;:,]? does not exist/g;

/**
 * Alarms DescribeAlarms did not find, as preflight reported them ("alarm <name> does not exist", in the
 * alarm checks and in the steady-state checks of alarm probes). A check that failed for another reason
 * (not checked, access denied) proves nothing about the alarm.
 */
export function missingAlarms(facts: JournalFacts): Map<string, string> {
  const missing = new Map<string, string>();
  for (const check of facts.preflight?.checks ?? []) {
    if (check.ok) continue;
    for (const match of check.message.matchAll(ALARM_NOT_FOUND)) missing.set(alarmName(match[1]!), check.message);
  }
  return missing;
}
