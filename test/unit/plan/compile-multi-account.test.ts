import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../../src/core/plan/compile.js';
import { fisRolePolicies } from '../../../src/core/plan/iam-policy.js';
import { renderPlanMarkdown } from '../../../src/core/plan/render-markdown.js';
import { renderPlanText } from '../../../src/core/plan/render-text.js';
import { planSummary } from '../../../src/core/run/plan-summary.js';
import type { Scenario } from '../../../src/core/scenario/types.js';
import { checkoutRebootFisTemplate, loaded } from './fixtures.js';
import { SdkModel } from './sdk-model.js';

const ORCHESTRATOR_ROLE = 'arn:aws:iam::123456789012:role/gameday-fis';
const CHECKOUT_ROLE = 'arn:aws:iam::111122223333:role/gameday-fis-target';
const PAYMENTS_ROLE = 'arn:aws:iam::444455556666:role/gameday-fis-target';

function multiAccount(): Scenario {
  const scenario = checkoutRebootFisTemplate();
  scenario.spec.target = {
    ...scenario.spec.target,
    accounts: [
      { account: '111122223333', roleArn: CHECKOUT_ROLE, description: 'checkout workload' },
      { account: '444455556666', roleArn: PAYMENTS_ROLE },
    ],
  };
  return scenario;
}

describe('multi-account experiments (spec.target.accounts)', () => {
  const plan = compilePlan(loaded(multiAccount()));
  const single = compilePlan(loaded(checkoutRebootFisTemplate()));

  it('compiles to accountTargeting multi-account and one target account configuration per account', () => {
    expect(plan.template.experimentOptions.accountTargeting).toBe('multi-account');
    expect(plan.targetAccounts).toEqual([
      { accountId: '111122223333', roleArn: CHECKOUT_ROLE, description: 'checkout workload' },
      { accountId: '444455556666', roleArn: PAYMENTS_ROLE },
    ]);
    expect(single.template.experimentOptions.accountTargeting).toBe('single-account');
    expect(single.targetAccounts).toBeUndefined();
  });

  it('the template and each CreateTargetAccountConfiguration input fit the @aws-sdk/client-fis model', () => {
    const model = new SdkModel();
    expect(model.check({ ...plan.template, clientToken: 'run-1' }, 'CreateExperimentTemplateRequest')).toEqual([]);
    for (const account of plan.targetAccounts!) {
      expect(model.check({ ...account, experimentTemplateId: 'EXT1', clientToken: 'run-1-111122223333' }, 'CreateTargetAccountConfigurationRequest')).toEqual([]);
    }
  });

  it('the actions need their permissions in the target account roles; the FIS role needs sts:AssumeRole on each', () => {
    const reboot = plan.prerequisites.find((p) => p.kind === 'iam' && p.actions?.includes('ec2:RebootInstances'))!;
    expect(reboot.roles).toEqual([CHECKOUT_ROLE, PAYMENTS_ROLE]);
    expect(reboot.text).toMatch(/^each target account role \(arn:aws:iam::111122223333:role\/gameday-fis-target, arn:aws:iam::444455556666/);
    const assume = plan.prerequisites.filter((p) => p.neededBy?.startsWith('target account'));
    expect(assume.map((p) => p.text)).toEqual([
      `${ORCHESTRATOR_ROLE} may call sts:AssumeRole on ${CHECKOUT_ROLE}; that role trusts ${ORCHESTRATOR_ROLE} (Principal AWS 123456789012, sts:ExternalId arn:aws:fis:<region>:123456789012:experiment/*)`,
      `${ORCHESTRATOR_ROLE} may call sts:AssumeRole on ${PAYMENTS_ROLE}; that role trusts ${ORCHESTRATOR_ROLE} (Principal AWS 123456789012, sts:ExternalId arn:aws:fis:<region>:123456789012:experiment/*)`,
    ]);
    expect(single.prerequisites.find((p) => p.actions?.includes('ec2:RebootInstances'))!.roles).toBeUndefined();
  });

  it('preflight: no simulation of the actions on the FIS role; one assume-role check per target account, saying what it cannot see', () => {
    expect(plan.preflight.filter((c) => c.kind === 'role-permission')).toEqual([]);
    expect(single.preflight.filter((c) => c.kind === 'role-permission').map((c) => c.subject)).toContain('ec2:RebootInstances');
    const checks = plan.preflight.filter((c) => c.kind === 'target-account-role');
    expect(checks.map((c) => [c.id, c.subject])).toEqual([
      ['target-account-role:111122223333', CHECKOUT_ROLE],
      ['target-account-role:444455556666', PAYMENTS_ROLE],
    ]);
    expect(checks[0]!.dependsOn).toEqual(['identity', 'role']);
    expect(checks[0]!.description).toContain('is not checked');
    expect(checks[0]!.description).toContain('--check-only');
  });

  it('plan --iam-policy: the FIS role may assume the target roles; each target role gets the action permissions', () => {
    const policies = fisRolePolicies([plan]);
    expect([...policies.keys()]).toEqual([CHECKOUT_ROLE, ORCHESTRATOR_ROLE, PAYMENTS_ROLE].sort());
    expect(policies.get(ORCHESTRATOR_ROLE)!.Statement).toEqual([{ Sid: 'AssumeTargetAccountRoles', Effect: 'Allow', Action: ['sts:AssumeRole'], Resource: [CHECKOUT_ROLE, PAYMENTS_ROLE] }]);
    for (const role of [CHECKOUT_ROLE, PAYMENTS_ROLE]) {
      expect(policies.get(role)!.Statement.find((s) => s.Sid === 'AwsEc2RebootInstances')!.Action).toContain('ec2:RebootInstances');
      expect(policies.get(role)!.Statement.map((s) => s.Action).flat()).not.toContain('sts:AssumeRole');
    }
  });

  it('plan shows the orchestrator account and each target account with its role', () => {
    const text = renderPlanText(plan);
    expect(text).toContain('orchestrator account 123456789012');
    expect(text).toContain(`Target accounts (multi-account: FIS assumes the FIS role, then each role below in its account)\n  111122223333 as ${CHECKOUT_ROLE} (checkout workload)\n  444455556666 as ${PAYMENTS_ROLE}\n`);
    expect(renderPlanMarkdown(plan)).toContain(`- 444455556666 as ${PAYMENTS_ROLE}`);
    expect(renderPlanText(single)).not.toContain('Target accounts');
    expect(planSummary(plan, { account: '123456789012', region: 'us-east-1', mode: 'aws' })).toContain('in target accounts 111122223333, 444455556666');
  });
});
