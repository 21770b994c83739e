import { diagnosticAnnotation } from '../github-commands.js';
import { formatDiagnostic } from '../scenario/diagnostics.js';
import type { ValidationReport } from './validate-paths.js';

/** One line per problem, then a summary line. */
export function renderText(report: ValidationReport): string {
  const lines = report.files.flatMap((file) => file.diagnostics.map(formatDiagnostic));
  const { files, valid, invalid, errors, warnings } = report.summary;
  const counts = `${plural(errors, 'error')}, ${plural(warnings, 'warning')}`;
  lines.push(
    invalid === 0
      ? `${plural(files, 'file')} valid${warnings ? ` (${plural(warnings, 'warning')})` : ''}`
      : `${plural(invalid, 'file')} of ${files} invalid, ${valid} valid (${counts})`,
  );
  return `${lines.join('\n')}\n`;
}

/** GitHub Actions workflow commands: each problem becomes an annotation on the file and line. */
export function renderGithub(report: ValidationReport): string {
  const lines = report.files.flatMap((file) => file.diagnostics.map(diagnosticAnnotation));
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
