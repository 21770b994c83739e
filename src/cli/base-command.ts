import { Command } from '@oclif/core';
import type { ProjectConfig } from '../core/config/project-config.js';
import type { CommandIo } from './command-io.js';
import type { ExitCodeValue } from './exit-codes.js';
import { printError, type CliError } from './error-output.js';
import { raiseExitCode, withConfigFile, writeJson, writeText } from './command-output.js';
import { projectConfig } from './project-config.js';

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
    return withConfigFile(result, this.project);
  }

  /** Set the exit code without throwing, so `--json` still prints the result. */
  protected setExitCode(code: ExitCodeValue): void {
    raiseExitCode(code);
  }

  /** Plain text for people; silent under --json (the returned result is printed instead). */
  protected out(text: string): void {
    if (!this.jsonEnabled()) writeText(text);
  }

  /** --json results: the same writer as the fast start's, with no raw control characters. */
  override logJson(json: unknown): void {
    writeJson(json);
  }

  /** This command's output, for a body shared with the fast start (src/cli/fast/). */
  protected io(): CommandIo {
    return { json: this.jsonEnabled(), out: (text) => this.out(text), setExitCode: (code) => this.setExitCode(code) };
  }

  protected override async catch(err: CliError): Promise<unknown> {
    // A parse that failed was still a parse: no "did not parse its arguments" developer warning on top.
    this.parsed = true;
    printError(err, { flagNames: Object.keys(this.ctor.flags ?? {}), json: this.jsonEnabled(), writeJson: (value) => this.logJson(value) });
    return undefined;
  }
}
