/** A JSON view of the simulated world's state (control API, debugging, tests). */
import { stressAt, ZONAL_SHIFT_DRAIN_MS, type WorldModel } from './model.js';

export function worldSnapshot(model: WorldModel, now: number): Record<string, unknown> {
  const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
  return {
    impairedAvailabilityZones: [...model.impairedAzs.keys()].sort(),
    /** role ARN → AZs where EC2 launches by that role fail with InsufficientInstanceCapacity */
    launchErrors: Object.fromEntries([...model.launchErrors.entries()].filter(([, azs]) => azs.size > 0).map(([role, azs]) => [role, [...azs.keys()].sort()])),
    instances: [...model.instances.values()].map((i) => ({
      id: i.id,
      availabilityZone: i.availabilityZone,
      state: i.state,
      autoScalingGroup: i.autoScalingGroup,
      up: model.instanceUp(i, now),
      targetHealth: model.targetHealth.get(i.id)?.state,
      cpuStress: stressAt(i.cpuStress, now),
    })),
    autoScalingGroups: [...model.autoScalingGroups.values()].map((g) => ({
      name: g.spec.name,
      desiredCapacity: g.desiredCapacity,
      insufficientCapacityIn: [...g.insufficientCapacity.keys()].sort(),
      inService: model.groupInstances(g).filter((i) => i.state === 'running' && i.drainingUntil === undefined).length,
    })),
    subnets: [...model.subnets.values()].map((s) => ({ id: s.id, availabilityZone: s.availabilityZone, disrupted: s.disruptedBy.size > 0 })),
    volumes: [...model.volumes.values()].map((v) => ({ id: v.id, availabilityZone: v.availabilityZone, paused: v.pausedBy.size > 0 })),
    databases: [...model.databases.values()].map((d) => ({ identifier: d.spec.identifier, writerAvailabilityZone: d.writerAz, readerAvailabilityZones: d.readerAzs, status: d.status, availableAt: d.status === 'available' ? undefined : iso(d.availableAt) })),
    caches: [...model.caches.values()].map((c) => ({ id: c.spec.id, primaryAvailabilityZone: c.primaryAz, replicaAvailabilityZones: c.replicaAzs, status: c.status })),
    /** ARC zonal shifts in effect; the load balancer's traffic has left the AZ from `trafficAwayFrom`. */
    zonalShifts: model.zonalShifts.map((z) => ({
      resourceArn: z.resourceArn,
      awayFrom: z.awayFrom,
      startedAt: iso(z.startedAt),
      ...(model.services.some((svc) => svc.loadBalancer?.arn === z.resourceArn) ? { trafficAwayFrom: iso(z.startedAt + ZONAL_SHIFT_DRAIN_MS) } : {}),
    })),
    queues: [...model.queues.values()].map((q) => ({ name: q.spec.name, visible: q.backlog.reduce((n, b) => n + b.count, 0), oldestMessageSentAt: iso(q.backlog[0]?.at) })),
    tasks: [...model.tasks.values()].map((t) => ({ arn: t.arn, cluster: t.cluster, service: t.service, availabilityZone: t.availabilityZone, state: t.state, targetHealth: model.targetHealth.get(t.id)?.state, stoppedAt: iso(t.stoppedAt), stoppedReason: t.stoppedReason })),
  };
}
