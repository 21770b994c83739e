import type { CommandIo } from './command-io.js';
import { raiseExitCode, withConfigFile, writeJson, writeText } from './command-output.js';
import { printError, type CliError } from './error-output.js';
import { parseFastArgv, type FastArgv, type FastFlag } from './fast-argv.js';
import { projectConfig } from './project-config.js';

export interface FastCommand {
  flags: Readonly<Record<string, FastFlag>>;
  /** exactly this many arguments (oclif's required ones); any other count is left to oclif */
  args?: number;
  run(parsed: FastArgv, io: CommandIo): Promise<unknown>;
}

/**
 * Runs a command without loading oclif, as its oclif command would: the project config first, the
 * result under --json (naming the config file), errors and exit codes through the same printError.
 * Returns false, having done nothing, for argv it does not understand: oclif takes it from there.
 */
export async function fastStart(argv: readonly string[], command: FastCommand): Promise<boolean> {
  // oclif's other way to ask for JSON (<BIN>_CONTENT_TYPE=json); rare enough to leave to oclif.
  if (process.env.GAMEDAY_CONTENT_TYPE !== undefined) return false;
  const parsed = parseFastArgv(argv, command.flags);
  if (parsed === undefined || (command.args !== undefined && parsed.args.length !== command.args)) return false;
  const io: CommandIo = { json: parsed.json, out: (text) => {
      if (!parsed.json) writeText(text);
    }, setExitCode: raiseExitCode };
  try {
    const project = projectConfig();
    const result = await command.run(parsed, io);
    if (result && parsed.json) writeJson(withConfigFile(result, project));
  } catch (error) {
    printError(error as CliError, { flagNames: Object.keys(command.flags), json: parsed.json, writeJson });
  }
  return true;
}
