import { statSync } from 'node:fs';
import { GamedayError } from '../core/errors.js';
import { projectConfig } from './project-config.js';

export const DEFAULT_REPORTS_DIR = 'reports';

/** Where runs land when --reports-dir is not given: the project config's reportsDir, else reports/. */
export function defaultReportsDir(): string {
  return projectConfig()?.reportsDir ?? DEFAULT_REPORTS_DIR;
}

/** --reports-dir's value, refused when it names something that is not a directory. */
export function checkReportsDir(input: string): string {
  // A file here used to surface as an internal error (ENOTDIR) deep inside whichever command ran.
  const info = statSync(input, { throwIfNoEntry: false });
  if (info && !info.isDirectory()) throw new GamedayError('USAGE', `--reports-dir ${input} is not a directory`, { hint: 'give the directory that holds <scenario>/<run-id>/ (it is created when missing)' });
  return input;
}
