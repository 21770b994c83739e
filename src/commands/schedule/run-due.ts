import { hostname } from 'node:os';
import { isAlive } from '../../core/schedule/lock.js';
import { Args, Flags } from '@oclif/core';
import { GamedayCommand } from '../../cli/base-command.js';
import { endpointUrlFlag } from '../../cli/endpoint-url-flag.js';
import { withExitCodes } from '../../cli/exit-code-tables.js';
import { scenarioPaths, scenarioSources } from '../../cli/scenario-sources.js';
import { childProcessRunner } from '../../core/schedule/child-process-runner.js';
import { parseInstant } from '../../core/schedule/instant.js';
import { runDue, type RunDueReport } from '../../core/schedule/operations.js';
import { runDueEntryText, runDueText } from '../../core/schedule/text.js';
import { LIVE_CHECK_ENDPOINT, scheduleLiveCheck } from '../../cli/schedule-live-check.js';
import { reportsDirFlag } from '../../cli/reports-dir-flag.js';

export default class ScheduleRunDue extends GamedayCommand {
  static override summary = 'Run the game days that are due now, one after another.';
  static override description = withExitCodes('schedule run-due', 'For cron, CI schedulers and EventBridge: each due occurrence runs as `gameday run <file> --yes --scheduled-for <occurrence>` in a child process. A lock and per-occurrence claims in <reports-dir>/.schedule/ make sure overlapping invocations never start the same game day twice; blackouts are skipped; one failure does not stop the rest.');
  static override examples = [
    '<%= config.bin %> schedule run-due --yes',
    '<%= config.bin %> schedule run-due scenarios/checkout-az-power.yaml --yes --reports-dir /var/lib/gameday/reports',
    '<%= config.bin %> schedule run-due --sandbox --yes --now 2026-12-01T09:05:00Z',
  ];
  static override strict = false;
  static override args = {
    paths: Args.string({ description: 'scenario files, directories or quoted globs (default: scenarios/)' }),
  };
  static override flags = {
    yes: Flags.boolean({ description: 'start the due game days without asking: they inject real faults', default: false }),
    sandbox: Flags.boolean({ description: 'run each game day against the local sandbox (passed to `gameday run`)', default: false }),
    now: Flags.string({ description: 'decide what is due at this instant instead of the current time (ISO 8601 with a zone)' }),
    'reports-dir': reportsDirFlag('where runs are journaled, and where the schedule lock and claims live'),
    'endpoint-url': endpointUrlFlag(`${LIVE_CHECK_ENDPOINT}; also passed to each \`gameday run\``, { exclusive: ['sandbox'] }),
    'lock-wait': Flags.integer({ description: 'seconds to wait for another run-due that is deciding what to run', default: 30, min: 0 }),
  };

  async run(): Promise<RunDueReport> {
    const { argv, flags } = await this.parse(ScheduleRunDue);
    const fixedNow = flags.now === undefined ? undefined : parseInstant(flags.now, 'now');
    const now = fixedNow ?? new Date();
    const report = await runDue(scenarioPaths(argv), scenarioSources(), {
      reportsDir: flags['reports-dir'],
      now,
      clock: () => fixedNow ?? new Date(),
      yes: flags.yes,
      owner: { pid: process.pid, host: hostname(), startedAt: new Date().toISOString() },
      lock: { isAlive, waitMs: flags['lock-wait'] * 1000, sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)) },
      runner: childProcessRunner({ sandbox: flags.sandbox, reportsDir: flags['reports-dir'], outputFd: 2, ...(flags['endpoint-url'] ? { endpoint: flags['endpoint-url'] } : {}) }),
      live: (schedules) => scheduleLiveCheck(schedules, { sandbox: flags.sandbox, endpoint: flags['endpoint-url'] }),
      onStart: (entry) => this.logToStderr(`gameday: starting ${entry.scenario} for ${entry.occurrence.at}`),
      onFinish: (entry) => this.logToStderr(`gameday: ${runDueEntryText(entry)}`),
    });
    this.out(runDueText(report));
    process.exitCode = report.exitCode;
    return report;
  }
}
