import { describe, expect, it } from 'vitest';
import { judge } from '../../../src/core/verdict/judge.js';
import { checkoutRun, RESTORED } from '../../fixtures/journals/checkout-common.js';

/** A checkout AZ run that recovers in 3 minutes, with the given actions skipped for want of targets. */
function runWithSkipped(skipped: string[]) {
  const j = checkoutRun('20261126T170000Z-5c1a7e', { currentRto: 240, currentRpo: 30, status: 'PolicyMet' });
  j.alarm(60, 'checkout-5xx-high', 'ALARM', ['steady-state', 'detection']);
  j.alarm(90, 'checkout-unhealthy-hosts', 'ALARM', ['detection']);
  j.alarm(240, 'checkout-5xx-high', 'OK', ['steady-state', 'detection']);
  j.series('p99-latency', 60, [0.4, 0.4, 0.4, 0.4]);
  j.dataLoss(120, 5);
  const actions = j.allActions('completed', { end: 1805 });
  for (const name of skipped) actions[name] = { state: 'skipped', start: 0, end: 0, reason: 'No targets were resolved for this action.' };
  j.experiment(1805, 'completed', actions, { end: 1805 });
  j.restoration(RESTORED, 1900);
  j.ended('completed', 1900, { experimentState: 'completed' });
  return judge(j.build());
}

describe('judge: actions skipped for want of targets are lost coverage, never a pass', () => {
  it('each skipped action is a coverage gap naming it, and a failed expectation', () => {
    const v = runWithSkipped(['Pause-ElastiCache', 'Pause-EBS-IO']);
    const gaps = v.gaps.filter((g) => g.kind === 'coverage' && g.subject?.startsWith('action '));
    expect(gaps.map((g) => g.subject)).toEqual(['action Pause-ElastiCache', 'action Pause-EBS-IO']);
    expect(gaps[0]).toMatchObject({ severity: 'medium', title: expect.stringContaining('Pause-ElastiCache (aws:elasticache:replicationgroup-interrupt-az-power) was skipped') });
    expect(gaps[0]!.evidence).toContain('No targets were resolved for this action');
    const coverage = v.expectations.find((e) => e.id === 'coverage:actions');
    expect(coverage).toMatchObject({ passed: false, evidence: expect.stringContaining('lost coverage: Pause-ElastiCache') });
    expect(v.passed).toBe(false);
    expect(v.outcome).toBe('FAILED');
    expect(v.impact.find((row) => row.action === 'Pause-EBS-IO')?.state).toBe('skipped');
  });

  it('the same run with nothing skipped has no such expectation or gap', () => {
    const v = runWithSkipped([]);
    expect(v.expectations.map((e) => e.id)).not.toContain('coverage:actions');
    expect(v.gaps.filter((g) => g.subject?.startsWith('action '))).toEqual([]);
  });
});
