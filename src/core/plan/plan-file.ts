import { readFile } from 'node:fs/promises';
import { GamedayError } from '../errors.js';
import type { LoadedScenario } from '../scenario/types.js';
import { compilePlan, PLAN_HASH_TAG, planHash } from './compile.js';
import type { Plan } from './types.js';

/** plan.json as `gameday plan --out` writes it: stable key order, two-space indent, final newline. */
export function serializePlan(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

/**
 * Reads a plan file for `gameday run --plan`. The hash covers the plan's content, so a plan edited by
 * hand (or truncated) is refused here rather than half-executed.
 */
export async function readPlanFile(path: string): Promise<Plan> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new GamedayError('FILE_NOT_FOUND', `${path}: plan file not found`, { hint: 'write one with `gameday plan <scenario> --out <dir>`' });
    throw new GamedayError('FILE_UNREADABLE', `${path}: cannot read plan file (${code ?? String(err)})`, { cause: err });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new GamedayError('PLAN_INVALID', `${path}: not JSON (${(err as Error).message})`, { hint: 'write it again with `gameday plan <scenario> --out <dir>`' });
  }
  const problems = planShapeProblems(value);
  if (problems.length) {
    throw new GamedayError('PLAN_INVALID', `${path}: not a gameday plan:\n${problems.map((p) => `  - ${p}`).join('\n')}`, {
      hint: 'write it again with `gameday plan <scenario> --out <dir>`',
    });
  }
  const plan = value as Plan;
  if (plan.template.tags[PLAN_HASH_TAG] !== plan.hash || planHash(plan) !== plan.hash) {
    throw new GamedayError('PLAN_INVALID', `${path}: the plan's content does not match its hash ${plan.hash.slice(0, 12)}; it was edited after \`gameday plan\` wrote it, or written by another gameday version`, {
      hint: 'change the scenario instead and plan again; a run executes only plans exactly as compiled',
    });
  }
  return plan;
}

/** Refuses a plan compiled from another version of the scenario (PLAN_STALE) than the one loaded now. */
export function checkPlanMatchesScenario(plan: Plan, loaded: LoadedScenario): void {
  const current = compilePlan(loaded);
  if (current.hash !== plan.hash) {
    throw new GamedayError(
      'PLAN_STALE',
      `${loaded.file}: the plan (${plan.hash.slice(0, 12)}) was compiled from another version of scenario "${plan.scenario.name}"; it compiles to ${current.hash.slice(0, 12)} now`,
      { hint: `review the change with \`gameday plan ${loaded.file}\` and write the plan again with --out` },
    );
  }
}

function planShapeProblems(value: unknown): string[] {
  const problems: string[] = [];
  if (!isObject(value)) return ['the top level is not an object'];
  if (value.apiVersion !== 'gameday/v1') problems.push(`apiVersion must be gameday/v1, found ${JSON.stringify(value.apiVersion)}`);
  if (value.kind !== 'Plan') problems.push(`kind must be Plan, found ${JSON.stringify(value.kind)}`);
  if (typeof value.hash !== 'string' || !/^[0-9a-f]{64}$/.test(value.hash)) problems.push('hash must be 64 hex digits');
  const scenario = value.scenario;
  if (!isObject(scenario) || typeof scenario.name !== 'string' || typeof scenario.file !== 'string') problems.push('scenario must name the scenario and its file');
  const target = value.target;
  if (!isObject(target) || typeof target.account !== 'string' || typeof target.region !== 'string' || typeof target.roleArn !== 'string') {
    problems.push('target must give account, region and roleArn');
  }
  const template = value.template;
  if (!isObject(template)) problems.push('template is missing');
  else {
    if (typeof template.description !== 'string') problems.push('template.description must be a string');
    if (typeof template.roleArn !== 'string') problems.push('template.roleArn must be a string');
    if (!Array.isArray(template.stopConditions) || template.stopConditions.length === 0) problems.push('template.stopConditions must be a non-empty list');
    if (!isObject(template.actions) || Object.keys(template.actions).length === 0) problems.push('template.actions must name at least one action');
    if (!isObject(template.targets)) problems.push('template.targets must be an object');
    if (!isObject(template.tags)) problems.push('template.tags must be an object');
    if (!isObject(template.experimentOptions)) problems.push('template.experimentOptions must be an object');
  }
  for (const key of ['actions', 'stopConditions', 'probes', 'detection', 'preflight', 'prerequisites', 'warnings'] as const) {
    if (!Array.isArray(value[key])) problems.push(`${key} must be a list`);
  }
  if (!isObject(value.recovery)) problems.push('recovery is missing');
  if (typeof value.faultSeconds !== 'number') problems.push('faultSeconds must be a number');
  return problems;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
