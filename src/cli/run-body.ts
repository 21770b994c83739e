import { dirname } from 'node:path';
import type { ProjectConfig } from '../core/config/project-config.js';
import { GamedayError } from '../core/errors.js';
import { parseInstant } from '../core/schedule/instant.js';
import type { RunHost } from '../core/run/host.js';
import type { RunGameDayOptions, RunGameDayResult } from '../core/run/run-game-day.js';
import type { TargetCheck } from '../core/run/check-targets.js';
import type { LiveServer } from '../live/live-server.js';
import type { CommandIo } from './command-io.js';

/** `gameday run`'s argument and flags, as oclif's command and the fast start (src/cli/fast/run.ts) parse them. */
export interface RunFlags {
  scenario: string;
  plan?: string;
  sandbox: boolean;
  world?: string;
  speed?: string;
  facilitated: boolean;
  'clock-start'?: string;
  profile?: string;
  region?: string;
  'endpoint-url'?: string;
  'reports-dir': string;
  yes: boolean;
  'keep-template': boolean;
  live: boolean;
  port?: number;
  'check-only': boolean;
  'scheduled-for'?: string;
}

/** `gameday run` after its flags are parsed, for whichever entry started it (oclif, or the fast start). */
export async function runBody(flags: RunFlags, io: CommandIo, context: { project: ProjectConfig | undefined; version: string }): Promise<(RunGameDayResult & { liveUrl?: string }) | TargetCheck> {
  if (flags.speed !== undefined && !(Number(flags.speed) > 0 && Number.isFinite(Number(flags.speed)))) {
    throw new GamedayError('USAGE', `--speed ${flags.speed}: give a positive number (virtual seconds per real second)`);
  }
  const clockStart = flags['clock-start'] === undefined ? undefined : parseInstant(flags['clock-start'], 'clock-start').getTime();
  const scheduledFor = flags['scheduled-for'] === undefined ? undefined : parseInstant(flags['scheduled-for'], 'scheduled-for').toISOString();
  const [{ runGameDay, FACILITATED_SANDBOX_SPEED }, { runSummary }, { terminalRunHost }, { installInterrupts }] = await Promise.all([
    import('../core/run/run-game-day.js'),
    import('../core/run/run-summary.js'),
    import('./run-output.js'),
    import('./signals.js'),
  ]);
  const terminal = await terminalRunHost();
  const interrupts = installInterrupts();
  let live: LiveServer | undefined;
  try {
    if (flags.live) {
      const { startLiveView } = await import('../live/live-session.js');
      live = await startLiveView({
        ...(flags.port !== undefined ? { port: flags.port } : {}),
        stopSays: 'Stop does what Ctrl-C does where gameday runs: the experiment is stopped, and the journal and report still written.',
        stop: async () => interrupts.raise('the Stop button on the live page'),
      });
      terminal.notify({ level: 'info', code: 'RUN_LIVE', message: `live view: ${live.url} (for the shared screen; its Stop button does what Ctrl-C does)`, data: { url: live.url } });
    }
    const host = live ? followedBy(terminal, live) : terminal;
    // People in the room need time to react: with them, the embedded sandbox runs in real time at a pace they can follow.
    const pace =
      (flags.live || flags.facilitated) && flags.sandbox
        ? flags.speed !== undefined
          ? Number(flags.speed)
          : flags.facilitated
            ? FACILITATED_SANDBOX_SPEED
            : (await import('../sandbox/index.js')).DEFAULT_SANDBOX_SPEED
        : undefined;
    const options: RunGameDayOptions = {
      scenarioFile: flags.scenario,
      ...(flags.plan ? { planFile: flags.plan } : {}),
      sandbox: flags.sandbox,
      ...(flags.world ? { world: flags.world } : {}),
      ...(context.project?.world ? { defaultWorld: { path: context.project.world, configFile: context.project.file } } : {}),
      ...(clockStart !== undefined ? { clockStart } : {}),
      ...(pace !== undefined ? { pace } : {}),
      ...(flags.profile ? { profile: flags.profile } : {}),
      ...(flags.region ? { region: flags.region } : {}),
      ...(flags['endpoint-url'] ? { endpoint: flags['endpoint-url'] } : {}),
      reportsDir: flags['reports-dir'],
      yes: flags.yes,
      keepTemplate: flags['keep-template'],
      gamedayVersion: context.version,
      ...(scheduledFor ? { scheduledFor } : {}),
      ...(flags.facilitated ? { facilitated: true } : {}),
      actionItems: { ...(context.project?.actionItems ? { policy: context.project.actionItems.due } : {}), ...(context.project?.owners?.[0] ? { fallbackOwner: context.project.owners[0] } : {}) },
      ...(context.project?.repositoryUrl ? { repository: { url: context.project.repositoryUrl, ...(context.project.repositoryRef ? { ref: context.project.repositoryRef } : {}), root: dirname(context.project.file) } } : {}),
    };
    if (flags['check-only']) {
      const [{ checkScenarioTargets }, { renderPreview }] = await Promise.all([import('../core/run/check-targets.js'), import('../core/run/preview-targets.js')]);
      const check = await checkScenarioTargets(options, interrupts.signal);
      terminal.close();
      for (const preview of check.previews) io.out(renderPreview(preview));
      io.setExitCode(check.exitCode);
      return check;
    }
    const result = await runGameDay(options, host, interrupts);
    await live?.close();
    terminal.close();
    io.out(runSummary(result));
    io.setExitCode(result.exitCode);
    return { ...result, ...(live ? { liveUrl: live.url } : {}) };
  } finally {
    await live?.close();
    terminal.close();
    interrupts.dispose();
  }
}

/** The terminal's host, and the live page follows the run's journal once the run has one. */
function followedBy(host: RunHost, live: LiveServer): RunHost {
  return {
    interactive: host.interactive,
    notify: (message) => host.notify(message),
    confirm: (question, signal) => host.confirm(question, signal),
    ...(host.lines ? { lines: host.lines.bind(host) } : {}),
    journal: (event) => {
      if (event.type === 'run-started') live.follow(event.runDir);
      host.journal(event);
    },
  };
}
