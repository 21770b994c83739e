import { Args, Flags } from '@oclif/core';
import { GamedayCommand } from '../../cli/base-command.js';
import { endpointUrlFlag } from '../../cli/endpoint-url-flag.js';
import { withExitCodes } from '../../cli/exit-code-tables.js';
import { ExitCode } from '../../cli/exit-codes.js';
import { scenarioPaths, scenarioSources } from '../../cli/scenario-sources.js';
import { parseInstant } from '../../core/schedule/instant.js';
import { listDue, type DueListing } from '../../core/schedule/operations.js';
import { dueListingText } from '../../core/schedule/text.js';
import { LIVE_CHECK_ENDPOINT, scheduleLiveCheck } from '../../cli/schedule-live-check.js';
import { reportsDirFlag } from '../../cli/reports-dir-flag.js';

export default class ScheduleDue extends GamedayCommand {
  static override summary = 'Show which scheduled game days are due now and not yet run.';
  static override description = withExitCodes('schedule due', 'An occurrence is due from its time until its window (spec.schedule.window, default PT1H) closes, unless a blackout covers it or a journal under the reports directory already records a run for it (run-started.scheduledFor).');
  static override examples = [
    '<%= config.bin %> schedule due',
    '<%= config.bin %> schedule due --now 2026-12-01T09:10:00Z --reports-dir reports --json',
  ];
  static override strict = false;
  static override args = {
    paths: Args.string({ description: 'scenario files, directories or quoted globs (default: scenarios/)' }),
  };
  static override flags = {
    now: Flags.string({ description: 'decide at this instant instead of the current time (ISO 8601 with a zone)' }),
    'reports-dir': reportsDirFlag('where runs are journaled (reports/<scenario>/<run-id>/journal.jsonl)'),
    'endpoint-url': endpointUrlFlag(LIVE_CHECK_ENDPOINT),
  };

  async run(): Promise<DueListing> {
    const { argv, flags } = await this.parse(ScheduleDue);
    const now = flags.now === undefined ? new Date() : parseInstant(flags.now, 'now');
    const listing = await listDue(scenarioPaths(argv), scenarioSources(), { now, reportsDir: flags['reports-dir'], live: (schedules) => scheduleLiveCheck(schedules, { endpoint: flags['endpoint-url'] }) });
    this.out(dueListingText(listing));
    if (listing.problems.length > 0) this.setExitCode(ExitCode.Invalid);
    return listing;
  }
}
