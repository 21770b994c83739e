import { dirname, isAbsolute, resolve } from 'node:path';

/**
 * Where a path a scenario names (its runbook) may be: next to the scenario, then in each folder above
 * it — so `runbooks/checkout-az.md` in scenarios/checkout.yaml finds the repository's runbooks/ —
 * then the working directory. Nearest first, no duplicates.
 */
export function scenarioRelativeCandidates(scenarioFile: string, name: string, cwd: string): string[] {
  if (isAbsolute(name)) return [name];
  const candidates: string[] = [];
  for (let dir = dirname(resolve(cwd, scenarioFile)); ; dir = dirname(dir)) {
    candidates.push(resolve(dir, name));
    if (dirname(dir) === dir) break;
  }
  const fromCwd = resolve(cwd, name);
  return candidates.includes(fromCwd) ? candidates : [...candidates, fromCwd];
}
