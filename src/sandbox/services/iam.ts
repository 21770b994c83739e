/**
 * IAM, read-only, for the roles the world declares (spec.iamRoles): GetRole (with its trust policy)
 * and SimulatePrincipalPolicy (each action's decision from the role's allow/deny patterns), as the IAM
 * API reference names them. IAM is global: one account, whatever Region signed the request.
 */
import { ServiceError, type ServiceBackend } from '../contracts.js';
import type { IamRoleSpec } from '../world/types.js';
import { decodeToken, encodeToken, optionalInteger, requiredString, stringList } from './members.js';

const DEFAULT_TRUSTS = ['fis.amazonaws.com'];
const DEFAULT_ALLOW = ['*'];
/** SimulatePrincipalPolicy's MaxItems default (IAM API reference). */
const PAGE = 100;

/** Compiled once per glob: a preflight asks about every permission of the plan, against every pattern of the role. */
const patterns = new Map<string, RegExp>();

function pattern(glob: string): RegExp {
  let compiled = patterns.get(glob);
  if (!compiled) patterns.set(glob, (compiled = new RegExp(`^${glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i')));
  return compiled;
}

/** explicitDeny beats allowed; anything not allowed is implicitDeny (IAM's policy evaluation logic). */
export function decide(role: IamRoleSpec, action: string): 'allowed' | 'explicitDeny' | 'implicitDeny' {
  if ((role.deny ?? []).some((p) => pattern(p).test(action))) return 'explicitDeny';
  return (role.allow ?? DEFAULT_ALLOW).some((p) => pattern(p).test(action)) ? 'allowed' : 'implicitDeny';
}

export function createIamBackend(options: { account: string; roles: readonly IamRoleSpec[]; createDate: Date }): ServiceBackend {
  const { account } = options;
  const byName = new Map(options.roles.map((r) => [r.name.toLowerCase(), r]));
  const arnOf = (role: IamRoleSpec) => `arn:aws:iam::${account}:role/${role.name}`;
  const noSuchRole = (name: string) => new ServiceError('NoSuchEntity', `The role with name ${name} cannot be found.`, 404);
  const roleNamed = (name: string): IamRoleSpec => {
    const role = byName.get(name.toLowerCase());
    if (!role) throw noSuchRole(name);
    return role;
  };
  return {
    service: 'iam',
    operations: {
      GetRole(input) {
        const role = roleNamed(requiredString(input, 'RoleName'));
        const trust = {
          Version: '2012-10-17',
          Statement: [{ Effect: 'Allow', Principal: { Service: role.trusts ?? DEFAULT_TRUSTS }, Action: 'sts:AssumeRole' }],
        };
        return {
          Role: {
            Path: '/',
            RoleName: role.name,
            RoleId: `AROA${account.padStart(17, '5').slice(-17)}`,
            Arn: arnOf(role),
            CreateDate: options.createDate,
            // IAM returns policy documents URL-encoded (RFC 3986).
            AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(trust)),
            MaxSessionDuration: 3600,
          },
        };
      },
      SimulatePrincipalPolicy(input) {
        const source = requiredString(input, 'PolicySourceArn');
        const match = /^arn:aws[a-z-]*:iam::(\d{12}):role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(source);
        if (!match) throw new ServiceError('InvalidInput', `Invalid ARN for PolicySourceArn: ${source}`, 400);
        if (match[1] !== account) throw noSuchRole(match[2]!);
        const role = roleNamed(match[2]!);
        const actions = stringList(input, 'ActionNames');
        const resources = input['ResourceArns'] === undefined ? [] : stringList(input, 'ResourceArns');
        if (actions.length === 0) throw new ServiceError('ValidationError', "1 validation error detected: Value null at 'actionNames' failed to satisfy constraint: Member must not be null", 400);
        const fingerprint = `${source} ${actions.join(',')}`;
        const start = decodeToken(input['Marker'] as string | undefined, fingerprint);
        const max = optionalInteger(input, 'MaxItems', 1, 1000) ?? PAGE;
        const page = actions.slice(start, start + max);
        const truncated = start + max < actions.length;
        return {
          // The sandbox's permissions are per action: a resource named changes only what the result names.
          EvaluationResults: page.map((action) => ({ EvalActionName: action, EvalResourceName: resources.length === 1 ? resources[0] : '*', EvalDecision: decide(role, action) })),
          IsTruncated: truncated,
          ...(truncated ? { Marker: encodeToken(start + max, fingerprint) } : {}),
        };
      },
    },
  };
}
