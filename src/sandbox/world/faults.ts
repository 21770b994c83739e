/**
 * What each FIS action does to the simulated world when it runs, and how it is undone when it ends or
 * the experiment is stopped (only what FIS itself rolls back: restarting stopped instances, restoring
 * network ACLs, resuming volume I/O, lifting injected capacity errors, ending stress, cancelling zonal shifts).
 */
import { durationSeconds } from '../../core/duration.js';
import type { CpuStress, NetworkImpairment, WorldModel } from './model.js';
import { failOverDatabase, settleFailovers } from './recovery.js';
import type { TargetableResource } from './resources.js';

export interface FaultTargets {
  resources: TargetableResource[];
  /** The target's parameters (availabilityZoneIdentifier…). */
  parameters: Record<string, string>;
}

export interface FaultInput {
  /** Unique per experiment action: effects are tracked (and undone) by it. */
  effectId: string;
  actionId: string;
  parameters: Record<string, string>;
  targets: Record<string, FaultTargets>;
  now: number;
}

export interface AppliedFault {
  /** Undo what FIS rolls back; returns a failure reason when the rollback could not be completed. */
  undo(now: number): string | undefined;
}

const nothingToUndo: AppliedFault = { undo: () => undefined };

/**
 * Applies the action at its instant; a database or cache it leaves without a healthy writer/primary
 * starts failing over at that same instant (and one whose AZ it gives back restarts then), not at the
 * next simulation step.
 */
/** The actions that make an AZ impaired while they last (docs/sandbox-world.md, "Impaired AZ"). */
const AZ_IMPAIRING = new Set(['aws:ec2:api-insufficient-instance-capacity-error', 'aws:ec2:asg-insufficient-instance-capacity-error', 'aws:network:disrupt-connectivity']);

export function impairsAz(actionId: string): boolean {
  return AZ_IMPAIRING.has(actionId);
}

export function applyFault(model: WorldModel, input: FaultInput): AppliedFault {
  const applied = applyEffects(model, input);
  settleFailovers(model, input.now);
  return {
    undo(at) {
      const failure = applied.undo(at);
      settleFailovers(model, at);
      return failure;
    },
  };
}

