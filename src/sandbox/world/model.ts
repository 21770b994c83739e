/**
 * The simulated application's resources and their state (a simulation, not AWS): instances, Auto
 * Scaling groups, subnets, volumes, the database, the cache and ECS tasks, plus the fault effects active
 * on them. Recovery behaviours (recovery.ts) and fault effects (faults.ts) change this state; traffic.ts
 * reads it to produce what users see.
 */
import { requireDurationSeconds } from '../../core/duration.js';
import type { Prng } from './prng.js';
import { autoScalingTiming, databaseTiming, healthCheckTiming, type HealthCheckTiming } from './recovery-timings.js';
import type { AutoScalingGroupSpec, EcsServiceSpec, ElastiCacheSpec, QueueSpec, RdsClusterSpec, ReplicatedStoreSpec, ServiceSpec, Tags, World, WorldSpec } from './types.js';

export type InstanceStateName = 'pending' | 'running' | 'stopping' | 'stopped' | 'shutting-down' | 'terminated';

export interface Instance {
  id: string;
  arn: string;
  availabilityZone: string;
  subnetId: string;
  instanceType: string;
  tags: Tags;
  autoScalingGroup?: string;
  state: InstanceStateName;
  /** ms; a pending instance becomes running at this time. */
  readyAt: number;
  /** Registered behind the load balancer: from its first time running (a launching instance is not yet). */
  registered: boolean;
  /** ms; a rebooting instance serves nothing until then. */
  rebootingUntil: number;
  /** ms when the instance last left `running` (the ASG's health check counts from here). */
  unhealthySince?: number;
  /** ms; launched by its group during the run: not found unhealthy before then (the health check grace period). */
  graceUntil?: number;
  /** ms; deregistered from the load balancer, terminated when its deregistration delay ends. */
  drainingUntil?: number;
  /** CPU stress (SSM AWSFIS-Run-CPU-Stress) by effect id. */
  cpuStress: Map<string, CpuStress>;
  /** Network latency or packet loss (AWSFIS-Run-Network-*-Sources) by effect id. */
  network: Map<string, NetworkImpairment>;
  spot: boolean;
  /** ms; a Spot interruption notice was sent: the instance is interrupted (terminated) then. */
  interruptAt?: number;
}

/**
 * Latency or packet loss on a target's egress (FIS network actions): `flowsShare` of its flows, to
 * `sources` (AZ names; empty = everywhere). Traffic between a service's targets and its dependencies
 * goes to other AZs in the share `crossAzShare` of the world's AZs.
 */
export interface NetworkImpairment {
  delayMs: number;
  lossShare: number;
  flowsShare: number;
  sources: string[];
}

/** An S3 bucket or DynamoDB global table replicating to another Region; paused replication leaves it behind. */
export interface ReplicatedStore {
  spec: ReplicatedStoreSpec;
  arn: string;
  pausedBy: Set<string>;
  lagSeconds: number;
}

/** Load percent a stress adds, until when (the stress document's own DurationSeconds may end it before the action). */
export interface CpuStress {
  load: number;
  until: number;
}

export function stressAt(stresses: ReadonlyMap<string, CpuStress>, now: number): number {
  let load = 0;
  for (const s of stresses.values()) if (now < s.until) load = Math.max(load, s.load);
  return load;
}

export interface AutoScalingGroup {
  spec: AutoScalingGroupSpec;
  arn: string;
  desiredCapacity: number;
  /** AZ name → effect ids injecting InsufficientInstanceCapacity into this group's launches. */
  insufficientCapacity: Map<string, Set<string>>;
  launchSeconds: number;
  replaceAfterSeconds: number;
  gracePeriodSeconds: number;
  /** Per-minute averages of the tracked metric, newest last (target tracking scaling). */
  trackedMetric: number[];
}

export interface Subnet {
  id: string;
  arn: string;
  availabilityZone: string;
  vpcId: string;
  tags: Tags;
  disruptedBy: Set<string>;
}

export interface Volume {
  id: string;
  arn: string;
  availabilityZone: string;
  attachedTo?: string;
  deleteOnTermination: boolean;
  tags: Tags;
  pausedBy: Set<string>;
}

export type DatabaseStatus = 'available' | 'failing-over' | 'down' | 'restarting';

