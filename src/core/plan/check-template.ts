import { durationSeconds, isoDuration } from '../duration.js';
import { lintAction } from './action-lints.js';
import { didYouMean, didYouMeanSameKind } from './did-you-mean.js';
import { FIS_ACTIONS, FIS_RESOURCE_TYPES, fisAction, fisResourceType, type ParameterSpec } from './fis-catalog.js';
import { COMPILED_SOURCE, type PlanProblem, type ScenarioPath, type TemplateSource } from './plan-problem.js';
import type { PlanWarning, TemplateAction, TemplateTarget } from './types.js';

export interface TemplateCheckOptions {
  /** aws:ec2:stop-instances may leave instances stopped (fis-template's allowStopWithoutRestart). */
  allowStopWithoutRestart?: boolean;
  /** Where the actions and targets are in the scenario (default: generated from the fault's fields). */
  source?: TemplateSource;
}

export interface TemplateCheckResult {
  problems: PlanProblem[];
  warnings: PlanWarning[];
}

const SELECTION_MODE = /^(ALL|COUNT\((\d+)\)|PERCENT\((\d+)\))$/;

/**
 * What FIS would reject at CreateExperimentTemplate, or accept and then silently get wrong,
 * caught at plan time (fis-actions.md: per-action reference, target rules, validation errors).
 */
export function checkTemplate(
  actions: Record<string, TemplateAction>,
  targets: Record<string, TemplateTarget>,
  options: TemplateCheckOptions = {},
): TemplateCheckResult {
  const problems: PlanProblem[] = [];
  const warnings: PlanWarning[] = [];
  const used = new Set<string>();
  const source = options.source ?? COMPILED_SOURCE;
  const problem = (path: ScenarioPath, message: string): void => void problems.push({ path, message });

  for (const [name, action] of Object.entries(actions)) {
    const where = `action "${name}" (${action.actionId})`;
    const at = (...within: (string | number)[]): ScenarioPath => source.action(name, ...within);
    const spec = fisAction(action.actionId);
    if (!spec) {
      // FIS adds actions faster than gameday's catalogue: an unknown id is FIS's to accept or refuse.
      for (const targetName of Object.values(action.targets ?? {})) used.add(targetName);
      const guess = didYouMeanSameKind(action.actionId, FIS_ACTIONS.keys());
      warnings.push({
        code: 'UNCHECKED_ACTION',
        message: `${where} is not in gameday's catalogue of the FIS actions reference: its targets and parameters are not checked by gameday; FIS will check them when the template is created${guess ? ` — did you mean "${guess}"?` : ''}`,
      });
      continue;
    }
    if (spec.replacedBy) {
      problem(at('actionId'), `${where}: retired action id; use "${spec.replacedBy}" (resource type ${actionResourceType(spec.replacedBy)})`);
      continue;
    }
    const actionTargets = action.targets ?? {};
    for (const [key, targetName] of Object.entries(actionTargets)) {
      used.add(targetName);
      if (key !== spec.targetKey) {
        // FIS: 'Unexpected target "Instances" found in action "…"'.
        problem(
          at('targets', key),
          spec.targetKey
            ? `${where}: unexpected target key "${key}"; this action takes "${spec.targetKey}"`
            : `${where}: takes no targets, found "${key}"`,
        );
        continue;
      }
      const target = targets[targetName];
      if (!target) {
        const guess = didYouMean(targetName, Object.keys(targets));
        problem(at('targets', key), `${where}: target "${targetName}" is not defined${guess ? ` — did you mean "${guess}"?` : ''}`);
      } else if (target.resourceType !== spec.resourceType && fisResourceType(target.resourceType)) {
        problem(at('targets', key), `${where}: target "${targetName}" is ${target.resourceType}; ${spec.targetKey} needs ${spec.resourceType}`);
      }
    }
    if (spec.targetKey && actionTargets[spec.targetKey] === undefined) {
      problem(at('targets'), `${where}: needs a target under "${spec.targetKey}" (${spec.resourceType})`);
    }
    checkParameters(where, action.parameters ?? {}, spec.parameters, (key, message) => problem(key === undefined ? at('parameters') : at('parameters', key), message));
    if (action.actionId === 'aws:ec2:stop-instances' && action.parameters?.startInstancesAfterDuration === undefined) {
      if (options.allowStopWithoutRestart) {
        warnings.push({
          code: 'STOP_WITHOUT_RESTART',
          message: `${where} has no startInstancesAfterDuration: FIS leaves the instances stopped; start them yourself`,
        });
      } else {
        problem(
          at('parameters'),
          `${where}: without startInstancesAfterDuration FIS never starts the instances again; set it (e.g. "PT5M") or set allowStopWithoutRestart: true`,
        );
      }
    }
    lintAction(name, action, targets, (within, message) => problem(at(...within), message), warnings);
    if (action.actionId === 'aws:network:disrupt-connectivity' && action.parameters?.scope === 'prefix-list' && !action.parameters.prefixListIdentifier) {
      problem(at('parameters', 'scope'), `${where}: scope prefix-list needs prefixListIdentifier`);
    }
    for (const [i, predecessor] of (action.startAfter ?? []).entries()) {
      if (predecessor === name) problem(at('startAfter', i), `${where}: startAfter names the action itself`);
      else if (!actions[predecessor]) {
        const guess = didYouMean(predecessor, Object.keys(actions));
        problem(at('startAfter', i), `${where}: startAfter "${predecessor}" is not an action of this template${guess ? ` — did you mean "${guess}"?` : ''}`);
      }
    }
  }

  for (const [name, target] of Object.entries(targets)) {
    checkTarget(name, target, (within, message) => problem(source.target(name, ...within), message), warnings);
    if (!used.has(name)) warnings.push({ code: 'UNUSED_TARGET', message: `target "${name}" is not used by any action` });
  }
  return { problems, warnings };
}

