/**
 * Whether a role's trust policy lets a service assume it: an Allow statement for sts:AssumeRole (or a
 * wildcard covering it) whose Principal names the service. Conditions (aws:SourceAccount…) are not
 * evaluated here: FIS meets the usual ones, and STS has the last word when the experiment starts.
 */
export function trustsService(policy: unknown, service: string): boolean {
  const statements = asList((policy as { Statement?: unknown } | undefined)?.Statement);
  return statements.some((statement) => {
    const s = statement as { Effect?: unknown; Action?: unknown; Principal?: unknown };
    if (s.Effect !== 'Allow') return false;
    const assumes = asList(s.Action).some((a) => typeof a === 'string' && /^(\*|sts:\*|sts:AssumeRole)$/i.test(a));
    const principal = s.Principal as { Service?: unknown } | string | undefined;
    const services = typeof principal === 'object' && principal ? asList(principal.Service) : [];
    return assumes && services.includes(service);
  });
}

function asList(value: unknown): unknown[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The role name of a role ARN (the part after the last slash: paths are not part of the name). */
export function roleNameOf(roleArn: string): string {
  return roleArn.slice(roleArn.lastIndexOf('/') + 1);
}
