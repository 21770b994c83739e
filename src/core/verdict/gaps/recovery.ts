import { humanDuration } from '../../duration.js';
import { iso } from '../journal-facts.js';
import type { Measured } from '../measured.js';
import type { Gap } from '../types.js';

/** Measured RTO above the target (Resilience Hub policy, else the scenario's). */
export function recoveryGaps(m: Measured): Gap[] {
  const { rtoSeconds: measured, recoveredAt, lastToRecover, impactStart, fromFaultSeconds } = m.recovery;
  const target = m.targets.rtoSeconds;
  if (measured === undefined || target === undefined || measured <= target || m.window.start === undefined) return [];
  const source = m.targets.source === 'resilience-hub' ? `Resilience Hub policy${m.targets.policyName ? ` ${m.targets.policyName}` : ''} (${m.facts.plan.recovery.disruptionType})` : 'the scenario';
  const sops = m.facts.plan.runbook?.sops ?? [];
  return [
    {
      kind: 'recovery',
      subject: 'rto',
      severity: measured > 2 * target ? 'critical' : 'high',
      title: `RTO ${humanDuration(measured)} exceeds the ${humanDuration(target)} target`,
      evidence: `fault started ${iso(m.window.start)}; impact began ${iso(impactStart!)}; steady state held again from ${iso(recoveredAt!)}${lastToRecover ? ` (last back: ${lastToRecover.name})` : ''}; RTO ${measured}s from the start of impact (${fromFaultSeconds}s from the fault start) against ${target}s from ${source}`,
      fix: `In ${m.runbookName}: cut ${humanDuration(measured - target)} from recovery${lastToRecover ? ` of ${lastToRecover.name}` : ''}: ${
        sops.length > 0 ? `automate ${sops.join(', ')} (trigger it from the detection alarm instead of by hand)` : 'add an SOP for this disruption and automate it'
      }, or remove the single-AZ dependency that made recovery wait; then re-run this game day.`,
    },
  ];
}
