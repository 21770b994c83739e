import { faultField, type PlanProblem } from './plan-problem.js';

/** AZ IDs (use1-az2, use1-bos1-az1) name the same physical zone in every account; AZ names do not. */
const AZ_ID = /^[a-z]{2,4}\d+(?:-[a-z]+\d+)?-az\d+$/;
/** AZ names: us-east-1b, and Local Zones such as us-east-1-bos-1a. */
const AZ_NAME = /^[a-z]{2}(?:-[a-z]+)+-\d+(?:-[a-z]+-\d+)?[a-z]$/;

export interface AvailabilityZone {
  /** As the scenario gives it; used wherever FIS takes a name or an ID. */
  identifier: string;
  /** The AZ name, when known: filters match Describe output, which reports names. */
  name?: string;
}

function isAzId(text: string): boolean {
  return AZ_ID.test(text);
}

function isAzName(text: string): boolean {
  return AZ_NAME.test(text);
}

/** Reads fault.availabilityZone (+ availabilityZoneName); problems name the field to fix. */
export function resolveAvailabilityZone(
  availabilityZone: string,
  availabilityZoneName: string | undefined,
  region: string,
): { az: AvailabilityZone; problems: PlanProblem[] } {
  const problems: PlanProblem[] = [];
  const checkName = (field: string, name: string): void => {
    const path = faultField(field);
    if (!isAzName(name)) problems.push({ path, message: `fault.${field} "${name}" is not an AZ name (like ${region}a)` });
    else if (!name.startsWith(`${region}`)) problems.push({ path, message: `fault.${field} "${name}" is not in the scenario's region ${region}` });
  };
  if (isAzId(availabilityZone)) {
    if (availabilityZoneName !== undefined) checkName('availabilityZoneName', availabilityZoneName);
    return { az: { identifier: availabilityZone, ...(availabilityZoneName ? { name: availabilityZoneName } : {}) }, problems };
  }
  checkName('availabilityZone', availabilityZone);
  if (availabilityZoneName !== undefined && availabilityZoneName !== availabilityZone) {
    problems.push({
      path: faultField('availabilityZoneName'),
      message: `fault.availabilityZoneName "${availabilityZoneName}" differs from fault.availabilityZone "${availabilityZone}"; drop it (it is only needed with an AZ ID)`,
    });
  }
  return { az: { identifier: availabilityZone, name: availabilityZone }, problems };
}
