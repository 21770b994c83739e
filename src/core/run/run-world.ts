import { existsSync } from 'node:fs';
import { GamedayError } from '../errors.js';
import { containmentProblem, scenarioRoot } from '../scenario/contained-file.js';
import { loadYamlDocument } from '../yaml/load-document.js';

/** Where `run --sandbox` may take its world from, most specific first. */
export interface WorldChoice {
  /** --world: the user's own choice on their command line */
  flag?: string;
  /** the scenario's spec.sandbox.world, resolved against the scenario's folder */
  scenario?: { file: string; path: string };
  /** gameday.config.yaml's world, resolved against the config's folder */
  config?: { file: string; path: string };
}

/**
 * The world file `run --sandbox` loads. --world is typed by the person running gameday, who can read
 * any file they like anyway: it may be anywhere, and loadWorld still reads only a regular file of
 * bounded size (no FIFO, device or /proc file). A path written in a file — the scenario's, or the
 * project config's — arrives with a pull request as easily as the file does, so it must stay inside
 * that file's repository (its folder outside one) after symlinks, as `validate` requires. It is checked
 * again here, just before the world is read, so nothing changed since validation is followed.
 */
export async function runWorld(choice: WorldChoice, cwd = process.cwd()): Promise<string | undefined> {
  if (choice.flag) return choice.flag;
  for (const [from, key] of [
    [choice.scenario, ['spec', 'sandbox', 'world']],
    [choice.config, ['world']],
  ] as const) {
    if (!from) continue;
    const problem = existsSync(from.path) ? await containmentProblem(scenarioRoot(from.file, cwd), from.path) : 'does not exist';
    if (problem) throw await outside(from, key, problem);
    return from.path;
  }
  return undefined;
}

async function outside(from: { file: string; path: string }, key: readonly string[], problem: string): Promise<GamedayError> {
  const doc = await loadYamlDocument(from.file);
  const at = doc.ok ? doc.locate(key) : { line: 1, col: 1 };
  const written = doc.ok ? key.reduce<unknown>((node, k) => (node as Record<string, unknown> | undefined)?.[k], doc.value) : undefined;
  const shown = typeof written === 'string' && written !== from.path ? `${JSON.stringify(written)} (${from.path})` : JSON.stringify(from.path);
  return new GamedayError('SCENARIO_INVALID', `${from.file}:${at.line}:${at.col}: sandbox world ${shown} ${problem}; nothing was started`, {
    hint:
      problem === 'does not exist'
        ? `write it with gameday world init ${from.file} --out ${from.path}, or fix the path; or name a world with --world`
        : 'keep the world file in the repository, as a regular file (not a symlink out of it); or name one yourself with --world',
  });
}
