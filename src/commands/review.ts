import { Args, Flags } from '@oclif/core';
import { GamedayCommand } from '../cli/base-command.js';
import { withExitCodes } from '../cli/exit-code-tables.js';
import { reportsDirFlag } from '../cli/reports-dir-flag.js';
import type { JournalEvent } from '../core/journal/events.js';

export default class Review extends GamedayCommand {
  static override description = withExitCodes('review', `Record that a review meeting went through a run's report: who reviewed it, and when.

The reviewers and the date go into the journal and the report's header; a finished run's reports are
re-rendered at once. Review again to add another meeting.`);

  static override examples = [
    { description: 'The review meeting today', command: '<%= config.bin %> review 20261126T100000Z-a1b2c3 --by Ana --by Ravi' },
    { description: 'A review held on another day', command: '<%= config.bin %> review reports/checkout-az-power/20261126T100000Z-a1b2c3 --by Ana --date 2026-11-27' },
  ];

  static override args = {
    run: Args.string({ description: 'run directory, or run id (or a unique prefix) under --reports-dir', required: true }),
  };

  static override flags = {
    by: Flags.string({ description: 'a reviewer (repeat for each)', required: true, multiple: true }),
    date: Flags.string({ description: 'the review’s date, YYYY-MM-DD [default: today, UTC]' }),
    'reports-dir': reportsDirFlag(),
  };

  async run(): Promise<{ review: JournalEvent; reports: string[] }> {
    const { args, flags } = await this.parse(Review);
    const [{ findRunDir }, { appendReview }, { readJournal }, { writeReports }] = await Promise.all([
      import('../report/find-run.js'),
      import('../core/journal/human-entries.js'),
      import('../core/journal/reader.js'),
      import('../report/write-reports.js'),
    ]);
    const runDir = await findRunDir(args.run, flags['reports-dir']);
    const review = await appendReview(runDir, { by: flags.by, date: flags.date ?? new Date().toISOString().slice(0, 10) });
    const finished = (await readJournal(runDir)).events.some((e) => e.type === 'run-ended');
    const reports = finished ? (await writeReports(runDir)).files : [];
    if (review.type === 'review') this.out(`reviewed by ${review.by.join(', ')} on ${review.date} (${runDir})${finished ? '; reports re-rendered' : '; the run is still going: its reports will show the review'}`);
    return { review, reports };
  }
}
