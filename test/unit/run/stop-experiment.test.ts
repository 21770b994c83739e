import { describe, expect, it } from 'vitest';
import type { ExperimentState, Experiments } from '../../../src/aws/ports.js';
import { stopConfirmed, stopExperiment } from '../../../src/core/run/stop-experiment.js';

const state = (s: string): ExperimentState => ({ id: 'EXP1', state: s, tags: {}, actions: {} });

function fis(behaviour: { stop: () => Promise<ExperimentState>; get: () => Promise<ExperimentState> }): Experiments {
  const unused = () => Promise.reject(new Error('not used'));
  return { createTemplate: unused, addTargetAccount: unused, deleteTemplate: unused, listTemplatesByTag: unused, start: unused, list: unused, findByTag: unused, listResolvedTargets: unused, safetyLever: unused, ...behaviour };
}

const options = { by: 'signal' as const, reason: 'test', waitMs: 150, pollMs: 10 };

describe('stopExperiment', () => {
  it('a StopExperiment that keeps failing: the last state FIS reported, not confirmed, within the bound', async () => {
    const problems: string[] = [];
    const event = await stopExperiment(fis({ stop: () => Promise.reject(new Error('ECONNRESET')), get: () => Promise.resolve(state('running')) }), 'EXP1', {
      ...options,
      onProblem: (operation) => problems.push(operation),
    });
    expect(event.stoppedState).toBe('running');
    expect(event.stopLatencyMs).toBeUndefined();
    expect(stopConfirmed(event)).toBe(false);
    expect(problems).toContain('fis:StopExperiment');
  });

  it('a StopExperiment that never answers does not hold the stop past its bound', async () => {
    const event = await stopExperiment(fis({ stop: () => new Promise(() => undefined), get: () => new Promise(() => undefined) }), 'EXP1', options);
    expect(event.stoppedState).toBeUndefined();
    expect(stopConfirmed(event)).toBe(false);
  });

  it('pending after the stop until the bound: says pending', async () => {
    const event = await stopExperiment(fis({ stop: () => Promise.resolve(state('pending')), get: () => Promise.resolve(state('pending')) }), 'EXP1', options);
    expect(event).toMatchObject({ stoppedState: 'pending' });
    expect(stopConfirmed(event)).toBe(false);
  });

  it('confirmed only once FIS reports a terminal state', async () => {
    let gets = 0;
    const event = await stopExperiment(fis({ stop: () => Promise.resolve(state('stopping')), get: () => Promise.resolve(state(++gets > 2 ? 'stopped' : 'stopping')) }), 'EXP1', { ...options, waitMs: 5000 });
    expect(event.stoppedState).toBe('stopped');
    expect(event.stopLatencyMs).toBeTypeOf('number');
    expect(stopConfirmed(event)).toBe(true);
  });
});
