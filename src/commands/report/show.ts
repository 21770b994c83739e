import { Args, Flags } from '@oclif/core';
import { GamedayCommand } from '../../cli/base-command.js';
import { withExitCodes } from '../../cli/exit-code-tables.js';
import { ExitCode } from '../../cli/exit-codes.js';
import { reportsDirFlag } from '../../cli/reports-dir-flag.js';
import type { Verdict } from '../../core/verdict/types.js';

export default class ReportShow extends GamedayCommand {
  static override description = withExitCodes('report show', `Show a game day's report in the terminal: verdict, RTO/RPO against targets, runbook gaps, expectations, timeline, notes.

Judged from the run's journal, so it is current even when report.md is older.`);

  static override examples = [
    { description: 'By run id (looked up under reports/)', command: '<%= config.bin %> report show 20261126T100000Z-a1b2c3' },
    { description: 'By run directory', command: '<%= config.bin %> report show reports/checkout-az-power/20261126T100000Z-a1b2c3' },
    { description: 'The verdict as JSON', command: '<%= config.bin %> report show 20261126T100000Z-a1b2c3 --json' },
  ];

  static override args = { run: Args.string({ description: 'run directory, or run id (or a unique prefix) under --reports-dir', required: true }) };

  static override flags = { 'reports-dir': reportsDirFlag(), markdown: Flags.boolean({ description: 'print report.md (Markdown) instead of terminal text' }) };

  async run(): Promise<Verdict> {
    const { args, flags } = await this.parse(ReportShow);
    const { findRunDir } = await import('../../report/find-run.js');
    const { loadRun } = await import('../../report/load-run.js');
    const { model, verdict } = await loadRun(await findRunDir(args.run, flags['reports-dir']));
    if (flags.markdown) {
      const { renderMarkdown } = await import('../../report/markdown.js');
      this.out(renderMarkdown(model));
    } else {
      const { renderTerminal } = await import('../../report/terminal.js');
      this.out(renderTerminal(model));
    }
    if (!verdict.passed) this.setExitCode(ExitCode.Finding);
    return verdict;
  }
}
