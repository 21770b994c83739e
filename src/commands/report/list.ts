import { Flags } from '@oclif/core';
import { GamedayCommand } from '../../cli/base-command.js';
import { withExitCodes } from '../../cli/exit-code-tables.js';
import { reportsDirFlag } from '../../cli/reports-dir-flag.js';
import type { RunHistory } from '../../report/run-history.js';

export default class ReportList extends GamedayCommand {
  static override description = withExitCodes('report list', `List past game days: date, verdict, measured RTO against its target, and the number of runbook gaps.

Every run is judged afresh from its journal (reports/<scenario>/<run-id>/journal.jsonl), oldest first.`);

  static override examples = [
    { description: 'Every run under reports/', command: '<%= config.bin %> report list' },
    { description: 'The runs of one scenario', command: '<%= config.bin %> report list --scenario checkout-az-power' },
    { description: 'Runs kept elsewhere, as JSON', command: '<%= config.bin %> report list --reports-dir /srv/gameday/reports --json' },
  ];

  static override flags = {
    scenario: Flags.string({ description: 'only runs of this scenario (its metadata.name)' }),
    'reports-dir': reportsDirFlag(),
  };

  async run(): Promise<RunHistory> {
    const { flags } = await this.parse(ReportList);
    const { runHistory } = await import('../../report/run-history.js');
    const { renderHistory } = await import('../../report/terminal.js');
    const history = await runHistory(flags['reports-dir'], flags.scenario === undefined ? {} : { scenario: flags.scenario });
    this.out(renderHistory(history));
    return history;
  }
}
