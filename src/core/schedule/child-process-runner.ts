import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { GameDayRunner } from './run-due.js';

/** This package's own CLI entry (dist/core/schedule → bin/run.js), so the child is the same gameday. */
const GAMEDAY_BIN = fileURLToPath(new URL('../../../bin/run.js', import.meta.url));

export interface ChildRunnerOptions {
  sandbox: boolean;
  /** run-due's --endpoint-url, passed on so the game day talks to what the live check read. */
  endpoint?: string;
  /** Always passed on: run-due looks for the journals there to know what already ran. */
  reportsDir: string;
  /** Where the child's output goes; stdout of run-due stays its own summary. */
  outputFd: number;
  /** The script started with node (tests substitute a stand-in for bin/run.js). */
  bin?: string;
}

/**
 * Runs each game day as `gameday run <file> --yes --scheduled-for <ISO> [--sandbox | --endpoint-url URL] --reports-dir DIR`
 * in a child process, one at a time. A separate process per game day keeps one run's crash or
 * leaked handle from affecting the next, and `run` already owns journaling, abort and cleanup.
 *
 * The child gets its own process group, so a Ctrl-C reaches it exactly once — forwarded from here —
 * instead of twice (terminal + forward), which `run` would take as a second, harder interrupt.
 * SIGTERM from cron or a container runtime is forwarded the same way; the child stops its experiment.
 */
export function childProcessRunner(options: ChildRunnerOptions): GameDayRunner {
  return {
    run: ({ file, scheduledFor }) =>
      new Promise((resolve, reject) => {
        const args = [options.bin ?? GAMEDAY_BIN, 'run', file, '--yes', '--scheduled-for', scheduledFor];
        if (options.sandbox) args.push('--sandbox');
        if (options.endpoint) args.push('--endpoint-url', options.endpoint);
        args.push('--reports-dir', options.reportsDir);
        const child = spawn(process.execPath, args, { stdio: ['ignore', options.outputFd, options.outputFd], detached: true });
        const forward = (signal: NodeJS.Signals): void => {
          child.kill(signal);
        };
        process.on('SIGINT', forward);
        process.on('SIGTERM', forward);
        const done = (): void => {
          process.off('SIGINT', forward);
          process.off('SIGTERM', forward);
        };
        child.on('error', (error) => {
          done();
          reject(error);
        });
        child.on('exit', (code, signal) => {
          done();
          resolve(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 130 : 1));
        });
      }),
  };
}
