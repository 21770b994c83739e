/**
 * What a service's users (or, for a worker, its queue) experience during one simulation step, derived
 * from the world's state: requests or messages handled, failures, latency samples, CPU per target,
 * healthy/unhealthy targets, running tasks. A dependency that is down (database writer, cache primary,
 * a called service failing) fails its share of the requests and slows them. Plain arithmetic on the
 * state plus seeded noise; no real traffic is served.
 */
import { ZONAL_SHIFT_DRAIN_MS, type NetworkImpairment, type Service, type WorldModel } from './model.js';
import { normalQuantile, type LatencyStrata } from './latency-strata.js';
import type { Prng } from './prng.js';
import { servingTargets } from './recovery.js';

export interface StepTraffic {
  service: string;
  at: number;
  /** Requests received (a worker: messages it took from its queue). */
  requests: number;
  /** Requests that failed (a worker: jobs that failed; their messages go back to the queue). */
  errors: number;
  /** Share of requests failing this step, what a caller of the service sees. */
  errorShare: number;
  /** Request latencies in seconds: enough per step that a per-minute p99 is meaningful. */
  latencySamples: number[];
  /** One CPU % sample per instance/task in service. */
  cpuSamples: number[];
  healthyHosts: number;
  unhealthyHosts: number;
  runningTasks: number;
  /** Targets able to work (CPU samples come from these). */
  upTargets: number;
}

export const LATENCY_SAMPLES_PER_STEP = 50;
/** The latency loop's stratified draws: timeout or not, and the spread (which also places the sample: LatencyStrata.place). */
export const LATENCY_DIMENSIONS = 2;
const Z99 = 2.326;

export function simulateTraffic(
  model: WorldModel,
  service: Service,
  now: number,
  stepMs: number,
  noise: Prng,
  strata: LatencyStrata,
  upstream: ReadonlyMap<string, StepTraffic> = new Map(),
): StepTraffic {
  const app = service.spec;
  const lb = service.loadBalancer;
  const targets = servingTargets(model, service);
  let healthy = targets.filter((t) => model.targetHealth.get(t.id)?.state === 'healthy').length;
  let unhealthy = targets.filter((t) => model.targetHealth.get(t.id)?.state === 'unhealthy').length;
  let routed = targets;
  if (lb !== undefined) {
    // A zonal shift takes the AZ's targets out of rotation once its connections have drained; health
    // checks go on there. With no target outside the shifted AZ the load balancer fails open to all of them.
    const away = model.shiftedAway(lb.arn, now, ZONAL_SHIFT_DRAIN_MS);
    const inRotation = targets.some((t) => !away.has(t.availabilityZone)) ? targets.filter((t) => !away.has(t.availabilityZone)) : targets;
    const healthyInRotation = inRotation.filter((t) => model.targetHealth.get(t.id)?.state === 'healthy');
    // An ALB with no healthy target fails open and routes to all registered targets.
    routed = healthyInRotation.length > 0 ? healthyInRotation : inRotation;
  }
  const up = routed.filter((t) => t.up(now));
  if (lb === undefined) {
    // No load balancer health checks: a worker is healthy while it can work.
    healthy = up.length;
    unhealthy = targets.length - up.length;
  }
  const consumed = app.consumes === undefined ? undefined : model.queues.get(app.consumes);
  let requests: number;
  let utilisation: number;
  let baselineUtilisation: number;
  if (consumed !== undefined) {
    // A worker takes what its live consumers can handle from the queue's visible messages.
    const capacity = (up.length * app.capacityPerTarget * stepMs) / 60_000;
    const visible = consumed.backlog.reduce((n, b) => n + b.count, 0);
    requests = Math.floor(Math.min(visible, capacity));
    utilisation = up.length === 0 ? Infinity : requests / capacity || 0;
    baselineUtilisation = app.requestsPerMinute === undefined ? utilisation : app.requestsPerMinute / targets.length / app.capacityPerTarget || 0;
  } else {
    const rpm = app.requestsPerMinute ?? 0;
    requests = Math.max(0, Math.round(((rpm * stepMs) / 60_000) * (1 + 0.03 * noise.normal())));
    baselineUtilisation = rpm / targets.length / app.capacityPerTarget || 0;
    utilisation = up.length === 0 ? Infinity : rpm / up.length / app.capacityPerTarget;
  }

  // A worker's dead consumers take nothing from the queue, so they fail nothing either.
  const deadShare = consumed !== undefined ? 0 : routed.length === 0 ? 1 : 1 - up.length / routed.length;
  const shedShare = consumed === undefined && utilisation > 1 ? 1 - 1 / utilisation : 0;
  const dbDown = dependencyDown(model.databases.get(app.database ?? ''), now, service.clientReconnectMs);
  const cacheDown = dependencyDown(model.caches.get(app.cache ?? ''), now, service.clientReconnectMs);
  const calls = (app.dependsOn ?? []).map((d) => ({ fraction: d.fraction, callee: upstream.get(d.service) }));
  let dependencyOk = (1 - (dbDown ? (app.writeFraction ?? 0) : 0)) * (1 - (cacheDown ? (app.cacheFraction ?? 0) : 0));
  for (const { fraction, callee } of calls) dependencyOk *= 1 - fraction * (callee?.errorShare ?? 0);
  const dependencyShare = 1 - dependencyOk;
  const baselineShare = Math.max(0, (app.baseline.errorRatePercent / 100) * (1 + 0.3 * noise.normal()));
  const servedShare = (1 - deadShare) * (1 - shedShare);
  const azCount = model.azNameById.size;
  // A request fails when its packets are lost on the first try and on the retry.
  // What each target in service suffers this step, read once: the latency samples below draw targets at random.
  const networks = up.map((t) => t.network());
  const stresses = up.map((t) => t.stress(now));
  const networkShare = up.length === 0 ? 0 : networks.reduce((n, impairments) => n + impairments.reduce((p, i) => p + reach(i, azCount) * i.lossShare ** 2, 0), 0) / up.length;
  const errorShare = Math.min(1, 1 - servedShare * (1 - dependencyShare) * (1 - baselineShare) * (1 - networkShare));
  const errors = Math.min(requests, Math.round(requests * errorShare));

  const cpuOf = (stress: number) => {
    const appCpu = app.baseline.cpuPercent * (baselineUtilisation > 0 && Number.isFinite(utilisation) ? Math.min(utilisation, 1.2) / baselineUtilisation : 1);
    return clamp(appCpu + stress + 2 * noise.normal(), 0, 100);
  };
  const cpuSamples = stresses.map(cpuOf);

  const sigma = Math.log(app.baseline.latencyP99Ms / app.baseline.latencyP50Ms) / Z99;
  const timeout = (app.timeoutMs ?? 5000) / 1000;
  const latencySamples: number[] = [];
  for (let i = 0; i < LATENCY_SAMPLES_PER_STEP; i++) {
    // What decides where a request falls in the minute's distribution is drawn in strata (latency-strata.ts).
    const point = strata.next();
    const dead = point[0]!;
    const spread = point[1]!;
    if (dead < deadShare * (1 - shedShare) || up.length === 0) {
      latencySamples.push(timeout);
      continue;
    }
    const { target, reach: reached, loss: lost } = strata.place(spread, up.length);
    const cpu = cpuOf(stresses[target]!);
    // Queueing: latency grows as a target nears saturation (CPU above 85 %), and when it sheds load.
    const slowdown = (1 + Math.max(0, cpu - 85) / 15) * (utilisation > 0.9 ? 1 + (Math.min(utilisation, 3) - 0.9) * 2 : 1);
    let latency = (app.baseline.latencyP50Ms * Math.exp(sigma * normalQuantile(spread)) * slowdown) / 1000;
    latency += networkDelaySeconds(networks[target]!, azCount, noise, reached, lost);
    if (dbDown && noise.next() < (app.writeFraction ?? 0)) latency = Math.max(latency, 1);
    // A call to another service waits for its answer (a timeout when it is failing).
    for (const { fraction, callee } of calls) {
      if (callee !== undefined && callee.latencySamples.length > 0 && noise.next() < fraction) latency += callee.latencySamples[noise.int(callee.latencySamples.length)]!;
    }
    latencySamples.push(calls.length > 0 ? Math.min(latency, timeout) : latency);
  }

  return {
    service: app.name,
    at: now,
    requests,
    errors,
    errorShare: requests === 0 ? (up.length === 0 && consumed === undefined ? 1 : 0) : errors / requests,
    latencySamples,
    cpuSamples,
    healthyHosts: healthy,
    unhealthyHosts: unhealthy,
    runningTasks: targets.filter((t) => t.running()).length,
    upTargets: up.length,
  };
}

