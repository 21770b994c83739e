import { Flags } from '@oclif/core';
import { projectConfig } from './project-config.js';

const DEFAULT_REPORTS_DIR = 'reports';

/**
 * Where runs land (reports/<scenario>/<run-id>/): one flag, one default (the project config's
 * reportsDir, else reports/), for every command that writes or looks runs up; a command may say what
 * else it keeps there.
 */
export function reportsDirFlag(description = 'directory holding <scenario>/<run-id>/journal.jsonl run directories') {
  return Flags.string({
    description,
    default: async () => projectConfig()?.reportsDir ?? DEFAULT_REPORTS_DIR,
    defaultHelp: async () => `${DEFAULT_REPORTS_DIR}, or reportsDir in gameday.config.yaml`,
  });
}
