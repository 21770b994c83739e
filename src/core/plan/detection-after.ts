import type { DetectionExpectation } from '../scenario/types.js';
import { didYouMean } from './did-you-mean.js';
import type { PlanProblem } from './plan-problem.js';

/** detection[].after must name an action of the compiled template: otherwise its budget would run from nothing. */
export function detectionAfterProblems(detection: DetectionExpectation[], actionNames: string[]): PlanProblem[] {
  return detection.flatMap((d, i): PlanProblem[] => {
    if (d.after === undefined || actionNames.includes(d.after)) return [];
    const suggestion = didYouMean(d.after, actionNames);
    return [
      {
        path: ['spec', 'detection', i, 'after'],
        message: `detection[${i}].after "${d.after}" is not an action of this experiment${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; its actions are ${actionNames.join(', ')}`,
      },
    ];
  });
}
