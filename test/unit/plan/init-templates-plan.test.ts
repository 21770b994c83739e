import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../../src/core/plan/compile.js';
import { FAULT_TYPES, initScenario } from '../../../src/core/scenario/init-templates.js';
import { requireScenario } from '../../../src/core/scenario/load.js';

/** What `gameday init` writes must not only validate but also compile: a new user's first `gameday plan`. */
describe('gameday init scenarios compile to plans', () => {
  for (const type of FAULT_TYPES) {
    it(type, async () => {
      const file = join(await mkdtemp(join(tmpdir(), 'gameday-init-plan-')), `${type}.yaml`);
      await writeFile(file, initScenario(type));
      const plan = compilePlan(await requireScenario(file));
      expect(plan.scenario.faultType).toBe(type);
      expect(plan.actions.some((a) => a.injectsFault)).toBe(true);
    });
  }
});
