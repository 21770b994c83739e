import { Args, Flags } from '@oclif/core';
import { GamedayCommand } from '../cli/base-command.js';
import { withExitCodes } from '../cli/exit-code-tables.js';
import { reportsDirFlag } from '../cli/reports-dir-flag.js';
import type { Approval } from '../core/journal/events.js';

interface ApproveResult {
  scenario: string;
  planHash: string;
  approval: Approval;
  missing: string[];
  file: string;
}

export default class Approve extends GamedayCommand {
  static override description = withExitCodes('approve', `Approve a scenario's plan for a run against AWS, as one of the approvers its spec.gameDay.approvals names.

The approval is bound to the plan's hash: change the scenario in any way that changes the plan, and it
needs approving again. \`gameday run\` against AWS refuses (exit 2) until every named approver has approved
the plan it is about to run; sandbox runs need no approvals. Approvals are kept in
<reports-dir>/<scenario>/approvals.jsonl and journalled with each run.`);

  static override examples = [
    { description: 'Approve as the payments lead', command: '<%= config.bin %> approve scenarios/checkout-az-power.yaml --by priya' },
  ];

  static override args = {
    scenario: Args.string({ description: 'the scenario file', required: true }),
  };

  static override flags = {
    by: Flags.string({ description: 'who approves (one of spec.gameDay.approvals)', required: true }),
    'reports-dir': reportsDirFlag('where the scenario’s runs and approvals are kept'),
  };

  async run(): Promise<ApproveResult> {
    const { args, flags } = await this.parse(Approve);
    const [{ requireScenario }, { compilePlan }, { recordApproval }] = await Promise.all([
      import('../core/scenario/load.js'),
      import('../core/plan/compile.js'),
      import('../core/people/approvals.js'),
    ]);
    const plan = compilePlan(await requireScenario(args.scenario));
    const { approval, missing, path } = await recordApproval(flags['reports-dir'], plan, flags.by);
    this.out(
      `${approval.by} approved plan ${plan.hash.slice(0, 12)} of ${plan.scenario.name} (${approval.at}); ${missing.length ? `still needed: ${missing.join(', ')}` : 'every approver has approved: it may run against AWS'}`,
    );
    return { scenario: plan.scenario.name, planHash: plan.hash, approval, missing, file: path };
  }
}
