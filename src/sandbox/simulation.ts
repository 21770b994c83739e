/**
 * The sandbox's simulated world and the services that act on it. advanceTo() steps everything in fixed
 * virtual steps: at each minute boundary the application's metrics for the past minute go to CloudWatch
 * and alarms are evaluated; then FIS experiments advance (stop conditions see the fresh alarm states),
 * recovery behaviours run, and the step's traffic is simulated. FIS's own timings (an experiment's
 * start, an action's duration) fall between steps, at their exact instants. It is a simulation: no real resources.
 */
import type { Clock } from './clock.js';
import type { CloudWatchView, ServiceBackend } from './contracts.js';
import { createArcZonalShiftBackend } from './services/arc-zonal-shift.js';
import { createEc2Backend } from './services/ec2.js';
import { createEcsBackend } from './services/ecs.js';
import { createElastiCacheBackend } from './services/elasticache.js';
import { stepReplication } from './world/replication.js';
import { stepSpotInterruptions } from './world/spot-interruptions.js';
import { createFisService } from './services/fis.js';
import { createRdsBackend } from './services/rds.js';
import { createResilienceHubBackend } from './services/resiliencehub.js';
import { minuteDatapoints } from './world/metrics.js';
import { sameCompute, WorldModel } from './world/model.js';
import { Prng } from './world/prng.js';
import { stepQueues } from './world/queues.js';
import { servingTargets, settleFailovers, stepRecovery } from './world/recovery.js';
import { resourceStats, type ResourceStep } from './world/resource-stats.js';
import { trackTarget } from './world/scaling.js';
import { LATENCY_DIMENSIONS, LATENCY_SAMPLES_PER_STEP, simulateTraffic, trafficOrder, type StepTraffic } from './world/traffic.js';
import { LatencyStrata } from './world/latency-strata.js';
import type { World } from './world/types.js';
import { worldSnapshot } from './world/snapshot.js';
import { fisStartTiming } from './world/recovery-timings.js';

export interface Simulation {
  readonly account: string;
  readonly region: string;
  /** FIS, Resilience Hub, and EC2, RDS, ElastiCache, ECS and ARC zonal shift (read-only). */
  readonly backends: ServiceBackend[];
  /** Step the world up to `now` (virtual); never goes backwards. */
  advanceTo(now: Date): void;
  /**
   * The first instant not reached yet at which an experiment's or an alarm's state can change, if
   * nobody calls before it: a minute step (alarms are evaluated), the step FIS acts at next, or the
   * instant an experiment's own timings make its next transition due (between steps).
   */
  nextChangeAt(): number;
  /** What GetExperiment answers that can change, for every experiment, as one text to compare. */
  experimentStates(): string;
  /** JSON view of the world and the experiments, for the control API. */
  snapshot(): unknown;
}

export const STEP_MS = 10_000;
const MINUTE_MS = 60_000;
/** Minutes of steady-state history published at creation, so alarms have data before a game day starts. */
export const WARMUP_MINUTES = 5;

