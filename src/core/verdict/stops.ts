import type { Verdict } from './types.js';
import { lastExperiment, ms, type JournalFacts } from './journal-facts.js';

/**
 * Every time something stopped the experiment and how long stopping took: gameday's own stop requests
 * (signal, stop-condition watch, dead-man, abort…), and FIS stopping it on a stop-condition alarm,
 * timed from the alarm's transition to the experiment's service end time.
 */
export function experimentStops(facts: JournalFacts): Verdict['stops'] {
  const stops: Verdict['stops'] = facts.stops.map((s) => ({
    by: s.by,
    reason: s.reason,
    ...(s.stopLatencyMs !== undefined ? { latencyMs: s.stopLatencyMs } : {}),
    ...(s.stoppedAt ? { stoppedAt: s.stoppedAt } : {}),
  }));
  const tripped = stopConditionTrips(facts)[0];
  const experiment = lastExperiment(facts);
  if (tripped && experiment?.state === 'stopped' && !facts.stops.some((s) => s.by === 'stop-condition-watch')) {
    const end = experiment.endTime;
    stops.push({
      by: 'fis-stop-condition',
      reason: `stop condition ${tripped.alarm} went to ALARM at ${tripped.timestamp}${experiment.reason ? `; FIS: ${experiment.reason}` : ''}`,
      ...(end ? { stoppedAt: end, latencyMs: Math.max(0, ms(end) - ms(tripped.timestamp)) } : {}),
    });
  }
  return stops;
}

/** Stop-condition alarms that went to ALARM during the run, in time order. */
export function stopConditionTrips(facts: JournalFacts): { alarm: string; timestamp: string; reason?: string }[] {
  const stopAlarms = new Set(facts.plan.stopConditions.map((s) => s.alarm));
  return facts.alarms
    .filter((a) => a.state === 'ALARM' && (a.role.includes('stop-condition') || stopAlarms.has(a.alarm)))
    .map((a) => ({ alarm: a.alarm, timestamp: a.timestamp, ...(a.reason ? { reason: a.reason } : {}) }));
}
