import type { PlannedProbe } from '../plan/types.js';
import { ms, type JournalFacts } from './journal-facts.js';

/**
 * Each steady-state probe as a step function of service time: an alarm probe holds while its
 * alarm is OK (per alarm-state events); a metric probe holds while its latest sample is ok.
 * Before the first observation a probe counts as holding: preflight checked steady state before the start.
 */
export interface SteadyState {
  probes: PlannedProbe[];
  holds(probe: PlannedProbe, at: number): boolean;
  /** The last observed value/state of a probe at a time, for evidence. */
  describe(probe: PlannedProbe, at: number): string;
  /** Service times at which any probe's state may change, ascending. */
  changePoints(): number[];
}

export function steadyState(facts: JournalFacts): SteadyState {
  const probes = facts.plan.probes;
  const series = new Map<string, { at: number; holds: boolean; text: string }[]>();
  for (const probe of probes) {
    const points =
      probe.kind === 'alarm'
        ? facts.alarms.filter((a) => a.alarm === probe.alarm).map((a) => ({ at: ms(a.timestamp), holds: a.state === 'OK', text: a.state }))
        : facts.samples
            .filter((s) => s.role === 'steady-state' && (s.probe === probe.name || s.probeId === probe.id))
            .map((s) => ({ at: ms(s.timestamp), holds: s.ok, text: `${s.value}` }));
    series.set(probe.name, points);
  }
  const latest = (probe: PlannedProbe, at: number) => {
    let found: { at: number; holds: boolean; text: string } | undefined;
    for (const point of series.get(probe.name) ?? []) {
      if (point.at <= at) found = point;
      else break;
    }
    return found;
  };
  return {
    probes,
    holds: (probe, at) => latest(probe, at)?.holds ?? true,
    describe: (probe, at) => {
      const point = latest(probe, at);
      if (!point) return `${probe.name}: not observed yet`;
      return probe.kind === 'alarm' ? `${probe.name}: alarm ${probe.alarm} ${point.text}` : `${probe.name}: ${point.text} (${point.holds ? 'ok' : 'breached'} ${thresholdText(probe)})`;
    },
    changePoints: () => [...new Set([...series.values()].flat().map((p) => p.at))].sort((a, b) => a - b),
  };
}

function thresholdText(probe: PlannedProbe): string {
  return probe.threshold ? `${probe.threshold.op} ${probe.threshold.value}` : '';
}
