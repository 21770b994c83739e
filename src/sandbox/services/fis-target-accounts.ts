/**
 * The target account configurations of multi-account experiment templates (FIS API reference:
 * Create/Get/List/Update/DeleteTargetAccountConfiguration, and the experiment's own copy through
 * Get/ListExperimentTargetAccountConfiguration(s)), and whether FIS could assume each target role.
 */
import { ServiceError, type OperationHandler } from '../contracts.js';
import type { WorldModel } from '../world/model.js';
import { page } from './paging.js';

export interface TargetAccountConfig {
  accountId: string;
  roleArn: string;
  description?: string;
}

/** What the operations need of a template and an experiment. */
export interface TargetAccountHolders {
  template(id: unknown): { id: string; multiAccount: boolean; accounts: Map<string, TargetAccountConfig> };
  experiment(id: unknown): { id: string; targetAccounts: readonly TargetAccountConfig[] };
}

const invalid = (message: string) => new ServiceError('ValidationException', message, 400);

function text(input: Record<string, unknown>, member: string, limits: { min: number; max: number }): string {
  const value = input[member];
  if (typeof value !== 'string' || value.length < limits.min || value.length > limits.max) {
    throw invalid(`${member} must be a string of ${limits.min} to ${limits.max} characters.`);
  }
  return value;
}

/** The model's limits: TargetAccountId 12–48, RoleArn 20–2048, description ≤ 512, ClientToken ≤ 1024. */
function configFrom(input: Record<string, unknown>, accountId: string): TargetAccountConfig {
  const description = input['description'] === undefined ? undefined : text(input, 'description', { min: 0, max: 512 });
  return { accountId, roleArn: text(input, 'roleArn', { min: 20, max: 2048 }), ...(description !== undefined ? { description } : {}) };
}

export function targetAccountOperations(holders: TargetAccountHolders): Record<string, OperationHandler> {
  const tokens = new Map<string, string>();
  const configOf = (templateId: unknown, accountId: unknown) => {
    const template = holders.template(templateId);
    const config = template.accounts.get(String(accountId));
    if (!config) throw new ServiceError('ResourceNotFoundException', `Target account configuration for account ${String(accountId)} not found in experiment template ${template.id}.`, 404);
    return { template, config };
  };
  return {
    CreateTargetAccountConfiguration(input) {
      const template = holders.template(input['experimentTemplateId']);
      const accountId = text(input, 'accountId', { min: 12, max: 48 });
      const token = input['clientToken'] === undefined ? undefined : text(input, 'clientToken', { min: 1, max: 1024 });
      const key = token === undefined ? undefined : `${template.id}/${token}`;
      if (key !== undefined && tokens.get(key) === accountId && template.accounts.has(accountId)) return { targetAccountConfiguration: template.accounts.get(accountId) };
      if (!template.multiAccount) throw invalid(`Experiment template ${template.id} targets a single account; target account configurations need experimentOptions.accountTargeting multi-account.`);
      if (template.accounts.has(accountId)) throw new ServiceError('ConflictException', `Experiment template ${template.id} already has a target account configuration for account ${accountId}.`, 409);
      const config = configFrom(input, accountId);
      template.accounts.set(accountId, config);
      if (key !== undefined) tokens.set(key, accountId);
      return { targetAccountConfiguration: config };
    },
    GetTargetAccountConfiguration(input) {
      return { targetAccountConfiguration: configOf(input['experimentTemplateId'], input['accountId']).config };
    },
    UpdateTargetAccountConfiguration(input) {
      const { template, config } = configOf(input['experimentTemplateId'], input['accountId']);
      const updated = configFrom({ roleArn: config.roleArn, ...(config.description !== undefined ? { description: config.description } : {}), ...input }, config.accountId);
      template.accounts.set(config.accountId, updated);
      return { targetAccountConfiguration: updated };
    },
    DeleteTargetAccountConfiguration(input) {
      const { template, config } = configOf(input['experimentTemplateId'], input['accountId']);
      template.accounts.delete(config.accountId);
      return { targetAccountConfiguration: config };
    },
    ListTargetAccountConfigurations(input) {
      const { items, nextToken } = page([...holders.template(input['experimentTemplateId']).accounts.values()], input, { max: 100, default: 100 });
      return { targetAccountConfigurations: items, ...(nextToken === undefined ? {} : { nextToken }) };
    },
    GetExperimentTargetAccountConfiguration(input) {
      const experiment = holders.experiment(input['experimentId']);
      const config = experiment.targetAccounts.find((a) => a.accountId === String(input['accountId']));
      if (!config) throw new ServiceError('ResourceNotFoundException', `Target account configuration for account ${String(input['accountId'])} not found in experiment ${experiment.id}.`, 404);
      return { targetAccountConfiguration: config };
    },
    ListExperimentTargetAccountConfigurations(input) {
      // The model pages this one by nextToken only (no maxResults).
      const { items, nextToken } = page(holders.experiment(input['experimentId']).targetAccounts, { nextToken: input['nextToken'] }, { max: 100, default: 100 });
      return { targetAccountConfigurations: items, ...(nextToken === undefined ? {} : { nextToken }) };
    },
  };
}

/**
 * Why FIS, as `orchestratorRoleArn`, could not assume a target account's role (undefined: it can):
 * the role must be one the world declares in that account and trust the orchestrator role (trustsRoles).
 */
export function cannotAssume(model: WorldModel, config: TargetAccountConfig, orchestratorRoleArn: string): string | undefined {
  const spec = model.world.spec;
  const roles = config.accountId === spec.account ? (spec.iamRoles ?? []) : (spec.accounts ?? []).find((a) => a.account === config.accountId)?.iamRoles;
  if (roles === undefined) return `account ${config.accountId} is not an account of this world`;
  const role = roles.find((r) => `arn:aws:iam::${config.accountId}:role/${r.name}` === config.roleArn);
  if (!role) return `role ${config.roleArn} does not exist in account ${config.accountId}`;
  if (!(role.trustsRoles ?? []).includes(orchestratorRoleArn)) return `role ${config.roleArn} does not trust ${orchestratorRoleArn}`;
  return undefined;
}
