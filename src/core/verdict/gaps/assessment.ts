import { humanDuration } from '../../duration.js';
import type { Measured } from '../measured.js';
import { assessedDuration } from '../targets.js';
import type { Gap } from '../types.js';
import { numberText } from '../../number-text.js';

/** Resilience Hub's assessment promised a better RTO/RPO than the game day measured. */
export function assessmentGaps(m: Measured): Gap[] {
  const gaps: Gap[] = [];
  const type = m.facts.plan.recovery.disruptionType;
  const assessment = m.facts.resilienceHub?.assessment;
  const where = assessment ? `assessment ${assessment.assessmentArn}${assessment.endTime ? ` (${assessment.endTime})` : ''}` : 'Resilience Hub';
  const assessedRto = m.targets.assessedRtoSeconds;
  if (assessedRto !== undefined) {
    const measured = m.recovery.rtoSeconds;
    // Unrecovered only contradicts an estimate shorter than what was watched.
    const watched = m.recovery.watchUntil !== undefined && m.window.start !== undefined ? (m.recovery.watchUntil - m.window.start) / 1000 : undefined;
    const unrecovered = m.recovery.state === 'unrecovered' && watched !== undefined && assessedRto < watched;
    if (unrecovered || (measured !== undefined && measured > assessedRto)) {
      gaps.push({
        kind: 'assessment',
        subject: 'rto',
        severity: 'medium',
        title: `Resilience Hub estimates RTO ${assessedDuration(assessedRto)}; the game day measured ${unrecovered ? 'no recovery' : humanDuration(measured!)}`,
        evidence: `${where}: ${type} currentRtoInSecs ${assessedRto}; measured ${unrecovered ? 'unrecovered within the watch window' : `${measured}s`}`,
        fix: `Record the measured ${type} RTO in ${m.runbookName} and correct the Resilience Hub app (resource mappings, input sources) so its estimate includes the step that took longest; re-run the assessment.`,
      });
    }
  }
  const assessedRpo = m.targets.assessedRpoSeconds;
  const measuredRpo = m.dataLoss.worstSeconds;
  if (assessedRpo !== undefined && measuredRpo !== undefined && measuredRpo > assessedRpo) {
    gaps.push({
      kind: 'assessment',
      subject: 'rpo',
      severity: 'medium',
      title: `Resilience Hub estimates RPO ${assessedDuration(assessedRpo)}; the game day measured ${humanDuration(measuredRpo)}`,
      evidence: `${where}: ${type} currentRpoInSecs ${assessedRpo}; measured ${numberText(measuredRpo)}s at ${m.dataLoss.worstAt}`,
      fix: `Record the measured ${type} RPO in ${m.runbookName}; check the replication settings Resilience Hub assumed (e.g. a standby it thinks exists) and re-run the assessment.`,
    });
  }
  return gaps;
}
