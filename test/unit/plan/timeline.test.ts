import { describe, expect, it } from 'vitest';
import { computeTimeline, limitProblems, maxParallel } from '../../../src/core/plan/timeline.js';
import type { TemplateAction } from '../../../src/core/plan/types.js';

const wait = (duration: string, startAfter?: string[]): TemplateAction => ({ actionId: 'aws:fis:wait', parameters: { duration }, ...(startAfter ? { startAfter } : {}) });

describe('timeline from startAfter chains', () => {
  it('an action starts when all its predecessors have completed', () => {
    const t = computeTimeline({ a: wait('PT5M'), b: wait('PT10M'), c: wait('PT1M', ['a', 'b']), d: wait('PT2M', ['c']) });
    expect(Object.fromEntries([...t.timings].map(([k, v]) => [k, [v.startSeconds, v.durationSeconds]]))).toEqual({
      a: [0, 300],
      b: [0, 600],
      c: [600, 60],
      d: [660, 120],
    });
    expect(t.totalSeconds).toBe(780);
    expect(t.problems).toEqual([]);
  });

  it('cycles are reported', () => {
    expect(computeTimeline({ a: wait('PT1M', ['b']), b: wait('PT1M', ['a']) }).problems.map((p) => p.message)).toEqual(['startAfter forms a cycle: a → b → a']);
  });

  it('limits: 20 actions, 10 in parallel, 5 stop conditions, 12 h', () => {
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`w${i}`, wait('PT1M')]));
    const t = computeTimeline(many);
    expect(limitProblems(21, 6, t)).toEqual([
      '21 actions; FIS allows at most 20 per template',
      '21 actions run at the same time; FIS allows at most 10 in parallel (chain some with startAfter)',
      '6 stop conditions; FIS allows at most 5',
    ].map((message, i) => ({ message, path: i < 2 ? ['spec', 'fault', 'actions'] : ['spec', 'stopConditions'] })));
    const long = computeTimeline({ a: wait('PT12H'), b: wait('PT1M', ['a']) });
    expect(limitProblems(2, 1, long)).toEqual([{ message: 'the actions take PT12H1M end to end; an experiment may last at most PT12H', path: ['spec', 'fault', 'duration'] }]);
    const chained = computeTimeline(Object.fromEntries(Array.from({ length: 12 }, (_, i) => [`w${i}`, wait('PT1M', i ? [`w${i - 1}`] : undefined)])));
    expect(maxParallel(chained.timings.values())).toBe(1);
  });
});
