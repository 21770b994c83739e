/**
 * Recovery behaviours of the simulated application, applied once per simulation step: the load
 * balancer's health checks, Auto Scaling replacing and rebalancing capacity, the database failing over
 * (or staying down when it has nowhere to go), the cache promoting a replica, ECS replacing stopped tasks.
 */
import { stressAt, type AutoScalingGroup, type DatabaseCluster, type EcsTask, type Instance, type NetworkImpairment, type Service, type TargetHealth, type WorldModel } from './model.js';
import { requireDurationSeconds } from '../../core/duration.js';

export function stepRecovery(model: WorldModel, now: number): void {
  for (const instance of model.instances.values()) {
    if (instance.state === 'pending' && now >= instance.readyAt) {
      instance.state = 'running';
      instance.registered = true;
    }
    // EC2 status checks fail for a stopped instance; a pending one is not in service yet.
    if (instance.state === 'running' || instance.state === 'pending') delete instance.unhealthySince;
    else if (instance.unhealthySince === undefined && instance.state !== 'terminated') instance.unhealthySince = now;
  }
  for (const group of model.autoScalingGroups.values()) stepAutoScaling(model, group, now);
  settleFailovers(model, now);
  stepEcs(model, now);
  for (const service of model.services) stepHealthChecks(model, service, now);
}

/**
 * When the group's health checks found the instance unhealthy: EC2 status checks when it left running,
 * and with ELB health checks also when the load balancer marked its target unhealthy.
 */
function unhealthySince(model: WorldModel, group: AutoScalingGroup, instance: Instance): number | undefined {
  const target = group.spec.healthCheckType === 'ELB' ? model.targetHealth.get(instance.id) : undefined;
  const times = [instance.unhealthySince, target?.state === 'unhealthy' ? target.unhealthySince : undefined].filter((t): t is number => t !== undefined);
  return times.length ? Math.min(...times) : undefined;
}

function stepAutoScaling(model: WorldModel, group: AutoScalingGroup, now: number): void {
  // An unhealthy instance is terminated and replaced replaceUnhealthyAfter later, never inside its grace period.
  for (const instance of model.groupInstances(group)) {
    const drained = instance.drainingUntil !== undefined && now >= instance.drainingUntil;
    const since = unhealthySince(model, group, instance);
    const inGrace = instance.graceUntil !== undefined && now < instance.graceUntil;
    if (drained || (since !== undefined && !inGrace && now - since >= group.replaceAfterSeconds * 1000)) {
      instance.state = 'terminated';
      model.targetHealth.delete(instance.id);
    }
  }
  // A draining instance is already leaving: the group counts it out.
  const live = model.groupInstances(group).filter((i) => i.drainingUntil === undefined);
  // A zonal shift makes the group treat the AZ as impaired: no launches there, and no rebalancing until it ends.
  const shifted = model.shiftedAway(group.arn, now);
  const launchable = group.spec.availabilityZones.filter((az) => (group.insufficientCapacity.get(az)?.size ?? 0) === 0 && !shifted.has(az));
  const perAz = (az: string, list: Instance[]) => list.filter((i) => i.availabilityZone === az).length;
  if (live.length < group.desiredCapacity && launchable.length > 0) {
    // Launch one per step into the least-populated AZ that has capacity, as Auto Scaling balances AZs.
    const az = [...launchable].sort((a, b) => perAz(a, live) - perAz(b, live))[0]!;
    model.launchInstance(group, az, now);
    return;
  }
  // AZ rebalancing: once capacity is back, launch in an under-populated AZ first, then terminate the surplus.
  const inService = live.filter((i) => i.state === 'running');
  if (live.length === group.desiredCapacity && inService.length === live.length && launchable.length === group.spec.availabilityZones.length) {
    const counts = group.spec.availabilityZones.map((az) => ({ az, n: perAz(az, live) }));
    const min = counts.reduce((a, b) => (b.n < a.n ? b : a));
    const max = counts.reduce((a, b) => (b.n > a.n ? b : a));
    if (max.n - min.n > 1) model.launchInstance(group, min.az, now);
  }
  if (live.length > group.desiredCapacity && inService.length >= group.desiredCapacity) {
    const counts = group.spec.availabilityZones.map((az) => ({ az, n: perAz(az, live) }));
    const max = counts.reduce((a, b) => (b.n > a.n ? b : a));
    const victim = live.find((i) => i.availabilityZone === max.az && i.state === 'running');
    const lb = model.loadBalancerOf({ autoScalingGroup: group.spec.name });
    if (victim && lb !== undefined && victim.registered) {
      // Deregistered from the target group first: in-flight requests finish during the deregistration delay.
      victim.drainingUntil = now + lb.healthCheck.deregistrationDelaySeconds * 1000;
    } else if (victim) {
      victim.state = 'terminated';
      model.targetHealth.delete(victim.id);
    }
  }
}