function actionResourceType(actionId: string): string {
  return fisAction(actionId)?.resourceType ?? 'none';
}

function checkTarget(name: string, target: TemplateTarget, problem: (within: (string | number)[], message: string) => void, warnings: PlanWarning[]): void {
  const where = `target "${name}" (${target.resourceType})`;
  const hasArns = (target.resourceArns?.length ?? 0) > 0;
  const hasTags = Object.keys(target.resourceTags ?? {}).length > 0;
  const hasFilters = (target.filters?.length ?? 0) > 0;
  const hasParameters = Object.keys(target.parameters ?? {}).length > 0;
  // These hold for every resource type (targets.html), known to gameday or not.
  if (hasArns && hasTags) problem(['resourceArns'], `${where}: resourceArns and resourceTags cannot be used together; pick one`);
  if (hasArns && hasFilters) problem(['filters'], `${where}: filters cannot be combined with resourceArns; select by tags to filter`);
  checkSelectionMode(where, target.selectionMode, problem);
  const spec = fisResourceType(target.resourceType);
  if (!spec) {
    const guess = didYouMeanSameKind(target.resourceType, FIS_RESOURCE_TYPES.keys());
    warnings.push({
      code: 'UNCHECKED_ACTION',
      message: `${where} is not a resource type in gameday's catalogue: how it is selected is not checked by gameday; FIS will check it${guess ? ` — did you mean "${guess}"?` : ''}`,
    });
    return;
  }
  if (spec.selection === 'parameters-only') {
    if (hasArns || hasTags || hasFilters) {
      problem([hasArns ? 'resourceArns' : hasTags ? 'resourceTags' : 'filters'], `${where}: ${spec.noun} are picked by the target parameters only (${Object.keys(spec.parameters).join(', ')}); FIS rejects resourceArns, resourceTags and filters`);
    }
  }
  if (spec.selection === 'tags-only' && hasArns) problem(['resourceArns'], `${where}: ${spec.noun} are picked by tags only; FIS rejects resourceArns`);
  if (spec.selection === 'tags-only' && !hasTags) problem([], `${where}: ${spec.noun} need resourceTags`);
  if (spec.selection === 'arns-only') {
    if (!hasArns) problem([], `${where}: ${spec.noun} are picked by ARN only; give resourceArns`);
    if (hasTags || hasFilters || hasParameters) problem([hasTags ? 'resourceTags' : hasFilters ? 'filters' : 'parameters'], `${where}: ${spec.noun} take resourceArns only (no tags, filters or parameters)`);
  }
  if (spec.selection === 'arns-or-tags' && !hasArns && !hasTags && !(spec.parametersSelect && hasParameters)) {
    problem([], `${where}: selects nothing; give resourceTags or resourceArns`);
  }
  for (const [key, value] of Object.entries(target.resourceTags ?? {})) {
    if (value === '') warnings.push({ code: 'EMPTY_TAG_VALUE', message: `${where}: tag ${key} has an empty value, which matches only an empty value (not a wildcard)` });
  }
  for (const [i, filter] of (target.filters ?? []).entries()) {
    if (!filter.path || filter.values.length === 0) problem(['filters', i], `${where}: every filter needs a path and at least one value`);
  }
  for (const [key, value] of Object.entries(target.parameters ?? {})) {
    const param = spec.parameters[key];
    if (!param) {
      const known = Object.keys(spec.parameters);
      const guess = didYouMean(key, known);
      problem(
        ['parameters', key],
        `${where}: unknown target parameter "${key}"${guess ? ` — did you mean "${guess}"?` : known.length ? ` (known: ${known.join(', ')})` : ' (this resource type takes none)'}`,
      );
    } else if (value === '') problem(['parameters', key], `${where}: target parameter ${key} is empty`);
    else if (param.kind === 'enum' && param.values && !param.values.includes(value)) problem(['parameters', key], `${where}: target parameter ${key} "${value}" is not one of ${param.values.join(', ')}`);
  }
  for (const [key, param] of Object.entries(spec.parameters)) {
    if (param.required && target.parameters?.[key] === undefined) problem(['parameters'], `${where}: needs target parameter ${key}`);
  }
}

