/**
 * How long recoveries take, derived from the simulated resources' own settings the way AWS documents
 * them (docs/sandbox-world.md lists each with its source page). A world may override a database's
 * failover time; everything else follows from the settings or AWS's defaults.
 */
import { requireDurationSeconds } from '../../core/duration.js';
import type { AutoScalingGroupSpec, DatabaseDeployment, FisSettings, LoadBalancerSpec, RdsClusterSpec } from './types.js';

/** Target group health check defaults: HealthCheckIntervalSeconds 30, UnhealthyThresholdCount 2, HealthyThresholdCount 5. */
export const ALB_HEALTH_CHECK_DEFAULTS = { intervalSeconds: 30, unhealthyThreshold: 2, healthyThreshold: 5 } as const;
/** deregistration_delay.timeout_seconds default. */
export const DEFAULT_DEREGISTRATION_DELAY_SECONDS = 300;

export interface HealthCheckTiming {
  intervalSeconds: number;
  unhealthyThreshold: number;
  healthyThreshold: number;
  deregistrationDelaySeconds: number;
}

export function healthCheckTiming(lb: LoadBalancerSpec): HealthCheckTiming {
  const check = lb.healthCheck ?? {};
  return {
    intervalSeconds: check.interval === undefined ? ALB_HEALTH_CHECK_DEFAULTS.intervalSeconds : requireDurationSeconds(check.interval),
    unhealthyThreshold: check.unhealthyThreshold ?? ALB_HEALTH_CHECK_DEFAULTS.unhealthyThreshold,
    healthyThreshold: check.healthyThreshold ?? ALB_HEALTH_CHECK_DEFAULTS.healthyThreshold,
    deregistrationDelaySeconds: lb.deregistrationDelay === undefined ? DEFAULT_DEREGISTRATION_DELAY_SECONDS : requireDurationSeconds(lb.deregistrationDelay),
  };
}

/**
 * Published write-outage ranges per deployment, and the value inside each range the sandbox uses.
 * `withoutReplica` is the instance-failure recovery when there is no reader to promote.
 */
export const DATABASE_TIMINGS: Record<DatabaseDeployment, { failover: { min: number; max: number; seconds: number }; withoutReplicaSeconds?: number }> = {
  // Aurora: failover to a replica "typically" under 60 s, often under 30 s; with no replica Aurora
  // recreates the writer, up to 10 minutes.
  aurora: { failover: { min: 0, max: 60, seconds: 30 }, withoutReplicaSeconds: 540 },
  // RDS Multi-AZ DB instance: failover typically 60–120 s.
  'multi-az-instance': { failover: { min: 60, max: 120, seconds: 90 } },
  // RDS Multi-AZ DB cluster: failover typically under 35 s.
  'multi-az-cluster': { failover: { min: 0, max: 35, seconds: 30 } },
  // Single-AZ DB instance: nothing to fail over to; a reboot restarts it in place.
  'single-az-instance': { failover: { min: 0, max: Infinity, seconds: 300 } },
};

export interface DatabaseTiming {
  /** Write outage when a reader/standby is promoted. */
  failoverSeconds: number;
  /** Write outage of a restart in place (no reader to promote). */
  restartSeconds: number;
}

export function databaseTiming(spec: RdsClusterSpec): DatabaseTiming {
  if (spec.failoverTime !== undefined) {
    const seconds = requireDurationSeconds(spec.failoverTime);
    return { failoverSeconds: seconds, restartSeconds: seconds };
  }
  const timing = DATABASE_TIMINGS[spec.deployment ?? 'aurora'];
  const hasReplica = (spec.readerAvailabilityZones ?? []).length > 0;
  return { failoverSeconds: timing.failover.seconds, restartSeconds: hasReplica ? timing.failover.seconds : (timing.withoutReplicaSeconds ?? timing.failover.seconds) };
}

/** CreateAutoScalingGroup's HealthCheckGracePeriod default (the API, CLI and SDKs; the console sets 300 s). */
export const DEFAULT_HEALTH_CHECK_GRACE_SECONDS = 0;

export interface AutoScalingTiming {
  /** Launch → running (boot). */
  launchSeconds: number;
  /** How long an impaired instance stays before the group replaces it. */
  replaceAfterSeconds: number;
  /** How long a new instance is in service before the group may find it unhealthy. */
  gracePeriodSeconds: number;
}

export function autoScalingTiming(spec: AutoScalingGroupSpec): AutoScalingTiming {
  return {
    launchSeconds: requireDurationSeconds(spec.launchTime),
    replaceAfterSeconds: requireDurationSeconds(spec.replaceUnhealthyAfter),
    gracePeriodSeconds: spec.healthCheckGracePeriod === undefined ? DEFAULT_HEALTH_CHECK_GRACE_SECONDS : requireDurationSeconds(spec.healthCheckGracePeriod),
  };
}

/**
 * FIS's own start: an experiment is `pending` from StartExperiment until `startTime` (0.25–0.35 s in the
 * AWS CLI's start-experiment and get-experiment examples), then `initiating` while it resolves targets
 * and checks stop conditions, then `running` with its first actions started. "Several seconds" from
 * StartExperiment to the first action; the CLI's get-experiment example ran a single reboot 12.3 s
 * from startTime to endTime, so the first action starts well within that.
 */
export const FIS_START_DEFAULTS = { pendingSeconds: 0.3, initiatingSeconds: 5 } as const;

export interface FisStartTiming {
  pendingMs: number;
  initiatingMs: number;
}

export function fisStartTiming(settings: FisSettings = {}): FisStartTiming {
  const seconds = (text: string | undefined, fallback: number) => (text === undefined ? fallback : requireDurationSeconds(text));
  return {
    pendingMs: Math.round(seconds(settings.pendingTime, FIS_START_DEFAULTS.pendingSeconds) * 1000),
    initiatingMs: Math.round(seconds(settings.initiatingTime, FIS_START_DEFAULTS.initiatingSeconds) * 1000),
  };
}
