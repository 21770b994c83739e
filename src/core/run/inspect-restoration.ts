import type { AwsPorts, DbClusterState, EcsServiceState } from '../../aws/ports.js';
import { GamedayError } from '../errors.js';
import { RECOVERY_POLL_SECONDS, RECOVERY_WAIT_SECONDS, ecsServiceKey, type EcsServiceRef, type Looked, type RestorationInspection, type RestorationNeeds } from './restoration.js';
import { pollIntervalMs, type ServiceClock } from './service-clock.js';
import { realWaits, type Waits } from './waits.js';

export type RestorationPorts = Pick<AwsPorts, 'compute' | 'databases' | 'caches' | 'containers'>;

interface Wait {
  clock: ServiceClock;
  signal?: AbortSignal;
  waits: Waits;
  /** service ms */
  deadline: number;
}

/**
 * Looks at the resources the fault touched through the ports, every kind at once. What is not back
 * yet is looked at again every RECOVERY_POLL_SECONDS of service time, until RECOVERY_WAIT_SECONDS after
 * the inspection began. A failed call is recorded as the reason, never thrown.
 */
export async function inspectRestoration(needs: RestorationNeeds, ports: RestorationPorts, options: { clock: ServiceClock; signal?: AbortSignal; waits?: Waits }): Promise<RestorationInspection> {
  const wait: Wait = { ...options, waits: options.waits ?? realWaits, deadline: options.clock.now().getTime() + RECOVERY_WAIT_SECONDS * 1000 };
  const ids = (list: { ids: string[] }[]) => [...new Set(list.flatMap((n) => n.ids))];
  const inspection: RestorationInspection = {};
  const looking: Promise<unknown>[] = [];

  const instanceIds = ids(needs.instances);
  const restarting = new Set(ids(needs.instances.filter((n) => n.restarts)));
  if (instanceIds.length > 0) {
    looking.push(look(() => settle(instanceIds, (some) => ports.compute.instanceStates(some), (id, state) => restarting.has(id) && state === 'pending', wait)).then((l) => (inspection.instances = l)));
  }
  const subnetIds = ids(needs.subnets);
  if (subnetIds.length > 0) looking.push(look(() => ports.compute.subnetsWithFisAcl(subnetIds)).then((l) => (inspection.subnetsWithFisAcl = l)));
  const clusterIds = ids(needs.dbClusters);
  if (clusterIds.length > 0) {
    const back = (state: DbClusterState) => state.status === 'available' && (state.writer?.status ?? 'available') === 'available';
    looking.push(look(() => settle(clusterIds, (some) => ports.databases.clusters(some), (_, state) => state.status !== 'not-found' && !back(state), wait)).then((l) => (inspection.dbClusters = l)));
  }
  const dbInstanceIds = ids(needs.dbInstances);
  if (dbInstanceIds.length > 0) {
    looking.push(look(() => settle(dbInstanceIds, (some) => ports.databases.instances(some), (_, state) => notAvailableYet(state.status), wait)).then((l) => (inspection.dbInstances = l)));
  }
  const groupIds = ids(needs.replicationGroups);
  if (groupIds.length > 0) {
    looking.push(look(() => settle(groupIds, (some) => ports.caches.replicationGroups(some), (_, state) => notAvailableYet(state.status), wait)).then((l) => (inspection.replicationGroups = l)));
  }
  const services = new Map(needs.ecsServices.map((n) => [ecsServiceKey(n.service), n.service]));
  if (services.size > 0) {
    const short = (state: EcsServiceState) => state.status === 'ACTIVE' && state.runningCount < state.desiredCount;
    looking.push(look(() => settle([...services.keys()], (keys) => serviceStates(ports, keys.map((k) => services.get(k)!)), (_, state) => short(state), wait)).then((l) => (inspection.ecsServices = l)));
  }
  await Promise.all(looking);
  return inspection;
}

function notAvailableYet(status: string): boolean {
  return status !== 'available' && status !== 'not-found';
}

/** Looks at `ids`, then again at those still `settling`, every poll until the deadline. */
async function settle<T>(ids: string[], describe: (ids: string[]) => Promise<Record<string, T>>, settling: (id: string, state: T) => boolean, wait: Wait): Promise<Record<string, T>> {
  const states = await describe(ids);
  const pending = () => ids.filter((id) => states[id] !== undefined && settling(id, states[id]));
  while (pending().length > 0 && wait.clock.now().getTime() < wait.deadline && !wait.signal?.aborted) {
    await wait.waits.sleep(pollIntervalMs(wait.clock.speed, RECOVERY_POLL_SECONDS), wait.signal);
    Object.assign(states, await describe(pending()));
  }
  return states;
}

/** One DescribeServices round per cluster, keyed by ecsServiceKey. */
async function serviceStates(ports: RestorationPorts, refs: EcsServiceRef[]): Promise<Record<string, EcsServiceState>> {
  const byCluster = new Map<string, string[]>();
  for (const ref of refs) byCluster.set(ref.cluster, [...(byCluster.get(ref.cluster) ?? []), ref.service]);
  const states: Record<string, EcsServiceState> = {};
  for (const [cluster, names] of byCluster) {
    const found = await ports.containers.services(cluster, names);
    for (const service of names) if (found[service]) states[ecsServiceKey({ cluster, service })] = found[service];
  }
  return states;
}

async function look<T>(describe: () => Promise<T>): Promise<Looked<T>> {
  try {
    return { found: await describe() };
  } catch (error) {
    return { error: GamedayError.is(error) ? error.message : error instanceof Error ? error.message : String(error) };
  }
}
