import { jsonText } from '../core/control-characters.js';
import type { IamPolicyDocument } from '../core/plan/iam-policy.js';
import type { PlanReport } from '../core/plan/plan-paths.js';
import type { CommandIo } from './command-io.js';
import { writeJson } from './command-output.js';
import { ExitCode } from './exit-codes.js';

export const PLAN_FORMATS = ['text', 'markdown', 'github', 'json'] as const;

/** One FIS role: its policy document; several: role ARN → policy document. */
export type IamPolicyOutput = IamPolicyDocument | Record<string, IamPolicyDocument>;

/** `gameday plan` after its flags are parsed: the same for the oclif command and the fast start. */
export async function planBody(input: { paths: string[]; format: string; changedSince?: string; out?: string; iamPolicy: boolean }, io: CommandIo): Promise<PlanReport | IamPolicyOutput> {
  const { planScenarioPaths } = await import('../core/plan/plan-paths.js');
  const report = await planScenarioPaths({
    paths: input.paths.length > 0 ? input.paths : ['scenarios'],
    ...(input.changedSince !== undefined ? { changedSince: input.changedSince } : {}),
    ...(input.out !== undefined ? { outDir: input.out } : {}),
  });
  if (!report.ok) io.setExitCode(ExitCode.Invalid);
  if (input.iamPolicy && report.ok) {
    const { fisRolePolicies } = await import('../core/plan/iam-policy.js');
    const plans = report.results.flatMap((r) => (r.status === 'planned' ? [r.plan] : []));
    const policies = fisRolePolicies(plans);
    const output: IamPolicyOutput = policies.size === 1 ? [...policies.values()][0]! : Object.fromEntries(policies);
    io.out(jsonText(output, 2));
    return output;
  }
  if (input.format === 'json' && !io.json) {
    writeJson(report);
    return report;
  }
  const render = await import('../core/plan/render-report.js');
  if (input.format === 'markdown') io.out(render.renderPlanReportMarkdown(report));
  else if (input.format === 'github') io.out(render.renderPlanReportGithub(report));
  else io.out(render.renderPlanReportText(report));
  return report;
}
