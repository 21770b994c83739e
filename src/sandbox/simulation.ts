/**
 * The sandbox's simulated world and the services that act on it. advanceTo() steps everything in fixed
 * virtual steps: at each minute boundary the application's metrics for the past minute go to CloudWatch
 * and alarms are evaluated; then FIS experiments advance (stop conditions see the fresh alarm states),
 * recovery behaviours run, and the step's traffic is simulated. It is a simulation: no real resources.
 */
import type { Clock } from './clock.js';
import type { CloudWatchView, ServiceBackend } from './contracts.js';
import { createEc2Backend } from './services/ec2.js';
import { createEcsBackend } from './services/ecs.js';
import { createElastiCacheBackend } from './services/elasticache.js';
import { createFisService } from './services/fis.js';
import { createRdsBackend } from './services/rds.js';
import { createResilienceHubBackend } from './services/resiliencehub.js';
import { minuteDatapoints } from './world/metrics.js';
import { WorldModel } from './world/model.js';
import { Prng } from './world/prng.js';
import { servingTargets, stepRecovery } from './world/recovery.js';
import { simulateTraffic, type StepTraffic } from './world/traffic.js';
import type { World } from './world/types.js';
import { worldSnapshot } from './world/snapshot.js';

export interface Simulation {
  readonly account: string;
  readonly region: string;
  /** FIS, Resilience Hub, and EC2, RDS, ElastiCache and ECS (read-only). */
  readonly backends: ServiceBackend[];
  /** Step the world up to `now` (virtual); never goes backwards. */
  advanceTo(now: Date): void;
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
  for (const target of servingTargets(model)) model.targetHealth.set(target.id, { state: 'healthy', passingSince: start });
  const fis = createFisService({ model, cloudwatch, clock, rng: root.fork('fis') });
  const resiliencehub = createResilienceHubBackend({ world, clock });

  let lastStep = start - STEP_MS;
  let minuteSteps: StepTraffic[] = [];
  let minuteDataLoss = 0;
  let lastTraffic: StepTraffic | undefined;

  const step = (t: number) => {
    if (t % MINUTE_MS === 0 && minuteSteps.length > 0) {
      cloudwatch.putMetricData(minuteDatapoints(world.spec.metrics, t - MINUTE_MS, minuteSteps, minuteDataLoss));
      cloudwatch.evaluateAlarms(new Date(t));
      minuteSteps = [];
      minuteDataLoss = 0;
    }
    fis.step(t);
    stepRecovery(model, t);
    lastTraffic = simulateTraffic(model, t, STEP_MS, noise);
    minuteSteps.push(lastTraffic);
    for (const event of model.dataLossEvents.splice(0)) minuteDataLoss = Math.max(minuteDataLoss, event.seconds);
    for (const db of model.databases.values()) if (db.status === 'down') minuteDataLoss = Math.max(minuteDataLoss, db.dataLossSeconds);
  };

  const simulation: Simulation = {
    account: world.spec.account,
    region: world.spec.region,
    backends: [fis.backend, resiliencehub, createEc2Backend({ model }), createRdsBackend({ model }), createElastiCacheBackend({ model }), createEcsBackend({ model })],
    advanceTo(now) {
      const target = now.getTime();
      while (lastStep + STEP_MS <= target) {
        lastStep += STEP_MS;
        step(lastStep);
      }
    },
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
  return simulation;
}
