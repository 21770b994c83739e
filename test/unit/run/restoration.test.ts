import { describe, expect, it } from 'vitest';
import type { ExperimentState } from '../../../src/aws/ports.js';
import type { Plan, PlannedAction } from '../../../src/core/plan/types.js';
import { checkRestoration } from '../../../src/core/run/restoration.js';

const action = (name: string, actionId: string, rollback: PlannedAction['rollback'], targetName?: string): PlannedAction => ({
  name,
  actionId,
  hits: `things hit by ${name}`,
  ...(targetName ? { targetName } : {}),
  startSeconds: 0,
  durationSeconds: 1800,
  rollback,
  injectsFault: true,
});

const plan = {
  actions: [action('Stop-Instances', 'aws:ec2:stop-instances', 'automatic', 'instances'), action('Failover-RDS', 'aws:rds:failover-db-cluster', 'not rolled back', 'db')],
} as unknown as Plan;

const experiment = (stop: string, failover: string): ExperimentState => ({
  id: 'EXP1',
  state: 'completed',
  tags: {},
  actions: {
    'Stop-Instances': { state: stop, endTime: new Date('2026-11-26T10:30:00Z') },
    'Failover-RDS': { state: failover },
  },
});

describe('checkRestoration', () => {
  it('passes actions FIS rolled back and lists the ones that cannot be undone', () => {
    const result = checkRestoration(plan, experiment('completed', 'completed'), [{ targetName: 'instances', resourceType: 'aws:ec2:instance', identifier: 'i-1' }]);
    expect(result.checks).toEqual([expect.objectContaining({ subject: 'Stop-Instances', ok: true })]);
    expect(result.checks[0]!.message).toContain('i-1');
    expect(result.notRolledBack).toEqual([expect.objectContaining({ action: 'Failover-RDS', actionId: 'aws:rds:failover-db-cluster' })]);
  });

  it('flags an action FIS left failed, and does not list a skipped irreversible action', () => {
    const result = checkRestoration(plan, experiment('failed', 'skipped'), []);
    expect(result.checks[0]).toMatchObject({ ok: false });
    expect(result.notRolledBack).toEqual([]);
  });

  it('flags every reversible action when the experiment was never seen', () => {
    expect(checkRestoration(plan, undefined, []).checks[0]).toMatchObject({ ok: false });
  });
});
