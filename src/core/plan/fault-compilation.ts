import type { TemplateCheckOptions } from './check-template.js';
import type { PlanProblem } from './plan-problem.js';
import type { PlanWarning, TemplateAction, TemplateTarget } from './types.js';

/** What a fault compiler produces: the template's actions and targets, and what it found wrong. */
export interface FaultCompilation {
  actions: Record<string, TemplateAction>;
  targets: Record<string, TemplateTarget>;
  warnings: PlanWarning[];
  /** Plan errors: each names the scenario field and what to change. */
  problems: PlanProblem[];
  checkOptions?: TemplateCheckOptions;
  /** What FIS does with an action whose targets resolve to nothing, unless spec.experiment says (default fail). */
  emptyTargetResolutionMode?: 'fail' | 'skip';
}

/** Region and account the fault compiles for. */
export interface CompileContext {
  region: string;
  account: string;
}