/**
 * Databases and caches fail over, restart and come back at their own instants, not on the 10-s step
 * grid: a failover starts at the instant of the FIS action that causes it (FailoverDBCluster, a reboot, the
 * nodes' power cut) and ends `failoverSeconds` later, so what DescribeDBClusters shows lasts the deployment's published
 * time wherever the fault lands between steps (docs/sandbox-world.md, recovery timings).
 */
export function settleFailovers(model: WorldModel, now: number): void {
  settleDatabases(model, now);
  settleCaches(model, now);
}

function settleDatabases(model: WorldModel, now: number): void {
  for (const db of model.databases.values()) {
    if ((db.status === 'failing-over' || db.status === 'restarting') && now >= db.availableAt) {
      db.status = 'available';
      db.availableSince = db.availableAt;
    }
    if (db.status === 'down' && !model.isAzImpaired(db.writerAz)) {
      db.status = 'restarting';
      db.availableAt = now + requireDurationSeconds(db.spec.restartAfterAzRecovery ?? 'PT5M') * 1000;
    }
  }
}

/** Aurora promotes a reader in a healthy AZ; a cluster with none loses its writer with the AZ. */
export function failOverDatabase(model: WorldModel, db: DatabaseCluster, now: number): void {
  const target = db.readerAzs.find((az) => az !== db.writerAz && !model.isAzImpaired(az));
  if (target !== undefined) {
    db.readerAzs = [...db.readerAzs.filter((az) => az !== target), db.writerAz];
    db.writerAz = target;
    db.status = 'failing-over';
    db.availableAt = now + db.failoverSeconds * 1000;
    db.dataLossSeconds = 0;
    model.dataLossEvents.push({ at: now, seconds: 0 });
    return;
  }
  if (model.isAzImpaired(db.writerAz)) {
    db.status = 'down';
    db.dataLossSeconds = db.spec.dataLossOnAzLossSeconds ?? 0;
    model.dataLossEvents.push({ at: now, seconds: db.dataLossSeconds });
    return;
  }
  // No reader to promote: FailoverDBCluster restarts the writer in place.
  db.status = 'restarting';
  db.availableAt = now + db.restartSeconds * 1000;
}

function settleCaches(model: WorldModel, now: number): void {
  for (const cache of model.caches.values()) {
    // Only the action that cuts the nodes' power fails a cache over: capacity errors or a subnet disruption in its AZ do not.
    const primaryLost = (cache.poweredOff.get(cache.primaryAz)?.size ?? 0) > 0;
    if ((cache.status === 'failing-over' && now >= cache.availableAt) || (cache.status === 'down' && !primaryLost)) {
      cache.availableSince = cache.status === 'failing-over' ? cache.availableAt : now;
      cache.status = 'available';
    }
    if (cache.status !== 'available' || !primaryLost) continue;
    const target = cache.replicaAzs.find((az) => (cache.poweredOff.get(az)?.size ?? 0) === 0);
    if (target === undefined) {
      cache.status = 'down';
      continue;
    }
    cache.replicaAzs = [...cache.replicaAzs.filter((az) => az !== target), cache.primaryAz];
    cache.primaryAz = target;
    cache.status = 'failing-over';
    cache.availableAt = now + cache.failoverSeconds * 1000;
  }
}

