import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../../src/core/plan/compile.js';
import { validateTemplate } from '../../../src/sandbox/services/fis-validate.js';
import { catalogCpuStress, checkoutAzPower, checkoutRebootFisTemplate, loaded, ordersEcsTaskKill } from './fixtures.js';

/** The contract between plan and sandbox: the sandbox's CreateExperimentTemplate checks accept every example plan. */
describe('the sandbox FIS accepts the compiled example templates', () => {
  for (const scenario of [checkoutAzPower(), catalogCpuStress(), ordersEcsTaskKill(), checkoutRebootFisTemplate()]) {
    it(scenario.metadata.name, () => {
      const plan = compilePlan(loaded(scenario));
      expect(() => validateTemplate(plan.template, { region: plan.target.region, account: plan.target.account })).not.toThrow();
    });
  }
});
