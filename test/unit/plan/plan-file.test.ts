import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../../src/core/plan/compile.js';
import { checkPlanMatchesScenario, readPlanFile, serializePlan } from '../../../src/core/plan/plan-file.js';
import { checkoutAzPower, loaded } from './fixtures.js';

async function written(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gameday-plan-'));
  const file = join(dir, 'plan.json');
  await writeFile(file, text);
  return file;
}

describe('plan files', () => {
  const plan = compilePlan(loaded(checkoutAzPower()));

  it('reads back exactly what was written', async () => {
    expect(await readPlanFile(await written(serializePlan(plan)))).toEqual(plan);
  });

  it('refuses a plan edited after it was written', async () => {
    const edited = structuredClone(plan);
    edited.template.actions['Stop-Instances']!.parameters!.startInstancesAfterDuration = 'PT12H';
    await expect(readPlanFile(await written(serializePlan(edited)))).rejects.toMatchObject({ code: 'PLAN_INVALID', message: expect.stringMatching(/edited after/) });
  });

  it('refuses what is not a plan, and a missing file', async () => {
    await expect(readPlanFile(await written('{"kind":"Plan"}'))).rejects.toMatchObject({ code: 'PLAN_INVALID', message: expect.stringMatching(/apiVersion must be gameday\/v1/) });
    await expect(readPlanFile(await written('not json'))).rejects.toMatchObject({ code: 'PLAN_INVALID' });
    await expect(readPlanFile('/nonexistent/plan.json')).rejects.toMatchObject({ code: 'FILE_NOT_FOUND' });
  });

  it('a plan matches its scenario until the scenario changes what a run does', () => {
    expect(() => checkPlanMatchesScenario(plan, loaded(checkoutAzPower()))).not.toThrow();
    const changed = checkoutAzPower();
    changed.spec.stopConditions = [{ alarm: 'another-alarm' }];
    expect(() => checkPlanMatchesScenario(plan, loaded(changed))).toThrowError(expect.objectContaining({ code: 'PLAN_STALE' }));
  });
});
