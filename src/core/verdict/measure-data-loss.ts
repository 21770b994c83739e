import type { JournalFacts } from './journal-facts.js';

export interface DataLoss {
  state: 'measured' | 'not-measured';
  worstSeconds?: number;
  worstAt?: string;
  note: string;
}

/** Measured RPO: the worst (largest) value the data-loss probe reported over the run, in seconds. */
export function measureDataLoss(facts: JournalFacts): DataLoss {
  const probe = facts.plan.recovery.dataLoss;
  if (!probe) return { state: 'not-measured', note: 'RPO not measured: the scenario declares no data-loss probe (recovery.dataLoss)' };
  const samples = facts.samples.filter((s) => s.role === 'data-loss');
  if (samples.length === 0) return { state: 'not-measured', note: `RPO not measured: the data-loss probe ${probe.name} returned no datapoints during the run` };
  const worst = samples.reduce((a, b) => (b.value > a.value ? b : a));
  return {
    state: 'measured',
    worstSeconds: worst.value,
    worstAt: worst.timestamp,
    note: `worst of ${samples.length} datapoint(s) of ${probe.metric ? `${probe.metric.namespace} ${probe.metric.name}` : probe.name}`,
  };
}