/**
 * The share of a target's requests an impairment reaches: its flows share, times the share of the
 * request's traffic that goes to the impaired destinations (AZs; none named: all of it), as traffic
 * spreads evenly over the world's AZs.
 */
function reach(impairment: NetworkImpairment, azCount: number): number {
  const destinations = impairment.sources.length === 0 ? 1 : Math.min(1, impairment.sources.length / Math.max(1, azCount));
  return impairment.flowsShare * destinations;
}

/**
 * Added latency: the delay where an impairment reaches the request, and a 200 ms TCP retransmission
 * per lost packet. The first impairment's draws are the sample's stratified ones; later ones (rare:
 * two faults on one target at once) draw freely.
 */
function networkDelaySeconds(impairments: NetworkImpairment[], azCount: number, noise: Prng, reached: number, lost: number): number {
  let seconds = 0;
  for (const [k, impairment] of impairments.entries()) {
    if ((k === 0 ? reached : noise.next()) >= reach(impairment, azCount)) continue;
    seconds += impairment.delayMs / 1000;
    if (impairment.lossShare > 0 && (k === 0 ? lost : noise.next()) < impairment.lossShare) seconds += 0.2;
  }
  return seconds;
}

/** A database or cache is down for a service while it has no writer/primary, and for the client's reconnect delay after. */
function dependencyDown(resource: { status: string; availableSince: number } | undefined, now: number, reconnectMs: number): boolean {
  if (resource === undefined) return false;
  return resource.status !== 'available' || now < resource.availableSince + reconnectMs;
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Services in an order where every service comes after those it calls (world rules reject cycles). */
export function trafficOrder(services: readonly Service[]): Service[] {
  const byName = new Map(services.map((s) => [s.spec.name, s]));
  const ordered: Service[] = [];
  const seen = new Set<string>();
  const visit = (service: Service) => {
    if (seen.has(service.spec.name)) return;
    seen.add(service.spec.name);
    for (const d of service.spec.dependsOn ?? []) {
      const callee = byName.get(d.service);
      if (callee) visit(callee);
    }
    ordered.push(service);
  };
  for (const service of services) visit(service);
  return ordered;
}
