import { humanDuration } from '../../duration.js';
import { attributionText } from '../attribution.js';
import type { ImpactInterval } from '../impact-intervals.js';
import { iso } from '../journal-facts.js';
import type { Measured } from '../measured.js';
import type { Gap } from '../types.js';
import { thresholdText } from '../../number-text.js';

/** Words for one impact interval: which probes deviated, how badly, when, during what. */
export function intervalText(m: Measured, interval: ImpactInterval): string {
  const start = m.window.start!;
  const offset = (t: number) => `+${humanDuration((t - start) / 1000)}`;
  const probes = interval.deviations.map((d) => `${d.probe.name} ${d.probe.kind === 'alarm' ? `alarm ${d.probe.alarm} ${d.worst}` : `worst ${d.worst} (holds ${d.probe.threshold ? thresholdText(d.probe.threshold) : 'no threshold'})`}`);
  return `${probes.join(', ')} from ${iso(interval.start)} (${offset(interval.start)}, ${attributionText(m.impactModel.actions, interval.start)}) ${
    interval.end !== undefined ? `to ${iso(interval.end)} (${offset(interval.end)})` : 'and still when observation ended'
  }`;
}

/** The steady state broke again after it had recovered (held for the settle window): a finding of its own. */
export function relapseGaps(m: Measured): Gap[] {
  const intervals = m.impactModel.intervals;
  return intervals.flatMap((interval, i): Gap[] => {
    if (!interval.relapse) return [];
    const previous = intervals[i - 1]!;
    const probes = [...new Set(interval.deviations.map((d) => d.probe.name))];
    return [
      {
        kind: 'relapse',
        subject: `relapse ${i}: ${probes.join(', ')}`,
        severity: 'high',
        title: `The steady state broke again ${humanDuration((interval.start - m.window.start!) / 1000)} after the fault started, after it had recovered`,
        evidence: `${intervalText(m, interval)}; it had held since ${iso(previous.end!)} (${humanDuration((interval.start - previous.end!) / 1000)}, longer than the ${humanDuration(m.facts.plan.recovery.settleSeconds)} settle window)`,
        fix: `In ${m.runbookName}: recovery from the first impact did not last: find what ${attributionText(m.impactModel.actions, interval.start)} broke (${probes.join(', ')}), add the step that covers it (or the mitigation that keeps it from recurring), and say how on-call knows the first recovery was not the end.`,
      },
    ];
  });
}
