/**
 * What the managed services report about themselves each step (the AWS/RDS, AWS/ElastiCache and
 * AWS/AutoScaling metrics), derived from their state and the traffic of the services using them.
 */
import type { WorldModel } from './model.js';
import type { Prng } from './prng.js';
import type { QueueStep } from './queues.js';
import type { StepTraffic } from './traffic.js';

export interface ResourceStep {
  at: number;
  databases: { id: string; connections: number; writerAvailable: number; replicaLagMs?: number }[];
  caches: { id: string; connections: number; engineCpu: number; replicationLagSeconds?: number }[];
  groups: { name: string; desired: number; inService: number }[];
  queues: QueueStep[];
  stores: { name: string; lagSeconds: number }[];
}

/** Connections one running target holds in its pool when the world does not say. */
const DEFAULT_CONNECTIONS_PER_TARGET = 10;

export function resourceStats(model: WorldModel, now: number, traffic: ReadonlyMap<string, StepTraffic>, queues: QueueStep[], noise: Prng): ResourceStep {
  const clientsOf = (uses: (spec: WorldModel['services'][number]['spec']) => boolean, reachable: (reconnectMs: number) => boolean) =>
    model.services
      .filter((s) => uses(s.spec) && reachable(s.clientReconnectMs))
      .reduce((n, s) => n + (traffic.get(s.spec.name)?.upTargets ?? 0) * (s.spec.connectionsPerTarget ?? DEFAULT_CONNECTIONS_PER_TARGET), 0);
  return {
    at: now,
    databases: [...model.databases.values()].map((db) => {
      const available = db.status === 'available';
      const connections = available ? clientsOf((s) => s.database === db.spec.identifier, (ms) => now >= db.availableSince + ms) : 0;
      // AuroraReplicaLag is reported by readers: tens of milliseconds in steady state, none during a failover.
      const lag = available && db.readerAzs.length > 0 ? Math.max(1, 20 + 5 * noise.normal()) : undefined;
      return { id: db.spec.identifier, connections, writerAvailable: available ? 1 : 0, ...(lag === undefined ? {} : { replicaLagMs: Math.round(lag * 100) / 100 }) };
    }),
    caches: [...model.caches.values()].map((cache) => {
      const available = cache.status === 'available';
      const users = model.services.filter((s) => s.spec.cache === cache.spec.id);
      const load = users.reduce((n, s) => n + (traffic.get(s.spec.name)?.requests ?? 0) * (s.spec.cacheFraction ?? 0), 0);
      const connections = available ? clientsOf((s) => s.cache === cache.spec.id, (ms) => now >= cache.availableSince + ms) : 0;
      const engineCpu = available ? Math.min(100, Math.max(0, 5 + load / 200 + noise.normal())) : 0;
      const lag = available && cache.replicaAzs.length > 0 ? Math.max(0, 0.02 + 0.005 * noise.normal()) : undefined;
      return { id: cache.spec.id, connections, engineCpu: Math.round(engineCpu * 100) / 100, ...(lag === undefined ? {} : { replicationLagSeconds: Math.round(lag * 1000) / 1000 }) };
    }),
    groups: [...model.autoScalingGroups.values()].map((g) => ({ name: g.spec.name, desired: g.desiredCapacity, inService: model.groupInstances(g).filter((i) => i.state === 'running' && i.drainingUntil === undefined).length })),
    queues,
    stores: [...model.stores.values()].map((st) => ({ name: st.spec.name, lagSeconds: Math.round(st.lagSeconds * 10) / 10 })),
  };
}
