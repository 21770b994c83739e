import { oneLine } from '../control-characters.js';

/**
 * A finding about one place in one file. Every validation problem — YAML syntax, schema, semantic
 * rule, hostile input — is one of these, so all of them print, sort and serialise the same way.
 */
export interface Diagnostic {
  file: string;
  /** 1-based; 1 for problems with the file as a whole. */
  line: number;
  col: number;
  severity: 'error' | 'warning';
  /** Stable, upper-case: UNKNOWN_FIELD, DURATION_TOO_LONG, FILE_TOO_LARGE… (docs/validate.md lists them). */
  code: string;
  message: string;
  /** What to do about it, when that is not obvious from the message. */
  hint?: string;
}

/** `file:line:col  error  CODE  message` (and the hint after a dash). */
/** One line per diagnostic, whatever the values it quotes contain. */
export function formatDiagnostic(d: Diagnostic): string {
  return oneLine(`${d.file}:${d.line}:${d.col}  ${d.severity}  ${d.code}  ${d.message}${d.hint ? ` — ${d.hint}` : ''}`);
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Source order, errors before warnings on the same spot. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      a.line - b.line ||
      a.col - b.col ||
      (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1) ||
      a.code.localeCompare(b.code),
  );
}