export function createSimulation(o: { world: World; clock: Clock; cloudwatch: CloudWatchView; seed: number }): Simulation {
  const { world, clock, cloudwatch } = o;
  const root = new Prng(o.seed);
  const noise = root.fork('noise');
  const start = Math.floor(clock.nowMs() / MINUTE_MS) * MINUTE_MS - WARMUP_MINUTES * MINUTE_MS;
  const model = new WorldModel(world, root.fork('resource-ids'), start);
  for (const service of model.services) {
    if (service.loadBalancer === undefined) continue;
    for (const target of servingTargets(model, service)) model.targetHealth.set(target.id, { state: 'healthy', passingSince: start });
  }
  // The application keeps the noise stream it always had; other services and the resources get their own.
  const noiseOf = new Map(model.services.map((svc, i) => [svc.spec.name, i === 0 ? noise : root.fork(`service:${svc.spec.name}`)]));
  // One minute's latency samples (six steps) are one block of strata, per service.
  const strataOf = new Map(model.services.map((svc) => [svc.spec.name, new LatencyStrata(root.fork(`latency:${svc.spec.name}`), (MINUTE_MS / STEP_MS) * LATENCY_SAMPLES_PER_STEP, LATENCY_DIMENSIONS)]));
  const resourceNoise = root.fork('resources');
  const order = trafficOrder(model.services);
  const application = world.spec.application.name;
  const fis = createFisService({ model, cloudwatch, clock, rng: root.fork('fis'), start: fisStartTiming(world.spec.fis) });
  const resiliencehub = createResilienceHubBackend({ world, clock });

  let lastStep = start - STEP_MS;
  let minuteSteps: StepTraffic[] = [];
  let minuteResources: ResourceStep[] = [];
  let minuteDataLoss = 0;
  let lastTraffic: StepTraffic | undefined;

  /** Target tracking: each group's policy sees the minute's average of its metric. */
  const scaleGroups = () => {
    for (const group of model.autoScalingGroups.values()) {
      const scaling = group.spec.scaling;
      const service = model.services.find((svc) => sameCompute(svc.spec.servedBy, { autoScalingGroup: group.spec.name }));
      if (scaling === undefined || service === undefined) continue;
      const steps = minuteSteps.filter((s) => s.service === service.spec.name);
      const cpu = steps.flatMap((s) => s.cpuSamples);
      const perTarget = steps.reduce((n, s) => n + s.requests / Math.max(1, s.upTargets), 0);
      const value = scaling.targetTracking.metric === 'ASGAverageCPUUtilization' ? cpu.reduce((a, b) => a + b, 0) / Math.max(1, cpu.length) : perTarget;
      trackTarget(group, value);
    }
  };

  const step = (t: number) => {
    // What FIS had due before this instant happened before this minute's alarms were evaluated.
    fis.settle(t - 1);
    if (t % MINUTE_MS === 0 && minuteSteps.length > 0) {
      cloudwatch.putMetricData(minuteDatapoints(world.spec.metrics, { minuteStart: t - MINUTE_MS, traffic: minuteSteps, resources: minuteResources, dataLossSeconds: minuteDataLoss }, { service: application }));
      cloudwatch.evaluateAlarms(new Date(t));
      scaleGroups();
      minuteSteps = [];
      minuteResources = [];
      minuteDataLoss = 0;
    }
    fis.step(t);
    stepSpotInterruptions(model, t);
    stepReplication(model, STEP_MS);
    stepRecovery(model, t);
    const traffic = new Map<string, StepTraffic>();
    for (const service of order) traffic.set(service.spec.name, simulateTraffic(model, service, t, STEP_MS, noiseOf.get(service.spec.name)!, strataOf.get(service.spec.name)!, traffic));
    minuteResources.push(resourceStats(model, t, traffic, stepQueues(model, t, STEP_MS, traffic), resourceNoise));
    lastTraffic = traffic.get(application);
    minuteSteps.push(...traffic.values());
    for (const event of model.dataLossEvents.splice(0)) minuteDataLoss = Math.max(minuteDataLoss, event.seconds);
    for (const db of model.databases.values()) if (db.status === 'down') minuteDataLoss = Math.max(minuteDataLoss, db.dataLossSeconds);
  };

  const simulation: Simulation = {
    account: world.spec.account,
    region: world.spec.region,
    backends: [fis.backend, resiliencehub, createEc2Backend({ model }), createRdsBackend({ model }), createElastiCacheBackend({ model }), createEcsBackend({ model }), createArcZonalShiftBackend({ model })],
    advanceTo(now) {
      const target = now.getTime();
      while (lastStep + STEP_MS <= target) {
        lastStep += STEP_MS;
        step(lastStep);
      }
      // FIS keeps its own time between steps: an experiment starts when its timings say, not on the step grid;
      // so does a failover's end.
      fis.settle(target);
      settleFailovers(model, target);
    },
    nextChangeAt() {
      const next = lastStep + STEP_MS;
      const stepFrom = (t: number) => (t <= next ? next : next + Math.ceil((t - next) / STEP_MS) * STEP_MS);
      const experiments = fis.nextChangeAt();
      return Math.min(stepFrom(Math.ceil(next / MINUTE_MS) * MINUTE_MS), stepFrom(experiments.step), experiments.instant);
    },
    experimentStates: () => fis.states(),
    snapshot() {
      return {
        simulation: true,
        world: world.metadata.name,
        seed: o.seed,
        steppedTo: new Date(lastStep).toISOString(),
        ...worldSnapshot(model, lastStep),
        lastStep: lastTraffic === undefined ? undefined : { requests: lastTraffic.requests, errors: lastTraffic.errors, healthyHosts: lastTraffic.healthyHosts, unhealthyHosts: lastTraffic.unhealthyHosts, runningTasks: lastTraffic.runningTasks },
        fis: fis.snapshot(),
      };
    },
  };
  simulation.advanceTo(clock.now());
  // Created after the warm-up history is published: each alarm's first evaluation, at its creation, sees it.
  for (const alarm of world.spec.alarms) cloudwatch.putMetricAlarm(alarm);
  for (const composite of world.spec.compositeAlarms ?? []) cloudwatch.putCompositeAlarm(composite);
  return simulation;
}
