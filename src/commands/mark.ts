import { Args, Flags } from '@oclif/core';
import { GamedayCommand } from '../cli/base-command.js';
import { withExitCodes } from '../cli/exit-code-tables.js';
import { reportsDirFlag } from '../cli/reports-dir-flag.js';
import type { JournalEvent } from '../core/journal/events.js';

export default class Mark extends GamedayCommand {
  static override description = withExitCodes('mark', `Record when people detected the problem, engaged, mitigated it, or saw it recovered.

The report measures time-to-detect (by people, beside the alarms), -engage, -mitigate and -recover from these
marks, per disruption. Safe during a run, from a second terminal (one whole line appended to the journal).
Without --at the mark takes the last service time the run has observed; --at gives the time exactly: an
ISO 8601 time, or an offset from the experiment's start on the service clock (+1m), so marks made at sandbox
speed, or reconstructed afterwards, land where people meant.`);

  static override examples = [
    { description: 'The on-call noticed, now, from a second terminal', command: '<%= config.bin %> mark 20261126T100000Z-a1b2c3 detected --by Ravi "pager: checkout 5xx"' },
    { description: 'Reconstructed afterwards: mitigated 6 minutes after the experiment started', command: '<%= config.bin %> mark 20261126T100000Z-a1b2c3 mitigated --at +6m --by Ana "failed over to 1b"' },
  ];

  static override args = {
    run: Args.string({ description: 'run directory, or run id (or a unique prefix) under --reports-dir', required: true }),
    mark: Args.string({ description: 'what people did', required: true, options: ['detected', 'engaged', 'mitigated', 'recovered'] }),
    text: Args.string({ description: 'what happened, in a few words' }),
  };

  static override flags = {
    at: Flags.string({ description: 'when: ISO 8601 with a zone, or an offset from the experiment start on the service clock (+1m, +11m40s) [default: the last service time observed]' }),
    by: Flags.string({ description: 'who', default: process.env.USER }),
    'reports-dir': reportsDirFlag(),
  };

  async run(): Promise<JournalEvent> {
    const { args, flags } = await this.parse(Mark);
    const { findRunDir } = await import('../report/find-run.js');
    const { appendMark } = await import('../core/journal/human-entries.js');
    const runDir = await findRunDir(args.run, flags['reports-dir']);
    const event = await appendMark(runDir, { mark: args.mark, ...(flags.at ? { at: flags.at } : {}), ...(flags.by ? { by: flags.by } : {}), ...(args.text ? { text: args.text } : {}) });
    if (event.type === 'mark') this.out(`marked ${event.mark} at ${event.time} (${event.timeSource === 'given' ? 'as given' : 'the last service time observed'}) in ${runDir} (seq ${event.seq})`);
    return event;
  }
}
