import type { PlanWarning, TemplateAction, TemplateTarget } from './types.js';

/**
 * What the FIS actions reference says an action needs outside the template, said where a team reads
 * it: as plan warnings (gameday cannot see task definitions or functions), and as a problem when the
 * template itself contradicts it (ecs-task-actions.html, use-lambda-actions.html).
 */
export function lintAction(
  name: string,
  action: TemplateAction,
  targets: Record<string, TemplateTarget>,
  problem: (within: (string | number)[], message: string) => void,
  warnings: PlanWarning[],
): void {
  const where = `action "${name}" (${action.actionId})`;
  const id = action.actionId;
  if (id.startsWith('aws:ecs:task-')) {
    // The network actions reach Fargate tasks only through the ECS fault injection endpoints.
    const viaEndpoints = action.parameters?.useEcsFaultInjectionEndpoints === 'true';
    if (!viaEndpoints) {
      const fargate = Object.values(action.targets ?? {}).find((t) => targets[t]?.filters?.some((f) => /^LaunchType$/i.test(f.path) && f.values.includes('FARGATE')));
      if (fargate) problem(['targets'], `${where} runs through the SSM agent, which Fargate tasks cannot host for FIS: target "${fargate}" keeps only LaunchType FARGATE tasks`);
      warnings.push({
        code: 'ECS_SSM_NOT_FARGATE',
        message: `${where} runs an SSM document in the task's SSM agent sidecar: it works on tasks on EC2 container instances, not on Fargate${id.startsWith('aws:ecs:task-network-') ? ' (unless useEcsFaultInjectionEndpoints is "true")' : ''}`,
      });
    }
    if (id === 'aws:ecs:task-kill-process' || id.startsWith('aws:ecs:task-network-')) {
      warnings.push({
        code: 'ECS_TASK_DEFINITION',
        message: `${where} needs the task definition to set pidMode "task"${id.startsWith('aws:ecs:task-network-') ? ' and a networkMode other than bridge' : ''}`,
      });
    }
  }
  if (id.startsWith('aws:lambda:')) {
    warnings.push({
      code: 'LAMBDA_EXTENSION_REQUIRED',
      message: `${where} acts only on functions with the AWS FIS Lambda extension layer and AWS_FIS_CONFIGURATION_LOCATION naming an S3 bucket/prefix (the config bucket) the FIS role may write and the function may read`,
    });
  }
}
