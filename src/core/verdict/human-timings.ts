import type { MarkAdded, MarkKind } from '../journal/events.js';
import { iso, ms } from './journal-facts.js';
import type { Measured } from './measured.js';
import type { DisruptionTimings, Timing } from './types.js';

const MARK_TIME: Record<MarkAdded['timeSource'], string> = {
  given: 'time given with --at',
  'service-clock': 'on the run’s service clock',
  'last-observation': 'at the last service time observed when marked',
};

/**
 * Time to detect (by alarm and by people), engage, mitigate and recover, per disruption: the fault
 * (from its FIS start), then each relapse (from when the steady state broke again). Each value is
 * this run's own, with where it came from; never an average (a handful of runs has no meaningful one).
 * A mark belongs to the disruption it falls in: from its start to the next one's.
 */
export function humanTimings(m: Measured): DisruptionTimings[] {
  const faultStart = m.window.start;
  if (faultStart === undefined) return [];
  const intervals = m.impactModel.intervals;
  const starts = intervals.length === 0 ? [faultStart] : intervals.map((i, n) => (n === 0 ? faultStart : i.start));
  const detectionAlarms = new Set(m.facts.plan.detection.map((d) => d.alarm));
  return starts.map((start, n) => {
    const until = starts[n + 1] ?? Infinity;
    const inWindow = (t: number) => t >= start && t < until;
    const since = (t: number) => (t - start) / 1000;
    const marked = (kind: MarkKind, missing: string): Timing => {
      const mark = m.facts.marks.filter((k) => k.mark === kind && inWindow(ms(k.time))).sort((a, b) => ms(a.time) - ms(b.time))[0];
      if (!mark) return { source: missing };
      return { seconds: since(ms(mark.time)), at: mark.time, source: `${kind} mark${mark.by ? ` by ${mark.by}` : ''} (${MARK_TIME[mark.timeSource]})`, ...(mark.text ? { text: mark.text } : {}) };
    };
    const fired = m.facts.alarms.find((a) => detectionAlarms.has(a.alarm) && a.state === 'ALARM' && inWindow(ms(a.timestamp)));
    const interval = intervals[n];
    const recover: Timing = !interval
      ? { source: 'no impact: every steady-state probe held' }
      : interval.end === undefined
        ? { source: 'steady-state probes: still not holding when observation ended' }
        : { seconds: since(interval.end), at: iso(interval.end), source: `steady-state probes: the last deviation ended (${interval.deviations.map((d) => d.probe.name).join(', ')})` };
    return {
      n: n + 1,
      kind: n === 0 ? 'fault' : 'relapse',
      start: iso(start),
      startSource: n === 0 ? 'FIS: the first fault action started' : 'steady-state probes: the steady state broke again',
      detectByAlarm:
        detectionAlarms.size === 0
          ? { source: 'no detection alarm declared (spec.detection)' }
          : fired
            ? { seconds: since(ms(fired.timestamp)), at: fired.timestamp, source: `CloudWatch alarm ${fired.alarm} went to ALARM` }
            : { source: `no detection alarm went to ALARM (${[...detectionAlarms].join(', ')})` },
      detectByPeople: marked('detected', 'nobody marked detected'),
      engage: marked('engaged', 'nobody marked engaged'),
      mitigate: marked('mitigated', 'nobody marked mitigated'),
      recover,
      recoverByPeople: marked('recovered', 'nobody marked recovered'),
    };
  });
}
