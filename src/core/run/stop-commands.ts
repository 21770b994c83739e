import type { InterruptContext } from './host.js';

/**
 * The exact commands that stop what gameday could not confirm stopped: close the run (abort), stop
 * every gameday experiment in the region (halt), or stop this one experiment with the AWS CLI.
 */
export function stopCommands(context: InterruptContext): string[] {
  const endpoint = context.endpoint ? ` --endpoint-url ${context.endpoint}` : '';
  const region = context.region ? ` --region ${context.region}` : '';
  const lines: string[] = [];
  if (context.runDir) lines.push(`gameday abort ${context.runDir}${endpoint}`);
  if (context.experimentId) {
    lines.push(`gameday halt${region}${endpoint}`);
    lines.push(`aws fis stop-experiment --id ${context.experimentId}${region}${endpoint}`);
  }
  return lines;
}

/** The exact commands that delete a template FIS would not delete at the end of the run: abort (which journals it), or the AWS CLI. */
export function templateCleanupCommands(context: InterruptContext & { templateId: string }): string[] {
  const endpoint = context.endpoint ? ` --endpoint-url ${context.endpoint}` : '';
  const region = context.region ? ` --region ${context.region}` : '';
  return [...(context.runDir ? [`gameday abort ${context.runDir}${endpoint}`] : []), `aws fis delete-experiment-template --id ${context.templateId}${region}${endpoint}`];
}
