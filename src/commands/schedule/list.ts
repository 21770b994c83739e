import { Args, Flags } from '@oclif/core';
import { GamedayCommand } from '../../cli/base-command.js';
import { endpointUrlFlag } from '../../cli/endpoint-url-flag.js';
import { withExitCodes } from '../../cli/exit-code-tables.js';
import { ExitCode } from '../../cli/exit-codes.js';
import { scenarioPaths, scenarioSources } from '../../cli/scenario-sources.js';
import { parseInstant } from '../../core/schedule/instant.js';
import { listSchedules, type ScheduleListing } from '../../core/schedule/operations.js';
import { scheduleListingText } from '../../core/schedule/text.js';
import { LIVE_CHECK_ENDPOINT, scheduleLiveCheck } from '../../cli/schedule-live-check.js';

export default class ScheduleList extends GamedayCommand {
  static override summary = 'List scheduled game days and their next occurrences.';
  static override description = withExitCodes('schedule list', 'Every scenario with spec.schedule, its cron in its time zone, and the next occurrences — marked SKIPPED when a blackout covers them. Times are shown on the scenario\'s wall clock and in UTC.');
  static override examples = [
    '<%= config.bin %> schedule list',
    '<%= config.bin %> schedule list scenarios/checkout-az-power.yaml --count 12',
    '<%= config.bin %> schedule list --now 2026-12-20T00:00:00Z --json',
  ];
  static override strict = false;
  static override args = {
    paths: Args.string({ description: 'scenario files, directories or quoted globs (default: scenarios/)' }),
  };
  static override flags = {
    now: Flags.string({ description: 'list from this instant instead of the current time (ISO 8601 with a zone)' }),
    count: Flags.integer({ description: 'occurrences to show per scenario', default: 5, min: 1, max: 366 }),
    'endpoint-url': endpointUrlFlag(LIVE_CHECK_ENDPOINT),
  };

  async run(): Promise<ScheduleListing> {
    const { argv, flags } = await this.parse(ScheduleList);
    const now = flags.now === undefined ? new Date() : parseInstant(flags.now, 'now');
    const listing = await listSchedules(scenarioPaths(argv), scenarioSources(), { now, count: flags.count, live: (schedules) => scheduleLiveCheck(schedules, { endpoint: flags['endpoint-url'] }) });
    this.out(scheduleListingText(listing));
    if (listing.problems.length > 0) this.setExitCode(ExitCode.Invalid);
    return listing;
  }
}
