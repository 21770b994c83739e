import { ServiceError, type ServiceBackend } from '../contracts.js';
import type { WorldModel } from '../world/model.js';
import { targetableResources, type TargetableResource } from '../world/resources.js';
import type { PracticeRunSpec } from '../world/types.js';
import { requiredString } from './members.js';
import { page } from './paging.js';

/**
 * ARC zonal shift, read-only: the world's zonal shift managed resources (a load balancer or Auto Scaling
 * group with `zonalAutoshift`), their practice-run configuration (`practiceRun`), and the shifts in
 * effect on them — those FIS's aws:arc:start-zonal-autoshift started (shiftType FIS_EXPERIMENT).
 * ListManagedResources (maxResults 1–100) and GetManagedResource by ARN or name.
 */
export function createArcZonalShiftBackend(options: { model: WorldModel }): ServiceBackend {
  const { model } = options;
  const managed = () => targetableResources(model, 'aws:arc:zonal-shift-managed-resource');
  return {
    service: 'arc-zonal-shift',
    operations: {
      ListManagedResources(input) {
        const { items, nextToken } = page(managed(), input, { max: 100, default: 100 });
        return {
          items: items.map((r) => ({
            arn: r.arn,
            name: r.id,
            availabilityZones: r.availabilityZones,
            appliedWeights: appliedWeights(model, r),
            zonalShifts: activeShifts(model, r),
            zonalAutoshiftStatus: r.zonalShift!.autoshift,
            practiceRunStatus: r.zonalShift!.practiceRun ? 'ENABLED' : 'DISABLED',
          })),
          ...(nextToken ? { nextToken } : {}),
        };
      },
      GetManagedResource(input) {
        const id = requiredString(input, 'resourceIdentifier');
        const resource = managed().find((r) => r.arn === id || r.id === id);
        if (!resource) throw new ServiceError('ResourceNotFoundException', `Resource ${id} is not a managed resource.`, 404);
        const practiceRun = resource.zonalShift!.practiceRun;
        return {
          arn: resource.arn,
          name: resource.id,
          appliedWeights: appliedWeights(model, resource),
          zonalShifts: activeShifts(model, resource),
          autoshifts: [],
          zonalAutoshiftStatus: resource.zonalShift!.autoshift,
          ...(practiceRun ? { practiceRunConfiguration: practiceRunConfiguration(model, practiceRun) } : {}),
        };
      },
    },
  };
}

/** 1 where the resource takes traffic, 0 in an AZ a shift moved it away from. */
function appliedWeights(model: WorldModel, resource: TargetableResource): Record<string, number> {
  const away = new Set(model.zonalShifts.filter((z) => z.resourceArn === resource.arn).map((z) => z.awayFrom));
  return Object.fromEntries(resource.availabilityZones.map((az) => [az, away.has(az) ? 0 : 1]));
}

function activeShifts(model: WorldModel, resource: TargetableResource): Record<string, unknown>[] {
  return model.zonalShifts
    .filter((z) => z.resourceArn === resource.arn)
    .map((z) => ({
      appliedStatus: 'APPLIED',
      zonalShiftId: z.effectId,
      resourceIdentifier: resource.arn,
      awayFrom: z.awayFrom,
      startTime: new Date(z.startedAt),
      comment: 'FIS experiment',
      shiftType: 'FIS_EXPERIMENT',
    }));
}

/** ARC's form: alarms as control conditions on CloudWatch alarm ARNs. */
function practiceRunConfiguration(model: WorldModel, spec: PracticeRunSpec): Record<string, unknown> {
  const alarms = (names: readonly string[] | undefined) => (names ?? []).map((name) => ({ type: 'CLOUDWATCH', alarmIdentifier: model.arn('cloudwatch', `alarm:${name}`) }));
  return {
    outcomeAlarms: alarms(spec.outcomeAlarms),
    blockingAlarms: alarms(spec.blockingAlarms),
    blockedWindows: spec.blockedWindows ?? [],
    blockedDates: spec.blockedDates ?? [],
    allowedWindows: spec.allowedWindows ?? [],
  };
}
