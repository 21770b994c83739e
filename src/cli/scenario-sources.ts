import { readFile } from 'node:fs/promises';
import { expandScenarioPaths } from '../core/scenario/discover.js';
import { loadScenarioFile } from '../core/scenario/load.js';
import { declaresSchedule } from '../core/schedule/declares-schedule.js';
import type { ScenarioSources } from '../core/schedule/operations.js';

/**
 * Scenario files from the command line: discovery and loading as `gameday validate` does them; a
 * file that fails is read once more to tell whether it is scheduled.
 */
export const scenarioSources: ScenarioSources = {
  expand: expandScenarioPaths,
  load: async (file) => {
    const outcome = await loadScenarioFile(file);
    if (outcome.ok) return outcome;
    const text = await readFile(file, 'utf8').catch(() => undefined);
    return { ...outcome, ...(text === undefined ? {} : { declaresSchedule: declaresSchedule(text) }) };
  },
};

/** Paths given after the command, or the default scenarios/ directory. */
export function scenarioPaths(argv: unknown[]): string[] {
  const paths = argv.filter((a): a is string => typeof a === 'string');
  return paths.length > 0 ? paths : ['scenarios'];
}
