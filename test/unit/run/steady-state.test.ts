import { describe, expect, it } from 'vitest';
import type { PlannedProbe } from '../../../src/core/plan/types.js';
import { SteadyStateTracker, meetsThreshold } from '../../../src/core/run/steady-state.js';

const probes: PlannedProbe[] = [
  { id: 'p0', name: 'checkout-ok', kind: 'alarm', alarm: 'checkout-5xx-high' },
  { id: 'p1', name: 'p99-latency', kind: 'metric', metric: { namespace: 'AWS/ApplicationELB', name: 'TargetResponseTime', stat: 'p99', period: 60 }, threshold: { op: '<', value: 1.5 } },
];
const t = (minute: number): Date => new Date(Date.UTC(2026, 10, 26, 10, minute));

describe('meetsThreshold', () => {
  it.each([
    [1.2, '<', 1.5, true],
    [1.5, '<', 1.5, false],
    [1.5, '<=', 1.5, true],
    [3, '>=', 3, true],
    [2.9, '>=', 3, false],
    [0.1, '>', 0, true],
  ] as const)('%s %s %s → %s', (value, op, threshold, expected) => {
    expect(meetsThreshold(value, { op, value: threshold })).toBe(expected);
  });
});

describe('SteadyStateTracker', () => {
  it('does not hold until every probe has been seen holding', () => {
    const tracker = new SteadyStateTracker(probes);
    expect(tracker.allHoldSince()).toBeUndefined();
    tracker.alarm('checkout-5xx-high', 'OK', t(0));
    expect(tracker.allHoldSince()).toBeUndefined();
    expect(tracker.failing()).toEqual(['p99-latency']);
    tracker.metric('p99-latency', true, t(1));
    expect(tracker.allHoldSince()).toEqual(t(1));
  });

  it('holds again since the last probe recovered, and keeps the start of a streak', () => {
    const tracker = new SteadyStateTracker(probes);
    tracker.alarm('checkout-5xx-high', 'OK', t(0));
    tracker.metric('p99-latency', true, t(0));
    tracker.alarm('checkout-5xx-high', 'ALARM', t(5));
    tracker.metric('p99-latency', false, t(6));
    expect(tracker.allHoldSince()).toBeUndefined();
    tracker.metric('p99-latency', true, t(9));
    tracker.metric('p99-latency', true, t(10));
    tracker.alarm('checkout-5xx-high', 'OK', t(8));
    expect(tracker.allHoldSince()).toEqual(t(9));
  });

  it('treats INSUFFICIENT_DATA as not holding, and ignores out-of-order older observations', () => {
    const tracker = new SteadyStateTracker(probes);
    tracker.metric('p99-latency', true, t(0));
    tracker.alarm('checkout-5xx-high', 'INSUFFICIENT_DATA', t(3));
    expect(tracker.allHoldSince()).toBeUndefined();
    tracker.alarm('checkout-5xx-high', 'OK', t(2));
    expect(tracker.allHoldSince()).toBeUndefined();
  });
});
