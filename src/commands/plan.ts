import { Args, Flags } from '@oclif/core';
import { GamedayCommand } from '../cli/base-command.js';
import { withExitCodes } from '../cli/exit-code-tables.js';
import { formatFlag } from '../cli/format-flag.js';
import { ExitCode } from '../cli/exit-codes.js';
import type { IamPolicyDocument } from '../core/plan/iam-policy.js';
import type { PlanReport } from '../core/plan/plan-paths.js';

/** One FIS role: its policy document; several: role ARN → policy document. */
type IamPolicyOutput = IamPolicyDocument | Record<string, IamPolicyDocument>;

export default class Plan extends GamedayCommand {
  static override description = withExitCodes('plan', `Compile scenarios to the exact AWS FIS experiment templates a run would create — the dry run for pull requests.

Shows what each scenario hits (resource types, tags, AZ, selection), its actions as a timeline, stop conditions, steady-state probes, detection budgets, RTO/RPO targets and where they come from, the tags and IAM permissions it needs, and warnings. Touches no AWS account. Catches at plan time what FIS would reject or silently get wrong.`);

  static override examples = [
    { description: 'Plan every scenario under scenarios/', command: '<%= config.bin %> plan scenarios/' },
    {
      description: 'In a pull request: plan what changed since the base branch, as markdown for the step summary',
      command: '<%= config.bin %> plan scenarios/ --changed-since origin/main --format markdown >> "$GITHUB_STEP_SUMMARY"',
    },
    {
      description: 'Print the least-privilege IAM policy for the FIS role of the scenarios (JSON)',
      command: '<%= config.bin %> plan scenarios/checkout-az-power.yaml --iam-policy > fis-role-policy.json',
    },
    {
      description: 'Write plan.json + plan.md for `gameday run --plan`',
      command: '<%= config.bin %> plan scenarios/checkout-az-power.yaml --out plans/checkout',
    },
  ];

  static override strict = false;

  static override args = {
    scenarios: Args.string({ description: 'scenario files, directories (searched recursively) or quoted globs [default: scenarios]' }),
  };

  static override flags = {
    format: formatFlag(['text', 'markdown', 'github', 'json'], {
      description: 'output: text for people, markdown (or md) for a PR comment or step summary, github for workflow annotations, json (same as --json)',
      default: 'text',
    }),
    'changed-since': Flags.string({
      description: 'plan only scenarios whose file, runbook or sandbox world changed since this git ref (committed since the merge base, or uncommitted)',
      helpValue: '<git-ref>',
    }),
    'iam-policy': Flags.boolean({
      description:
        "print instead the least-privilege IAM policy document (JSON) the FIS role needs for these scenarios' actions, from the FIS actions reference's Permissions lists; several roles: an object of role ARN → policy",
      exclusive: ['format', 'out'],
    }),
    out: Flags.string({
      description: 'write plan.json and plan.md into this directory; into <dir>/<scenario name>/ unless the arguments name a single scenario file',
      helpValue: '<dir>',
    }),
  };

  async run(): Promise<PlanReport | IamPolicyOutput> {
    const { argv, flags } = await this.parse(Plan);
    const { planScenarioPaths } = await import('../core/plan/plan-paths.js');
    const report = await planScenarioPaths({
      paths: argv.length > 0 ? (argv as string[]) : ['scenarios'],
      ...(flags['changed-since'] !== undefined ? { changedSince: flags['changed-since'] } : {}),
      ...(flags.out !== undefined ? { outDir: flags.out } : {}),
    });
    if (!report.ok) this.setExitCode(ExitCode.Invalid);
    if (flags['iam-policy'] && report.ok) {
      const { fisRolePolicies } = await import('../core/plan/iam-policy.js');
      const plans = report.results.flatMap((r) => (r.status === 'planned' ? [r.plan] : []));
      const policies = fisRolePolicies(plans);
      const output: IamPolicyOutput = policies.size === 1 ? [...policies.values()][0]! : Object.fromEntries(policies);
      if (!this.jsonEnabled()) this.out(JSON.stringify(output, null, 2));
      return output;
    }
    if (flags.format === 'json' && !this.jsonEnabled()) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      return report;
    }
    const render = await import('../core/plan/render-report.js');
    if (flags.format === 'markdown') this.out(render.renderPlanReportMarkdown(report));
    else if (flags.format === 'github') this.out(render.renderPlanReportGithub(report));
    else this.out(render.renderPlanReportText(report));
    return report;
  }
}
