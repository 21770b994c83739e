import { formatDiagnostic, type Diagnostic } from '../scenario/diagnostics.js';
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
  const lines = report.files.flatMap((file) => file.diagnostics.map(githubAnnotation));
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

function githubAnnotation(d: Diagnostic): string {
  const command = d.severity === 'error' ? 'error' : 'warning';
  const message = `${d.message}${d.hint ? ` — ${d.hint}` : ''}`;
  return `::${command} file=${property(d.file)},line=${d.line},col=${d.col},title=${property(d.code)}::${data(message)}`;
}

// Escaping as the runner's toolkit does (@actions/core command.ts).
function data(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function property(text: string): string {
  return data(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
