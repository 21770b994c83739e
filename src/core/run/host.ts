import type { JournalEvent } from '../journal/events.js';

/**
 * The output port of a run (toolkit-lib's IIoHost): the core never writes to the terminal. The CLI
 * supplies a host that renders live progress on a TTY or pino JSON lines otherwise; tests supply a
 * recording one.
 */
export interface RunMessage {
  level: 'debug' | 'info' | 'warn' | 'error';
  /** stable code, e.g. RUN_PREFLIGHT_FAILED, RUN_STOPPING */
  code: string;
  message: string;
  data?: Record<string, unknown>;
}

export interface RunHost {
  notify(message: RunMessage): void;
  /** Every journal event, as written. */
  journal(event: JournalEvent): void;
  /** Whether a person can answer a question (a TTY). Without one nothing ever waits for input. */
  readonly interactive: boolean;
  /**
   * Only called when interactive. Resolves false without an answer when `signal` aborts or the
   * input ends, so a signal never leaves the question waiting.
   */
  confirm(question: string, signal?: AbortSignal): Promise<boolean>;
  /**
   * Only called when interactive: each line a person types, until the returned function is called
   * (`run --facilitated` takes the reporter's marks this way).
   */
  lines?(onLine: (line: string) => void): () => void;
}

/** What the interrupt handler needs to tell people how to clean up after a forced exit. */
export interface InterruptContext {
  runDir?: string;
  experimentId?: string;
  region?: string;
  endpoint?: string;
}

/**
 * Signals, as the core sees them: `signal` aborts on the first SIGINT/SIGTERM/SIGHUP; the core
 * keeps `describe` up to date so a forced exit (third signal) can print the exact stop commands.
 */
export interface Interrupts {
  readonly signal: AbortSignal;
  describe(context: InterruptContext): void;
}

/** Why the run was interrupted, as whoever aborted it said ("interrupted by SIGINT", "stopped by the live page's Stop button"). */
export function interruptReason(signal: AbortSignal): string {
  return signal.reason instanceof Error && signal.reason.message ? signal.reason.message : 'interrupted by a signal';
}

export const silentHost: RunHost = {
  notify: () => undefined,
  journal: () => undefined,
  interactive: false,
  confirm: () => Promise.resolve(false),
};

export function noInterrupts(): Interrupts {
  return { signal: new AbortController().signal, describe: () => undefined };
}
