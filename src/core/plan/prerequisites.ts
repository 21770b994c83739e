import { fisAction, fisResourceType } from './fis-catalog.js';
import type { ExperimentTemplateInput, Prerequisite, TargetAccountConfiguration, TemplateTarget } from './types.js';

/**
 * The experiment role's permissions for a report (FIS User Guide, experiment-report-configuration.html, as
 * AWS's own agent toolkit restates it: aws/agent-toolkit-for-aws, aws-fault-injection-service
 * references/fis-workflow.md §5). A CMK-encrypted bucket also needs kms:GenerateDataKey and kms:Decrypt,
 * which gameday cannot tell from the scenario.
 */
export const REPORT_S3_ACTIONS: readonly string[] = ['s3:PutObject', 's3:GetObject'];
export const REPORT_DASHBOARD_ACTIONS: readonly string[] = ['cloudwatch:GetDashboard', 'cloudwatch:GetMetricWidgetImage'];
export const LOG_DELIVERY_ACTIONS: readonly string[] = ['logs:CreateLogDelivery', 'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups'];

/**
 * A multi-account experiment chains roles (FIS User Guide, multi-account-prerequisites.html): FIS assumes
 * the template's role, which assumes each target account's role; the actions run as those roles.
 */
export const ASSUME_ROLE = 'sts:AssumeRole';

export function listPrerequisites(template: ExperimentTemplateInput, targetAccounts?: readonly TargetAccountConfiguration[]): Prerequisite[] {
  const out: Prerequisite[] = [];
  for (const target of Object.values(template.targets)) {
    const tags = Object.entries(target.resourceTags ?? {});
    if (tags.length) out.push({ kind: 'tag', text: `${tagInstruction(target, tags)}${targetAccounts ? ' (in every target account)' : ''}` });
  }
  const actingRoles = targetAccounts?.map((a) => a.roleArn);
  const actors = actingRoles ? `each target account role (${actingRoles.join(', ')})` : template.roleArn;
  const permissions = actionPermissions(template);
  for (const { actionId, names, iam } of permissions) {
    if (iam.length) {
      out.push({
        kind: 'iam',
        text: `${actors} may call, for ${names.join(', ')} (${actionId}): ${iam.join(', ')}`,
        actions: [...iam],
        neededBy: `${names.join(', ')} (${actionId})`,
        ...(actingRoles ? { roles: actingRoles } : {}),
      });
    }
  }
  for (const account of targetAccounts ?? []) {
    out.push({
      kind: 'iam',
      text: `${template.roleArn} may call ${ASSUME_ROLE} on ${account.roleArn}; that role trusts ${template.roleArn} (Principal AWS ${accountOf(template.roleArn)}, sts:ExternalId arn:aws:fis:<region>:${accountOf(template.roleArn)}:experiment/*)`,
      neededBy: `target account ${account.accountId}`,
    });
  }
  const report = template.experimentReportConfiguration;
  if (report) {
    const { bucketName, prefix } = report.outputs.s3Configuration;
    const dashboards = report.dataSources?.cloudWatchDashboards.length ? REPORT_DASHBOARD_ACTIONS : [];
    out.push({ kind: 'iam', text: `${template.roleArn} may write the experiment report to s3://${bucketName}/${prefix ?? ''}${dashboards.length ? ' and read its dashboards' : ''}: ${[...REPORT_S3_ACTIONS, ...dashboards].join(', ')}`, actions: [...REPORT_S3_ACTIONS, ...dashboards], neededBy: 'the experiment report' });
  }
  if (template.logConfiguration) {
    out.push({ kind: 'iam', text: `${template.roleArn} may deliver experiment logs: ${LOG_DELIVERY_ACTIONS.join(', ')}`, actions: [...LOG_DELIVERY_ACTIONS], neededBy: 'experiment logs' });
  }
  // Conditions outside the template the actions need (the catalogue's, from the reference pages).
  for (const { actionId } of permissions) {
    const condition = fisAction(actionId)?.prerequisite;
    if (condition) out.push({ ...condition, text: `${condition.text} (${actionId})` });
  }
  return out;
}

function accountOf(roleArn: string): string {
  return roleArn.split(':')[4] ?? '';
}

/** Per FIS action id (in template order): the template actions using it and the permissions the FIS role needs for them. */
export interface ActionPermissions {
  actionId: string;
  names: string[];
  /** The catalogue's Permissions list, then the Describe calls filtered targets need. */
  iam: string[];
}

export function actionPermissions(template: ExperimentTemplateInput): ActionPermissions[] {
  const namesById = new Map<string, string[]>();
  for (const [name, action] of Object.entries(template.actions)) namesById.set(action.actionId, [...(namesById.get(action.actionId) ?? []), name]);
  return [...namesById].map(([actionId, names]) => {
    const iam = [...(fisAction(actionId)?.iamActions ?? [])];
    for (const extra of filterCalls(template, names)) if (!iam.includes(extra)) iam.push(extra);
    return { actionId, names, iam };
  });
}

/**
 * FIS applies a target's filters to the output of a Describe call it runs on the experiment's behalf
 * (targets.html, "Resource filters"); some actions' Permissions lists leave that call out
 * (send-command), so without it a filtered target could not be resolved. That FIS makes the call as
 * the experiment role is inferred: the page does not say.
 */
function filterCalls(template: ExperimentTemplateInput, actionNames: string[]): string[] {
  const calls: string[] = [];
  for (const name of actionNames) {
    for (const targetName of Object.values(template.actions[name]?.targets ?? {})) {
      const target = template.targets[targetName];
      const call = target?.filters?.length ? fisResourceType(target.resourceType)?.filterIamAction : undefined;
      if (call && !calls.includes(call)) calls.push(call);
    }
  }
  return calls;
}

/** "Tag the EC2 instances to hit with K=V; FIS keeps those where State.Name=running" */
function tagInstruction(target: TemplateTarget, tags: [string, string][]): string {
  const noun = fisResourceType(target.resourceType)?.noun ?? target.resourceType;
  const narrowing = [
    ...(target.filters ?? []).map((f) => `${f.path}=${f.values.join('|')}`),
    ...Object.entries(target.parameters ?? {}).map(([k, v]) => `${k}=${v}`),
  ];
  const keeps = narrowing.length ? `; FIS keeps those with ${narrowing.join(', ')}` : '';
  const picks = target.selectionMode === 'ALL' ? '' : ` and picks ${target.selectionMode}`;
  return `Tag the ${noun} to hit with ${tags.map(([k, v]) => `${k}=${v}`).join(', ')}${keeps}${keeps ? picks : picks ? `; FIS picks ${target.selectionMode}` : ''}`;
}
