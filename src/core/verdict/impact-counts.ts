import { humanDuration } from '../duration.js';
import { approximately, numberText } from '../number-text.js';
import type { ImpactMetricSampled } from '../journal/events.js';
import type { FaultWindow } from './fault-window.js';
import { iso, ms, type JournalFacts } from './journal-facts.js';
import type { ImpactCountView } from './types.js';

/**
 * Impact in numbers: for each spec.impact count, the total over the impact window (every period that ended
 * after the fault start, up to the end of observation) and the baseline rate over the periods that ended in
 * the `baselineSeconds` before the fault; the excess — total minus what the baseline rate would have given
 * over the window — is what the fault added ("≈ 1,600 failed requests").
 */
export function impactCounts(facts: JournalFacts, window: FaultWindow): ImpactCountView[] {
  const events = facts.events.filter((e): e is ImpactMetricSampled & { seq: number; at: string } => e.type === 'impact-metric');
  return (facts.plan.impact ?? []).map((count): ImpactCountView => {
    const metric = `${count.metric.namespace} ${count.metric.name} ${count.metric.stat}`;
    const none = (why: string): ImpactCountView => ({ name: count.name, metric, state: 'not-measured', summary: `${count.name}: not measured — ${why}` });
    if (window.start === undefined) return none('the fault was never injected');
    const event = events.filter((e) => e.countId === count.id).at(-1);
    if (!event) return none(`the run ended before ${metric} was read (it is read after the watch)`);
    const start = window.start;
    const until = ms(event.until);
    const period = event.metric.period * 1000;
    const end = (p: { timestamp: string }) => ms(p.timestamp) + period;
    const inWindow = event.points.filter((p) => end(p) > start);
    const before = event.points.filter((p) => end(p) <= start && ms(p.timestamp) >= start - count.baselineSeconds * 1000);
    const total = inWindow.reduce((sum, p) => sum + p.value, 0);
    const windowSeconds = (until - start) / 1000;
    const range = `${iso(start)} → ${iso(until)} (${humanDuration(windowSeconds)}, the fault start to the end of observation)`;
    const measured = { name: count.name, metric, state: 'measured' as const, windowStart: iso(start), windowEnd: iso(until), total };
    if (before.length === 0) {
      return {
        ...measured,
        headline: `${numberText(total)} ${count.name}`,
        summary: `${numberText(total)} ${count.name}: ${metric} over ${range}; no datapoint in the ${humanDuration(count.baselineSeconds)} before the fault, so no baseline to compare with`,
      };
    }
    // The baseline covers what the metric reported: from its first datapoint there, periods without data count as zero.
    const baselineSeconds = (start - Math.min(...before.map((p) => ms(p.timestamp)))) / 1000;
    const baselineTotal = before.reduce((sum, p) => sum + p.value, 0);
    const perSecond = baselineTotal / baselineSeconds;
    const excess = Math.max(0, total - perSecond * windowSeconds);
    const perMinute = Number((perSecond * 60).toFixed(2));
    const headline = excess > 0 ? `≈ ${approximately(excess)} ${count.name}` : `no ${count.name} above the baseline`;
    return {
      ...measured,
      baseline: { seconds: baselineSeconds, total: baselineTotal, perMinute },
      excess: Number(excess.toFixed(2)),
      headline,
      summary: `${excess > 0 ? `${headline} above the baseline` : headline}: ${numberText(total)} in all (${metric}) over ${range}; baseline ${numberText(perMinute)} a minute over the ${humanDuration(baselineSeconds)} before the fault (${numberText(baselineTotal)} in all)`,
    };
  });
}
