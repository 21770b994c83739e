import { humanDuration } from '../../duration.js';
import type { Measured } from '../measured.js';
import type { Gap } from '../types.js';
import { numberText } from '../../number-text.js';

/** Measured RPO (worst data-loss probe value) above the target. */
export function dataGaps(m: Measured): Gap[] {
  const measured = m.dataLoss.worstSeconds;
  const target = m.targets.rpoSeconds;
  if (measured === undefined || target === undefined || measured <= target) return [];
  const probe = m.facts.plan.recovery.dataLoss;
  return [
    {
      kind: 'data',
      subject: probe?.name ?? 'rpo',
      severity: measured > 2 * target ? 'critical' : 'high',
      title: `RPO ${humanDuration(measured)} exceeds the ${humanDuration(target)} target`,
      evidence: `${probe?.metric ? `${probe.metric.namespace} ${probe.metric.name}` : 'data-loss probe'} peaked at ${numberText(measured)}s at ${m.dataLoss.worstAt}; target ${target}s (${m.targets.source ?? 'scenario'})`,
      fix: `In ${m.runbookName}: writes from the last ${humanDuration(measured)} were lost. Add a replica in another AZ with synchronous or faster replication (e.g. Aurora multi-AZ, a cross-AZ reader to promote), add a step that checks ${probe?.name ?? 'the data-loss metric'} after failover, and document how lost writes are replayed.`,
    },
  ];
}
