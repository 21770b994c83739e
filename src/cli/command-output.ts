import type { ProjectConfig } from '../core/config/project-config.js';
import { terminalJson, terminalText } from '../core/output-text.js';
import type { ExitCodeValue } from './exit-codes.js';

/** Raise the exit code without throwing, so `--json` still prints the result; a worse code is never lowered. */
export function raiseExitCode(code: ExitCodeValue): void {
  if (code > Number(process.exitCode ?? 0)) process.exitCode = code;
}

/** Under --json, an object result also names the config file whose defaults it used. */
export function withConfigFile(result: unknown, project: ProjectConfig | undefined): unknown {
  if (project === undefined || result === null || typeof result !== 'object' || Array.isArray(result)) return result;
  return { ...result, configFile: project.file };
}

/** Plain text for people on stdout, one trailing newline, no raw control characters. */
export function writeText(text: string): void {
  process.stdout.write(terminalText(text.endsWith('\n') ? text : `${text}\n`));
}

/** JSON on stdout (oclif's logJson without a theme: indented): the data exactly, no raw control characters. */
export function writeJson(value: unknown): void {
  process.stdout.write(`${terminalJson(value, 2)}\n`);
}