function stepEcs(model: WorldModel, now: number): void {
  for (const service of model.ecsServices.values()) {
    const due = service.pendingReplacements.filter((r) => r.at <= now);
    service.pendingReplacements = service.pendingReplacements.filter((r) => r.at > now);
    for (const replacement of due) {
      const az = model.isAzImpaired(replacement.availabilityZone)
        ? (service.spec.availabilityZones.find((a) => !model.isAzImpaired(a)) ?? replacement.availabilityZone)
        : replacement.availabilityZone;
      model.startTask(service, az, now);
    }
  }
}

/** ALB target health: a target turns unhealthy after `unhealthyThreshold` failed checks, healthy after `healthyThreshold` passes. */
function stepHealthChecks(model: WorldModel, service: Service, now: number): void {
  const lb = service.loadBalancer;
  if (lb === undefined) return;
  const check = lb.healthCheck;
  const interval = check.intervalSeconds * 1000;
  for (const target of servingTargets(model, service)) {
    const up = target.up(now);
    const health: TargetHealth = model.targetHealth.get(target.id) ?? { state: 'initial' };
    if (up) {
      delete health.failingSince;
      health.passingSince ??= now;
      if (health.state !== 'healthy' && now - health.passingSince >= check.healthyThreshold * interval) {
        health.state = 'healthy';
        delete health.unhealthySince;
      }
    } else {
      delete health.passingSince;
      health.failingSince ??= now;
      if (health.state !== 'unhealthy' && now - health.failingSince >= check.unhealthyThreshold * interval) {
        health.state = 'unhealthy';
        health.unhealthySince = now;
      }
    }
    model.targetHealth.set(target.id, health);
  }
}

export interface ServingTarget {
  id: string;
  availabilityZone: string;
  up(now: number): boolean;
  /** In the running state (what ECS counts as a running task), whether or not it can serve. */
  running(): boolean;
  /** CPU stress load percent currently applied to the target. */
  stress(now: number): number;
  /** Latency and packet loss on its traffic (FIS network actions). */
  network(): NetworkImpairment[];
}

/**
 * What does a service's work: the targets registered behind its load balancer (a draining one takes no
 * new requests), or, for a worker, every instance or task of its compute. Each instance and task has
 * one ServingTarget for its lifetime: every service asks for its targets twice a step.
 */
export function servingTargets(model: WorldModel, service: Service = model.services[0]!): ServingTarget[] {
  const servedBy = service.spec.servedBy;
  const behindLb = service.loadBalancer !== undefined;
  const out: ServingTarget[] = [];
  if ('autoScalingGroup' in servedBy) {
    const group = model.autoScalingGroups.get(servedBy.autoScalingGroup);
    if (!group) return out;
    for (const i of model.groupInstances(group)) if (behindLb ? i.registered && i.drainingUntil === undefined : i.state === 'running') out.push(instanceTarget(model, i));
    return out;
  }
  const ecs = model.ecsServices.get(`${servedBy.ecsService.cluster}/${servedBy.ecsService.service}`);
  if (!ecs) return out;
  for (const t of model.serviceTasks(ecs)) if (t.state === 'RUNNING') out.push(taskTarget(model, t));
  return out;
}

const targets = new WeakMap<Instance | EcsTask, ServingTarget>();

function instanceTarget(model: WorldModel, i: Instance): ServingTarget {
  let target = targets.get(i);
  if (target === undefined) {
    target = {
      id: i.id,
      availabilityZone: i.availabilityZone,
      up: (now: number) => model.instanceUp(i, now),
      running: () => i.state === 'running',
      stress: (now: number) => stressAt(i.cpuStress, now),
      network: () => [...i.network.values()],
    };
    targets.set(i, target);
  }
  return target;
}

function taskTarget(model: WorldModel, t: EcsTask): ServingTarget {
  let target = targets.get(t);
  if (target === undefined) {
    target = { id: t.id, availabilityZone: t.availabilityZone, up: () => model.taskUp(t), running: () => true, stress: (now: number) => stressAt(t.cpuStress, now), network: () => [...t.network.values()] };
    targets.set(t, target);
  }
  return target;
}
