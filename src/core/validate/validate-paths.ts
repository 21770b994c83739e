import { expandScenarioPaths } from '../scenario/discover.js';
import { sortDiagnostics, type Diagnostic } from '../scenario/diagnostics.js';
import { cachedFileLookup } from './validate-file.js';

export interface FileReport {
  file: string;
  kind?: string;
  valid: boolean;
  diagnostics: Diagnostic[];
}

export interface ValidationReport {
  valid: boolean;
  files: FileReport[];
  summary: { files: number; valid: number; invalid: number; errors: number; warnings: number };
}

/** Files are independent and mostly waiting on the disk; a few at a time keeps file handles bounded. */
const CONCURRENCY = 16;

/** `gameday validate`: every file the paths name, each against the schema and rules of its kind. */
export async function validatePaths(paths: string[]): Promise<ValidationReport> {
  const files = await expandScenarioPaths(paths);
  const reports: FileReport[] = new Array(files.length);
  const lookup = cachedFileLookup();
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const index = next++;
      const result = await lookup.validated(files[index]!);
      reports[index] = {
        file: result.file,
        ...(result.kind !== undefined ? { kind: result.kind } : {}),
        valid: result.valid,
        diagnostics: sortDiagnostics(result.diagnostics),
      };
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, files.length) }, worker));
  const all = reports.flatMap((r) => r.diagnostics);
  const invalid = reports.filter((r) => !r.valid).length;
  return {
    valid: invalid === 0,
    files: reports,
    summary: {
      files: reports.length,
      valid: reports.length - invalid,
      invalid,
      errors: all.filter((d) => d.severity === 'error').length,
      warnings: all.filter((d) => d.severity === 'warning').length,
    },
  };
}