export interface DatabaseCluster {
  spec: RdsClusterSpec;
  arn: string;
  writerAz: string;
  readerAzs: string[];
  status: DatabaseStatus;
  /** ms; when failing-over / restarting ends. */
  availableAt: number;
  failoverSeconds: number;
  /** Write outage of a restart in place (no reader to promote). */
  restartSeconds: number;
  /** ms when the writer last became available again (clients reconnect after their own delay). */
  availableSince: number;
  /** Seconds of committed writes lost by the latest outage (0 for a failover onto shared storage). */
  dataLossSeconds: number;
}

/** One DB instance of a cluster, as RDS lists it among the cluster's members. */
export interface DatabaseInstance {
  id: string;
  arn: string;
  availabilityZone: string;
  isWriter: boolean;
}

export interface CacheGroup {
  spec: ElastiCacheSpec;
  arn: string;
  primaryAz: string;
  replicaAzs: string[];
  /** AZ name → effect ids cutting power to this group's nodes there. */
  poweredOff: Map<string, Set<string>>;
  status: 'available' | 'failing-over' | 'down';
  availableAt: number;
  availableSince: number;
  failoverSeconds: number;
}

/** One node (member cluster) of a replication group and its current role. */
export interface CacheMember {
  id: string;
  availabilityZone: string;
  role: 'primary' | 'replica';
}

export interface EcsTask {
  id: string;
  arn: string;
  cluster: string;
  service: string;
  availabilityZone: string;
  state: 'RUNNING' | 'STOPPED';
  startedAt: number;
  stoppedAt?: number;
  stoppedReason?: string;
  cpuStress: Map<string, CpuStress>;
  network: Map<string, NetworkImpairment>;
}

export interface EcsService {
  cluster: string;
  spec: EcsServiceSpec;
  clusterArn: string;
  arn: string;
  tags: Tags;
  replaceAfterSeconds: number;
  /** Replacement tasks the scheduler will start: when, and the AZ of the task they replace. */
  pendingReplacements: { at: number; availabilityZone: string }[];
}

export interface LoadBalancer {
  name: string;
  arn: string;
  tags: Tags;
  /** The AZs of what it serves (the group's or the ECS service's). */
  availabilityZones: string[];
  healthCheck: HealthCheckTiming;
}

/** A service of the world (the application first) and its load balancer, if it has one. */
export interface Service {
  spec: ServiceSpec;
  loadBalancer?: LoadBalancer;
  /** ms of client-side lag after a dependency is back (DNS cache, connection pool). */
  clientReconnectMs: number;
}

/** An SQS queue: messages waiting, oldest first, as (sent at, count) batches. */
export interface Queue {
  spec: QueueSpec;
  arn: string;
  url: string;
  backlog: { at: number; count: number }[];
}

/** An ARC zonal shift in effect: a managed resource's traffic moved away from one AZ. */
export interface ZonalShift {
  effectId: string;
  resourceArn: string;
  awayFrom: string;
  startedAt: number;
}

/**
 * ARC creates a zonal shift at once, but connections already in the AZ take "a short time, typically up
 * to a few minutes" to complete (StartZonalShift API reference); the sandbox takes one minute before the
 * load balancer's traffic has left the AZ.
 */
export const ZONAL_SHIFT_DRAIN_MS = 60_000;

/** What the load balancer's health checks last concluded about a target. */
export interface TargetHealth {
  /** `initial` until a new target passes its first checks; ALB counts it neither healthy nor unhealthy. */
  state: 'initial' | 'healthy' | 'unhealthy';
  /** ms since the target has been failing / passing its health check without interruption */
  failingSince?: number;
  passingSince?: number;
  /** ms when it was last marked unhealthy (an Auto Scaling group with ELB health checks counts from here). */
  unhealthySince?: number;
}

