import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import type { Scenario } from '../../../src/core/scenario/types.js';

export const ROOT = fileURLToPath(new URL('../../..', import.meta.url));
export const EXAMPLES = ['checkout-az-power', 'catalog-cpu-stress', 'orders-ecs-task-kill', 'checkout-reboot-fis-template'].map((name) =>
  join(ROOT, 'scenarios', `${name}.yaml`),
);

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'gameday-validate-'));
}

/** An example scenario, changed by `edit`, written to a temp file; returns the path. */
export function writeScenario(edit: (scenario: Scenario) => void, example = 'checkout-az-power', dir = tempDir()): string {
  const scenario = parse(readFileSync(join(ROOT, 'scenarios', `${example}.yaml`), 'utf8')) as Scenario;
  delete scenario.spec.sandbox;
  edit(scenario);
  const file = join(dir, `${example}.yaml`);
  writeFileSync(file, stringify(scenario));
  return file;
}

export function writeText(name: string, text: string | Uint8Array, dir = tempDir()): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}
