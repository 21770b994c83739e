import { GamedayError } from '../errors.js';
import type { Diagnostic } from '../scenario/diagnostics.js';
import type { RuleContext } from '../scenario/rules.js';
import type { Scenario } from '../scenario/types.js';
import { compilePlan } from './compile.js';
import type { PlanProblem } from './plan-problem.js';

/**
 * A scenario the schema and rules accept, compiled: whatever FIS would reject, or accept and then get
 * wrong, as validation errors at the scenario node to fix. So `validate` in a PR catches what only
 * `plan` could, and `plan` and `run` see these as the validator's errors with file:line:col.
 */
export function planDiagnostics(scenario: Scenario, ctx: Pick<RuleContext, 'file' | 'locate'>): Diagnostic[] {
  try {
    compilePlan({ file: ctx.file, scenario, sourceHash: '' });
    return [];
  } catch (err) {
    if (!GamedayError.is(err) || err.code !== 'PLAN_INVALID') throw err;
    return (err.details as PlanProblem[]).map((problem): Diagnostic => {
      const { line, col } = ctx.locate(problem.path);
      return { file: ctx.file, line, col, severity: 'error', code: 'PLAN_INVALID', message: problem.message };
    });
  }
}
