
import { writeFileAtomic } from '../fs/write-file-atomic.js';
import { dirname, join, relative, resolve } from 'node:path';
import { scenarioRelativeCandidates } from '../scenario/scenario-relative.js';
import { GamedayError } from '../errors.js';
import { changedFilesSince } from '../git/changed-files.js';
import type { Diagnostic } from '../scenario/diagnostics.js';
import { expandScenarioPaths } from '../scenario/discover.js';
import { loadScenarioFile } from '../scenario/load.js';
import type { LoadedScenario } from '../scenario/types.js';
import { compilePlan } from './compile.js';
import { serializePlan } from './plan-file.js';
import { renderPlanMarkdown } from './render-markdown.js';
import type { Plan } from './types.js';
import { makeDirs } from '../fs/make-dirs.js';

export type PlanOutcome =
  | { file: string; status: 'planned'; plan: Plan; written?: { plan: string; markdown: string } }
  /** The validator's errors, which include what FIS would reject in the compiled template. */
  | { file: string; status: 'invalid'; diagnostics: Diagnostic[] };

export interface PlanReport {
  ok: boolean;
  /** With --changed-since: the ref, and why each planned scenario was picked. */
  changedSince?: { ref: string; selected: { file: string; because: string[] }[] };
  results: PlanOutcome[];
  summary: { scenarios: number; planned: number; invalid: number };
}

export interface PlanPathsOptions {
  paths: string[];
  changedSince?: string;
  /**
   * Write plan.json + plan.md: directly in it when the command line names one scenario file, else in
   * <dir>/<scenario name>/ (directories, globs, --changed-since), so a CI layout never depends on how
   * many scenarios happened to change.
   */
  outDir?: string;
  cwd?: string;
}

/** `gameday plan`: every scenario the paths name (or those a change touches) compiled to a plan. */
export async function planScenarioPaths(options: PlanPathsOptions): Promise<PlanReport> {
  const cwd = options.cwd ?? process.cwd();
  const files = await expandScenarioPaths(options.paths);
  const explicit = new Set(options.paths.map((p) => resolve(cwd, p)));
  const loadedResults = await Promise.all(files.map((file) => loadScenarioFile(file)));
  // Directories hold sandbox worlds too; only scenarios are planned, unless a file was named outright.
  const scenarios = loadedResults.filter((r) => r.ok || explicit.has(resolve(cwd, r.file)) || !r.diagnostics.some((d) => d.code === 'NOT_A_SCENARIO'));

  let selected = scenarios;
  let changedSince: PlanReport['changedSince'];
  if (options.changedSince !== undefined) {
    const changed = new Set(await changedFilesSince(options.changedSince, cwd));
    const reasons = new Map<string, string[]>();
    for (const r of scenarios) {
      const because = changeReasons(r.file, r.ok ? r.loaded : undefined, changed, cwd);
      if (because.length) reasons.set(r.file, because);
    }
    selected = scenarios.filter((r) => reasons.has(r.file));
    changedSince = { ref: options.changedSince, selected: selected.map((r) => ({ file: r.file, because: reasons.get(r.file)! })) };
  }

  // Validation compiled each scenario already, so a loaded one compiles.
  const results = selected.map((r): PlanOutcome =>
    r.ok ? { file: r.file, status: 'planned', plan: compilePlan(r.loaded) } : { file: r.file, status: 'invalid', diagnostics: r.diagnostics.filter((d) => d.severity === 'error') },
  );

  if (options.outDir !== undefined) {
    const single = options.paths.length === 1 && files.length === 1 && explicit.has(resolve(cwd, files[0]!)) && options.changedSince === undefined;
    await writePlans(results, resolve(cwd, options.outDir), cwd, single);
  }
  const count = (status: PlanOutcome['status']) => results.filter((r) => r.status === status).length;
  return {
    ok: results.every((r) => r.status === 'planned'),
    ...(changedSince ? { changedSince } : {}),
    results,
    summary: { scenarios: results.length, planned: count('planned'), invalid: count('invalid') },
  };
}

function changeReasons(file: string, loaded: LoadedScenario | undefined, changed: Set<string>, cwd: string): string[] {
  const because: string[] = [];
  const here = dirname(resolve(cwd, file));
  if (changed.has(resolve(cwd, file))) because.push('scenario changed');
  const runbook = loaded?.scenario.spec.runbook?.path;
  // Runbooks are looked up next to the scenario, in the folders above it, then in the working directory (as validate does).
  if (runbook && scenarioRelativeCandidates(file, runbook, cwd).some((candidate) => changed.has(candidate))) because.push(`runbook ${runbook} changed`);
  const world = loaded?.scenario.spec.sandbox?.world;
  if (world && changed.has(resolve(here, world))) because.push(`sandbox world ${world} changed`);
  return because;
}

async function writePlans(results: PlanOutcome[], outDir: string, cwd: string, flat: boolean): Promise<void> {
  const planned = results.filter((r): r is Extract<PlanOutcome, { status: 'planned' }> => r.status === 'planned');
  const names = new Set<string>();
  for (const result of planned) {
    const name = result.plan.scenario.name;
    if (names.has(name)) {
      throw new GamedayError('USAGE', `--out: two scenarios are both named "${name}"; their plans would overwrite each other`, { hint: 'give each scenario a unique metadata.name' });
    }
    names.add(name);
  }
  for (const result of planned) {
    const dir = flat ? outDir : join(outDir, result.plan.scenario.name);
    await makeDirs(dir);
    await writeFileAtomic(join(dir, 'plan.json'), serializePlan(result.plan));
    await writeFileAtomic(join(dir, 'plan.md'), renderPlanMarkdown(result.plan));
    result.written = { plan: relative(cwd, join(dir, 'plan.json')), markdown: relative(cwd, join(dir, 'plan.md')) };
  }
}