export class WorldModel {
  readonly account: string;
  readonly region: string;
  readonly azNameById = new Map<string, string>();
  readonly azIdByName = new Map<string, string>();
  /** spec.accounts: each other account's name for each of the world's AZ names. */
  private readonly localAzNames = new Map<string, Map<string, string>>();
  readonly instances = new Map<string, Instance>();
  readonly autoScalingGroups = new Map<string, AutoScalingGroup>();
  readonly subnets = new Map<string, Subnet>();
  readonly volumes = new Map<string, Volume>();
  readonly databases = new Map<string, DatabaseCluster>();
  readonly caches = new Map<string, CacheGroup>();
  readonly ecsServices = new Map<string, EcsService>();
  readonly tasks = new Map<string, EcsTask>();
  readonly roles = new Map<string, { name: string; arn: string; tags: Tags }>();
  readonly targetHealth = new Map<string, TargetHealth>();
  /** The application first, then spec.services in order. */
  readonly services: Service[];
  readonly queues = new Map<string, Queue>();
  readonly transitGateways = new Map<string, { id: string; arn: string; tags: Tags; disruptedBy: Set<string> }>();
  readonly stores = new Map<string, ReplicatedStore>();
  /** The application's load balancer. */
  readonly loadBalancer: LoadBalancer;
  readonly zonalShifts: ZonalShift[] = [];
  /** AZ name → effect ids of AZ-wide impairments (power, capacity, connectivity). */
  readonly impairedAzs = new Map<string, Set<string>>();
  /** role ARN → AZ name → effect ids (EC2 API InsufficientInstanceCapacity for calls by that role). */
  readonly launchErrors = new Map<string, Map<string, Set<string>>>();
  /** Data-loss events (ms, seconds lost) not yet published. */
  readonly dataLossEvents: { at: number; seconds: number }[] = [];

