import type { AlarmMetricSampled } from '../journal/events.js';
import { iso, ms, type JournalFacts } from './journal-facts.js';
import type { Detection } from './measure-detection.js';
import { numberText, thresholdText } from '../number-text.js';

/** Peak (or trough) of a detection alarm's metric while its budget ran, against the alarm's threshold and statistic. */
export interface DetectionEvidence {
  alarm: string;
  stat: string;
  comparison: string;
  threshold: number;
  /** the worst value of the alarm's statistic (the highest for a greater-than alarm), placed at its period's end */
  peak?: { value: number; at: string };
  /** datapoints of the alarm's statistic on the alarm side of the threshold / all datapoints in the window */
  breaching: number;
  datapoints: number;
  /** datapoints the alarm needs on the alarm side within evaluationPeriods */
  needed: number;
  evaluationPeriods: number;
  extreme?: { stat: string; value: number; at: string };
  /** for an alarm that did not fire: threshold never crossed / too few datapoints / the statistic hides it */
  why?: 'threshold never crossed' | 'too few datapoints' | 'statistic hides it';
  /** the evidence in words, for expectations and gaps */
  summary: string;
}

const GREATER = /^GreaterThan/;

function crosses(e: AlarmMetricSampled, value: number): boolean {
  switch (e.comparison) {
    case 'GreaterThanThreshold':
      return value > e.threshold;
    case 'GreaterThanOrEqualToThreshold':
      return value >= e.threshold;
    case 'LessThanThreshold':
      return value < e.threshold;
    case 'LessThanOrEqualToThreshold':
      return value <= e.threshold;
    default:
      return false;
  }
}

/** The most datapoints on the alarm side within any `evaluationPeriods` consecutive ones. */
function bestRun(flags: boolean[], evaluationPeriods: number): number {
  let best = 0;
  for (let i = 0; i < flags.length; i++) best = Math.max(best, flags.slice(i, i + evaluationPeriods).filter(Boolean).length);
  return best;
}

/**
 * Evidence per detection alarm from its journalled alarm-metric event: the datapoints whose period ended
 * between the start of the action it is meant to catch and the fault end (or the end of observation).
 */
export function detectionEvidence(facts: JournalFacts, detections: Detection[], faultEnd: number | undefined): Map<string, DetectionEvidence> {
  const events = facts.events.filter((e): e is AlarmMetricSampled & { seq: number; at: string } => e.type === 'alarm-metric');
  const out = new Map<string, DetectionEvidence>();
  for (const d of detections) {
    const e = events.filter((x) => x.alarm === d.alarm).at(-1);
    if (!e || d.from === undefined) continue;
    const period = e.metric.period * 1000;
    const from = ms(d.from);
    const until = faultEnd ?? Infinity;
    const inWindow = (p: { timestamp: string }) => ms(p.timestamp) + period > from && ms(p.timestamp) + period <= until + period;
    const points = e.points.filter(inWindow).sort((a, b) => ms(a.timestamp) - ms(b.timestamp));
    const greater = GREATER.test(e.comparison);
    const pick = (list: { timestamp: string; value: number }[]) => list.reduce<{ timestamp: string; value: number } | undefined>((w, p) => (!w || (greater ? p.value > w.value : p.value < w.value) ? p : w), undefined);
    const worst = pick(points);
    const extremeWorst = e.extreme ? pick(e.extreme.points.filter(inWindow)) : undefined;
    const flags = points.map((p) => crosses(e, p.value));
    const breaching = flags.filter(Boolean).length;
    const needed = e.datapointsToAlarm ?? e.evaluationPeriods;
    const op = { GreaterThanThreshold: '>', GreaterThanOrEqualToThreshold: '>=', LessThanThreshold: '<', LessThanOrEqualToThreshold: '<=' }[e.comparison] ?? e.comparison;
    const peakWord = greater ? 'peaked at' : 'fell to';
    const base: DetectionEvidence = {
      alarm: d.alarm,
      stat: e.metric.stat,
      comparison: e.comparison,
      threshold: e.threshold,
      breaching,
      datapoints: points.length,
      needed,
      evaluationPeriods: e.evaluationPeriods,
      ...(worst ? { peak: { value: worst.value, at: iso(ms(worst.timestamp) + period) } } : {}),
      ...(extremeWorst && e.extreme ? { extreme: { stat: e.extreme.stat, value: extremeWorst.value, at: iso(ms(extremeWorst.timestamp) + period) } } : {}),
      summary: '',
    };
    const metricName = `${e.metric.namespace} ${e.metric.name} ${e.metric.stat}`;
    const peakText = worst ? `${metricName} ${peakWord} ${numberText(worst.value)} at ${base.peak!.at} (alarm threshold ${thresholdText({ op, value: e.threshold })}, ${needed} of ${e.evaluationPeriods} datapoints)` : `${metricName}: no datapoints`;
    const extremeText = base.extreme ? `; ${e.extreme!.stat} ${greater ? 'reached' : 'fell to'} ${numberText(base.extreme.value)}` : '';
    if (d.firedAt !== undefined) {
      out.set(d.alarm, { ...base, summary: `${peakText}, ${breaching} of ${points.length} datapoint(s) over the threshold` });
      continue;
    }
    const extremeCrossed = base.extreme !== undefined && crosses(e, base.extreme.value);
    const run = bestRun(flags, e.evaluationPeriods);
    const why: DetectionEvidence['why'] | undefined =
      breaching === 0 ? (extremeCrossed ? 'statistic hides it' : points.length === 0 ? 'too few datapoints' : 'threshold never crossed') : run < needed ? 'too few datapoints' : undefined;
    const because =
      why === 'statistic hides it'
        ? `the ${e.metric.stat} never crossed ${thresholdText({ op, value: e.threshold })} although the ${e.extreme!.stat} did: the statistic hides it`
        : why === 'too few datapoints'
          ? points.length === 0
            ? 'its metric had no datapoints while the fault ran'
            : `only ${run} datapoint(s) in ${e.evaluationPeriods} crossed the threshold; the alarm needs ${needed}`
          : why === 'threshold never crossed'
            ? `the threshold ${thresholdText({ op, value: e.threshold })} was never crossed`
            : `${run} of ${e.evaluationPeriods} datapoints crossed the threshold, yet no ALARM transition was journalled`;
    out.set(d.alarm, { ...base, ...(why ? { why } : {}), summary: `${peakText}${extremeText} — ${because}` });
  }
  return out;
}
