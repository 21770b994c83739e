import { humanDuration } from '../../duration.js';
import { ms } from '../journal-facts.js';
import type { Measured } from '../measured.js';
import type { Gap } from '../types.js';

/** A stop condition tripped: the impact went past the safety bound. Says what stopping protected. */
export function safetyGaps(m: Measured): Gap[] {
  const trip = m.trips[0];
  const watched = m.facts.stops.find((s) => s.by === 'stop-condition-watch');
  if (!trip && !watched) return [];
  const alarm = trip?.alarm ?? watched!.reason;
  const at = trip?.timestamp ?? watched!.requestedAt;
  // An action FIS cancelled before it began was not cut short: it never ran.
  const cutShort = m.impact.filter((a) => /stopp|cancel/i.test(a.state) && a.startTime !== undefined);
  const neverStarted = m.impact.filter((a) => a.startTime === undefined);
  const plannedEnd = m.window.start !== undefined ? m.window.start + m.facts.plan.faultSeconds * 1000 : undefined;
  const stop = m.stops.find((s) => s.by === 'fis-stop-condition' || s.by === 'stop-condition-watch');
  const spared = plannedEnd !== undefined ? (plannedEnd - ms(stop?.stoppedAt ?? at)) / 1000 : undefined;
  return [
    {
      kind: 'safety',
      subject: alarm,
      severity: 'high',
      title: `Stop condition ${alarm} tripped and stopped the experiment`,
      evidence: [
        `${alarm} went to ALARM at ${at}${trip?.reason ? ` (${trip.reason})` : ''}`,
        stop?.latencyMs !== undefined ? `stopping took ${humanDuration(stop.latencyMs / 1000)}${stop.stoppedAt ? ` (stopped ${stop.stoppedAt})` : ''}` : undefined,
        cutShort.length > 0 ? `cut short: ${cutShort.map((a) => `${a.action} (${a.resources.length} resource${a.resources.length === 1 ? '' : 's'})`).join(', ')}` : undefined,
        neverStarted.length > 0 ? `never started: ${neverStarted.map((a) => a.action).join(', ')}` : undefined,
        spared !== undefined && spared > 0 ? `spared ${humanDuration(spared)} of planned fault time` : undefined,
      ]
        .filter(Boolean)
        .join('; '),
      fix: `In ${m.runbookName}: customers saw impact past the stop-condition bound (${alarm}). Add the mitigation that keeps this disruption under it (shift traffic away from the impaired AZ, e.g. a zonal shift, or fail over before the bound), with who runs it and when; keep ${alarm} as the stop condition.`,
    },
  ];
}
