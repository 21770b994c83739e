import { describe, expect, it } from 'vitest';
import { type MetricId, MetricStore, statisticOf } from '../../../src/sandbox/services/metric-store.js';

const id = { namespace: 'App', metricName: 'Latency', dimensions: { Az: 'use1-az1', Service: 'web' } };
const T0 = Date.UTC(2026, 10, 26, 4, 0, 0);

describe('MetricStore', () => {
  it('aggregates per period aligned to the epoch, and identifies a metric by its exact dimension set', () => {
    const store = new MetricStore();
    for (let i = 0; i < 10; i++) store.putDatum({ ...id, dimensions: { Service: 'web', Az: 'use1-az1' }, timestamp: new Date(T0 + i * 15_000), values: [i + 1] });
    store.putDatum({ ...id, dimensions: { Az: 'use1-az1' }, timestamp: new Date(T0), values: [1000] });
    const [first, second, third] = store.aggregate(id, T0 + 5_000, T0 + 180_000, 60);
    expect(first).toMatchObject({ start: T0, count: 4, sum: 10, min: 1, max: 4 });
    expect(second).toMatchObject({ start: T0 + 60_000, count: 4, sum: 26 });
    expect(third).toMatchObject({ start: T0 + 120_000, count: 2, sum: 19 });
    expect(store.metrics()).toHaveLength(2);
  });

  it('keeps metrics apart whose namespace, name and dimensions would run together as plain text', () => {
    const store = new MetricStore();
    const lookalikes: MetricId[] = [
      { namespace: 'AB', metricName: 'C', dimensions: {} },
      { namespace: 'A', metricName: 'BC', dimensions: {} },
      { namespace: 'A', metricName: 'B', dimensions: { C: '' } },
      { namespace: 'A', metricName: 'B', dimensions: { 'C1:': 'x' } },
      { namespace: 'A', metricName: 'B', dimensions: { C: '1:x' } },
      { namespace: 'A', metricName: 'B', dimensions: { C: 'x', D: 'y' } },
      { namespace: 'A', metricName: 'B', dimensions: { C: 'x1:D1:y' } },
    ];
    lookalikes.forEach((metric, i) => store.putDatum({ ...metric, timestamp: new Date(T0), values: [i] }));
    expect(store.metrics()).toHaveLength(lookalikes.length);
    lookalikes.forEach((metric, i) => expect(store.aggregate(metric, T0, T0 + 60_000, 60).map((a) => a.sum)).toEqual([i]));
    expect(store.aggregate({ namespace: 'A', metricName: 'B', dimensions: { D: 'y', C: 'x' } }, T0, T0 + 60_000, 60).map((a) => a.sum)).toEqual([5]);
  });

  it('stores a batch (putData) exactly as the same datapoints put one by one', () => {
    const shared = { Az: 'use1-az1' };
    const batch = [
      { namespace: 'App', metricName: 'Latency', dimensions: shared, timestamp: new Date(T0), values: [1] },
      { namespace: 'App', metricName: 'Latency', dimensions: shared, timestamp: new Date(T0 + 10_000), values: [2] },
      { namespace: 'App', metricName: 'Errors', dimensions: shared, timestamp: new Date(T0), values: [3] },
      { namespace: 'Other', metricName: 'Errors', dimensions: shared, timestamp: new Date(T0), values: [4] },
      { namespace: 'Other', metricName: 'Errors', dimensions: { Az: 'use1-az2' }, timestamp: new Date(T0), values: [5] },
      { namespace: 'Other', metricName: 'Errors', dimensions: { Az: 'use1-az2' }, timestamp: new Date(T0 + 70_000), values: [6], unit: 'Count' },
      { namespace: 'App', metricName: 'Latency', dimensions: { Az: 'use1-az1' }, timestamp: new Date(T0 - 5_000), values: [7] },
    ];
    const batched = new MetricStore();
    batched.putData(batch);
    const single = new MetricStore();
    for (const d of batch) single.putDatum(d);
    expect(batched.metrics()).toEqual(single.metrics());
    expect(batched.metrics()).toHaveLength(4);
    for (const metric of single.metrics()) expect(batched.aggregate(metric, T0 - 60_000, T0 + 120_000, 60)).toEqual(single.aggregate(metric, T0 - 60_000, T0 + 120_000, 60));
    expect(batched.aggregate({ namespace: 'App', metricName: 'Latency', dimensions: shared }, T0 - 60_000, T0 + 60_000, 60).map((a) => a.sum)).toEqual([7, 3]);
  });

  it('keeps samples in time order whatever order they arrive in', () => {
    const store = new MetricStore();
    for (const s of [3, 1, 2]) store.putDatum({ ...id, timestamp: new Date(T0 + s * 60_000), values: [s] });
    expect(store.aggregate(id, T0, T0 + 600_000, 60).map((a) => a.sum)).toEqual([1, 2, 3]);
  });

  it('counts each value of a datum as one sample: a step of latencies is the same data as its values put one by one', () => {
    const grouped = new MetricStore();
    const single = new MetricStore();
    const steps = [[0.12, 0.5, 0.07], [2.4], [0.3, 0.3, 0.9, 0.11]];
    steps.forEach((values, i) => {
      grouped.putDatum({ ...id, timestamp: new Date(T0 + i * 10_000), values });
      for (const v of values) single.putDatum({ ...id, timestamp: new Date(T0 + i * 10_000), values: [v] });
    });
    const [agg] = grouped.aggregate(id, T0, T0 + 60_000, 60);
    const [expected] = single.aggregate(id, T0, T0 + 60_000, 60);
    if (!agg || !expected) throw new Error('no aggregate');
    for (const stat of ['SampleCount', 'Minimum', 'Maximum', 'p50', 'p90', 'p99']) expect(statisticOf(agg, stat)).toBe(statisticOf(expected, stat));
    expect(statisticOf(agg, 'SampleCount')).toBe(8);
    expect(statisticOf(agg, 'Maximum')).toBe(2.4);
    expect(statisticOf(agg, 'Minimum')).toBe(0.07);
    expect(statisticOf(agg, 'Sum')).toBeCloseTo(4.7, 12);
    expect(grouped.sampleCount(id)).toBe(3);
  });

  it('computes statistics and nearest-rank percentiles, weighted by counts', () => {
    const store = new MetricStore();
    for (let v = 1; v <= 100; v++) store.putDatum({ ...id, timestamp: new Date(T0 + v), values: [v] });
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

  it('weighs values without counts as one each beside values with counts in the same period, in either order', () => {
    for (const order of [0, 1]) {
      const store = new MetricStore();
      const plain = { t: T0 + 1_000, count: 3, sum: 6, min: 1, max: 3, values: [3, 1, 2] };
      const counted = { t: T0 + 2_000, count: 8, sum: 40, min: 5, max: 5, values: [5], counts: [8] };
      for (const sample of order ? [counted, plain] : [plain, counted]) store.put(id, sample);
      const [agg] = store.aggregate(id, T0, T0 + 60_000, 60);
      if (!agg) throw new Error('no aggregate');
      // Eleven values by weight: 1, 2, 3 and eight 5s.
      expect([statisticOf(agg, 'p9'), statisticOf(agg, 'p18'), statisticOf(agg, 'p27'), statisticOf(agg, 'p28'), statisticOf(agg, 'p100')]).toEqual([1, 2, 3, 5, 5]);
      expect(statisticOf(agg, 'SampleCount')).toBe(11);
    }
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

describe('MetricStore retention (CloudWatch: high resolution for 3 hours, 1-minute data for 15 days)', () => {
  it('rolls samples older than 3 hours into one per minute, keeping count, sum, min, max and near percentiles', () => {
    const store = new MetricStore();
    // 6 hours, 60 samples a minute (one a second), values 1..60 in each minute.
    for (let m = 0; m < 6 * 60; m++) for (let s = 0; s < 60; s++) store.putDatum({ ...id, timestamp: new Date(T0 + m * 60_000 + s * 1000), values: [s + 1] });
    const [old] = store.aggregate(id, T0, T0 + 60_000, 60);
    expect(old).toMatchObject({ start: T0, count: 60, sum: 1830, min: 1, max: 60 });
    expect(Math.abs(statisticOf(old!, 'p50')! - 30)).toBeLessThanOrEqual(4);
    expect(Math.abs(statisticOf(old!, 'p90')! - 54)).toBeLessThanOrEqual(4);
    // Seconds are gone from the rolled-up hours, kept in the last 3.
    expect(store.aggregate(id, T0, T0 + 60_000, 1)).toHaveLength(1);
    expect(store.aggregate(id, T0 + 5 * 3_600_000, T0 + 5 * 3_600_000 + 60_000, 1)).toHaveLength(60);
    expect(store.sampleCount(id)).toBeLessThan(4 * 60 * 60 + 3 * 60);
  });

  it('forgets 1-minute data older than 15 days', () => {
    const store = new MetricStore();
    for (let m = 0; m < 16 * 24 * 60; m += 1) store.putDatum({ ...id, timestamp: new Date(T0 + m * 60_000), values: [1] });
    expect(store.aggregate(id, T0, T0 + 3_600_000, 60)).toEqual([]);
    expect(store.aggregate(id, T0 + 2 * 86_400_000, T0 + 2 * 86_400_000 + 3_600_000, 60)).toHaveLength(60);
  });
});
