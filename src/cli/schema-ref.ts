import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/** This installation's schemas (dist/cli → the package root's schemas/). */
const installedSchema = (kind: SchemaKind) => fileURLToPath(new URL(`../../schemas/${kind}.schema.json`, import.meta.url));

export type SchemaKind = 'scenario' | 'world';

/**
 * What `gameday init` writes after `$schema=` for a scenario at `file`: the installed package's
 * schema by a path relative to the scenario when both are in the same repository (node_modules/
 * gameday/schemas/… in a team's repo, ../schemas/… in gameday's own), so it resolves for everyone
 * who checks the repository out and installs; else (a global install) the schema of this version as
 * published with the package.
 */
export function scenarioSchemaRef(file: string, version: string, kind: SchemaKind = 'scenario'): string {
  const installed = installedSchema(kind);
  const dir = dirname(resolve(file));
  const root = repositoryRoot(dir);
  if (root !== undefined && !relative(root, installed).startsWith('..')) return relative(dir, installed).split(sep).join('/');
  return `https://unpkg.com/gameday@${version}/schemas/${kind}.schema.json`;
}

function repositoryRoot(start: string): string | undefined {
  for (let dir = start; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return undefined;
  }
}
