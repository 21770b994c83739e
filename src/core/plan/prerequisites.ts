import { fisAction, fisResourceType } from './fis-catalog.js';
import type { ExperimentTemplateInput, Prerequisite, TemplateTarget } from './types.js';

/**
 * Conditions outside the template that the actions need to work: the actions reference's notes per
 * action, ecs-task-actions.html for the task-* sidecar, actions-ssm-agent.html for the SSM Agent and
 * instance profile (the supported-OS list is fis-actions.md's, not checked here).
 */
const ACTION_CONDITIONS: Readonly<Record<string, Prerequisite>> = {
  'aws:ssm:send-command': {
    kind: 'ssm-agent',
    text: 'Target instances run the SSM Agent with an instance profile that allows Systems Manager (e.g. AmazonSSMManagedInstanceCore); AWSFIS-* documents run on Amazon Linux 2/2023, Ubuntu, RHEL 8/9, CentOS 9',
  },
  'aws:ecs:task-kill-process': {
    kind: 'ecs-task-definition',
    text: 'The task definition sets pidMode "task" and runs an SSM Agent sidecar that registers the task as a managed instance (env MANAGED_INSTANCE_ROLE_NAME; task role: ssm:CreateActivation, ssm:AddTagsToResource, iam:PassRole); ECS Exec is off',
  },
  'aws:ecs:task-cpu-stress': {
    kind: 'ecs-task-definition',
    text: 'The task runs an SSM Agent sidecar that registers it as a managed instance (env MANAGED_INSTANCE_ROLE_NAME; task role: ssm:CreateActivation, ssm:AddTagsToResource, iam:PassRole); ECS Exec is off',
  },
  'aws:ec2:stop-instances': {
    kind: 'other',
    text: 'Instances with KMS-encrypted EBS volumes restart only if the FIS role may kms:CreateGrant on the key (or the key policy allows it)',
  },
  'aws:ec2:asg-insufficient-instance-capacity-error': {
    kind: 'other',
    text: 'Auto Scaling groups must use launch templates (launch configurations are not affected)',
  },
  'aws:ebs:pause-volume-io': {
    kind: 'other',
    text: 'Volumes must be attached to Nitro instances, all in one AZ, not on an Outpost',
  },
  'aws:elasticache:replicationgroup-interrupt-az-power': {
    kind: 'other',
    text: 'Replication groups must be Multi-AZ (Redis OSS/Valkey, not Serverless)',
  },
};

const LOG_DELIVERY_ACTIONS = ['logs:CreateLogDelivery', 'logs:PutResourcePolicy', 'logs:DescribeResourcePolicies', 'logs:DescribeLogGroups'];

export function listPrerequisites(template: ExperimentTemplateInput): Prerequisite[] {
  const out: Prerequisite[] = [];
  for (const target of Object.values(template.targets)) {
    const tags = Object.entries(target.resourceTags ?? {});
    if (tags.length) out.push({ kind: 'tag', text: tagInstruction(target, tags) });
  }
  const namesById = new Map<string, string[]>();
  for (const [name, action] of Object.entries(template.actions)) namesById.set(action.actionId, [...(namesById.get(action.actionId) ?? []), name]);
  for (const [actionId, names] of namesById) {
    const iam = [...(fisAction(actionId)?.iamActions ?? [])];
    for (const extra of filterCalls(template, names)) if (!iam.includes(extra)) iam.push(extra);
    if (iam.length) out.push({ kind: 'iam', text: `${template.roleArn} may call, for ${names.join(', ')} (${actionId}): ${iam.join(', ')}`, actions: iam });
  }
  if (template.logConfiguration) {
    out.push({ kind: 'iam', text: `${template.roleArn} may deliver experiment logs: ${LOG_DELIVERY_ACTIONS.join(', ')}`, actions: [...LOG_DELIVERY_ACTIONS] });
  }
  for (const actionId of namesById.keys()) {
    const condition = ACTION_CONDITIONS[actionId];
    if (condition) out.push({ ...condition, text: `${condition.text} (${actionId})` });
  }
  return out;
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
