import type { Measured } from '../measured.js';
import type { Gap } from '../types.js';

/** Alarms the scenario or runbook references that DescribeAlarms said do not exist. */
export function staleRunbookGaps(m: Measured): Gap[] {
  const detection = new Set(m.facts.plan.detection.map((d) => d.alarm));
  return [...m.missingAlarms].map(([alarm, message]): Gap => ({
    kind: 'stale-runbook',
    subject: alarm,
    severity: detection.has(alarm) ? 'high' : 'medium',
    title: `The runbook references alarm ${alarm}, which does not exist`,
    evidence: `preflight check failed: ${message}`,
    fix: `In ${m.runbookName}: create ${alarm} (or replace it with the alarm that exists now, and update spec.detection/spec.runbook.alarms in ${m.facts.plan.scenario.file}); an on-call engineer following the runbook would wait for an alarm that cannot fire.`,
  }));
}
