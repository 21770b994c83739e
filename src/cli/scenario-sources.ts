import { readFile } from 'node:fs/promises';
import { expandScenarioPaths } from '../core/scenario/discover.js';
import { loadScenarioFile } from '../core/scenario/load.js';
import { declaresSchedule } from '../core/schedule/declares-schedule.js';
import type { ScenarioSources } from '../core/schedule/operations.js';
import { cachedFileLookup } from '../core/validate/validate-file.js';

/**
 * Scenario files from the command line, for one command: discovery and loading as `gameday validate`
 * does them (each world validated once, whether listed or named by scenarios); a scenario that fails
 * is read once more to tell whether it is scheduled. A file of another kind (a world) is only skipped.
 */
export function scenarioSources(): ScenarioSources {
  const files = cachedFileLookup();
  return {
    expand: expandScenarioPaths,
    load: async (file) => {
      const outcome = await loadScenarioFile(file, { files });
      if (outcome.ok || outcome.diagnostics.some((d) => d.code === 'NOT_A_SCENARIO')) return outcome;
      const text = await readFile(file, 'utf8').catch(() => undefined);
      return { ...outcome, ...(text === undefined ? {} : { declaresSchedule: declaresSchedule(text) }) };
    },
  };
}

/** Paths given after the command, or the default scenarios/ directory. */
export function scenarioPaths(argv: unknown[]): string[] {
  const paths = argv.filter((a): a is string => typeof a === 'string');
  return paths.length > 0 ? paths : ['scenarios'];
}
