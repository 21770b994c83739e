import type { JournalFacts } from './journal-facts.js';
import { iso, ms } from './journal-facts.js';
import { alarmName } from '../plan/stop-conditions.js';
import type { ActionWindow } from './attribution.js';

export interface Detection {
  alarm: string;
  withinSeconds: number;
  /** The action the budget runs from: the scenario's detection[].after, else the first injecting action. */
  after?: string;
  /** true when the scenario named the action (detection[].after), false when it is the default */
  afterNamed: boolean;
  /** That action's FIS start time: when the budget starts. Absent when it never started. */
  from?: string;
  firedAt?: string;
  /** firedAt − from */
  delaySeconds?: number;
  /** false when preflight's DescribeAlarms check said the alarm does not exist */
  exists: boolean;
}

/** Each expected detection alarm: its first transition to ALARM at or after the start of the action it is meant to catch. */
export function measureDetection(facts: JournalFacts, disruptionStart: number | undefined, actions: ActionWindow[]): Detection[] {
  const missing = missingAlarms(facts);
  const firstInjecting = [...actions].filter((a) => a.start !== undefined).sort((a, b) => a.start! - b.start!)[0];
  return facts.plan.detection.map(({ alarm, withinSeconds, after }) => {
    const named = after !== undefined ? actions.find((a) => a.name === after) : firstInjecting;
    const from = after !== undefined ? named?.start : disruptionStart;
    const fired = from === undefined ? undefined : facts.alarms.find((a) => a.alarm === alarm && a.state === 'ALARM' && ms(a.timestamp) >= from);
    const actionName = after ?? named?.name;
    return {
      alarm,
      withinSeconds,
      exists: !missing.has(alarm),
      afterNamed: after !== undefined,
      ...(actionName !== undefined ? { after: actionName } : {}),
      ...(from !== undefined ? { from: iso(from) } : {}),
      ...(fired && from !== undefined ? { firedAt: fired.timestamp, delaySeconds: (ms(fired.timestamp) - from) / 1000 } : {}),
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
