/**
 * Target tracking scaling of an Auto Scaling group. AWS creates two alarms for a policy: scale out when
 * the metric is above the target for 3 consecutive one-minute datapoints, scale in when it is below 90 %
 * of the target for 15; the new desired capacity is current × metric / target, rounded up, within the
 * group's bounds. Each action starts a fresh evaluation window (the alarms see the new capacity's metric).
 */
import type { AutoScalingGroup } from './model.js';

const SCALE_OUT_DATAPOINTS = 3;
const SCALE_IN_DATAPOINTS = 15;
const SCALE_IN_RATIO = 0.9;

/** Records one minute's average of the tracked metric and applies the policy; returns the new desired capacity. */
export function trackTarget(group: AutoScalingGroup, minuteAverage: number): number {
  const scaling = group.spec.scaling;
  if (scaling === undefined) return group.desiredCapacity;
  group.trackedMetric.push(minuteAverage);
  if (group.trackedMetric.length > SCALE_IN_DATAPOINTS) group.trackedMetric.shift();
  const target = scaling.targetTracking.targetValue;
  const recent = (n: number) => (group.trackedMetric.length >= n ? group.trackedMetric.slice(-n) : undefined);
  const high = recent(SCALE_OUT_DATAPOINTS);
  const low = recent(SCALE_IN_DATAPOINTS);
  let desired = group.desiredCapacity;
  if (high?.every((v) => v > target)) desired = Math.ceil((group.desiredCapacity * minuteAverage) / target);
  else if (low?.every((v) => v < target * SCALE_IN_RATIO)) desired = Math.ceil((group.desiredCapacity * minuteAverage) / target);
  desired = Math.min(scaling.maxSize, Math.max(scaling.minSize, desired));
  if (desired !== group.desiredCapacity) {
    group.desiredCapacity = desired;
    group.trackedMetric.length = 0;
  }
  return desired;
}