  constructor(
    readonly world: World,
    private readonly ids: Prng,
    now: number,
  ) {
    const s = world.spec;
    this.account = s.account;
    this.region = s.region;
    for (const az of s.availabilityZones) {
      this.azNameById.set(az.id, az.name);
      this.azIdByName.set(az.name, az.id);
    }
    for (const other of s.accounts ?? []) {
      const byId = new Map((other.availabilityZones ?? []).map((az) => [az.id, az.name]));
      this.localAzNames.set(other.account, new Map(s.availabilityZones.map((az) => [az.name, byId.get(az.id) ?? az.name])));
    }
    this.services = [s.application, ...(s.services ?? [])].map((spec) => ({
      spec,
      ...(spec.loadBalancer === undefined
        ? {}
        : {
            loadBalancer: {
              name: spec.loadBalancer.name,
              arn: this.arn('elasticloadbalancing', `loadbalancer/${spec.loadBalancer.name}`),
              tags: spec.loadBalancer.tags ?? {},
              availabilityZones: servedAvailabilityZones(s, spec),
              healthCheck: healthCheckTiming(spec.loadBalancer),
            },
          }),
      clientReconnectMs: spec.clientReconnectDelay === undefined ? 0 : requireDurationSeconds(spec.clientReconnectDelay) * 1000,
    }));
    this.loadBalancer = this.services[0]!.loadBalancer!;
    for (const spec of s.queues ?? []) {
      this.queues.set(spec.name, { spec, arn: this.arn('sqs', spec.name), url: `https://sqs.${s.region}.amazonaws.com/${s.account}/${spec.name}`, backlog: [] });
    }
    for (const tgw of s.transitGateways ?? []) {
      this.transitGateways.set(tgw.id, { id: tgw.id, arn: this.arn('ec2', `transit-gateway/${tgw.id}`), tags: tgw.tags ?? {}, disruptedBy: new Set() });
    }
    for (const spec of s.replicatedStores ?? []) {
      const arn = spec.kind === 's3-bucket' ? `arn:aws:s3:::${spec.name}` : this.arn('dynamodb', `table/${spec.name}`);
      this.stores.set(spec.name, { spec, arn, pausedBy: new Set(), lagSeconds: spec.baselineLagSeconds ?? 1 });
    }
    for (const role of s.iamRoles ?? []) {
      const arn = `arn:aws:iam::${s.account}:role/${role.name}`;
      this.roles.set(arn, { name: role.name, arn, tags: role.tags ?? {} });
    }
    for (const other of s.accounts ?? []) {
      for (const role of other.iamRoles ?? []) {
        const arn = `arn:aws:iam::${other.account}:role/${role.name}`;
        this.roles.set(arn, { name: role.name, arn, tags: role.tags ?? {} });
      }
    }
    for (const subnet of s.subnets) {
      this.subnets.set(subnet.id, {
        id: subnet.id,
        arn: this.arn('ec2', `subnet/${subnet.id}`, subnet.account),
        availabilityZone: subnet.availabilityZone,
        vpcId: subnet.vpcId ?? 'vpc-0sandbox',
        tags: subnet.tags ?? {},
        disruptedBy: new Set(),
      });
    }
    for (const spec of s.instances ?? []) {
      this.addInstance({ id: spec.id, availabilityZone: spec.availabilityZone, subnetId: spec.subnetId, instanceType: spec.instanceType ?? 'm6i.large', tags: spec.tags ?? {}, state: 'running', readyAt: now, spot: spec.spot ?? false }, spec.account);
    }
    for (const spec of s.autoScalingGroups ?? []) {
      const group: AutoScalingGroup = {
        spec,
        arn: this.arn('autoscaling', `autoScalingGroup:${uuidLike(ids)}:autoScalingGroupName/${spec.name}`, spec.account),
        desiredCapacity: spec.instancesPerAz * spec.availabilityZones.length,
        insufficientCapacity: new Map(),
        ...autoScalingTiming(spec),
        trackedMetric: [],
      };
      this.autoScalingGroups.set(spec.name, group);
      for (const az of spec.availabilityZones) {
        for (let i = 0; i < spec.instancesPerAz; i++) this.launchInstance(group, az, now, true);
      }
    }
    for (const spec of s.ebsVolumes ?? []) {
      this.volumes.set(spec.id, {
        id: spec.id,
        arn: this.arn('ec2', `volume/${spec.id}`, spec.account),
        availabilityZone: spec.availabilityZone,
        ...(spec.attachedTo === undefined ? {} : { attachedTo: spec.attachedTo }),
        deleteOnTermination: spec.deleteOnTermination ?? true,
        tags: spec.tags ?? {},
        pausedBy: new Set(),
      });
    }
    for (const spec of s.rdsClusters ?? []) {
      this.databases.set(spec.identifier, {
        spec,
        arn: this.arn('rds', `cluster:${spec.identifier}`, spec.account),
        writerAz: spec.writerAvailabilityZone,
        readerAzs: [...(spec.readerAvailabilityZones ?? [])],
        status: 'available',
        availableAt: now,
        // Up long before the world starts: clients are connected, no reconnect delay to sit out at t0.
        availableSince: Number.NEGATIVE_INFINITY,
        ...databaseTiming(spec),
        dataLossSeconds: 0,
      });
    }
    for (const spec of s.elastiCacheReplicationGroups ?? []) {
      this.caches.set(spec.id, {
        spec,
        arn: this.arn('elasticache', `replicationgroup:${spec.id}`, spec.account),
        primaryAz: spec.primaryAvailabilityZone,
        replicaAzs: [...(spec.replicaAvailabilityZones ?? [])],
        poweredOff: new Map(),
        status: 'available',
        availableAt: now,
        availableSince: Number.NEGATIVE_INFINITY,
        failoverSeconds: requireDurationSeconds(spec.failoverTime),
      });
    }
    for (const cluster of s.ecsClusters ?? []) {
      for (const spec of cluster.services) {
        const service: EcsService = {
          cluster: cluster.name,
          spec,
          clusterArn: this.arn('ecs', `cluster/${cluster.name}`, cluster.account),
          arn: this.arn('ecs', `service/${cluster.name}/${spec.name}`, cluster.account),
          tags: { ...(cluster.tags ?? {}), ...(spec.tags ?? {}) },
          replaceAfterSeconds: requireDurationSeconds(spec.replaceAfter),
          pendingReplacements: [],
        };
        this.ecsServices.set(`${cluster.name}/${spec.name}`, service);
        for (let i = 0; i < spec.desiredCount; i++) this.startTask(service, spec.availabilityZones[i % spec.availabilityZones.length]!, now);
      }
    }
  }

  service(name: string): Service | undefined {
    return this.services.find((svc) => svc.spec.name === name);
  }

  /** The load balancer in front of a group or ECS service, if a service puts one there. */
  loadBalancerOf(servedBy: ServiceSpec['servedBy']): LoadBalancer | undefined {
    return this.services.find((svc) => sameCompute(svc.spec.servedBy, servedBy))?.loadBalancer;
  }

