import { GamedayError } from '../errors.js';
import { validateFile, type FileLookup } from '../validate/validate-file.js';
import { formatDiagnostic, sortDiagnostics, type Diagnostic } from './diagnostics.js';
import type { LoadedScenario, Scenario } from './types.js';

export type ScenarioLoadResult =
  | { file: string; ok: true; loaded: LoadedScenario; diagnostics: Diagnostic[] } // warnings only
  | { file: string; ok: false; diagnostics: Diagnostic[] };

/**
 * A scenario file as written (no defaults applied: the plan compiler owns those), or every
 * problem with it. Never throws for bad input. With `files`, what the command has validated already
 * (the world of another scenario) is not validated again.
 */
export async function loadScenarioFile(file: string, options: { files?: FileLookup } = {}): Promise<ScenarioLoadResult> {
  const result = await (options.files ? options.files.validated(file) : validateFile(file));
  const diagnostics = sortDiagnostics(result.diagnostics);
  if (result.kind !== undefined && result.kind !== 'GameDay') {
    return {
      file,
      ok: false,
      diagnostics: [
        ...diagnostics.filter((d) => d.severity === 'error'),
        { file, line: 1, col: 1, severity: 'error', code: 'NOT_A_SCENARIO', message: `this is a ${result.kind} file, not a scenario (kind: GameDay)` },
      ],
    };
  }
  if (!result.valid || !result.document) return { file, ok: false, diagnostics };
  return {
    file,
    ok: true,
    loaded: { file, scenario: result.document.value as Scenario, sourceHash: result.document.sourceHash },
    diagnostics,
  };
}

/** The scenario, or GamedayError SCENARIO_INVALID listing every problem as file:line:col. */
export async function requireScenario(file: string): Promise<LoadedScenario> {
  const result = await loadScenarioFile(file);
  if (result.ok) return result.loaded;
  const errors = result.diagnostics.filter((d) => d.severity === 'error');
  throw new GamedayError('SCENARIO_INVALID', `${file} is not a valid scenario:\n${errors.map((d) => `  ${formatDiagnostic(d)}`).join('\n')}`, {
    hint: `run \`gameday validate ${file}\` for details`,
    details: errors,
  });
}
