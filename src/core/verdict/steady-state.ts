import type { PlannedProbe } from '../plan/types.js';
import { ms, type JournalFacts } from './journal-facts.js';
import { numberText, thresholdText } from '../number-text.js';
import { probePeriodSeconds } from '../plan/probes.js';

/** A stretch of service time in which one probe did not hold; `end` is absent while it still did not when observation ended. */
export interface ProbeDeviation {
  probe: PlannedProbe;
  start: number;
  end?: number;
  /** The worst value (metric probe, rounded for people) or the state (alarm probe) seen in it, for evidence. */
  worst: string;
  /** The worst value exactly (metric probe). */
  worstValue?: number;
}

/**
 * Each steady-state probe as a step function of service time: an alarm probe holds while its alarm is
 * OK (CloudWatch's StateUpdatedTimestamp); a metric probe holds while its latest complete datapoint is
 * within the threshold. A datapoint aggregates its whole period, so it is known — and placed — at the
 * period's end (CloudWatch stamps it with the start). Before the first observation a probe counts as
 * holding: preflight checked steady state before the start.
 */
export interface SteadyState {
  probes: PlannedProbe[];
  holds(probe: PlannedProbe, at: number): boolean;
  /** The last observed value/state of a probe at a time, for evidence. */
  describe(probe: PlannedProbe, at: number): string;
  /** Service times at which any probe's state may change, ascending. */
  changePoints(): number[];
  /** Every interval in which the probe did not hold, over the whole run, in time order. */
  deviations(probe: PlannedProbe): ProbeDeviation[];
  /** Whether a metric probe has a datapoint placed after `at` (an alarm probe's state is always known: it changes only by transitions). */
  observedAfter(probe: PlannedProbe, at: number): boolean;
}

interface Point {
  at: number;
  holds: boolean;
  text: string;
  value?: number;
}

export function steadyState(facts: JournalFacts): SteadyState {
  const probes = facts.plan.probes;
  const series = new Map<string, Point[]>();
  for (const probe of probes) {
    const points: Point[] =
      probe.kind === 'alarm'
        ? facts.alarms.filter((a) => a.alarm === probe.alarm).map((a) => ({ at: ms(a.timestamp), holds: a.state === 'OK', text: a.state }))
        : facts.samples
            .filter((s) => s.role === 'steady-state' && (s.probe === probe.name || s.probeId === probe.id))
            .map((s) => ({ at: ms(s.timestamp) + probePeriodSeconds(probe) * 1000, holds: s.ok, text: numberText(s.value), value: s.value }));
    series.set(probe.name, points.sort((a, b) => a.at - b.at));
  }
  const latest = (probe: PlannedProbe, at: number) => {
    let found: Point | undefined;
    for (const point of series.get(probe.name) ?? []) {
      if (point.at <= at) found = point;
      else break;
    }
    return found;
  };
  const worse = (probe: PlannedProbe, a: Point, b: Point): Point => {
    if (a.value === undefined || b.value === undefined) return a;
    const op = probe.threshold?.op;
    return op === '>' || op === '>=' ? (b.value < a.value ? b : a) : b.value > a.value ? b : a;
  };
  return {
    probes,
    holds: (probe, at) => latest(probe, at)?.holds ?? true,
    describe: (probe, at) => {
      const point = latest(probe, at);
      if (!point) return `${probe.name}: not observed yet`;
      return probe.kind === 'alarm' ? `${probe.name}: alarm ${probe.alarm} ${point.text}` : `${probe.name}: ${point.text} (${point.holds ? 'ok' : 'breached'}${probe.threshold ? ` ${thresholdText(probe.threshold)}` : ''})`;
    },
    changePoints: () => [...new Set([...series.values()].flat().map((p) => p.at))].sort((a, b) => a - b),
    observedAfter: (probe, at) => probe.kind === 'alarm' || (series.get(probe.name) ?? []).some((p) => p.at > at),
    deviations: (probe) => {
      const out: ProbeDeviation[] = [];
      let open: { start: number; worst: Point } | undefined;
      for (const point of series.get(probe.name) ?? []) {
        if (!point.holds) open = open ? { ...open, worst: worse(probe, open.worst, point) } : { start: point.at, worst: point };
        else if (open) {
          out.push({ probe, start: open.start, end: point.at, ...worstOf(open.worst) });
          open = undefined;
        }
      }
      if (open) out.push({ probe, start: open.start, ...worstOf(open.worst) });
      return out;
    },
  };
}

function worstOf(point: Point): Pick<ProbeDeviation, 'worst' | 'worstValue'> {
  return { worst: point.text, ...(point.value !== undefined ? { worstValue: point.value } : {}) };
}