  arn(service: string, resource: string, account = this.account): string {
    return `arn:aws:${service}:${this.region}:${account}:${resource}`;
  }

  /** The account a resource is in, from its ARN (S3 bucket ARNs name none: the world's account). */
  accountOf(arn: string): string {
    return arn.split(':')[4] || this.account;
  }

  /** What `account` calls the world's AZ `name` (its Describe output shows that). */
  localAzName(account: string, name: string): string {
    return this.localAzNames.get(account)?.get(name) ?? name;
  }

  /** The world's AZ name for an AZ name or ID as `account` writes it; undefined when there is no such AZ. */
  azNameIn(account: string, identifier: string): string | undefined {
    const local = this.localAzNames.get(account);
    if (local && !this.azNameById.has(identifier)) return [...local].find(([, name]) => name === identifier)?.[0];
    return this.azName(identifier);
  }

  /** AZ name for a name or an ID; undefined when the world has no such AZ. */
  azName(identifier: string): string | undefined {
    if (this.azIdByName.has(identifier)) return identifier;
    return this.azNameById.get(identifier);
  }

  isAzImpaired(az: string): boolean {
    return (this.impairedAzs.get(az)?.size ?? 0) > 0;
  }

  /** AZs a managed resource's traffic is shifted away from at `now`, counting shifts older than `settleMs`. */
  shiftedAway(resourceArn: string, now: number, settleMs = 0): Set<string> {
    return new Set(this.zonalShifts.filter((z) => z.resourceArn === resourceArn && now >= z.startedAt + settleMs).map((z) => z.awayFrom));
  }

  addEffect<K>(map: Map<K, Set<string>>, key: K, effectId: string): void {
    const set = map.get(key) ?? new Set<string>();
    set.add(effectId);
    map.set(key, set);
  }

  removeEffect<K>(map: Map<K, Set<string>>, key: K, effectId: string): void {
    const set = map.get(key);
    if (!set) return;
    set.delete(effectId);
    if (set.size === 0) map.delete(key);
  }

  launchInstance(group: AutoScalingGroup, az: string, now: number, initial = false): Instance {
    const account = group.spec.account ?? this.account;
    const subnet = [...this.subnets.values()].find((s) => s.availabilityZone === az && this.accountOf(s.arn) === account);
    const readyAt = initial ? now : now + group.launchSeconds * 1000;
    return this.addInstance({
      id: `i-0${hex(this.ids, 16)}`,
      availabilityZone: az,
      subnetId: subnet?.id ?? 'subnet-unknown',
      instanceType: group.spec.instanceType ?? 'm6i.large',
      tags: { ...(group.spec.instanceTags ?? {}), 'aws:autoscaling:groupName': group.spec.name },
      autoScalingGroup: group.spec.name,
      spot: group.spec.spot ?? false,
      state: initial ? 'running' : 'pending',
      readyAt,
      // The world's own instances have long been in service; a launched one comes into service at readyAt.
      ...(initial ? {} : { graceUntil: readyAt + group.gracePeriodSeconds * 1000 }),
    }, account);
  }

  startTask(service: EcsService, az: string, now: number): EcsTask {
    const id = hex(this.ids, 32);
    const task: EcsTask = {
      id,
      arn: this.arn('ecs', `task/${service.cluster}/${id}`, this.accountOf(service.clusterArn)),
      cluster: service.cluster,
      service: service.spec.name,
      availabilityZone: az,
      state: 'RUNNING',
      startedAt: now,
      cpuStress: new Map(),
      network: new Map(),
    };
    this.tasks.set(task.arn, task);
    return task;
  }

  stopTask(task: EcsTask, now: number, reason: string): void {
    if (task.state === 'STOPPED') return;
    task.state = 'STOPPED';
    task.stoppedAt = now;
    task.stoppedReason = reason;
    const service = this.ecsServices.get(`${task.cluster}/${task.service}`);
    service?.pendingReplacements.push({ at: now + service.replaceAfterSeconds * 1000, availabilityZone: task.availabilityZone });
  }

