import { Args, Flags } from '@oclif/core';
import { GamedayCommand } from '../../cli/base-command.js';
import { withExitCodes } from '../../cli/exit-code-tables.js';
import { ExitCode } from '../../cli/exit-codes.js';
import { reportsDirFlag } from '../../cli/reports-dir-flag.js';
import { GamedayError } from '../../core/errors.js';
import type { Verdict } from '../../core/verdict/types.js';
import { REPORT_FORMATS as FORMATS, type ReportFormat } from '../../report/report-formats.js';

export default class ReportRender extends GamedayCommand {
  static override description = withExitCodes('report render', `Re-render a run's reports from its journal: report.md, report.html, report.json, junit.xml.

Reports never call AWS: any past run can be re-judged with the current gameday.`);

  static override examples = [
    { description: 'Every format', command: '<%= config.bin %> report render reports/checkout-az-power/20261126T100000Z-a1b2c3' },
    { description: 'Only JUnit and JSON, for CI', command: '<%= config.bin %> report render reports/checkout-az-power/20261126T100000Z-a1b2c3 --format junit,json' },
  ];

  static override args = { runDir: Args.string({ description: 'run directory holding journal.jsonl (or a run id under reports/)', required: true }) };

  static override flags = {
    format: Flags.string({ description: `comma-separated formats: ${FORMATS.join(', ')}`, default: FORMATS.join(',') }),
    'reports-dir': reportsDirFlag(),
  };

  async run(): Promise<{ verdict: Verdict; files: string[] }> {
    const { args, flags } = await this.parse(ReportRender);
    const formats = flags.format.split(',').map((f) => f.trim()).filter(Boolean);
    const unknown = formats.filter((f) => !(FORMATS as readonly string[]).includes(f));
    if (unknown.length > 0 || formats.length === 0) {
      throw new GamedayError('USAGE', `--format ${flags.format}: unknown format ${unknown.join(', ') || '(none given)'}`, { hint: `choose from ${FORMATS.join(', ')}` });
    }
    const { findRunDir } = await import('../../report/find-run.js');
    const { writeReports } = await import('../../report/write-reports.js');
    const result = await writeReports(await findRunDir(args.runDir, flags['reports-dir']), { formats: formats as ReportFormat[] });
    const { verdict } = result;
    this.out(`${verdict.scenario} ${verdict.runId}: ${verdict.outcome}, ${verdict.gaps.length} gap(s)\n${result.files.map((f) => `  wrote ${f}`).join('\n')}`);
    if (!verdict.passed) this.setExitCode(ExitCode.Finding);
    return result;
  }
}
