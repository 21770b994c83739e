import { Args } from '@oclif/core';
import { GamedayCommand } from '../../cli/base-command.js';
import { withExitCodes } from '../../cli/exit-code-tables.js';
import { ExitCode } from '../../cli/exit-codes.js';
import { reportsDirFlag } from '../../cli/reports-dir-flag.js';
import type { RunDiff } from '../../report/run-diff.js';

export default class ReportDiff extends GamedayCommand {
  static override description = withExitCodes('report diff', `Compare two runs of a scenario: the verdict, runbook gaps closed and opened by severity, RTO and RPO, expectations fixed and broken.

The change is judged by the verdict first (FAILED → PASSED is better), then by the gaps, most severe first (a critical gap closed is better, whatever happened to a low one), then by RTO and RPO.`);

  static override examples = [
    { description: 'Last month against today', command: '<%= config.bin %> report diff 20261026T100000Z-0c0c0c 20261126T100000Z-a1b2c3' },
    { description: 'By run directory, as JSON', command: '<%= config.bin %> report diff reports/checkout-az-power/20261126T110000Z-d4e5f6 reports/checkout-az-power/20261126T100000Z-a1b2c3 --json' },
  ];

  static override args = {
    before: Args.string({ description: 'the earlier run (directory or run id)', required: true }),
    after: Args.string({ description: 'the later run (directory or run id)', required: true }),
  };

  static override flags = { 'reports-dir': reportsDirFlag() };

  async run(): Promise<RunDiff> {
    const { args, flags } = await this.parse(ReportDiff);
    const { findRunDir } = await import('../../report/find-run.js');
    const { loadRun } = await import('../../report/load-run.js');
    const { diffRuns } = await import('../../report/run-diff.js');
    const { renderDiff } = await import('../../report/terminal.js');
    const before = await loadRun(await findRunDir(args.before, flags['reports-dir']));
    const after = await loadRun(await findRunDir(args.after, flags['reports-dir']));
    const diff = diffRuns(before.verdict, after.verdict);
    this.out(renderDiff(diff));
    if (diff.regressed) this.setExitCode(ExitCode.Finding);
    return diff;
  }
}
