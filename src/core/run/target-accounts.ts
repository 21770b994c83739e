import type { Experiments } from '../../aws/ports.js';
import type { TargetAccountsConfigured } from '../journal/events.js';
import type { Plan } from '../plan/types.js';

/**
 * A multi-account plan's target accounts, added to its freshly created template (FIS will not start a
 * multi-account experiment without them): one CreateTargetAccountConfiguration per account, in plan
 * order, each with a client token of its own so a retried call cannot add it twice. Undefined for a
 * single-account plan. The configurations belong to the template: deleting it deletes them.
 */
export async function configureTargetAccounts(experiments: Experiments, plan: Plan, templateId: string, clientToken: string): Promise<TargetAccountsConfigured | undefined> {
  if (!plan.targetAccounts) return undefined;
  const accounts: TargetAccountsConfigured['accounts'] = [];
  for (const account of plan.targetAccounts) accounts.push(await experiments.addTargetAccount(templateId, account, `${clientToken}-${account.accountId}`));
  return { type: 'target-accounts-configured', templateId, accounts };
}
