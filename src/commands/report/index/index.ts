// oclif names a command after its file, except index.ts (the topic itself): report/index/index.ts is `report index`.
import { Flags } from '@oclif/core';
import { GamedayCommand } from '../../../cli/base-command.js';
import { withExitCodes } from '../../../cli/exit-code-tables.js';
import { reportsDirFlag } from '../../../cli/reports-dir-flag.js';

export default class ReportIndex extends GamedayCommand {
  static override description = withExitCodes('report index', `Write a static HTML index of every run: per scenario, a trend of measured RTO against its target, and a table linking each run's report.html.

One self-contained file (inline CSS and SVG). Runs without a report.html get one rendered from their journal.`);

  static override examples = [
    { description: 'reports/index.html', command: '<%= config.bin %> report index' },
    { description: 'Somewhere to publish', command: '<%= config.bin %> report index --reports-dir reports --out public/gamedays.html' },
  ];

  static override flags = {
    'reports-dir': reportsDirFlag(),
    out: Flags.string({ description: 'the index file to write [default: <reports-dir>/index.html]' }),
  };

  async run(): Promise<{ file: string; runs: number; scenarios: number }> {
    const { flags } = await this.parse(ReportIndex);
    const { writeIndex } = await import('../../../report/write-index.js');
    const result = await writeIndex(flags['reports-dir'], flags.out);
    this.out(`wrote ${result.file}: ${result.runs} run(s) of ${result.scenarios} scenario(s)`);
    return result;
  }
}
