import { neutraliseControls } from './control-characters.js';
import type { Diagnostic } from './scenario/diagnostics.js';

/**
 * Escaping of GitHub Actions workflow command values, as the runner's toolkit does (@actions/core
 * command.ts), after control characters are neutralised (the Actions log renders ANSI escapes).
 */
export function escapeData(text: string): string {
  return neutraliseControls(text).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** A scenario diagnostic as a workflow annotation on its file, line and column. */
export function diagnosticAnnotation(d: Diagnostic): string {
  const command = d.severity === 'error' ? 'error' : 'warning';
  const message = `${d.message}${d.hint ? ` — ${d.hint}` : ''}`;
  return `::${command} file=${escapeProperty(d.file)},line=${d.line},col=${d.col},title=${escapeProperty(d.code)}::${escapeData(message)}`;
}
