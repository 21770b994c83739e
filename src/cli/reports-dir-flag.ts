import { statSync } from 'node:fs';
import { Flags } from '@oclif/core';
import { GamedayError } from '../core/errors.js';
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
    // A file here used to surface as an internal error (ENOTDIR) deep inside whichever command ran.
    parse: async (input) => {
      const info = statSync(input, { throwIfNoEntry: false });
      if (info && !info.isDirectory()) throw new GamedayError('USAGE', `--reports-dir ${input} is not a directory`, { hint: 'give the directory that holds <scenario>/<run-id>/ (it is created when missing)' });
      return input;
    },
    default: async () => projectConfig()?.reportsDir ?? DEFAULT_REPORTS_DIR,
    defaultHelp: async () => `${DEFAULT_REPORTS_DIR}, or reportsDir in gameday.config.yaml`,
  });
}
