import type { PlannedProbe } from '../plan/types.js';

/** Whether a metric value satisfies a probe's threshold ("< 1.5" holds for 1.2). */
export function meetsThreshold(value: number, threshold: NonNullable<PlannedProbe['threshold']>): boolean {
  switch (threshold.op) {
    case '<':
      return value < threshold.value;
    case '<=':
      return value <= threshold.value;
    case '>':
      return value > threshold.value;
    case '>=':
      return value >= threshold.value;
  }
}

export interface ProbeStatus {
  holds: boolean;
  /** service time since when the current status has lasted */
  since: Date;
}

/**
 * Tracks whether every steady-state probe holds now, and since when, from what the watch saw:
 * alarm states (with their StateUpdatedTimestamp) and metric datapoints (with their timestamps).
 * The watch uses it only to decide when to stop watching; the verdict measures RTO from the journal.
 */
export class SteadyStateTracker {
  private readonly status = new Map<string, ProbeStatus | undefined>();

  constructor(private readonly probes: PlannedProbe[]) {
    for (const probe of probes) this.status.set(probe.name, undefined);
  }

  alarm(alarmName: string, state: string, timestamp: Date): void {
    for (const probe of this.probes) {
      if (probe.kind === 'alarm' && probe.alarm === alarmName) this.update(probe.name, state === 'OK', timestamp);
    }
  }

  metric(probeName: string, holds: boolean, timestamp: Date): void {
    this.update(probeName, holds, timestamp);
  }

  private update(name: string, holds: boolean, at: Date): void {
    const current = this.status.get(name);
    if (current && current.holds === holds) return;
    if (current && at.getTime() < current.since.getTime()) return;
    this.status.set(name, { holds, since: at });
  }

  /** The service time since which every probe has held, or undefined when one does not (or is unknown). */
  allHoldSince(): Date | undefined {
    let since = 0;
    for (const status of this.status.values()) {
      if (!status || !status.holds) return undefined;
      since = Math.max(since, status.since.getTime());
    }
    return new Date(since);
  }

  failing(): string[] {
    return [...this.status.entries()].filter(([, s]) => !s || !s.holds).map(([name]) => name);
  }
}
