import { Args, Flags } from '@oclif/core';
import { GamedayCommand } from '../cli/base-command.js';
import { withExitCodes } from '../cli/exit-code-tables.js';
import { reportsDirFlag } from '../cli/reports-dir-flag.js';
import type { JournalEvent } from '../core/journal/events.js';

export default class Note extends GamedayCommand {
  static override description = withExitCodes('note', `Add a facilitator note to a run's journal; it appears on the report's timeline and in its notes.

Safe during a run, from a second terminal: the note is appended as one whole line. Re-render the reports afterwards
(\`gameday report render\`) when the run has already finished. --at places the note where it happened (when
reconstructing afterwards, or at sandbox speed, where a note typed 6 s in lands 15 virtual minutes later);
--tag well|wrong|lucky puts it in the report's review section.`);

  static override examples = [
    { description: 'During a run, by run id', command: '<%= config.bin %> note 20261126T100000Z-a1b2c3 "Ravi paged; starting DB failover SOP" --by Ana' },
    { description: 'After the run, by directory, placed 4 minutes after the experiment started', command: '<%= config.bin %> note reports/checkout-az-power/20261126T100000Z-a1b2c3 "Root cause: writer pinned to 1b" --at +4m --tag wrong' },
  ];

  static override args = {
    run: Args.string({ description: 'run directory, or run id (or a unique prefix) under --reports-dir', required: true }),
    text: Args.string({ description: 'the note', required: true }),
  };

  static override flags = {
    by: Flags.string({ description: 'who is writing the note', aliases: ['author'], default: process.env.USER }),
    at: Flags.string({ description: 'when it happened: ISO 8601 with a zone, or an offset from the experiment start on the service clock (+1m, +11m40s, -30s) [default: the last service time observed]' }),
    tag: Flags.string({ description: 'for the review: what went well, what went wrong, where we got lucky', options: ['well', 'wrong', 'lucky'] }),
    'reports-dir': reportsDirFlag(),
  };

  async run(): Promise<JournalEvent> {
    const { args, flags } = await this.parse(Note);
    const { findRunDir } = await import('../report/find-run.js');
    const { appendNote } = await import('../core/journal/human-entries.js');
    const runDir = await findRunDir(args.run, flags['reports-dir']);
    const event = await appendNote(runDir, { text: args.text, ...(flags.by ? { author: flags.by } : {}), ...(flags.at ? { at: flags.at } : {}), ...(flags.tag ? { tag: flags.tag } : {}) });
    this.out(`noted in ${runDir} (seq ${event.seq}${event.type === 'note' && event.time ? `, at ${event.time}` : ''})`);
    return event;
  }
}
