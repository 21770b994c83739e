/**
 * Turns a minute of simulated traffic into the CloudWatch datapoints the application publishes, one
 * PutMetricData batch per minute, named as the world file says. Latency, CPU and host/task counts go out
 * as many samples (so p99, Average, Minimum and Maximum mean what they do on AWS); rates and sums as one
 * value per minute.
 */
import type { MetricDatum } from '../contracts.js';
import type { StepTraffic } from './traffic.js';
import type { PublishedMetricSpec } from './types.js';

export function minuteDatapoints(
  specs: readonly PublishedMetricSpec[],
  minuteStart: number,
  steps: readonly StepTraffic[],
  dataLossSeconds: number,
): MetricDatum[] {
  const out: MetricDatum[] = [];
  const requests = steps.reduce((n, s) => n + s.requests, 0);
  const errors = steps.reduce((n, s) => n + s.errors, 0);
  for (const spec of specs) {
    const datum = (value: number, at: number): MetricDatum => ({
      namespace: spec.namespace,
      metricName: spec.name,
      dimensions: spec.dimensions ?? {},
      timestamp: new Date(at),
      value,
      ...(spec.unit === undefined ? {} : { unit: spec.unit }),
    });
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
      case 'dataLossWindowSeconds':
        out.push(datum(dataLossSeconds, minuteStart));
        break;
      case 'targetResponseTime':
        for (const step of steps) for (const v of step.latencySamples) out.push(datum(round(v, 4), step.at));
        break;
      case 'cpuUtilization':
        for (const step of steps) for (const v of step.cpuSamples) out.push(datum(round(v, 2), step.at));
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
    }
  }
  return out;
}

function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
