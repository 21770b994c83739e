/**
 * Experiment template validation, with the ValidationException texts FIS uses where they are known
 * (design/fis-actions.md "Validation errors"); the rest follow the same style.
 */
import { durationSeconds, isoDuration } from '../../core/duration.js';
import { ServiceError } from '../contracts.js';
import { findAction, findTargetType, MANAGED_RESOURCE_TYPES } from './fis-catalogue.js';

export const MAX_ACTIONS = 20;
export const MAX_STOP_CONDITIONS = 5;

/**
 * The FIS wire shapes of a template's targets and actions (CreateExperimentTemplateTargetInput and
 * ActionInput). The sandbox speaks these, never gameday's plan types, so it stays a stand-in for AWS.
 */
export interface TemplateTarget {
  resourceType: string;
  resourceArns?: string[];
  resourceTags?: Record<string, string>;
  filters?: { path: string; values: string[] }[];
  selectionMode: string;
  parameters?: Record<string, string>;
}

export interface TemplateAction {
  actionId: string;
  description?: string;
  parameters?: Record<string, string>;
  targets?: Record<string, string>;
  startAfter?: string[];
}

export interface TemplateBody {
  description: string;
  roleArn: string;
  actions: Record<string, TemplateAction>;
  targets: Record<string, TemplateTarget>;
  stopConditions: { source: string; value?: string }[];
  logConfiguration?: unknown;
  experimentOptions: { accountTargeting: string; emptyTargetResolutionMode: 'fail' | 'skip' };
  /** experimentReportConfiguration (FIS API since 2024-11; botocore's model names its members). */
  experimentReportConfiguration?: ReportConfiguration;
}

export interface ReportConfiguration {
  outputs?: { s3Configuration?: { bucketName?: string; prefix?: string } };
  dataSources?: { cloudWatchDashboards?: { dashboardIdentifier?: string }[] };
  preExperimentDuration?: string;
  postExperimentDuration?: string;
}

/** The account, Region and Availability Zones a template is validated against (the world's). */
export interface ValidationScope {
  region: string;
  account: string;
  /** The AZ name for an AZ name or ID of the Region; undefined for anything else. */
  azName(identifier: string): string | undefined;
}

const invalid = (message: string) => new ServiceError('ValidationException', message, 400);

