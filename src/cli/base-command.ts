import { Command } from '@oclif/core';
import type { ProjectConfig } from '../core/config/project-config.js';
import { GamedayError } from '../core/errors.js';
import { ExitCode, type ExitCodeValue } from './exit-codes.js';
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
    const { code, exitCode, message, hint } = describeError(err);
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

function describeError(err: OclifError): { code: string; exitCode: ExitCodeValue; message: string; hint?: string } {
  if (GamedayError.is(err)) return { code: err.code, exitCode: err.exitCode, message: err.message, ...(err.hint ? { hint: err.hint } : {}) };
  // oclif's own parse errors (unknown flag, missing arg) carry exit 2.
  if (err.oclif?.exit !== undefined) {
    const exit = err.oclif.exit === 0 ? ExitCode.Ok : ExitCode.Invalid;
    return { code: 'USAGE', exitCode: exit, message: err.message, hint: 'see `gameday help`' };
  }
  if (err.$metadata !== undefined) return { code: 'AWS_ERROR', exitCode: ExitCode.Aws, message: `AWS: ${err.name}: ${err.message}` };
  return {
    code: 'INTERNAL',
    exitCode: ExitCode.Finding,
    message: `internal error: ${err.message}`,
    hint: 'this is a bug in gameday; rerun with GAMEDAY_DEBUG=1 for the stack and report it',
  };
}
