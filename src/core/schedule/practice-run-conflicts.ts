import type { ManagedResource, ManagedResourceSummary, PracticeRunConfiguration } from '../../aws/ports.js';
import type { Scenario } from '../scenario/types.js';
import type { Occurrence } from './occurrences.js';
import { blockedDate, practiceRunBlock, weeklyWindow, type PracticeRunWindows } from './practice-run-windows.js';
import type { ScheduledScenario } from './scheduled-scenario.js';

/**
 * ARC zonal autoshift practice runs and game days, on the same resources.
 *
 * A resource with a practice-run configuration gets a practice run about weekly: ARC shifts its traffic
 * away from one AZ for 30 minutes, starting at any time its configuration does not block (blockedWindows,
 * blockedDates; with allowedWindows, only inside them). A game day on that resource while one runs
 * measures the practice run as much as its own fault (the traffic has already left an AZ, outcome alarms
 * may end the practice run mid-fault), so the schedule refuses a slot unless ARC cannot have a practice
 * run on in it: every instant from 30 minutes before the game day's start (a practice run started then is
 * still on) to its end must be one ARC's configuration blocks. A slot inside ARC's blocked windows is fine.
 * ARC's blocking alarms also hold practice runs back, but only while they are in ALARM: nothing to book on.
 */

/** A practice run's length: "the expected 30 minute zonal shift" (ARC API, PracticeRunOutcome). */
export const PRACTICE_RUN_SECONDS = 30 * 60;

/** A managed resource some scheduled scenario touches, as the live check read it. */
export interface PracticeRunResource {
  region: string;
  arn: string;
  name?: string;
  zonalAutoshiftStatus?: string;
  /** absent: ARC starts no practice runs on it */
  practiceRunConfiguration?: PracticeRunConfiguration;
  activeShifts: ManagedResource['activeShifts'];
  /** the scheduled scenarios that touch it */
  scenarios: string[];
}

/**
 * What of ARC's managed resources a scenario touches, by what it names: load balancers in LoadBalancer
 * dimensions (app/<name>/<id>, net/<name>/<id>) and Auto Scaling groups in AutoScalingGroupName
 * dimensions, wherever the scenario has metrics (probes, impact, data loss, SLO).
 */
export function touchedBy(scenario: Scenario, resource: Pick<ManagedResourceSummary, 'arn'>): boolean {
  const names = { LoadBalancer: new Set<string>(), AutoScalingGroupName: new Set<string>() };
  const walk = (value: unknown): void => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') {
      for (const [key, child] of Object.entries(value)) {
        if (key === 'dimensions' && child !== null && typeof child === 'object') {
          for (const [dimension, v] of Object.entries(child)) if ((dimension === 'LoadBalancer' || dimension === 'AutoScalingGroupName') && typeof v === 'string') names[dimension].add(v);
        } else walk(child);
      }
    }
  };
  walk(scenario.spec);
  const lb = /:loadbalancer\/((?:app|net)\/[^/]+\/[^/]+)$/.exec(resource.arn)?.[1];
  const asg = /:autoScalingGroupName\/(.+)$/.exec(resource.arn)?.[1];
  return (lb !== undefined && names.LoadBalancer.has(lb)) || (asg !== undefined && names.AutoScalingGroupName.has(asg));
}

/** ARC's windows in the form the schedule reads its own (they are the same form); throws PracticeRunWindowSyntaxError. */
export function practiceRunWindowsOf(config: PracticeRunConfiguration): PracticeRunWindows {
  return { blockedWindows: config.blockedWindows.map(weeklyWindow), allowedWindows: config.allowedWindows.map(weeklyWindow), blockedDates: config.blockedDates.map(blockedDate) };
}

/**
 * Why a game day of this schedule starting at `start` would share its slot with a practice run ARC may
 * start on a resource it touches, as a blackout (the slot, the reason with the window to block in ARC);
 * undefined when every such resource's configuration blocks practice runs throughout.
 */
export function practiceRunBlackout(resources: readonly PracticeRunResource[], schedule: ScheduledScenario, start: Date): Occurrence['blackout'] {
  const from = start.getTime() - PRACTICE_RUN_SECONDS * 1000;
  const to = start.getTime() + schedule.gameDaySeconds * 1000;
  for (const resource of resources) {
    if (!resource.scenarios.includes(schedule.name) || !resource.practiceRunConfiguration) continue;
    const open = firstUnblocked(practiceRunWindowsOf(resource.practiceRunConfiguration), from, to);
    if (open === undefined) continue;
    const iso = (ms: number) => new Date(ms).toISOString();
    return {
      from: iso(from),
      to: iso(to),
      reason: `ARC may start a practice run on ${resource.name ?? resource.arn} at ${iso(open)} (30 minutes of its traffic away from an AZ) while this game day runs, ${iso(start.getTime())} → ${iso(to)}; block ${arcWindows(from, to)} in its practice-run configuration (blockedWindows, UTC)`,
    };
  }
  return undefined;
}

/** The first instant in [from, to) at which these windows let ARC start a practice run. */
function firstUnblocked(windows: PracticeRunWindows, from: number, to: number): number | undefined {
  for (let cursor = from; cursor < to; ) {
    const block = practiceRunBlock(new Date(cursor), windows);
    if (!block) return cursor;
    cursor = block.to.length === 10 ? Date.parse(block.to) + 86_400_000 : Date.parse(block.to); // a blocked date is the whole UTC day
  }
  return undefined;
}

const DAY_NAMES = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** [from, to) as ARC blocked windows, whole minutes, one per UTC day (ARC's windows start and end on the same day). */
function arcWindows(from: number, to: number): string {
  const windows: string[] = [];
  const minute = 60_000;
  const end = Math.ceil(to / minute) * minute;
  for (let at = Math.floor(from / minute) * minute; at < end; ) {
    const day = new Date(at);
    const midnight = Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate() + 1);
    const until = Math.min(end, midnight);
    const hm = (ms: number) => new Date(ms).toISOString().slice(11, 16);
    const name = DAY_NAMES[day.getUTCDay()]!;
    windows.push(`${name}:${hm(at)}-${name}:${until === midnight ? '23:59' : hm(until)}`);
    at = until;
  }
  return windows.join(' ');
}
