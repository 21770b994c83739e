import { Args, Flags } from '@oclif/core';
import { GamedayCommand } from '../cli/base-command.js';
import { endpointUrlFlag } from '../cli/endpoint-url-flag.js';
import { withExitCodes } from '../cli/exit-code-tables.js';
import { ExitCode } from '../cli/exit-codes.js';
import { reportsDirFlag } from '../cli/reports-dir-flag.js';
import { GamedayError } from '../core/errors.js';

export default class Watch extends GamedayCommand {
  static override description = withExitCodes('watch', `Serve the live view of a game day that is already running, for the room's shared screen.

The page (on 127.0.0.1; its URL is printed) is built from the run's journal as it is written: the
timeline, the RTO budget counting down, the reporter's form for notes and marks, and a Stop button that
does what \`gameday abort RUN\` does (stops the run's experiment, closes its journal). A run on an
embedded sandbox (\`run --sandbox\`) can only be stopped by its own process: use \`run --live\` for it.
Ctrl-C ends the view, never the game day.`);

  static override examples = [
    { description: 'Put a running game day on the shared screen, by run id', command: '<%= config.bin %> watch 20261126T100000Z-a1b2c3' },
    { description: 'On a fixed port, for a run against a standalone sandbox', command: '<%= config.bin %> watch reports/checkout-az-power/20261126T100000Z-a1b2c3 --port 8080' },
  ];

  static override args = {
    run: Args.string({ description: 'run directory, or run id (or a unique prefix) under --reports-dir', required: true }),
  };

  static override flags = {
    port: Flags.integer({ description: 'the live view’s port [default: one the system chooses]', min: 1, max: 65535 }),
    'reports-dir': reportsDirFlag(),
    'endpoint-url': endpointUrlFlag('for Stop: the AWS-compatible endpoint (default: the one the run used)'),
    profile: Flags.string({ description: 'for Stop: the AWS profile for credentials' }),
  };

  async run(): Promise<{ runDir: string; url: string; ended: boolean }> {
    const { args, flags } = await this.parse(Watch);
    const [{ findRunDir }, { readUnfinishedRun }, { startLiveView }, { getLogger }] = await Promise.all([
      import('../report/find-run.js'),
      import('../core/run/unfinished-runs.js'),
      import('../live/live-session.js'),
      import('../cli/logger.js'),
    ]);
    const runDir = await findRunDir(args.run, flags['reports-dir']);
    const unfinished = await readUnfinishedRun(runDir);
    if (!unfinished || unfinished.templatesLeft) throw new GamedayError('USAGE', `${runDir}: this run has ended (its journal has run-ended): there is nothing live to watch`, { hint: `open its report: ${runDir}/report.html` });
    const live = await startLiveView({
      ...(flags.port !== undefined ? { port: flags.port } : {}),
      stopSays: 'Stop does what `gameday abort` does: the run’s experiment is stopped and its journal closed.',
      stop: async () => {
        if (unfinished.started?.mode === 'sandbox') {
          throw new GamedayError('USAGE', 'this run’s sandbox lives inside the gameday process that runs it: press Ctrl-C there (or run it with --live to stop it from the page)');
        }
        const [{ abortUnfinishedRuns }, { terminalRunHost }] = await Promise.all([import('../core/run/abort-command.js'), import('../cli/run-output.js')]);
        const { runs } = await abortUnfinishedRuns(
          { runDir, reportsDir: flags['reports-dir'], ...(flags['endpoint-url'] ? { endpoint: flags['endpoint-url'] } : {}), ...(flags.profile ? { profile: flags.profile } : {}) },
          await terminalRunHost(),
        );
        const run = runs[0];
        return run?.closed ? `aborted: ${run.experiments.map((e) => `experiment ${e.id} ${e.before} → ${e.after}`).join(', ') || run.notes.join('; ')}` : `NOT stopped: ${run?.notes.join('; ') ?? 'nothing to abort'}`;
      },
    });
    live.follow(runDir);
    // Listening before the URL is out: a Ctrl-C right after it must end the view, not kill the process.
    let interrupted = false;
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
    let onSignal = (): void => undefined;
    const stopped = new Promise<void>((resolve) => {
      onSignal = () => {
        interrupted = true;
        resolve();
      };
      for (const s of signals) process.on(s, onSignal);
    });
    (await getLogger()).info({ code: 'WATCH_LIVE', url: live.url, runDir }, `live view: ${live.url}`);
    this.out(`live view of ${runDir}: ${live.url}\n  (for the shared screen; Ctrl-C ends the view, not the game day)`);
    try {
      await Promise.race([live.ended, stopped]);
    } finally {
      for (const s of signals) process.off(s, onSignal);
      await live.close();
    }
    if (interrupted) this.setExitCode(ExitCode.Interrupted);
    else this.out(`the run ended: ${runDir}`);
    return { runDir, url: live.url, ended: !interrupted };
  }
}