  /**
   * A cluster's DB instances, one per AZ of its spec (the writer's first). Ids stay with their AZ, so a
   * failover moves the writer role to another instance rather than renaming instances.
   */
  databaseInstances(db: DatabaseCluster): DatabaseInstance[] {
    return placedMembers([db.spec.writerAvailabilityZone, ...(db.spec.readerAvailabilityZones ?? [])], db.writerAz).map(({ index, availabilityZone, current }) => {
      const id = `${db.spec.identifier}-instance-${index + 1}`;
      return { id, arn: this.arn('rds', `db:${id}`, db.spec.account), availabilityZone, isWriter: current };
    });
  }

  /** A replication group's nodes, one per AZ of its spec (ElastiCache numbers them -001, -002…); the primary follows failovers. */
  cacheMembers(cache: CacheGroup): CacheMember[] {
    return placedMembers([cache.spec.primaryAvailabilityZone, ...(cache.spec.replicaAvailabilityZones ?? [])], cache.primaryAz).map(({ index, availabilityZone, current }) => ({
      id: `${cache.spec.id}-${String(index + 1).padStart(3, '0')}`,
      availabilityZone,
      role: current ? 'primary' : 'replica',
    }));
  }

  groupInstances(group: AutoScalingGroup): Instance[] {
    return [...this.instances.values()].filter((i) => i.autoScalingGroup === group.spec.name && i.state !== 'terminated');
  }

  serviceTasks(service: EcsService): EcsTask[] {
    return [...this.tasks.values()].filter((t) => t.cluster === service.cluster && t.service === service.spec.name);
  }

  /** Whether an instance can do work right now (running, reachable, its disks responding). */
  instanceUp(instance: Instance, now: number): boolean {
    if (instance.state !== 'running' || now < instance.rebootingUntil) return false;
    if ((this.subnets.get(instance.subnetId)?.disruptedBy.size ?? 0) > 0) return false;
    for (const volume of this.volumes.values()) {
      if (volume.attachedTo === instance.id && volume.pausedBy.size > 0) return false;
    }
    return true;
  }

  taskUp(task: EcsTask): boolean {
    if (task.state !== 'RUNNING') return false;
    return ![...this.subnets.values()].some((s) => s.availabilityZone === task.availabilityZone && s.disruptedBy.size > 0);
  }

  private addInstance(fields: Omit<Instance, 'arn' | 'rebootingUntil' | 'cpuStress' | 'network' | 'registered'>, account?: string): Instance {
    const instance: Instance = { ...fields, arn: this.arn('ec2', `instance/${fields.id}`, account), rebootingUntil: 0, cpuStress: new Map(), network: new Map(), registered: fields.state === 'running' };
    this.instances.set(instance.id, instance);
    return instance;
  }
}

export function sameCompute(a: ServiceSpec['servedBy'], b: ServiceSpec['servedBy']): boolean {
  if ('autoScalingGroup' in a) return 'autoScalingGroup' in b && a.autoScalingGroup === b.autoScalingGroup;
  return 'ecsService' in b && a.ecsService.cluster === b.ecsService.cluster && a.ecsService.service === b.ecsService.service;
}

function servedAvailabilityZones(s: WorldSpec, served: ServiceSpec): string[] {
  const servedBy = served.servedBy;
  if ('autoScalingGroup' in servedBy) return (s.autoScalingGroups ?? []).find((g) => g.name === servedBy.autoScalingGroup)?.availabilityZones ?? [];
  const { cluster, service } = servedBy.ecsService;
  return (s.ecsClusters ?? []).find((c) => c.name === cluster)?.services.find((x) => x.name === service)?.availabilityZones ?? [];
}

/** Members placed in AZs, in spec order; `current` marks the first one in the AZ that now holds the writer/primary. */
function placedMembers(azs: string[], currentAz: string): { index: number; availabilityZone: string; current: boolean }[] {
  const currentIndex = azs.indexOf(currentAz);
  return azs.map((availabilityZone, index) => ({ index, availabilityZone, current: index === currentIndex }));
}

function hex(rng: Prng, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += '0123456789abcdef'[rng.int(16)];
  return out;
}

function uuidLike(rng: Prng): string {
  return `${hex(rng, 8)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 4)}-${hex(rng, 12)}`;
}
