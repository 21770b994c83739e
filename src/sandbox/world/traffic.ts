/**
 * What the application's users experience during one simulation step, derived from the world's state:
 * requests, server errors, latency samples, CPU per target, healthy/unhealthy targets, running tasks.
 * Plain arithmetic on the state plus seeded noise; no real traffic is served.
 */
import { ZONAL_SHIFT_DRAIN_MS, type WorldModel } from './model.js';
import type { Prng } from './prng.js';
import { servingTargets } from './recovery.js';

export interface StepTraffic {
  at: number;
  requests: number;
  errors: number;
  /** Request latencies in seconds: enough per step that a per-minute p99 is meaningful. */
  latencySamples: number[];
  /** One CPU % sample per instance/task in service. */
  cpuSamples: number[];
  healthyHosts: number;
  unhealthyHosts: number;
  runningTasks: number;
}

const LATENCY_SAMPLES_PER_STEP = 50;
const Z99 = 2.326;

export function simulateTraffic(model: WorldModel, now: number, stepMs: number, noise: Prng): StepTraffic {
  const app = model.world.spec.application;
  const targets = servingTargets(model);
  const healthy = targets.filter((t) => model.targetHealth.get(t.id)?.state === 'healthy');
  const unhealthy = targets.filter((t) => model.targetHealth.get(t.id)?.state === 'unhealthy');
  // A zonal shift takes the AZ's targets out of rotation once its connections have drained; health
  // checks go on there. With no target outside the shifted AZ the load balancer fails open to all of them.
  const away = model.shiftedAway(model.loadBalancer.arn, now, ZONAL_SHIFT_DRAIN_MS);
  const inRotation = targets.some((t) => !away.has(t.availabilityZone)) ? targets.filter((t) => !away.has(t.availabilityZone)) : targets;
  const healthyInRotation = inRotation.filter((t) => model.targetHealth.get(t.id)?.state === 'healthy');
  // An ALB with no healthy target fails open and routes to all registered targets.
  const routed = healthyInRotation.length > 0 ? healthyInRotation : inRotation;
  const up = routed.filter((t) => t.up(now));
  const requests = Math.max(0, Math.round(((app.requestsPerMinute * stepMs) / 60_000) * (1 + 0.03 * noise.normal())));

  const deadShare = routed.length === 0 ? 1 : 1 - up.length / routed.length;
  const baselineUtilisation = app.requestsPerMinute / targets.length / app.capacityPerTarget || 0;
  const utilisation = up.length === 0 ? Infinity : app.requestsPerMinute / up.length / app.capacityPerTarget;
  const shedShare = utilisation > 1 ? 1 - 1 / utilisation : 0;
  const db = app.database === undefined ? undefined : model.databases.get(app.database);
  const dbDown = db !== undefined && db.status !== 'available';
  const cache = app.cache === undefined ? undefined : model.caches.get(app.cache);
  const cacheDown = cache !== undefined && cache.status !== 'available';
  const dependencyShare = 1 - (1 - (dbDown ? (app.writeFraction ?? 0) : 0)) * (1 - (cacheDown ? (app.cacheFraction ?? 0) : 0));
  const baselineShare = Math.max(0, (app.baseline.errorRatePercent / 100) * (1 + 0.3 * noise.normal()));
  const servedShare = (1 - deadShare) * (1 - shedShare);
  const errorShare = 1 - servedShare * (1 - dependencyShare) * (1 - baselineShare);
  const errors = Math.min(requests, Math.round(requests * errorShare));

  const cpuOf = (stress: number) => {
    const appCpu = app.baseline.cpuPercent * (baselineUtilisation > 0 && Number.isFinite(utilisation) ? Math.min(utilisation, 1.2) / baselineUtilisation : 1);
    return clamp(appCpu + stress + 2 * noise.normal(), 0, 100);
  };
  const cpuSamples = up.map((t) => cpuOf(t.stress(now)));

  const sigma = Math.log(app.baseline.latencyP99Ms / app.baseline.latencyP50Ms) / Z99;
  const timeout = (app.timeoutMs ?? 5000) / 1000;
  const latencySamples: number[] = [];
  for (let i = 0; i < LATENCY_SAMPLES_PER_STEP; i++) {
    const draw = noise.next();
    if (draw < deadShare * (1 - shedShare) || up.length === 0) {
      latencySamples.push(timeout);
      continue;
    }
    const target = up[noise.int(up.length)]!;
    const cpu = cpuOf(target.stress(now));
    // Queueing: latency grows as a target nears saturation (CPU above 85 %), and when it sheds load.
    const slowdown = (1 + Math.max(0, cpu - 85) / 15) * (utilisation > 0.9 ? 1 + (Math.min(utilisation, 3) - 0.9) * 2 : 1);
    const latencyMs = app.baseline.latencyP50Ms * Math.exp(sigma * noise.normal()) * slowdown;
    latencySamples.push(dbDown && noise.next() < (app.writeFraction ?? 0) ? Math.max(latencyMs / 1000, 1) : latencyMs / 1000);
  }

  return {
    at: now,
    requests,
    errors,
    latencySamples,
    cpuSamples,
    healthyHosts: healthy.length,
    unhealthyHosts: unhealthy.length,
    runningTasks: targets.filter((t) => t.running()).length,
  };
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
