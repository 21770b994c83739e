import { actionPermissions, ASSUME_ROLE, LOG_DELIVERY_ACTIONS, REPORT_DASHBOARD_ACTIONS, REPORT_S3_ACTIONS } from './prerequisites.js';
import type { Plan } from './types.js';

export interface IamPolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: '*' | string[];
  Condition?: Record<string, Record<string, string[]>>;
}

export interface IamPolicyDocument {
  Version: '2012-10-17';
  Statement: IamPolicyStatement[];
}

/**
 * ec2:InjectApiError serves every EC2 API-error action; the actions reference scopes it with the
 * condition key ec2:FisActionId, so the role can inject only the errors these plans inject.
 */
const INJECT_API_ERROR = 'ec2:InjectApiError';

/**
 * `gameday plan --iam-policy`: the least-privilege policy for each FIS role the plans use, from the
 * catalogue's Permissions lists (plus the Describe calls filtered targets need, log delivery when a
 * plan logs, and writing the FIS experiment report when a plan asks for one). One statement per FIS action id, sorted, so the same plans always print the same bytes.
 */
export function fisRolePolicies(plans: readonly Plan[]): Map<string, IamPolicyDocument> {
  // A multi-account plan's actions run as its target account roles; its own role only assumes them.
  const byRole = new Map<string, { acting: Plan[]; orchestrating: Plan[] }>();
  const of = (role: string) => byRole.get(role) ?? byRole.set(role, { acting: [], orchestrating: [] }).get(role)!;
  for (const plan of plans) {
    of(plan.template.roleArn).orchestrating.push(plan);
    for (const role of plan.targetAccounts?.map((a) => a.roleArn) ?? [plan.template.roleArn]) of(role).acting.push(plan);
  }
  return new Map([...byRole].sort(([a], [b]) => a.localeCompare(b)).map(([role, own]) => [role, policyFor(own.acting, own.orchestrating)]));
}

function policyFor(acting: Plan[], orchestrating: Plan[]): IamPolicyDocument {
  const perAction = new Map<string, Set<string>>();
  const injectors = new Set<string>();
  for (const plan of acting) {
    for (const { actionId, iam } of actionPermissions(plan.template)) {
      const permissions = perAction.get(actionId) ?? new Set<string>();
      perAction.set(actionId, permissions);
      for (const permission of iam) {
        if (permission === INJECT_API_ERROR) injectors.add(actionId);
        else permissions.add(permission);
      }
    }
  }
  const statements: IamPolicyStatement[] = [...perAction]
    .filter(([, permissions]) => permissions.size > 0)
    .map(([actionId, permissions]) => ({ Sid: sid(actionId), Effect: 'Allow', Action: [...permissions].sort(), Resource: '*' }));
  if (injectors.size > 0) {
    statements.push({
      Sid: 'Ec2InjectApiError',
      Effect: 'Allow',
      Action: [INJECT_API_ERROR],
      Resource: '*',
      Condition: { 'ForAnyValue:StringEquals': { 'ec2:FisActionId': [...injectors].sort() } },
    });
  }
  const assumed = [...new Set(orchestrating.flatMap((p) => p.targetAccounts?.map((a) => a.roleArn) ?? []))].sort();
  if (assumed.length > 0) statements.push({ Sid: 'AssumeTargetAccountRoles', Effect: 'Allow', Action: [ASSUME_ROLE], Resource: assumed });
  const reports = orchestrating.flatMap((p) => (p.template.experimentReportConfiguration ? [p.template.experimentReportConfiguration] : []));
  if (reports.length > 0) {
    // The report's objects only: the bucket and prefix each scenario's spec.fisReport names.
    const objects = [...new Set(reports.map((r) => `arn:aws:s3:::${r.outputs.s3Configuration.bucketName}/${r.outputs.s3Configuration.prefix ?? ''}*`))].sort();
    statements.push({ Sid: 'ExperimentReportObjects', Effect: 'Allow', Action: [...REPORT_S3_ACTIONS].sort(), Resource: objects });
    if (reports.some((r) => (r.dataSources?.cloudWatchDashboards.length ?? 0) > 0)) {
      statements.push({ Sid: 'ExperimentReportDashboards', Effect: 'Allow', Action: [...REPORT_DASHBOARD_ACTIONS].sort(), Resource: '*' });
    }
  }
  if (orchestrating.some((p) => p.template.logConfiguration)) {
    statements.push({ Sid: 'ExperimentLogDelivery', Effect: 'Allow', Action: [...LOG_DELIVERY_ACTIONS].sort(), Resource: '*' });
  }
  return { Version: '2012-10-17', Statement: statements.sort((a, b) => a.Sid.localeCompare(b.Sid)) };
}

/** "aws:ec2:stop-instances" → "AwsEc2StopInstances" (IAM Sids are alphanumeric). */
function sid(actionId: string): string {
  return actionId
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => `${part[0]!.toUpperCase()}${part.slice(1)}`)
    .join('');
}
