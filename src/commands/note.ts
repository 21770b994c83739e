import { Args, Flags } from '@oclif/core';
import { GamedayCommand } from '../cli/base-command.js';
import { withExitCodes } from '../cli/exit-code-tables.js';
import { reportsDirFlag } from '../cli/reports-dir-flag.js';
import type { JournalEvent } from '../core/journal/events.js';

export default class Note extends GamedayCommand {
  static override description = withExitCodes('note', `Add a facilitator note to a run's journal; it appears on the report's timeline and in its notes.

Safe during a run, from a second terminal: the note is appended as one whole line. Re-render the reports afterwards
(\`gameday report render\`) when the run has already finished.`);

  static override examples = [
    { description: 'During a run, by run id', command: '<%= config.bin %> note 20261126T100000Z-a1b2c3 "Ravi paged; starting DB failover SOP" --author Ana' },
    { description: 'After the run, by directory', command: '<%= config.bin %> note reports/checkout-az-power/20261126T100000Z-a1b2c3 "Root cause: writer pinned to 1b"' },
  ];

  static override args = {
    run: Args.string({ description: 'run directory, or run id (or a unique prefix) under --reports-dir', required: true }),
    text: Args.string({ description: 'the note', required: true }),
  };

  static override flags = {
    author: Flags.string({ description: 'who is writing the note', default: process.env.USER }),
    'reports-dir': reportsDirFlag(),
  };

  async run(): Promise<JournalEvent> {
    const { args, flags } = await this.parse(Note);
    const { findRunDir } = await import('../report/find-run.js');
    const { appendNote } = await import('../core/journal/append-note.js');
    const runDir = await findRunDir(args.run, flags['reports-dir']);
    const event = await appendNote(runDir, { text: args.text, ...(flags.author ? { author: flags.author } : {}) });
    this.out(`noted in ${runDir} (seq ${event.seq})`);
    return event;
  }
}
