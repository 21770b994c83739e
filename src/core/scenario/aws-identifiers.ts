/**
 * Shapes of the AWS identifiers a scenario names: regions, availability zones (names and IDs)
 * and ARNs. Pure string checks; nothing here asks AWS.
 */

const REGION = /^([a-z]{2})(-gov|-iso[a-z]?)?-([a-z]+)-(\d+)$/;
const AZ_NAME = /^([a-z]{2}(?:-gov|-iso[a-z]?)?-[a-z]+-\d+)([a-z])$/;
const AZ_ID = /^([a-z]{2,5}\d+)-az(\d+)$/;

const DIRECTION: Record<string, string> = {
  east: 'e',
  west: 'w',
  north: 'n',
  south: 's',
  central: 'c',
  northeast: 'ne',
  northwest: 'nw',
  southeast: 'se',
  southwest: 'sw',
};

/** The prefix AZ IDs carry in a region: us-east-1 → use1, ap-northeast-1 → apne1, us-gov-west-1 → usgw1. */
export function azIdPrefix(region: string): string | undefined {
  const m = REGION.exec(region);
  if (!m) return undefined;
  const [, country, partition, direction, number] = m;
  const dir = DIRECTION[direction!];
  if (!dir) return undefined;
  const middle = partition === '-gov' ? 'g' : partition ? partition.slice(1, 4) : '';
  return `${country}${middle}${dir}${number}`;
}

export type AzCheck =
  | { ok: true; kind: 'name' | 'id' }
  | { ok: false; problem: 'malformed' | 'other-region'; message: string };

/** An AZ name (us-east-1b: region + letter) or ID (use1-az2: the region's prefix + az + number) in `region`. */
export function checkAvailabilityZone(value: string, region: string): AzCheck {
  const name = AZ_NAME.exec(value);
  if (name) {
    return name[1] === region
      ? { ok: true, kind: 'name' }
      : { ok: false, problem: 'other-region', message: `AZ name "${value}" is in ${name[1]}, but the scenario targets ${region}` };
  }
  const id = AZ_ID.exec(value);
  if (id) {
    const prefix = azIdPrefix(region);
    return prefix === undefined || id[1] === prefix
      ? { ok: true, kind: 'id' }
      : { ok: false, problem: 'other-region', message: `AZ ID "${value}" is not in ${region} (its AZ IDs start with "${prefix}-az")` };
  }
  return {
    ok: false,
    problem: 'malformed',
    message: `"${value}" is neither an AZ name (like ${region}a) nor an AZ ID (like ${azIdPrefix(region) ?? 'use1'}-az1)`,
  };
}

export interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

const ARN = /^arn:(aws|aws-cn|aws-us-gov|aws-iso(?:-[a-z])?):([a-z0-9-]+):([a-z0-9-]*):(\d{12}|aws|):(.+)$/;

export function parseArn(text: string): Arn | undefined {
  const m = ARN.exec(text);
  if (!m) return undefined;
  const [, partition, service, region, account, resource] = m;
  return { partition: partition!, service: service!, region: region!, account: account!, resource: resource! };
}

/** Services whose ARNs carry no region. */
const GLOBAL_SERVICES = new Set(['iam', 'sts', 'organizations', 'route53', 'cloudfront', 'waf', 's3']);

export interface ArnExpectation {
  service?: string;
  /** A resource prefix, e.g. "role/" for IAM roles, "alarm:" for CloudWatch alarms. */
  resourcePrefix?: string;
  account: string;
  region: string;
}

/** Problems with an ARN the scenario names: malformed, or in another account or region. */
export function checkArn(text: string, expected: ArnExpectation): { code: string; message: string } | undefined {
  const arn = parseArn(text);
  const what = expected.service ? `${expected.service} ARN` : 'ARN';
  if (!arn) return { code: 'ARN_INVALID', message: `"${text}" is not a well-formed ${what} (arn:aws:<service>:<region>:<account>:<resource>)` };
  if (expected.service && arn.service !== expected.service) {
    return { code: 'ARN_INVALID', message: `"${text}" is a ${arn.service} ARN; expected an ${what}` };
  }
  if (expected.resourcePrefix && !arn.resource.startsWith(expected.resourcePrefix)) {
    return { code: 'ARN_INVALID', message: `"${text}" does not name a ${expected.resourcePrefix.replace(/[/:]$/, '')} (expected "${expected.resourcePrefix}…")` };
  }
  if (arn.account !== '' && arn.account !== 'aws' && arn.account !== expected.account) {
    return { code: 'ARN_ACCOUNT_MISMATCH', message: `"${text}" is in account ${arn.account}, but the scenario targets ${expected.account}` };
  }
  if (GLOBAL_SERVICES.has(arn.service)) {
    if (arn.service === 'iam' && arn.region !== '') return { code: 'ARN_INVALID', message: `"${text}": IAM ARNs have no region` };
    return undefined;
  }
  if (arn.region !== expected.region) {
    return { code: 'ARN_REGION_MISMATCH', message: `"${text}" is in region ${arn.region || '(none)'}, but the scenario targets ${expected.region}` };
  }
  return undefined;
}