const SELECTION = /^(ALL|COUNT\((\d+)\)|PERCENT\((\d+)\))$/;
const ROLE_ARN = /^arn:aws[\w-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

export function validateTemplate(body: TemplateBody, where: ValidationScope): void {
  if (typeof body.description !== 'string' || body.description.length === 0) throw invalid('description is required.');
  if (body.description.length > 512) throw invalid('description must be at most 512 characters.');
  if (typeof body.roleArn !== 'string' || !ROLE_ARN.test(body.roleArn)) throw invalid(`Invalid roleArn: ${String(body.roleArn)}.`);
  const actionNames = Object.keys(body.actions);
  if (actionNames.length === 0) throw invalid('At least one action is required.');
  if (actionNames.length > MAX_ACTIONS) throw invalid(`The number of actions (${actionNames.length}) exceeds the limit of ${MAX_ACTIONS} actions per experiment template.`);
  validateStopConditions(body.stopConditions, where);
  for (const [name, target] of Object.entries(body.targets)) validateTarget(name, target);
  for (const [name, action] of Object.entries(body.actions)) validateAction(name, action, body, where);
  assertNoCycle(body.actions);
  const mode = body.experimentOptions.emptyTargetResolutionMode;
  if (mode !== 'fail' && mode !== 'skip') throw invalid(`Invalid emptyTargetResolutionMode: ${String(mode)}.`);
  const targeting = body.experimentOptions.accountTargeting;
  if (targeting !== 'single-account' && targeting !== 'multi-account') throw invalid(`Invalid accountTargeting: ${String(targeting)}.`);
  if (body.experimentReportConfiguration !== undefined) validateReportConfiguration(body.experimentReportConfiguration);
}

function validateReportConfiguration(config: ReportConfiguration): void {
  const bucket = config.outputs?.s3Configuration?.bucketName;
  if (typeof bucket !== 'string' || !/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) throw invalid(`experimentReportConfiguration.outputs.s3Configuration.bucketName must be an S3 bucket name, got ${String(bucket)}.`);
  for (const member of ['preExperimentDuration', 'postExperimentDuration'] as const) {
    const value = config[member];
    if (value !== undefined && durationSeconds(value) === undefined) throw invalid(`experimentReportConfiguration.${member} must be an ISO 8601 duration (e.g. PT10M), got ${String(value)}.`);
  }
  for (const dashboard of config.dataSources?.cloudWatchDashboards ?? []) {
    if (typeof dashboard.dashboardIdentifier !== 'string' || !dashboard.dashboardIdentifier.startsWith('arn:')) throw invalid(`A cloudWatchDashboards entry needs a dashboardIdentifier (the dashboard ARN), got ${String(dashboard.dashboardIdentifier)}.`);
  }
}

function validateStopConditions(conditions: TemplateBody['stopConditions'], where: ValidationScope): void {
  if (!Array.isArray(conditions) || conditions.length === 0) throw invalid('At least one stop condition is required (use source "none" for none).');
  if (conditions.length > MAX_STOP_CONDITIONS) throw invalid(`The number of stop conditions (${conditions.length}) exceeds the limit of ${MAX_STOP_CONDITIONS}.`);
  const alarmArn = new RegExp(`^arn:aws:cloudwatch:${where.region}:${where.account}:alarm:[^:]{1,255}$`);
  for (const condition of conditions) {
    if (condition.source === 'none') {
      if (condition.value !== undefined) throw invalid('A stop condition with source "none" cannot have a value.');
      if (conditions.length > 1) throw invalid('A stop condition with source "none" cannot be combined with other stop conditions.');
      continue;
    }
    if (condition.source !== 'aws:cloudwatch:alarm') throw invalid(`Invalid stop condition source: ${String(condition.source)}. Use "aws:cloudwatch:alarm" or "none".`);
    if (typeof condition.value !== 'string' || !alarmArn.test(condition.value)) {
      throw invalid(`Invalid stop condition value: ${String(condition.value)}. Expected a CloudWatch alarm ARN arn:aws:cloudwatch:${where.region}:${where.account}:alarm:<name>.`);
    }
  }
}

function validateTarget(name: string, target: TemplateTarget): void {
  const type = findTargetType(target.resourceType);
  if (!type) throw invalid(`Target "${name}" has an invalid resource type: ${String(target.resourceType)}.`);
  const hasArns = (target.resourceArns?.length ?? 0) > 0;
  const hasTags = Object.keys(target.resourceTags ?? {}).length > 0;
  const hasFilters = (target.filters?.length ?? 0) > 0;
  const hasParameters = Object.keys(target.parameters ?? {}).length > 0;
  if (hasArns && hasTags) throw invalid(`You cannot specify both resource ARNs and resource tags for target ${name}.`);
  if (hasArns && hasFilters) throw invalid(`You cannot specify both resource ARNs and filters for target ${name}.`);
  if (hasArns && !type.arns) throw invalid(`TargetResourceType ${type.resourceType} does not support resourceArns.`);
  if (hasTags && !type.tags) throw invalid(`TargetResourceType ${type.resourceType} does not support resourceTags.`);
  if (hasFilters && !type.filters) throw invalid(`TargetResourceType ${type.resourceType} does not support filters.`);
  if (!type.arns && !hasTags) throw invalid(`Tags are required for TargetResourceType ${type.resourceType}.`);
  if (!hasArns && !hasTags && !hasParameters) throw invalid(`Target ${name} must specify resourceArns, resourceTags or parameters.`);
  if ((target.resourceArns?.length ?? 0) > 5) throw invalid(`Target ${name} has more than 5 resource ARNs.`);
  for (const arn of target.resourceArns ?? []) if (!arn.startsWith('arn:')) throw invalid(`Target ${name} has an invalid resource ARN: ${arn}.`);
  for (const filter of target.filters ?? []) {
    if (typeof filter.path !== 'string' || filter.path.length === 0 || !Array.isArray(filter.values) || filter.values.length === 0) {
      throw invalid(`Target ${name} has an invalid filter: a filter needs a path and at least one value.`);
    }
  }
  for (const key of Object.keys(target.parameters ?? {})) {
    if (!(key in type.parameters)) throw invalid(`Target ${name}: parameter ${key} is not valid for TargetResourceType ${type.resourceType}.`);
  }
  for (const [key, spec] of Object.entries(type.parameters)) {
    if (spec.required && target.parameters?.[key] === undefined) throw invalid(`Target ${name} is missing required parameter ${key} for TargetResourceType ${type.resourceType}.`);
  }
  const selection = SELECTION.exec(String(target.selectionMode));
  if (!selection) throw invalid(`Target ${name} has an invalid selectionMode: ${String(target.selectionMode)}. Use ALL, COUNT(n) or PERCENT(n).`);
  const n = Number(selection[2] ?? selection[3] ?? 1);
  if (selection[2] !== undefined && n < 1) throw invalid(`Target ${name}: COUNT must be at least 1.`);
  if (selection[3] !== undefined && (n < 1 || n > 100)) throw invalid(`Target ${name}: PERCENT must be between 1 and 100.`);
}

function validateAction(name: string, action: TemplateAction, body: TemplateBody, where: ValidationScope): void {
  const spec = findAction(String(action.actionId));
  if (!spec) throw invalid(`Action "${name}" has an invalid actionId: ${String(action.actionId)}.`);
  const parameters = action.parameters ?? {};
  for (const [key, value] of Object.entries(parameters)) {
    const p = spec.parameters[key];
    if (!p) throw invalid(`Unexpected parameter "${key}" found in action "${name}".`);
    checkParameter(name, key, value, p.kind, where, p.min, p.max);
  }
  for (const [key, p] of Object.entries(spec.parameters)) {
    if (p.required && parameters[key] === undefined) throw invalid(`Missing required parameter "${key}" in action "${name}".`);
  }
  if (spec.id === 'aws:ec2:stop-instances' && parameters['completeIfInstancesTerminated'] !== undefined && parameters['startInstancesAfterDuration'] === undefined) {
    throw invalid(`Action "${name}": completeIfInstancesTerminated requires startInstancesAfterDuration.`);
  }
  const targets = action.targets ?? {};
  for (const [key, targetName] of Object.entries(targets)) {
    const expectedType = spec.targets[key];
    if (!expectedType) throw invalid(`Unexpected target "${key}" found in action "${name}".`);
    const target = body.targets[targetName];
    if (!target) throw invalid(`Target "${targetName}" referenced in action "${name}" is not defined in the experiment template.`);
    if (target.resourceType !== expectedType) {
      throw invalid(`Target "${targetName}" of action "${name}" has resource type ${target.resourceType}; ${spec.id} expects ${expectedType} for "${key}".`);
    }
  }
  for (const key of Object.keys(spec.targets)) {
    if (targets[key] === undefined) throw invalid(`Missing required target "${key}" in action "${name}".`);
  }
  for (const after of action.startAfter ?? []) {
    if (!(after in body.actions)) throw invalid(`Action "${name}" has startAfter "${after}", which is not an action of the experiment template.`);
    if (after === name) throw invalid(`Action "${name}" cannot start after itself.`);
  }
}

function checkParameter(action: string, key: string, value: unknown, kind: string, where: ValidationScope, min = 60, max = 43_200): void {
  if (typeof value !== 'string') throw invalid(`Parameter "${key}" of action "${action}" must be a string.`);
  const bad = (why: string) => invalid(`Invalid value "${value}" for parameter "${key}" in action "${action}": ${why}.`);
  switch (kind) {
    case 'duration': {
      const seconds = durationSeconds(value);
      if (seconds === undefined) throw bad('expected an ISO 8601 duration such as PT5M');
      if (seconds < min || seconds > max) throw bad(`must be between ${isoDuration(min)} and ${isoDuration(max)}`);
      return;
    }
    case 'percentage': {
      const n = Number(value);
      if (!/^\d+$/.test(value) || n < 0 || n > 100 || (key === 'percentage' && n < 1)) throw bad(key === 'percentage' ? 'must be an integer from 1 to 100' : 'must be an integer from 0 to 100');
      return;
    }
    case 'boolean':
      if (!/^(true|false)$/i.test(value)) throw bad('must be true or false');
      return;
    case 'integer':
      if (!/^\d+$/.test(value)) throw bad('must be a whole number');
      return;
    case 'region':
      if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(value)) throw bad('must be a Region code such as us-west-2');
      if (value === where.region) throw bad(`must be another Region than the experiment's (${where.region})`);
      return;
    case 'signal':
      if (value !== 'SIGTERM' && value !== 'SIGKILL') throw bad('must be SIGTERM or SIGKILL');
      return;
    case 'scope':
      if (!['all', 'availability-zone', 'dynamodb', 'prefix-list', 's3', 's3express', 'vpc'].includes(value)) throw bad('unknown scope');
      return;
    case 'json':
      try {
        JSON.parse(value);
      } catch {
        throw bad('must be a JSON object serialised as a string');
      }
      return;
    case 'azList':
      if (value.split(',').some((s) => s.trim().length === 0)) throw bad('expected a comma-separated list of Availability Zone names or IDs');
      return;
    case 'az':
      if (where.azName(value) === undefined) throw bad(`expected the name or ID of an Availability Zone in ${where.region}`);
      return;
    case 'managedResourceTypes': {
      const types = value.split(',').map((s) => s.trim());
      if (types.some((t) => !(MANAGED_RESOURCE_TYPES as readonly string[]).includes(t)) || new Set(types).size !== types.length) {
        throw bad(`expected a comma-separated list of distinct managed resource types from ${MANAGED_RESOURCE_TYPES.join(', ')}`);
      }
      return;
    }
    case 'autoshiftStatus':
      if (!['ENABLED', 'DISABLED', 'ANY'].includes(value)) throw bad('must be ENABLED, DISABLED or ANY');
      return;
    default:
      if (value.length === 0) throw bad('must not be empty');
  }
}

function assertNoCycle(actions: Record<string, TemplateAction>): void {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (name: string): void => {
    if (state.get(name) === 'done') return;
    if (state.get(name) === 'visiting') throw invalid(`The startAfter of action "${name}" creates a cycle.`);
    state.set(name, 'visiting');
    for (const after of actions[name]?.startAfter ?? []) visit(after);
    state.set(name, 'done');
  };
  for (const name of Object.keys(actions)) visit(name);
}
