/**
 * The content of a sandbox world file (kind: World, apiVersion: gameday/v1). schemas/world.schema.json
 * is the contract; these types mirror it. Durations are ISO 8601 strings, converted when the world is built.
 */
import type { AlarmDefinition } from '../contracts.js';

export type Tags = Record<string, string>;
export type Iso8601Duration = string;
/**
 * ARC zonal shift registration of a load balancer or Auto Scaling group: absent → not a zonal shift
 * managed resource; `disabled` → managed, zonal autoshift off; `enabled` → autoshift on.
 */
export type ZonalAutoshift = 'enabled' | 'disabled';

export interface World {
  apiVersion: 'gameday/v1';
  kind: 'World';
  metadata: { name: string; description?: string };
  spec: WorldSpec;
}

export interface WorldSpec {
  account: string;
  region: string;
  /** Seed of the deterministic noise (metrics jitter, COUNT/PERCENT selection); a run is reproducible per seed. */
  seed: number;
  availabilityZones: { name: string; id: string }[];
  iamRoles?: { name: string; tags?: Tags }[];
  subnets: { id: string; availabilityZone: string; vpcId?: string; tags?: Tags }[];
  instances?: InstanceSpec[];
  autoScalingGroups?: AutoScalingGroupSpec[];
  ebsVolumes?: EbsVolumeSpec[];
  rdsClusters?: RdsClusterSpec[];
  elastiCacheReplicationGroups?: ElastiCacheSpec[];
  ecsClusters?: EcsClusterSpec[];
  application: ApplicationSpec;
  metrics: PublishedMetricSpec[];
  alarms: AlarmDefinition[];
  resilienceHub?: ResilienceHubSpec;
}

export interface InstanceSpec {
  id: string;
  availabilityZone: string;
  subnetId: string;
  instanceType?: string;
  tags?: Tags;
}

export interface AutoScalingGroupSpec {
  name: string;
  availabilityZones: string[];
  instancesPerAz: number;
  instanceType?: string;
  tags?: Tags;
  /** Tags the group's instances carry (aws:autoscaling:groupName is added). */
  instanceTags?: Tags;
  /** How long after an instance stops being healthy the group terminates it and launches a replacement. */
  replaceUnhealthyAfter: Iso8601Duration;
  /** From launch to in service behind the load balancer. */
  launchTime: Iso8601Duration;
  zonalAutoshift?: ZonalAutoshift;
}

export interface EbsVolumeSpec {
  id: string;
  availabilityZone: string;
  attachedTo?: string;
  deleteOnTermination?: boolean;
  tags?: Tags;
}

export interface RdsClusterSpec {
  identifier: string;
  engine: string;
  writerAvailabilityZone: string;
  /** AZs of the readers; none means a single-AZ cluster that cannot fail over. */
  readerAvailabilityZones?: string[];
  /** Write outage of a failover (Aurora: typically under a minute). */
  failoverTime: Iso8601Duration;
  /** Single-AZ cluster: how long crash recovery takes after its AZ comes back. */
  restartAfterAzRecovery?: Iso8601Duration;
  /** Seconds of committed writes lost when the writer dies with its AZ (no replica to fail over to). */
  dataLossOnAzLossSeconds?: number;
  tags?: Tags;
}

export interface ElastiCacheSpec {
  id: string;
  primaryAvailabilityZone: string;
  replicaAvailabilityZones?: string[];
  failoverTime: Iso8601Duration;
  tags?: Tags;
}

export interface EcsClusterSpec {
  name: string;
  tags?: Tags;
  services: EcsServiceSpec[];
}

export interface EcsServiceSpec {
  name: string;
  desiredCount: number;
  /** Tasks are spread over these AZs in order. */
  availabilityZones: string[];
  /** From a task stopping to its replacement running and healthy. */
  replaceAfter: Iso8601Duration;
  tags?: Tags;
}

export interface ApplicationSpec {
  name: string;
  loadBalancer: {
    /** The ALB's dimension value, app/<name>/<id>. */
    name: string;
    healthCheck: { interval: Iso8601Duration; unhealthyThreshold: number; healthyThreshold: number };
    zonalAutoshift?: ZonalAutoshift;
    tags?: Tags;
  };
  /** What serves the traffic behind the load balancer. */
  servedBy: { autoScalingGroup: string } | { ecsService: { cluster: string; service: string } };
  requestsPerMinute: number;
  /** Requests one healthy target serves per minute before it saturates. */
  capacityPerTarget: number;
  /** Share of requests that write to the database (they fail while there is no writer). */
  writeFraction?: number;
  /** Share of requests that need the cache (they fail while it has no primary). */
  cacheFraction?: number;
  database?: string;
  cache?: string;
  baseline: {
    errorRatePercent: number;
    latencyP50Ms: number;
    latencyP99Ms: number;
    cpuPercent: number;
  };
  /** Latency of a request that hits a dead target before the load balancer notices (it times out). */
  timeoutMs?: number;
}

export type MetricSource =
  | 'requestCount'
  | 'http5xxCount'
  | 'http5xxRatePercent'
  | 'targetResponseTime'
  | 'healthyHostCount'
  | 'unhealthyHostCount'
  | 'cpuUtilization'
  | 'runningTaskCount'
  | 'dataLossWindowSeconds';

export interface PublishedMetricSpec {
  namespace: string;
  name: string;
  dimensions?: Record<string, string>;
  unit?: string;
  source: MetricSource;
}

export type DisruptionType = 'Software' | 'Hardware' | 'AZ' | 'Region';

export interface ResilienceHubSpec {
  app: { arn: string; name: string; description?: string };
  policy: {
    arn: string;
    name: string;
    tier: 'MissionCritical' | 'Critical' | 'Important' | 'CoreServices' | 'NonCritical' | 'NotApplicable';
    policy: Partial<Record<DisruptionType, { rtoInSecs: number; rpoInSecs: number }>>;
  };
  /** Assessment ARN (derived from the app when absent). */
  assessmentArn?: string;
}
