import { describe, expect, it } from 'vitest';
import { MetricStore, statisticOf } from '../../../src/sandbox/services/metric-store.js';

const id = { namespace: 'App', metricName: 'Latency', dimensions: { Az: 'use1-az1', Service: 'web' } };
const T0 = Date.UTC(2026, 10, 26, 4, 0, 0);

describe('MetricStore', () => {
  it('aggregates per period aligned to the epoch, and identifies a metric by its exact dimension set', () => {
    const store = new MetricStore();
    for (let i = 0; i < 10; i++) store.putDatum({ ...id, dimensions: { Service: 'web', Az: 'use1-az1' }, timestamp: new Date(T0 + i * 15_000), value: i + 1 });
    store.putDatum({ ...id, dimensions: { Az: 'use1-az1' }, timestamp: new Date(T0), value: 1000 });
    const [first, second, third] = store.aggregate(id, T0 + 5_000, T0 + 180_000, 60);
    expect(first).toMatchObject({ start: T0, count: 4, sum: 10, min: 1, max: 4 });
    expect(second).toMatchObject({ start: T0 + 60_000, count: 4, sum: 26 });
    expect(third).toMatchObject({ start: T0 + 120_000, count: 2, sum: 19 });
    expect(store.metrics()).toHaveLength(2);
  });

  it('keeps samples in time order whatever order they arrive in', () => {
    const store = new MetricStore();
    for (const s of [3, 1, 2]) store.putDatum({ ...id, timestamp: new Date(T0 + s * 60_000), value: s });
    expect(store.aggregate(id, T0, T0 + 600_000, 60).map((a) => a.sum)).toEqual([1, 2, 3]);
  });

  it('computes statistics and nearest-rank percentiles, weighted by counts', () => {
    const store = new MetricStore();
    for (let v = 1; v <= 100; v++) store.putDatum({ ...id, timestamp: new Date(T0 + v), value: v });
    const [agg] = store.aggregate(id, T0, T0 + 60_000, 60);
    if (!agg) throw new Error('no aggregate');
    expect(statisticOf(agg, 'Average')).toBe(50.5);
    expect(statisticOf(agg, 'SampleCount')).toBe(100);
    expect(statisticOf(agg, 'p50')).toBe(50);
    expect(statisticOf(agg, 'p99')).toBe(99);
    expect(statisticOf(agg, 'p99.9')).toBe(100);
    expect(statisticOf(agg, 'p100')).toBe(100);
    store.put(id, { t: T0 + 120_000, count: 10, sum: 19, min: 1, max: 10, values: [1, 10], counts: [9, 1] });
    const [, weighted] = store.aggregate(id, T0, T0 + 180_000, 60);
    if (!weighted) throw new Error('no aggregate');
    expect(statisticOf(weighted, 'p90')).toBe(1);
    expect(statisticOf(weighted, 'p95')).toBe(10);
  });

  it('has no percentile for pre-aggregated statistic sets', () => {
    const store = new MetricStore();
    store.put(id, { t: T0, count: 4, sum: 10, min: 1, max: 4 });
    const [agg] = store.aggregate(id, T0, T0 + 60_000, 60);
    if (!agg) throw new Error('no aggregate');
    expect(statisticOf(agg, 'Average')).toBe(2.5);
    expect(statisticOf(agg, 'p50')).toBeUndefined();
  });
});