function applyEffects(model: WorldModel, input: FaultInput): AppliedFault {
  const { effectId, parameters, now } = input;
  const all = Object.values(input.targets).flatMap((t) => t.resources);
  switch (input.actionId) {
    case 'aws:ec2:stop-instances': {
      const stopped = all.map((r) => model.instances.get(r.id)).filter((i) => i !== undefined && (i.state === 'running' || i.state === 'pending'));
      for (const instance of stopped) instance!.state = 'stopped';
      if (parameters['startInstancesAfterDuration'] === undefined) return nothingToUndo;
      return {
        undo(at) {
          const terminated = stopped.filter((i) => i!.state === 'terminated').map((i) => i!.id);
          for (const instance of stopped) {
            if (instance!.state !== 'stopped') continue;
            instance!.state = 'pending';
            instance!.readyAt = at + 30_000;
          }
          if (terminated.length > 0 && parameters['completeIfInstancesTerminated'] !== 'true') {
            return `Unable to start instances ${terminated.join(', ')}: they were terminated while stopped.`;
          }
          return undefined;
        },
      };
    }
    case 'aws:ec2:reboot-instances':
      for (const r of all) {
        const instance = model.instances.get(r.id);
        if (instance && instance.state === 'running') instance.rebootingUntil = now + 60_000;
      }
      return nothingToUndo;
    case 'aws:ec2:terminate-instances':
      for (const r of all) {
        const instance = model.instances.get(r.id);
        if (instance && instance.state !== 'terminated') instance.state = 'terminated';
      }
      return nothingToUndo;
    case 'aws:ec2:api-insufficient-instance-capacity-error': {
      const azs = azList(model, parameters['availabilityZoneIdentifiers']);
      for (const r of all) {
        const perAz = model.launchErrors.get(r.arn) ?? new Map<string, Set<string>>();
        model.launchErrors.set(r.arn, perAz);
        for (const az of azs) model.addEffect(perAz, az, effectId);
      }
      for (const az of azs) model.addEffect(model.impairedAzs, az, effectId);
      return {
        undo() {
          for (const r of all) for (const az of azs) model.removeEffect(model.launchErrors.get(r.arn) ?? new Map(), az, effectId);
          for (const az of azs) model.removeEffect(model.impairedAzs, az, effectId);
          return undefined;
        },
      };
    }
    case 'aws:ec2:asg-insufficient-instance-capacity-error': {
      const azs = azList(model, parameters['availabilityZoneIdentifiers']);
      const groups = all.map((r) => model.autoScalingGroups.get(r.id)).filter((g) => g !== undefined);
      for (const group of groups) for (const az of azs) model.addEffect(group!.insufficientCapacity, az, effectId);
      for (const az of azs) model.addEffect(model.impairedAzs, az, effectId);
      return {
        undo() {
          for (const group of groups) for (const az of azs) model.removeEffect(group!.insufficientCapacity, az, effectId);
          for (const az of azs) model.removeEffect(model.impairedAzs, az, effectId);
          return undefined;
        },
      };
    }
    case 'aws:network:disrupt-connectivity': {
      // Only scope all cuts the subnets off; the others deny traffic to services the world does not model
      // (S3, S3 Express One Zone, DynamoDB, prefix lists, other AZs' subnets).
      if ((parameters['scope'] ?? 'all') !== 'all') return nothingToUndo;
      const subnets = all.map((r) => model.subnets.get(r.id)).filter((s) => s !== undefined);
      for (const subnet of subnets) {
        subnet!.disruptedBy.add(effectId);
        model.addEffect(model.impairedAzs, subnet!.availabilityZone, effectId);
      }
      return {
        undo() {
          for (const subnet of subnets) {
            subnet!.disruptedBy.delete(effectId);
            model.removeEffect(model.impairedAzs, subnet!.availabilityZone, effectId);
          }
          return undefined;
        },
      };
    }
    case 'aws:rds:failover-db-cluster':
      for (const r of all) {
        const db = model.databases.get(r.id);
        if (db && db.status === 'available') failOverDatabase(model, db, now);
      }
      return nothingToUndo;
    case 'aws:rds:reboot-db-instances':
      for (const r of all) {
        const db = [...model.databases.values()].find((d) => model.databaseInstances(d).some((i) => i.id === r.id && i.isWriter));
        if (!db || db.status !== 'available') continue;
        // A writer rebooted in an impaired AZ (the AZ power interruption) does not come back there: Aurora
        // promotes a reader elsewhere, and a database with none is down until the AZ recovers.
        if (parameters['forceFailover'] === 'true' || model.isAzImpaired(db.writerAz)) failOverDatabase(model, db, now);
        else {
          db.status = 'restarting';
          db.availableAt = now + db.restartSeconds * 1000;
        }
      }
      return nothingToUndo;
    case 'aws:elasticache:replicationgroup-interrupt-az-power': {
      // Only the target groups' nodes in the AZ lose power: the AZ itself is not impaired, so a database
      // writer or another cache there stays, and ECS and Auto Scaling still place capacity in it.
      const hits: { cache: NonNullable<ReturnType<typeof model.caches.get>>; az: string }[] = [];
      for (const target of Object.values(input.targets)) {
        const az = model.azName(target.parameters['availabilityZoneIdentifier'] ?? '');
        if (az === undefined) continue;
        for (const r of target.resources) {
          const cache = model.caches.get(r.id);
          if (!cache) continue;
          model.addEffect(cache.poweredOff, az, effectId);
          hits.push({ cache, az });
        }
      }
      return {
        undo() {
          for (const { cache, az } of hits) model.removeEffect(cache.poweredOff, az, effectId);
          return undefined;
        },
      };
    }
    case 'aws:ebs:pause-volume-io': {
      return markWhileItLasts(all.map((r) => model.volumes.get(r.id)?.pausedBy), effectId);
    }
    case 'aws:ssm:send-command': {
      const impairment = networkDocument(model, parameters);
      if (impairment !== undefined) {
        const instances = all.map((r) => model.instances.get(r.id)).filter((i) => i !== undefined);
        return impair(instances, effectId, impairment);
      }
      const stress = cpuStress(parameters, now);
      if (stress === undefined) return nothingToUndo;
      const instances = all.map((r) => model.instances.get(r.id)).filter((i) => i !== undefined);
      for (const instance of instances) instance!.cpuStress.set(effectId, stress);
      return {
        undo() {
          for (const instance of instances) instance!.cpuStress.delete(effectId);
          return undefined;
        },
      };
    }
    case 'aws:ecs:task-cpu-stress': {
      const load = Number(parameters['percent'] ?? '100');
      const tasks = all.map((r) => model.tasks.get(r.arn)).filter((t) => t !== undefined);
      for (const task of tasks) task!.cpuStress.set(effectId, { load, until: Infinity });
      return {
        undo() {
          for (const task of tasks) task!.cpuStress.delete(effectId);
          return undefined;
        },
      };
    }
    case 'aws:ecs:task-network-latency':
    case 'aws:ecs:task-network-packet-loss': {
      const tasks = all.map((r) => model.tasks.get(r.arn)).filter((t) => t !== undefined);
      return impair(tasks, effectId, {
        delayMs: Number(parameters['delayMilliseconds'] ?? (input.actionId.endsWith('latency') ? '200' : '0')),
        lossShare: input.actionId.endsWith('packet-loss') ? Number(parameters['lossPercent'] ?? '7') / 100 : 0,
        flowsShare: Number(parameters['flowsPercent'] ?? '100') / 100,
        sources: azSources(model, parameters['sources']),
      });
    }
    case 'aws:ec2:send-spot-instance-interruptions': {
      // EC2 sends the notice now and interrupts (here: terminates) durationBeforeInterruption later.
      const notice = (durationSeconds(parameters['durationBeforeInterruption'] ?? 'PT2M') ?? 120) * 1000;
      for (const r of all) {
        const instance = model.instances.get(r.id);
        if (instance && instance.spot && instance.state === 'running') instance.interruptAt = now + notice;
      }
      return nothingToUndo;
    }
    case 'aws:s3:bucket-pause-replication':
    case 'aws:dynamodb:global-table-pause-replication': {
      return markWhileItLasts(all.map((r) => model.stores.get(r.id)?.pausedBy), effectId);
    }
    case 'aws:network:transit-gateway-disrupt-cross-region-connectivity': {
      return markWhileItLasts(all.map((r) => model.transitGateways.get(r.id)?.disruptedBy), effectId);
    }
    case 'aws:ecs:stop-task':
      for (const r of all) {
        const task = model.tasks.get(r.arn);
        if (task) model.stopTask(task, now, 'Task stopped by AWS FIS (aws:ecs:stop-task)');
      }
      return nothingToUndo;
    case 'aws:ecs:task-kill-process':
      // The killed process is the task's essential container: the task exits and the service replaces it.
      for (const r of all) {
        const task = model.tasks.get(r.arn);
        if (task) model.stopTask(task, now, `Essential container exited: process ${parameters['processName'] ?? ''} killed with ${parameters['signal'] ?? 'SIGTERM'}`);
      }
      return nothingToUndo;
    case 'aws:arc:start-zonal-autoshift': {
      // Validation accepted only the world's AZs; FIS renews the shift's expiry while the action runs.
      const awayFrom = model.azName(parameters['availabilityZoneIdentifier']!)!;
      for (const r of all) model.zonalShifts.push({ effectId, resourceArn: r.arn, awayFrom, startedAt: now });
      return {
        undo() {
          const kept = model.zonalShifts.filter((z) => z.effectId !== effectId);
          model.zonalShifts.splice(0, model.zonalShifts.length, ...kept);
          return undefined;
        },
      };
    }
    default:
      // aws:fis:wait, route-table cross-Region disruption (the world has no traffic to another Region)
      // and anything else without a modelled effect change nothing.
      return nothingToUndo;
  }
}