function checkSelectionMode(where: string, selectionMode: string, problem: (within: (string | number)[], message: string) => void): void {
  const mode = SELECTION_MODE.exec(selectionMode);
  if (!mode) problem(['selectionMode'], `${where}: selectionMode "${selectionMode}" is not ALL, COUNT(n) or PERCENT(n)`);
  else if (mode[2] !== undefined && Number(mode[2]) < 1) problem(['selectionMode'], `${where}: COUNT must be at least 1`);
  else if (mode[3] !== undefined && (Number(mode[3]) < 1 || Number(mode[3]) > 100)) problem(['selectionMode'], `${where}: PERCENT must be 1–100`);
}

/** `key` undefined: the problem is with the parameters as a whole (one is missing). */
function checkParameters(
  where: string,
  given: Record<string, string>,
  specs: Readonly<Record<string, ParameterSpec>>,
  problem: (key: string | undefined, message: string) => void,
): void {
  for (const [key, value] of Object.entries(given)) {
    const spec = specs[key];
    if (!spec) {
      const known = Object.keys(specs);
      const guess = didYouMean(key, known);
      problem(
        key,
        `${where}: unknown parameter "${key}"${guess ? ` — did you mean "${guess}"?` : known.length ? ` (known: ${known.join(', ')})` : ' (this action takes none)'}`,
      );
      continue;
    }
    const wrong = parameterProblem(value, spec);
    if (wrong) problem(key, `${where}: parameter ${key} ${wrong}`);
  }
  for (const [key, spec] of Object.entries(specs)) {
    if (spec.required && given[key] === undefined) problem(undefined, `${where}: needs parameter ${key}`);
  }
}

function parameterProblem(value: string, spec: ParameterSpec): string | undefined {
  if (typeof value !== 'string') return `must be a string (FIS parameters are strings), got ${JSON.stringify(value)}`;
  switch (spec.kind) {
    case 'duration': {
      const seconds = durationSeconds(value);
      if (seconds === undefined) return `"${value}" is not an ISO 8601 duration (e.g. PT5M)`;
      if ((spec.min !== undefined && seconds < spec.min) || (spec.max !== undefined && seconds > spec.max)) {
        return `${value} is outside ${isoDuration(spec.min ?? 0)}–${isoDuration(spec.max ?? Infinity)}`;
      }
      return undefined;
    }
    case 'percentage': {
      if (!/^\d+$/.test(value)) return `"${value}" is not a whole number`;
      const n = Number(value);
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) return `${value} is outside ${spec.min}–${spec.max}`;
      return undefined;
    }
    case 'integer':
    case 'number': {
      const pattern = spec.kind === 'integer' ? /^\d+$/ : /^\d+(\.\d+)?$/;
      if (!pattern.test(value)) return `"${value}" is not a${spec.kind === 'integer' ? ' whole' : ''} number`;
      const n = Number(value);
      if ((spec.min !== undefined && n < spec.min) || (spec.max !== undefined && n > spec.max)) return `${value} is outside ${spec.min ?? 0}–${spec.max ?? '∞'}`;
      return undefined;
    }
    case 'boolean':
    case 'enum':
      return spec.values && !spec.values.includes(value) ? `"${value}" is not one of ${spec.values.join(', ')}` : undefined;
    case 'enum-list': {
      const items = value.split(',').map((v) => v.trim());
      const bad = items.find((v) => !(spec.values ?? []).includes(v));
      if (bad !== undefined) return `"${bad}" is not one of ${(spec.values ?? []).join(', ')} (a comma-separated list)`;
      return new Set(items).size === items.length ? undefined : 'lists a value twice';
    }
    case 'region':
      return /^[a-z]{2}(-[a-z]+)+-\d+$/.test(value) ? undefined : `"${value}" is not a Region code (e.g. eu-west-1)`;
    case 'json': {
      let parsed: unknown;
      try {
        parsed = JSON.parse(value);
      } catch {
        return 'is not valid JSON (it must be a JSON object serialised to one string)';
      }
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return 'must be a JSON object';
      const bad = Object.entries(parsed).find(([, v]) => typeof v !== 'string' && !(Array.isArray(v) && v.every((e) => typeof e === 'string')));
      return bad ? `value of "${bad[0]}" must be a string or a list of strings` : undefined;
    }
    case 'az':
    case 'az-list':
    case 'string':
      return value.trim() === '' ? 'is empty' : undefined;
  }
}
