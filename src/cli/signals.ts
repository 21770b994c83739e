import type { InterruptContext, Interrupts } from '../core/run/host.js';
import { terminalText } from '../core/output-text.js';
import { stopCommands } from '../core/run/stop-commands.js';
import { ExitCode } from './exit-codes.js';

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * SIGINT/SIGTERM/SIGHUP while a game day runs. The first aborts `signal`: the run stops its experiment
 * at once and finishes its journal. A second never skips the stop; it only says what is happening.
 * A third forces exit, printing that the experiment may still be running and how to stop it.
 */
export function installInterrupts(writeRaw: (text: string) => void = (text) => process.stderr.write(text)): Interrupts & { dispose(): void; raise(source: string): string } {
  const write = (text: string): void => writeRaw(terminalText(text));
  const controller = new AbortController();
  let context: InterruptContext = {};
  let count = 0;
  // Before the run has a directory (guards, the question) there is no journal or report to promise.
  const stopping = (): string => (context.experimentId ? `stopping experiment ${context.experimentId}; the journal and report follow` : context.runDir ? 'stopping; the journal and report follow' : 'stopping before anything is injected');
  const onSignal = (name: NodeJS.Signals): void => {
    count++;
    if (count === 1) {
      write(`\ngameday: ${name}: ${stopping()}. (Two more signals force exit.)\n`);
      controller.abort(new Error(`interrupted by ${name}`));
    } else if (count === 2) {
      write(
        context.experimentId
          ? `gameday: still stopping experiment ${context.experimentId} and waiting for FIS to confirm; one more signal forces exit without waiting.\n`
          : 'gameday: still stopping; one more signal forces exit without waiting.\n',
      );
    } else {
      const commands = stopCommands(context);
      write(
        context.experimentId
          ? `gameday: forced exit. Experiment ${context.experimentId} may still be running. Stop it with:\n${commands.map((c) => `  ${c}`).join('\n')}\n`
          : `gameday: forced exit.${commands.length ? ` Close the run with:\n${commands.map((c) => `  ${c}`).join('\n')}` : ''}\n`,
      );
      process.exit(ExitCode.Interrupted);
    }
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  // Signals bin/run.js kept before these handlers existed count as if they arrived now.
  const early = (globalThis as { gamedayEarlySignals?: () => NodeJS.Signals[] }).gamedayEarlySignals;
  delete (globalThis as { gamedayEarlySignals?: unknown }).gamedayEarlySignals;
  for (const name of early?.() ?? []) onSignal(name);
  return {
    signal: controller.signal,
    describe: (next) => {
      context = { ...context, ...next };
    },
    dispose: () => {
      for (const s of SIGNALS) process.off(s, onSignal);
    },
    /**
     * The first signal's stop, from elsewhere (the live page's Stop button). Never more: pressing it
     * again must not force an exit that leaves the experiment running.
     */
    raise: (source) => {
      if (controller.signal.aborted) return `already stopping${context.experimentId ? ` experiment ${context.experimentId}` : ''}; the journal shows when FIS confirms`;
      count++;
      const what = stopping();
      write(`\ngameday: ${source}: ${what}.\n`);
      controller.abort(new Error(`stopped by ${source}`));
      return what;
    },
  };
}
