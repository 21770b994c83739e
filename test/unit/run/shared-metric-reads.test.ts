import { describe, expect, it } from 'vitest';
import type { MetricDataQueryInput, MetricSeries, Metrics } from '../../../src/aws/ports.js';
import { sharedMetricReads } from '../../../src/core/run/shared-metric-reads.js';

type Call = { ids: string[]; from: number; to: number };

function recordingMetrics(fail?: Error): { metrics: Metrics; calls: Call[] } {
  const calls: Call[] = [];
  const metrics: Metrics = {
    describeAlarms: async () => [],
    alarmHistory: async () => [],
    putRunAlarm: async () => undefined,
    deleteAlarms: async () => undefined,
    getMetricData: async (queries, from, to) => {
      calls.push({ ids: queries.map((q) => q.id), from: from.getTime(), to: to.getTime() });
      if (fail) throw fail;
      // Only returned queries come back, as from CloudWatch.
      return queries.filter((q) => !('returnData' in q) || q.returnData !== false).map((q): MetricSeries => ({ id: q.id, points: [{ timestamp: from, value: q.id.length }], complete: true }));
    },
  };
  return { metrics, calls };
}

const metric = (id: string, returnData?: boolean): MetricDataQueryInput => ({ id, namespace: 'AWS/ApplicationELB', name: 'RequestCount', dimensions: {}, stat: 'Sum', period: 60, ...(returnData === undefined ? {} : { returnData }) });
const from = new Date('2026-06-01T09:00:00Z');
const to = new Date('2026-06-01T09:05:00Z');

describe('sharedMetricReads: GetMetricData asked in one turn goes out as one call', () => {
  it('the watch’s probes and SLO over one window: one call with every query, each ask answered with its own series only', async () => {
    const { metrics, calls } = recordingMetrics();
    const shared = sharedMetricReads(metrics);
    const [probes, slo] = await Promise.all([
      shared.getMetricData([metric('p0'), metric('p1')], from, to),
      shared.getMetricData([metric('slo_total'), metric('slo_good_requests', false), { id: 'slo_good', expression: 'slo_good_requests', period: 60 }], from, to),
    ]);
    expect(calls).toEqual([{ ids: ['p0', 'p1', 'slo_total', 'slo_good_requests', 'slo_good'], from: from.getTime(), to: to.getTime() }]);
    expect(probes.map((s) => s.id)).toEqual(['p0', 'p1']);
    expect(slo.map((s) => s.id)).toEqual(['slo_total', 'slo_good']);
  });

  it('other windows, or an id asked twice, go out as calls of their own (a wider window could change the periods CloudWatch answers)', async () => {
    const { metrics, calls } = recordingMetrics();
    const shared = sharedMetricReads(metrics);
    const later = new Date(from.getTime() + 60_000);
    const answers = await Promise.all([
      shared.getMetricData([metric('p0')], from, to),
      shared.getMetricData([metric('slo_total')], later, to),
      shared.getMetricData([metric('p0')], from, to),
      shared.getMetricData([metric('p1')], from, to),
    ]);
    expect(calls.map((c) => c.ids)).toEqual([['p0', 'p1'], ['slo_total'], ['p0']]);
    expect(calls[1]!.from).toBe(later.getTime());
    expect(answers.map((a) => a.map((s) => s.id))).toEqual([['p0'], ['slo_total'], ['p0'], ['p1']]);
  });

  it('an ask whose math reads every metric of its call (METRICS()) goes alone: sharing would add the other asks’ metrics to its value', async () => {
    const { metrics, calls } = recordingMetrics();
    const shared = sharedMetricReads(metrics);
    await Promise.all([
      shared.getMetricData([metric('p0'), metric('p1')], from, to),
      shared.getMetricData([metric('slo_total_a', false), metric('slo_total_b', false), { id: 'slo_total', expression: 'SUM(METRICS())', period: 60 }], from, to),
      shared.getMetricData([metric('p2_errors', false), { id: 'p2', expression: 'MAX(METRICS("errors"))', period: 60 }], from, to),
      shared.getMetricData([metric('p3')], from, to),
    ]);
    expect(calls.map((c) => c.ids)).toEqual([['p0', 'p1', 'p3'], ['slo_total_a', 'slo_total_b', 'slo_total'], ['p2_errors', 'p2']]);
  });

  it('never more than GetMetricData’s 500 queries in a shared call', async () => {
    const { metrics, calls } = recordingMetrics();
    const shared = sharedMetricReads(metrics);
    const many = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => metric(`${prefix}${i}`));
    await Promise.all([shared.getMetricData(many('a', 300), from, to), shared.getMetricData(many('b', 300), from, to), shared.getMetricData(many('c', 200), from, to)]);
    expect(calls.map((c) => c.ids.length)).toEqual([500, 300]);
  });

  it('asks in different turns are not held back for each other', async () => {
    const { metrics, calls } = recordingMetrics();
    const shared = sharedMetricReads(metrics);
    await shared.getMetricData([metric('p0')], from, to);
    await shared.getMetricData([metric('p1')], from, to);
    expect(calls.map((c) => c.ids)).toEqual([['p0'], ['p1']]);
  });

  it('a failed shared call fails every ask in it', async () => {
    const { metrics } = recordingMetrics(new Error('ThrottlingException: Rate exceeded'));
    const shared = sharedMetricReads(metrics);
    const results = await Promise.allSettled([shared.getMetricData([metric('p0')], from, to), shared.getMetricData([metric('slo_total')], from, to)]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
  });
});
