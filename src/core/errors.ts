import { ExitCode, type ExitCodeValue } from '../cli/exit-codes.js';

/**
 * Stable error codes. The CLI maps each to an exit code once, at the edge;
 * nothing below src/cli calls process.exit.
 */
export type GamedayErrorCode =
  | 'USAGE'
  | 'FILE_NOT_FOUND'
  | 'FILE_UNREADABLE'
  | 'SCENARIO_INVALID'
  | 'PLAN_INVALID'
  | 'PLAN_STALE'
  | 'PREFLIGHT_FAILED'
  | 'GUARD_REFUSED'
  | 'APPROVAL_MISSING'
  | 'RUN_LOCKED'
  | 'AWS_ERROR'
  | 'AWS_UNREACHABLE'
  | 'SANDBOX_ERROR'
  | 'SANDBOX_UNSUPPORTED'
  | 'JOURNAL_INVALID'
  | 'INTERRUPTED'
  | 'GAME_DAY_FAILED';

const exitCodeOf: Record<GamedayErrorCode, ExitCodeValue> = {
  USAGE: ExitCode.Invalid,
  FILE_NOT_FOUND: ExitCode.Invalid,
  FILE_UNREADABLE: ExitCode.Invalid,
  SCENARIO_INVALID: ExitCode.Invalid,
  PLAN_INVALID: ExitCode.Invalid,
  PLAN_STALE: ExitCode.Invalid,
  PREFLIGHT_FAILED: ExitCode.Finding,
  GUARD_REFUSED: ExitCode.Invalid,
  APPROVAL_MISSING: ExitCode.Invalid,
  RUN_LOCKED: ExitCode.Invalid,
  AWS_ERROR: ExitCode.Aws,
  AWS_UNREACHABLE: ExitCode.Aws,
  SANDBOX_ERROR: ExitCode.Aws,
  SANDBOX_UNSUPPORTED: ExitCode.Invalid,
  JOURNAL_INVALID: ExitCode.Invalid,
  INTERRUPTED: ExitCode.Interrupted,
  GAME_DAY_FAILED: ExitCode.Finding,
};

/** An expected failure with a stable code, a message for people and optional hints on what to do. */
export class GamedayError extends Error {
  readonly code: GamedayErrorCode;
  readonly hint: string | undefined;
  readonly details: unknown;

  constructor(code: GamedayErrorCode, message: string, options: { hint?: string; details?: unknown; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'GamedayError';
    this.code = code;
    this.hint = options.hint;
    this.details = options.details;
  }

  get exitCode(): ExitCodeValue {
    return exitCodeOf[this.code];
  }

  static is(value: unknown): value is GamedayError {
    return value instanceof GamedayError;
  }
}
