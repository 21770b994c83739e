import type { JournalEvent } from './events.js';

/** The service time an event carries (FIS, CloudWatch), epoch ms; undefined for gameday's own events. */
export function serviceTimeOf(event: JournalEvent): number | undefined {
  switch (event.type) {
    case 'alarm-state':
    case 'probe-sample':
      return Date.parse(event.timestamp);
    case 'experiment-state': {
      const times = [event.startTime, event.endTime, ...Object.values(event.actions).flatMap((a) => [a.startTime, a.endTime])].filter((t): t is string => !!t).map((t) => Date.parse(t));
      return times.length > 0 ? Math.max(...times) : undefined;
    }
    case 'experiment-started':
      return event.startTime ? Date.parse(event.startTime) : undefined;
    case 'stop-requested':
      return event.stoppedAt ? Date.parse(event.stoppedAt) : undefined;
    default:
      return undefined;
  }
}

/** The latest service time observed in these events (the journal up to some point), epoch ms. */
export function lastObservedServiceTime(events: readonly JournalEvent[]): number | undefined {
  let latest: number | undefined;
  for (const event of events) {
    const t = serviceTimeOf(event);
    if (t !== undefined && (latest === undefined || t > latest)) latest = t;
  }
  return latest;
}

/** FIS's start of the experiment (service time), from StartExperiment's answer or the first observation carrying it. */
export function experimentStartOf(events: readonly JournalEvent[]): string | undefined {
  for (const e of events) {
    if ((e.type === 'experiment-started' || e.type === 'experiment-state') && e.startTime) return e.startTime;
  }
  return undefined;
}
