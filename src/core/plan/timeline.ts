import { durationSeconds, isoDuration } from '../duration.js';
import { FIS_LIMITS, fisAction } from './fis-catalog.js';
import { COMPILED_SOURCE, faultField, type PlanProblem, type TemplateSource } from './plan-problem.js';
import type { TemplateAction } from './types.js';

export interface ActionTiming {
  startSeconds: number;
  durationSeconds: number;
}

export interface Timeline {
  timings: Map<string, ActionTiming>;
  /** The end of the last action, from experiment start. */
  totalSeconds: number;
  problems: PlanProblem[];
}

/**
 * Planned start and length of each action: FIS starts an action when every action in its startAfter
 * has completed, and an action with a duration completes only when it has elapsed (fis-actions.md).
 */
export function computeTimeline(actions: Record<string, TemplateAction>, source: TemplateSource = COMPILED_SOURCE): Timeline {
  const problems = new Map<string, PlanProblem>();
  const timings = new Map<string, ActionTiming>();
  const visiting = new Set<string>();

  const timingOf = (name: string, path: string[]): ActionTiming | undefined => {
    const known = timings.get(name);
    if (known) return known;
    const action = actions[name];
    if (!action) return undefined;
    if (visiting.has(name)) {
      const message = `startAfter forms a cycle: ${[...path.slice(path.indexOf(name)), name].join(' → ')}`;
      problems.set(message, { path: source.action(name, 'startAfter'), message });
      return undefined;
    }
    visiting.add(name);
    let start = 0;
    for (const predecessor of action.startAfter ?? []) {
      const before = timingOf(predecessor, [...path, name]);
      if (before) start = Math.max(start, before.startSeconds + before.durationSeconds);
    }
    visiting.delete(name);
    const timing = { startSeconds: start, durationSeconds: lengthOf(action) };
    timings.set(name, timing);
    return timing;
  };

  for (const name of Object.keys(actions)) timingOf(name, []);
  let total = 0;
  for (const t of timings.values()) total = Math.max(total, t.startSeconds + t.durationSeconds);
  return { timings, totalSeconds: total, problems: [...problems.values()] };
}

function lengthOf(action: TemplateAction): number {
  // An action gameday does not know: its `duration`, if it has one, is the best guess.
  const spec = fisAction(action.actionId);
  const param = spec ? spec.durationParam : 'duration';
  const value = param ? action.parameters?.[param] : undefined;
  return (value !== undefined ? durationSeconds(value) : undefined) ?? 0;
}

/** The most actions running at once; an instantaneous action counts at its start. */
export function maxParallel(timings: Iterable<ActionTiming>): number {
  const list = [...timings];
  let most = 0;
  for (const at of new Set(list.map((t) => t.startSeconds))) {
    const running = list.filter(
      (t) => (t.startSeconds <= at && at < t.startSeconds + t.durationSeconds) || (t.durationSeconds === 0 && t.startSeconds === at),
    ).length;
    most = Math.max(most, running);
  }
  return most;
}

/** FIS quotas a template must respect, as problems to report before any API call (aws-facts.md). */
export function limitProblems(actionCount: number, stopConditionCount: number, timeline: Timeline, sloStopAlarm = false): PlanProblem[] {
  const problems: PlanProblem[] = [];
  if (actionCount > FIS_LIMITS.actionsPerTemplate) {
    problems.push({ path: faultField('actions'), message: `${actionCount} actions; FIS allows at most ${FIS_LIMITS.actionsPerTemplate} per template` });
  }
  const parallel = maxParallel(timeline.timings.values());
  if (parallel > FIS_LIMITS.parallelActions) {
    problems.push({ path: faultField('actions'), message: `${parallel} actions run at the same time; FIS allows at most ${FIS_LIMITS.parallelActions} in parallel (chain some with startAfter)` });
  }
  if (stopConditionCount > FIS_LIMITS.stopConditions) {
    problems.push({ path: ['spec', 'stopConditions'], message: `${stopConditionCount} stop conditions${sloStopAlarm ? ' (spec.slo.burnRate.stopAbove is one: an alarm gameday creates)' : ''}; FIS allows at most ${FIS_LIMITS.stopConditions}` });
  }
  if (timeline.totalSeconds > FIS_LIMITS.maxExperimentSeconds) {
    problems.push({ path: faultField('duration'), message: `the actions take ${isoDuration(timeline.totalSeconds)} end to end; an experiment may last at most ${isoDuration(FIS_LIMITS.maxExperimentSeconds)}` });
  }
  return problems;
}
