import { Flags } from '@oclif/core';

const DEFAULT_REPORTS_DIR = 'reports';

/**
 * Where runs land (reports/<scenario>/<run-id>/): one flag, one default, for every command that writes
 * or looks runs up; a command may say what else it keeps there.
 */
export function reportsDirFlag(description = 'directory holding <scenario>/<run-id>/journal.jsonl run directories') {
  return Flags.string({ description, default: DEFAULT_REPORTS_DIR });
}
