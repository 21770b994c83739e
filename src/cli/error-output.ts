import { terminalText } from '../core/output-text.js';
import { GamedayError } from '../core/errors.js';
import { closestMatch } from '../core/yaml/did-you-mean.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';

/** What a command can throw: ours, oclif's parse errors, the SDK's service errors, or a bug. */
export type CliError = Error & { oclif?: { exit?: number }; code?: string; exitCode?: number; $metadata?: unknown };

/**
 * Prints a failed command's error — under --json as `{ error }` on stdout, else a message and hint on
 * stderr, never a stack unless GAMEDAY_DEBUG — and sets its exit code. The one error path of the oclif
 * commands and of the fast start of validate/plan (which loads no oclif).
 */
export function printError(err: CliError, options: { flagNames: string[]; json: boolean; writeJson: (value: unknown) => void }): void {
  const { code, exitCode, message, hint } = describeError(err, options.flagNames);
  process.exitCode = exitCode;
  if (options.json) {
    options.writeJson({ error: { code, message, ...(hint ? { hint } : {}), exitCode } });
    return;
  }
  process.stderr.write(terminalText(`gameday: ${message}\n${hint ? `  hint: ${hint}\n` : ''}`));
  if (process.env.GAMEDAY_DEBUG && err.stack) process.stderr.write(`${err.stack}\n`);
}

function describeError(err: CliError, flagNames: string[]): { code: string; exitCode: ExitCodeValue; message: string; hint?: string } {
  // A flag's own parse error comes back from oclif wrapped as "Parsing --flag \n\t<message>\nSee more help with --help".
  if (GamedayError.is(err)) return { code: err.code, exitCode: err.exitCode, message: unwrapOclif(err.message), ...(err.hint ? { hint: err.hint } : {}) };
  // oclif's own parse errors (unknown flag, missing arg) carry exit 2.
  if (err.oclif?.exit !== undefined) {
    const exit = err.oclif.exit === 0 ? ExitCode.Ok : ExitCode.Invalid;
    return { code: 'USAGE', exitCode: exit, message: unwrapOclif(err.message), hint: flagHint(err.message, flagNames) };
  }
  if (err.$metadata !== undefined) return { code: 'AWS_ERROR', exitCode: ExitCode.Aws, message: `AWS: ${err.name}: ${err.message}` };
  return {
    code: 'INTERNAL',
    exitCode: ExitCode.Finding,
    message: `internal error: ${err.message}`,
    hint: 'this is a bug in gameday; rerun with GAMEDAY_DEBUG=1 for the stack and report it',
  };
}

/** `Nonexistent flag: --sandbx` → did you mean --sandbox? (oclif names the flag, not its neighbours). */
function flagHint(message: string, flagNames: string[]): string {
  const typo = /Nonexistent flags?: (--?[\w-]+)/.exec(message)?.[1];
  const near = typo === undefined ? undefined : closestMatch(typo.replace(/^--?/, ''), [...flagNames, 'json', 'help']);
  return near ? `did you mean --${near}? (see --help)` : 'see `gameday help`';
}

function unwrapOclif(message: string): string {
  return message.replace(/^Parsing --[\w-]+ \n\t/, '').replace(/\nSee more help with --help$/, '');
}
