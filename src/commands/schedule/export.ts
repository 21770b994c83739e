import { writeFile } from 'node:fs/promises';
import { Args, Flags } from '@oclif/core';
import { GamedayCommand } from '../../cli/base-command.js';
import { withExitCodes } from '../../cli/exit-code-tables.js';
import { scenarioPaths, scenarioSources } from '../../cli/scenario-sources.js';
import { GamedayError } from '../../core/errors.js';
import { parseInstant } from '../../core/schedule/instant.js';
import { exportEventBridge, exportIcs, type CalendarExport, type TemplateExport } from '../../core/schedule/operations.js';

type ExportResult = (Omit<CalendarExport, 'text'> | Omit<TemplateExport, 'text'>) & { out?: string; text?: string };

export default class ScheduleExport extends GamedayCommand {
  static override summary = 'Export scheduled game days as an iCalendar file or an EventBridge Scheduler template.';
  static override description = withExitCodes('schedule export', '--ics writes an RFC 5545 calendar with one event per upcoming game day (blacked-out ones left out) for participants. --eventbridge writes a CloudFormation template in which EventBridge Scheduler starts `gameday schedule run-due <scenario> --yes` as an ECS Fargate task at each scenario\'s cron, in its time zone (see docs/schedule.md for the IAM it needs).');
  static override examples = [
    '<%= config.bin %> schedule export --ics --out gamedays.ics --days 180',
    '<%= config.bin %> schedule export --ics --now 2026-12-01T00:00:00Z --days 31',
    '<%= config.bin %> schedule export --eventbridge --out gameday-schedules.yaml',
    '<%= config.bin %> schedule export --eventbridge --format json scenarios/checkout-az-power.yaml',
  ];
  static override strict = false;
  static override args = {
    paths: Args.string({ description: 'scenario files, directories or quoted globs (default: scenarios/)' }),
  };
  static override flags = {
    ics: Flags.boolean({ description: 'an iCalendar (.ics) file of upcoming game days', exactlyOne: ['ics', 'eventbridge'] }),
    eventbridge: Flags.boolean({ description: 'a CloudFormation template of EventBridge Scheduler schedules', exactlyOne: ['ics', 'eventbridge'] }),
    out: Flags.string({ description: 'write to this file instead of stdout' }),
    now: Flags.string({
      description: 'export from this instant instead of the current time (ISO 8601 with a zone), as --now does for list, due and run-due; --from is the old name',
      aliases: ['from'],
      dependsOn: ['ics'],
    }),
    days: Flags.integer({ description: 'how many days ahead to include (default 90)', min: 1, max: 3660, dependsOn: ['ics'] }),
    format: Flags.string({ description: 'template format (default yaml)', options: ['yaml', 'json'], dependsOn: ['eventbridge'] }),
  };

  async run(): Promise<ExportResult> {
    const { argv, flags } = await this.parse(ScheduleExport);
    const now = flags.now === undefined ? new Date() : parseInstant(flags.now, 'now');
    const { text, ...result } = flags.ics
      ? await exportIcs(scenarioPaths(argv), scenarioSources(), { from: now, days: flags.days ?? 90, stamp: now })
      : await exportEventBridge(scenarioPaths(argv), scenarioSources(), { json: flags.format === 'json', cwd: process.cwd() });
    if (flags.out === undefined) {
      this.out(text);
      return { ...result, text };
    }
    await writeFile(flags.out, text).catch((error: NodeJS.ErrnoException) => {
      throw new GamedayError('USAGE', `${flags.out}: cannot write (${error.code ?? error.message})`, { hint: 'check that the directory exists and is writable' });
    });
    this.out(result.format === 'ics' ? `wrote ${result.events} game day(s) to ${flags.out}` : `wrote ${result.schedules.length} schedule(s) to ${flags.out}`);
    return { ...result, out: flags.out };
  }
}
