import type { Logger } from 'pino';
import type { JournalEvent } from '../core/journal/events.js';
import type { RunHost, RunMessage } from '../core/run/host.js';
import { oneLine } from '../core/control-characters.js';
import { terminalText } from '../core/output-text.js';
import { humanDuration } from '../core/duration.js';
import { timelineBuilder } from '../report/timeline.js';
import { clockText } from '../report/wording.js';
import { getLogger } from './logger.js';

/** A journal event as one log line: everything but the (large) plan. */
function loggable(event: JournalEvent): Record<string, unknown> {
  if (event.type === 'run-started') {
    const { plan, ...rest } = event;
    return { ...rest, plan: plan.hash };
  }
  return { ...event };
}

function statusLine(data: Record<string, unknown>): string {
  const actions = Object.entries((data.actions ?? {}) as Record<string, string>).map(([n, s]) => `${n}:${s}`);
  const alarms = Object.entries((data.alarms ?? {}) as Record<string, string>).map(([n, s]) => `${n}:${s}`);
  const failing = (data.failingProbes ?? []) as string[];
  return [
    `[${data.phase} +${humanDuration(Number(data.elapsedSeconds ?? 0))}] experiment ${data.experiment ?? '?'}`,
    actions.length ? `actions ${actions.join(' ')}` : '',
    alarms.length ? `alarms ${alarms.join(' ')}` : '',
    `steady state ${failing.length ? `failing: ${failing.join(', ')}` : 'holds'}`,
  ]
    .filter(Boolean)
    .join(' | ');
}

/**
 * The terminal side of a run: on a TTY, live progress (one status line, rewritten in place) and one
 * readable line per timeline entry; pino JSON lines on stderr otherwise (each journal event with all
 * its fields, each warning). Results go to stdout elsewhere.
 */
export async function terminalRunHost(): Promise<RunHost & { close(): void }> {
  const logger: Logger = await getLogger();
  const tty = Boolean(process.stderr.isTTY);
  let statusShown = false;
  const describe = timelineBuilder();
  let experimentStart: string | undefined;
  const clearStatus = (): void => {
    if (statusShown) process.stderr.write('\r\x1b[2K');
    statusShown = false;
  };
  return {
    interactive: Boolean(process.stdin.isTTY && process.stderr.isTTY),
    notify(message: RunMessage) {
      if (message.code === 'RUN_PROGRESS') {
        if (!tty) return;
        const line = terminalText(oneLine(statusLine(message.data ?? {})));
        // A pty nobody sized reports 0 columns: assume the classic 80 rather than let the line wrap,
        // since \r\x1b[2K only erases the last row of a wrapped line.
        const width = process.stderr.columns || 80;
        process.stderr.write(`\r\x1b[2K${line.length > width - 1 ? `${line.slice(0, width - 2)}…` : line}`);
        statusShown = true;
        return;
      }
      clearStatus();
      // The data is for machines; on a terminal the message says it.
      if (tty) logger[message.level](message.message);
      else logger[message.level]({ code: message.code, ...message.data }, message.message);
    },
    journal(event: JournalEvent) {
      clearStatus();
      if (!tty) {
        logger.info({ journal: event.type, ...loggable(event) }, event.type);
        return;
      }
      // People read a terminal: the report's timeline wording, with the service clock and how long
      // after the experiment started. Every field is in the journal (and in the JSON logs off a TTY).
      if (event.type === 'experiment-started' || event.type === 'experiment-state') experimentStart ??= event.startTime;
      for (const entry of describe(event)) logger[entry.alert ? 'warn' : 'info'](oneLine(entry.time ? `${clockText(entry.time, experimentStart)}  ${entry.text}` : entry.text));
    },
    async confirm(question: string, signal?: AbortSignal) {
      clearStatus();
      if (signal?.aborted) return false;
      const { createInterface } = await import('node:readline');
      const rl = createInterface({ input: process.stdin, output: process.stderr });
      let onAbort = (): void => undefined;
      try {
        const answer = await new Promise<string | undefined>((resolve) => {
          rl.question(`${terminalText(question)} [y/N] `, resolve);
          // Ctrl-D or the end of input: nobody said yes. The error that follows gets its own line.
          rl.on('close', () => {
            process.stderr.write('\n');
            resolve(undefined);
          });
          // The terminal is in raw mode while readline reads, so Ctrl-C arrives as a key, not as
          // SIGINT: raise it, so it interrupts exactly as it does at any other moment of the run.
          rl.on('SIGINT', () => process.kill(process.pid, 'SIGINT'));
          // A signal (Ctrl-C above, SIGTERM, a closed terminal) must not leave the question waiting.
          onAbort = () => resolve(undefined);
          signal?.addEventListener('abort', onAbort, { once: true });
        });
        return answer !== undefined && /^y(es)?$/i.test(answer.trim());
      } finally {
        signal?.removeEventListener('abort', onAbort);
        rl.removeAllListeners('close');
        rl.close();
      }
    },
    lines(onLine: (line: string) => void) {
      // Not readline's question(): the status line keeps being rewritten while people type.
      let rl: import('node:readline').Interface | undefined;
      let closed = false;
      void import('node:readline').then(({ createInterface }) => {
        if (closed) return;
        rl = createInterface({ input: process.stdin, terminal: false });
        rl.on('line', onLine);
      });
      return () => {
        closed = true;
        rl?.close();
        process.stdin.pause();
      };
    },
    close: clearStatus,
  };
}
