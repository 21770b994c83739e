import type { Verdict } from './types.js';
import { actionStates, type JournalFacts } from './journal-facts.js';

/** What each planned action actually hit (resolved targets) and what became of it (its last state). */
export function actionImpact(facts: JournalFacts): Verdict['impact'] {
  const states = actionStates(facts);
  return facts.plan.actions.map((action) => {
    const targetNames = new Set([...(action.targetName ? [action.targetName] : []), ...Object.values(facts.plan.template.actions[action.name]?.targets ?? {})]);
    const resources = [...new Set(facts.targets.filter((t) => targetNames.has(t.targetName)).map((t) => t.identifier))];
    const observed = states.get(action.name);
    return {
      action: action.name,
      actionId: action.actionId,
      state: observed?.state ?? 'not started',
      resources,
      rollback: action.rollback,
      hits: action.hits,
      ...(observed?.startTime ? { startTime: observed.startTime } : {}),
      ...(observed?.endTime ? { endTime: observed.endTime } : {}),
      ...(observed?.reason ? { reason: observed.reason } : {}),
    };
  });
}
