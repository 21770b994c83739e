import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This installation's scenario schema (dist/cli → the package root's schemas/). */
const INSTALLED_SCHEMA = fileURLToPath(new URL('../../schemas/scenario.schema.json', import.meta.url));

/**
 * What `gameday init` writes after `$schema=` for a scenario at `file`: the installed package's
 * schema by a path relative to the scenario when both are in the same repository (node_modules/
 * gameday/schemas/… in a team's repo, ../schemas/… in gameday's own), so it resolves for everyone
 * who checks the repository out and installs; else (a global install) the schema of this version as
 * published with the package.
 */
export function scenarioSchemaRef(file: string, version: string): string {
  const dir = dirname(resolve(file));
  const root = repositoryRoot(dir);
  if (root !== undefined && !relative(root, INSTALLED_SCHEMA).startsWith('..')) return relative(dir, INSTALLED_SCHEMA).split(sep).join('/');
  return `https://unpkg.com/gameday@${version}/schemas/scenario.schema.json`;
}

function repositoryRoot(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}
