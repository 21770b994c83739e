import { expandScenarioPaths } from '../core/scenario/discover.js';
import { loadScenarioFile } from '../core/scenario/load.js';
import type { ScenarioSources } from '../core/schedule/operations.js';

/** Scenario files from the command line: discovery and loading as `gameday validate` does them. */
export const scenarioSources: ScenarioSources = { expand: expandScenarioPaths, load: loadScenarioFile };

/** Paths given after the command, or the default scenarios/ directory. */
export function scenarioPaths(argv: unknown[]): string[] {
  const paths = argv.filter((a): a is string => typeof a === 'string');
  return paths.length > 0 ? paths : ['scenarios'];
}
