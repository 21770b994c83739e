import { existsSync } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { dirname, join, relative, resolve, isAbsolute } from 'node:path';

/** Runbooks and worlds are documents, not data dumps: a bigger file is refused rather than read. */
export const MAX_SCENARIO_FILE_BYTES = 1024 * 1024;

/**
 * The folder a scenario's files (runbook, world) must stay in: its repository (the nearest folder
 * above it with .git), or the scenario's own folder when it is in none. Otherwise `runbook.path`
 * could name any file (/proc/self/environ) and validate's "does not mention" warnings would tell a
 * pull request what that file contains.
 */
export function scenarioRoot(scenarioFile: string, cwd: string): string {
  const own = dirname(resolve(cwd, scenarioFile));
  for (let dir = own; ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return dir;
    if (dirname(dir) === dir) return own;
  }
}

export function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** Why `path` may not be read as a scenario's file, or undefined when it may: inside root after symlinks, regular, bounded. */
export async function containmentProblem(root: string, path: string): Promise<string | undefined> {
  let real: string;
  let realRoot: string;
  try {
    [real, realRoot] = await Promise.all([realpath(path), realpath(root)]);
  } catch {
    return 'cannot be resolved';
  }
  if (!isInside(realRoot, real)) return `is outside ${root} (the scenario's repository, or its folder outside one)${real !== resolve(path) ? ` once its symlinks are followed (${real})` : ''}`;
  const info = await stat(real);
  if (!info.isFile()) return 'is not a regular file';
  if (info.size > MAX_SCENARIO_FILE_BYTES) return `is ${info.size} bytes, more than the ${MAX_SCENARIO_FILE_BYTES} a scenario's file may have`;
  return undefined;
}
