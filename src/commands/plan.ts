import { Args, Flags } from '@oclif/core';
import { GamedayCommand } from '../cli/base-command.js';
import { endpointUrlFlag } from '../cli/endpoint-url-flag.js';
import { withExitCodes } from '../cli/exit-code-tables.js';
import { formatFlag } from '../cli/format-flag.js';
import { PLAN_FORMATS, planBody, type IamPolicyOutput } from '../cli/plan-body.js';
import type { PlanReport } from '../core/plan/plan-paths.js';
import type { TargetCheck } from '../core/run/check-targets.js';

export default class Plan extends GamedayCommand {
  static override description = withExitCodes('plan', `Compile scenarios to the exact AWS FIS experiment templates a run would create — the dry run for pull requests.

Shows what each scenario hits (resource types, tags, AZ, selection), its actions as a timeline, stop conditions, steady-state probes, detection budgets, RTO/RPO targets and where they come from, the tags and IAM permissions it needs, and warnings. Touches no AWS account (except with --resolve). Catches at plan time what FIS would reject or silently get wrong.`);

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
    format: formatFlag(PLAN_FORMATS, {
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
    resolve: Flags.boolean({
      description: 'also ask FIS what each target resolves to now: start the experiment with actionsMode skip-all (nothing is injected), list what each action would hit and report every target that resolves to nothing (exit 1); calls AWS',
      exclusive: ['iam-policy', 'out'],
    }),
    profile: Flags.string({ description: 'with --resolve: AWS profile for credentials (else the default chain)', dependsOn: ['resolve'] }),
    'endpoint-url': endpointUrlFlag('with --resolve: send every AWS call to this endpoint (e.g. a standalone `gameday sandbox`)', { dependsOn: ['resolve'] }),
    out: Flags.string({
      description: 'write plan.json and plan.md into this directory; into <dir>/<scenario name>/ unless the arguments name a single scenario file',
      helpValue: '<dir>',
    }),
  };

  async run(): Promise<PlanReport | IamPolicyOutput | TargetCheck> {
    const { argv, flags } = await this.parse(Plan);
    if (flags.resolve) {
      const { planResolveBody } = await import('../cli/plan-resolve.js');
      return planResolveBody(
        {
          paths: argv as string[],
          ...(flags['changed-since'] !== undefined ? { changedSince: flags['changed-since'] } : {}),
          ...(flags.profile ? { profile: flags.profile } : {}),
          ...(flags['endpoint-url'] ? { endpoint: flags['endpoint-url'] } : {}),
        },
        this.io(),
      );
    }
    const input = {
      paths: argv as string[],
      format: flags.format,
      ...(flags['changed-since'] !== undefined ? { changedSince: flags['changed-since'] } : {}),
      ...(flags.out !== undefined ? { out: flags.out } : {}),
      iamPolicy: flags['iam-policy'],
    };
    return planBody(input, this.io());
  }
}
