import { humanDuration } from '../../duration.js';
import { iso } from '../journal-facts.js';
import type { Measured } from '../measured.js';
import type { Gap } from '../types.js';

/** The steady state never came back within the watch window. */
export function unrecoveredGaps(m: Measured): Gap[] {
  if (m.recovery.state !== 'unrecovered') return [];
  const failing = m.recovery.stillFailing.map((f) => f.detail);
  const { watchSeconds } = m.facts.plan.recovery;
  return [
    {
      kind: 'unrecovered',
      subject: 'rto',
      severity: 'critical',
      title: `Not recovered within ${humanDuration(watchSeconds)} after the fault ended`,
      evidence: `fault ${m.window.start !== undefined ? iso(m.window.start) : '?'} – ${m.window.end !== undefined ? iso(m.window.end) : '?'}; watched until ${
        m.recovery.watchUntil !== undefined ? iso(m.recovery.watchUntil) : '?'
      }; still failing: ${failing.join('; ') || 'steady state flapped and never settled'}`,
      fix: `In ${m.runbookName}: write the manual recovery procedure for ${m.recovery.stillFailing.map((f) => f.probe.name).join(', ') || 'this disruption'} (what to check, what to restart or fail over, who decides), and an escalation when recovery takes longer than ${humanDuration(m.targets.rtoSeconds ?? watchSeconds)}.`,
    },
  ];
}
