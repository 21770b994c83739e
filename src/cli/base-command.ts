import { Command } from '@oclif/core';
import type { ProjectConfig } from '../core/config/project-config.js';
import { GamedayError } from '../core/errors.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';
import { closestMatch } from '../core/yaml/did-you-mean.js';
import { projectConfig } from './project-config.js';

type OclifError = Error & { oclif?: { exit?: number }; code?: string; exitCode?: number; $metadata?: unknown };

/**
 * Every gameday command: `--json` on, results returned (printed as JSON under --json),
 * errors mapped once to a message and an exit code — never a stack trace for expected failures.
 */
export abstract class GamedayCommand extends Command {
  static override enableJsonFlag = true;

  /** The team's gameday.config.yaml, when there is one (flags override each of its settings). */
  protected project: ProjectConfig | undefined;

  override async init(): Promise<void> {
    await super.init();
    this.project = projectConfig();
  }

  /** Under --json, an object result also names the config file whose defaults it used. */
  override toSuccessJson(result: unknown): unknown {
    if (this.project === undefined || result === null || typeof result !== 'object' || Array.isArray(result)) return result;
    return { ...result, configFile: this.project.file };
  }

  /** Set the exit code without throwing, so `--json` still prints the result. */
  protected setExitCode(code: ExitCodeValue): void {
    if (code > Number(process.exitCode ?? 0)) process.exitCode = code;
  }

  /** Plain text for people; silent under --json (the returned result is printed instead). */
  protected out(text: string): void {
    if (!this.jsonEnabled()) process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  }

  protected override async catch(err: OclifError): Promise<unknown> {
    // A parse that failed was still a parse: no "did not parse its arguments" developer warning on top.
    this.parsed = true;
    const { code, exitCode, message, hint } = describeError(err, Object.keys(this.ctor.flags ?? {}));
    process.exitCode = exitCode;
    if (this.jsonEnabled()) {
      this.logJson({ error: { code, message, ...(hint ? { hint } : {}), exitCode } });
      return undefined;
    }
    process.stderr.write(`gameday: ${message}\n${hint ? `  hint: ${hint}\n` : ''}`);
    if (process.env.GAMEDAY_DEBUG && err.stack) process.stderr.write(`${err.stack}\n`);
    return undefined;
  }
}

function describeError(err: OclifError, flagNames: string[]): { code: string; exitCode: ExitCodeValue; message: string; hint?: string } {
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
