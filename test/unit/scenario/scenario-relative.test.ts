import { describe, expect, it } from 'vitest';
import { scenarioRelativeCandidates } from '../../../src/core/scenario/scenario-relative.js';

describe('scenarioRelativeCandidates', () => {
  it('looks next to the scenario, then in each folder above it, then in the working directory', () => {
    expect(scenarioRelativeCandidates('scenarios/team/az.yaml', 'runbooks/az.md', '/repo')).toEqual([
      '/repo/scenarios/team/runbooks/az.md',
      '/repo/scenarios/runbooks/az.md',
      '/repo/runbooks/az.md',
      '/runbooks/az.md',
    ]);
  });

  it('adds the working directory when it is not above the scenario', () => {
    expect(scenarioRelativeCandidates('/repo/scenarios/az.yaml', 'runbooks/az.md', '/elsewhere')).toEqual([
      '/repo/scenarios/runbooks/az.md',
      '/repo/runbooks/az.md',
      '/runbooks/az.md',
      '/elsewhere/runbooks/az.md',
    ]);
  });

  it('takes an absolute path as it is', () => {
    expect(scenarioRelativeCandidates('/repo/scenarios/az.yaml', '/docs/az.md', '/repo')).toEqual(['/docs/az.md']);
  });
});