/**
 * The stress an AWSFIS-Run-CPU-Stress command applies (LoadPercent, default 100, for DurationSeconds);
 * undefined for other documents. The action's own duration ends it too, whichever comes first.
 */
function cpuStress(parameters: Record<string, string>, now: number): CpuStress | undefined {
  if (!/document\/AWSFIS-Run-CPU-Stress$/.test(parameters['documentArn'] ?? '')) return undefined;
  let doc: Record<string, unknown> = {};
  try {
    doc = JSON.parse(parameters['documentParameters'] ?? '{}') as Record<string, unknown>;
  } catch {
    // FIS validated the JSON already; an unreadable one stresses with the document's defaults.
  }
  const load = Number(doc['LoadPercent'] ?? '100');
  const seconds = Number(doc['DurationSeconds']);
  return { load: Number.isFinite(load) ? Math.min(100, Math.max(0, load)) : 100, until: Number.isFinite(seconds) && seconds > 0 ? now + seconds * 1000 : Infinity };
}

function azList(model: WorldModel, value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => model.azName(s.trim()))
    .filter((az): az is string => az !== undefined);
}

/** The effect id in each resource's set (paused by, disrupted by) until FIS rolls the action back. */
function markWhileItLasts(sets: (Set<string> | undefined)[], effectId: string): AppliedFault {
  const marked = sets.filter((set): set is Set<string> => set !== undefined);
  for (const set of marked) set.add(effectId);
  return {
    undo() {
      for (const set of marked) set.delete(effectId);
      return undefined;
    },
  };
}

