/**
 * Turns a minute of simulated traffic and resource state into the CloudWatch datapoints the world
 * publishes, one PutMetricData batch per minute, named as the world file says. Latency and CPU go out
 * as every sample of each step (one datum of values), host/task counts and resource gauges as one
 * sample per step (so p99, Average, Minimum and Maximum mean what they do on AWS); rates and sums as
 * one value per minute.
 */
import type { MetricDatum } from '../contracts.js';
import type { ResourceStep } from './resource-stats.js';
import type { StepTraffic } from './traffic.js';
import type { MetricSource, PublishedMetricSpec } from './types.js';

export interface MinuteOfWorld {
  minuteStart: number;
  /** Every service's steps of the minute. */
  traffic: readonly StepTraffic[];
  resources: readonly ResourceStep[];
  dataLossSeconds: number;
}

/** Which kind of resource a metric source reads (`resource` names one of that kind). */
export function sourceKind(source: MetricSource): 'service' | 'database' | 'cache' | 'queue' | 'group' | 'store' {
  if (source === 'replicationLagSeconds') return 'store';
  if (source === 'databaseConnections' || source === 'writerAvailable' || source === 'auroraReplicaLag' || source === 'dataLossWindowSeconds') return 'database';
  if (source.startsWith('cache')) return 'cache';
  if (source.startsWith('queue')) return 'queue';
  if (source.startsWith('group')) return 'group';
  return 'service';
}

export function minuteDatapoints(specs: readonly PublishedMetricSpec[], minute: MinuteOfWorld, defaults: { service: string }): MetricDatum[] {
  const out: MetricDatum[] = [];
  const { minuteStart } = minute;
  for (const spec of specs) {
    const scale = spec.scale ?? 1;
    const sampled = (values: readonly number[], at: number): MetricDatum => ({
      namespace: spec.namespace,
      metricName: spec.name,
      dimensions: spec.dimensions ?? {},
      timestamp: new Date(at),
      values,
      ...(spec.unit === undefined ? {} : { unit: spec.unit }),
    });
    const datum = (value: number, at: number): MetricDatum => sampled([value], at);
    const steps = minute.traffic.filter((s) => s.service === (spec.resource ?? defaults.service));
    const requests = steps.reduce((n, s) => n + s.requests, 0);
    const errors = steps.reduce((n, s) => n + s.errors, 0);
    const each = <T>(pick: (r: ResourceStep) => readonly T[], match: (x: T) => boolean, value: (x: T) => number | undefined) => {
      for (const r of minute.resources) {
        const found = pick(r).find((x) => spec.resource === undefined || match(x));
        const v = found === undefined ? undefined : value(found);
        if (v !== undefined) out.push(datum(v, r.at));
      }
    };
    const database = (value: (d: ResourceStep['databases'][number]) => number | undefined) => each((r) => r.databases, (d) => d.id === spec.resource, value);
    const cache = (value: (c: ResourceStep['caches'][number]) => number | undefined) => each((r) => r.caches, (c) => c.id === spec.resource, value);
    const queue = (value: (q: ResourceStep['queues'][number]) => number | undefined) => each((r) => r.queues, (q) => q.queue === spec.resource, value);
    const group = (value: (g: ResourceStep['groups'][number]) => number | undefined) => each((r) => r.groups, (g) => g.name === spec.resource, value);
    const store = (value: (st: ResourceStep['stores'][number]) => number | undefined) => each((r) => r.stores, (st) => st.name === spec.resource, value);
    switch (spec.source) {
      case 'requestCount':
        out.push(datum(requests, minuteStart));
        break;
      case 'http5xxCount':
        out.push(datum(errors, minuteStart));
        break;
      case 'http5xxRatePercent':
        out.push(datum(requests === 0 ? 0 : round((errors / requests) * 100, 3), minuteStart));
        break;
      case 'completedCount':
        out.push(datum(round((requests - errors) * scale, 3), minuteStart));
        break;
      case 'failedCount':
        out.push(datum(round(errors * scale, 3), minuteStart));
        break;
      case 'dataLossWindowSeconds':
        out.push(datum(minute.dataLossSeconds, minuteStart));
        break;
      case 'targetResponseTime':
        for (const step of steps) if (step.latencySamples.length > 0) out.push(sampled(step.latencySamples.map((v) => round(v, 4)), step.at));
        break;
      case 'cpuUtilization':
        for (const step of steps) if (step.cpuSamples.length > 0) out.push(sampled(step.cpuSamples.map((v) => round(v, 2)), step.at));
        break;
      case 'healthyHostCount':
        for (const step of steps) out.push(datum(step.healthyHosts, step.at));
        break;
      case 'unhealthyHostCount':
        for (const step of steps) out.push(datum(step.unhealthyHosts, step.at));
        break;
      case 'runningTaskCount':
        for (const step of steps) out.push(datum(step.runningTasks, step.at));
        break;
      case 'databaseConnections':
        database((d) => d.connections);
        break;
      case 'writerAvailable':
        database((d) => d.writerAvailable);
        break;
      case 'auroraReplicaLag':
        database((d) => d.replicaLagMs);
        break;
      case 'cacheReplicationLag':
        cache((c) => c.replicationLagSeconds);
        break;
      case 'cacheCurrConnections':
        cache((c) => c.connections);
        break;
      case 'cacheEngineCpuUtilization':
        cache((c) => c.engineCpu);
        break;
      case 'queueMessagesVisible':
        queue((q) => q.visible);
        break;
      case 'queueOldestMessageAge':
        queue((q) => q.oldestAgeSeconds);
        break;
      case 'queueMessagesSent':
        queue((q) => q.sent);
        break;
      case 'queueMessagesDeleted':
        queue((q) => q.deleted);
        break;
      case 'groupDesiredCapacity':
        group((g) => g.desired);
        break;
      case 'groupInServiceInstances':
        group((g) => g.inService);
        break;
      case 'replicationLagSeconds':
        store((st) => st.lagSeconds);
        break;
    }
  }
  return out;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
