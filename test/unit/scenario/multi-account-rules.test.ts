import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/core/scenario/diagnostics.js';
import { loadScenarioFile } from '../../../src/core/scenario/load.js';
import type { AzPowerInterruptionFault, FisTemplateFault, Scenario } from '../../../src/core/scenario/types.js';
import { writeScenario } from './fixtures.js';

const ORCHESTRATOR = '123456789012';
const accounts = [
  { account: '111122223333', roleArn: 'arn:aws:iam::111122223333:role/gameday-fis-target', description: 'checkout workload' },
  { account: '444455556666', roleArn: 'arn:aws:iam::444455556666:role/gameday-fis-target' },
];
const multiAccount = (s: Scenario) => (s.spec.target.accounts = accounts.map((a) => ({ ...a })));

async function diagnostics(edit: (s: Scenario) => void, example?: string): Promise<{ file: string; found: Diagnostic[] }> {
  const file = writeScenario(edit, example);
  return { file, found: (await loadScenarioFile(file)).diagnostics.filter((d) => d.severity === 'error') };
}

/** The text at the diagnostic's line:col of the file: where the error points. */
function pointedAt(file: string, d: Diagnostic): string {
  return readFileSync(file, 'utf8').split('\n')[d.line - 1]!.slice(d.col - 1);
}

describe('multi-account scenarios (spec.target.accounts)', () => {
  it('accepts target accounts with AZ IDs and roles in their own accounts', async () => {
    const { found } = await diagnostics((s) => {
      multiAccount(s);
      const fault = s.spec.fault as AzPowerInterruptionFault;
      delete fault.availabilityZoneName;
      fault.include = ['launches', 'elasticache'];
      fault.launchRoles = ['arn:aws:iam::111122223333:role/checkout-app'];
    });
    expect(found).toEqual([]);
  });

  it('refuses an AZ name at its file:line:col: names differ between accounts', async () => {
    const { file, found } = await diagnostics((s) => {
      multiAccount(s);
      const fault = s.spec.fault as AzPowerInterruptionFault;
      fault.availabilityZone = 'us-east-1b';
      delete fault.availabilityZoneName;
      fault.include = ['launches', 'elasticache'];
    });
    expect(found.map((d) => d.code)).toEqual(['MULTI_ACCOUNT_AZ_NAME']);
    expect(found[0]!.message).toContain('AZ names differ between accounts');
    expect(found[0]!.hint).toContain('--zone-names us-east-1b');
    expect(pointedAt(file, found[0]!)).toBe('us-east-1b');
  });

  it('refuses availabilityZoneName and the sub-actions that select by AZ name', async () => {
    const { file, found } = await diagnostics(multiAccount);
    // The example names the AZ (availabilityZoneName) and includes instances, subnets, rds, ebs.
    expect(found.map((d) => d.code)).toEqual(['MULTI_ACCOUNT_AZ_NAME', 'MULTI_ACCOUNT_AZ_NAME']);
    expect(pointedAt(file, found[0]!)).toBe('us-east-1b');
    expect(found[1]!.message).toMatch(/^fault\.include has asg, instances, subnets, rds, ebs, which FIS selects by AZ name/);
    expect(found[1]!.hint).toContain('launches, elasticache, autoshift');
  });

  it('refuses AZ names in the filters of a raw FIS template', async () => {
    const { file, found } = await diagnostics((s) => {
      multiAccount(s);
      (s.spec.fault as FisTemplateFault).targets!.web!.filters!.push({ path: 'Placement.AvailabilityZone', values: ['us-east-1a'] });
    }, 'checkout-reboot-fis-template');
    expect(found.map((d) => d.code)).toEqual(['MULTI_ACCOUNT_AZ_NAME']);
    expect(pointedAt(file, found[0]!)).toBe('us-east-1a');
    expect(found[0]!.hint).toContain('by tags');
  });

  it('a single-account scenario still takes AZ names', async () => {
    const { found } = await diagnostics((s) => {
      (s.spec.fault as FisTemplateFault).targets!.web!.filters!.push({ path: 'Placement.AvailabilityZone', values: ['us-east-1a'] });
    }, 'checkout-reboot-fis-template');
    expect(found).toEqual([]);
  });

  it('each target role is in its own account; one role per account', async () => {
    const { file, found } = await diagnostics((s) => {
      multiAccount(s);
      s.spec.target.accounts![1]!.roleArn = `arn:aws:iam::${ORCHESTRATOR}:role/gameday-fis-target`;
      s.spec.target.accounts!.push({ account: '111122223333', roleArn: 'arn:aws:iam::111122223333:role/other' });
    }, 'checkout-reboot-fis-template');
    expect(found.map((d) => d.code)).toEqual(['ARN_ACCOUNT_MISMATCH', 'TARGET_ACCOUNT_DUPLICATE']);
    expect(found[0]!.message).toContain(`is in account ${ORCHESTRATOR}, not in the target account 444455556666`);
    expect(found[1]!.message).toContain('one role per target account');
    expect(pointedAt(file, found[1]!)).toMatch(/^"?111122223333/);
  });

  it('resource ARNs may be in a target account, not in an account outside the experiment', async () => {
    const arns = (value: string) => (s: Scenario) => {
      multiAccount(s);
      const web = (s.spec.fault as FisTemplateFault).targets!.web!;
      delete web.resourceTags;
      delete web.filters;
      web.resourceArns = [value];
    };
    expect((await diagnostics(arns('arn:aws:ec2:us-east-1:444455556666:instance/i-0abc'), 'checkout-reboot-fis-template')).found).toEqual([]);
    expect((await diagnostics(arns('arn:aws:ec2:us-east-1:999999999999:instance/i-0abc'), 'checkout-reboot-fis-template')).found.map((d) => d.code)).toEqual(['ARN_ACCOUNT_MISMATCH']);
  });

  it('the schema checks the shape of an account entry', async () => {
    const { found } = await diagnostics((s) => {
      s.spec.target.accounts = [{ account: '1111', roleArn: 'arn:aws:iam::111122223333:role/x' }];
    }, 'checkout-reboot-fis-template');
    expect(found.length).toBeGreaterThan(0);
    expect(found[0]!.message).toMatch(/account|pattern/);
  });
});
