import { blindSince, type Blindness } from '../observation-gaps.js';
import { humanDuration } from '../../duration.js';
import type { Measured } from '../measured.js';
import type { Gap } from '../types.js';

/** Alarm reads that failed from before a detection budget ran out until the watch ended: silence there proves nothing. */
export function alarmsBlindWithin(m: Measured, withinSeconds: number, from: string): Blindness | undefined {
  const blind = blindSince(m.facts, 'alarms');
  return blind && blind.from < Date.parse(from) + withinSeconds * 1000 ? blind : undefined;
}

/** Silence proves nothing until the budget has been watched in full (an interrupted run may end sooner, alarm reads may fail to the end). */
export function watchedLongEnough(m: Measured, withinSeconds: number, from: string): boolean {
  if (alarmsBlindWithin(m, withinSeconds, from)) return false;
  const ended = m.facts.ended?.status;
  if (ended === 'completed' || ended === 'stopped') return true;
  return m.window.observedUntil !== undefined && m.window.observedUntil >= Date.parse(from) + withinSeconds * 1000;
}

/** An expected alarm did not fire after the fault started, or fired later than its budget. Missing alarms are stale-runbook gaps. */
export function detectionGaps(m: Measured): Gap[] {
  if (m.window.start === undefined) return [];
  return m.detections.flatMap((d): Gap[] => {
    if (!d.exists || d.from === undefined) return [];
    const budget = humanDuration(d.withinSeconds);
    const reference = d.afterNamed ? d.after! : 'the fault';
    const start = `${reference} started ${d.from}`;
    const evidence = m.detectionEvidence.get(d.alarm);
    if (d.firedAt === undefined || d.delaySeconds === undefined) {
      if (!watchedLongEnough(m, d.withinSeconds, d.from)) return [];
      return [
        {
          kind: 'detection',
        subject: d.alarm,
          severity: 'high',
          title: `${d.alarm} never fired`,
          evidence: `${start}; ${d.alarm} did not go to ALARM during the run (budget ${budget})${evidence ? `; ${evidence.summary}` : '; no datapoints of its metric were journalled, so why is not known'}`,
          fix: `In ${m.runbookName}: the alarm ${d.alarm} does not see this failure. Change what it watches (metric, threshold, evaluation periods) so it goes to ALARM within ${budget} of an ${m.facts.plan.recovery.disruptionType} disruption, or name the alarm that does detect it.`,
        },
      ];
    }
    if (d.delaySeconds <= d.withinSeconds) return [];
    return [
      {
        kind: 'detection',
        subject: d.alarm,
        severity: 'medium',
        title: `${d.alarm} fired ${humanDuration(d.delaySeconds)} after ${reference} started (budget ${budget})`,
        evidence: `${start}; ${d.alarm} went to ALARM at ${d.firedAt}, ${humanDuration(d.delaySeconds)} later; budget ${budget}${evidence ? `; ${evidence.summary}` : ''}`,
        fix: `In ${m.runbookName}: make ${d.alarm} fire within ${budget}: shorten its period or evaluation periods (e.g. 1 of 1 one-minute periods) or lower its threshold, or relax the runbook's detection budget to ${humanDuration(Math.ceil(d.delaySeconds / 60) * 60)} if that is acceptable.`,
      },
    ];
  });
}