/** Latency or packet loss a target carries while an effect lasts. */
function impair(targets: ({ network: Map<string, NetworkImpairment> } | undefined)[], effectId: string, impairment: NetworkImpairment): AppliedFault {
  for (const target of targets) target!.network.set(effectId, impairment);
  return {
    undo() {
      for (const target of targets) target!.network.delete(effectId);
      return undefined;
    },
  };
}

/** AWSFIS-Run-Network-Latency-Sources / -Packet-Loss-Sources: what they do to an instance's traffic; undefined for other documents. */
function networkDocument(model: WorldModel, parameters: Record<string, string>): NetworkImpairment | undefined {
  const kind = /document\/AWSFIS-Run-Network-(Latency|Packet-Loss)-Sources$/.exec(parameters['documentArn'] ?? '')?.[1];
  if (kind === undefined) return undefined;
  let doc: Record<string, unknown> = {};
  try {
    doc = JSON.parse(parameters['documentParameters'] ?? '{}') as Record<string, unknown>;
  } catch {
    // FIS validated the JSON already; an unreadable one impairs with the document's defaults.
  }
  return {
    delayMs: kind === 'Latency' ? Number(doc['DelayMilliseconds'] ?? '200') : 0,
    lossShare: kind === 'Packet-Loss' ? Number(doc['LossPercent'] ?? '7') / 100 : 0,
    flowsShare: Number(doc['FlowsPercent'] ?? '100') / 100,
    sources: azSources(model, typeof doc['Sources'] === 'string' ? doc['Sources'] : undefined),
  };
}

/** The AZs among `sources` (names or IDs); empty when none is an AZ: the impairment then covers all traffic. */
function azSources(model: WorldModel, sources: string | undefined): string[] {
  return (sources ?? '')
    .split(',')
    .map((s) => model.azName(s.trim()))
    .filter((az): az is string => az !== undefined);
}
