import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../../src/core/plan/compile.js';
import type { Scenario } from '../../../src/core/scenario/types.js';
import { validateTemplate } from '../../../src/sandbox/services/fis-validate.js';
import { catalogCpuStress, checkoutAzPower, checkoutRebootFisTemplate, loaded, ordersEcsTaskKill } from './fixtures.js';

/** The example scenarios' AZ, as the checkout worlds name it. */
const azName = (identifier: string) => ({ 'use1-az2': 'us-east-1b', 'us-east-1b': 'us-east-1b' })[identifier];

function checkoutAzPowerWithAutoshift(): Scenario {
  const scenario = checkoutAzPower();
  if (scenario.spec.fault.type !== 'az-power-interruption') throw new Error('fixture changed');
  scenario.spec.fault.include = ['instances', 'autoshift'];
  scenario.metadata.name = 'checkout-az-power-autoshift';
  return scenario;
}

/** The contract between plan and sandbox: the sandbox's CreateExperimentTemplate checks accept every example plan. */
describe('the sandbox FIS accepts the compiled example templates', () => {
  for (const scenario of [checkoutAzPower(), checkoutAzPowerWithAutoshift(), catalogCpuStress(), ordersEcsTaskKill(), checkoutRebootFisTemplate()]) {
    it(scenario.metadata.name, () => {
      const plan = compilePlan(loaded(scenario));
      expect(() => validateTemplate(plan.template, { region: plan.target.region, account: plan.target.account, azName })).not.toThrow();
    });
  }
});
