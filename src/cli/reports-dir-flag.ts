import { Flags } from '@oclif/core';
import { DEFAULT_REPORTS_DIR, checkReportsDir, defaultReportsDir } from './reports-dir.js';

/**
 * Where runs land (reports/<scenario>/<run-id>/): one flag, one default (the project config's
 * reportsDir, else reports/), for every command that writes or looks runs up; a command may say what
 * else it keeps there.
 */
export function reportsDirFlag(description = 'directory holding <scenario>/<run-id>/journal.jsonl run directories') {
  return Flags.string({
    description,
    parse: async (input) => checkReportsDir(input),
    default: async () => defaultReportsDir(),
    defaultHelp: async () => `${DEFAULT_REPORTS_DIR}, or reportsDir in gameday.config.yaml`,
  });
}
