import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../../src/core/plan/compile.js';
import type { FisTemplateFault } from '../../../src/core/scenario/types.js';
import { checkoutRebootFisTemplate, loaded } from './fixtures.js';

function compileRaw(change: (fault: FisTemplateFault) => void = () => {}) {
  const scenario = checkoutRebootFisTemplate();
  if (scenario.spec.fault.type !== 'fis-template') throw new Error('fixture changed');
  change(scenario.spec.fault);
  return compilePlan(loaded(scenario));
}

describe('fis-template: raw actions and targets passed through after checks', () => {
  it('passes actions and targets through unchanged', () => {
    const plan = compileRaw();
    expect(plan.template.actions).toEqual({
      'Reboot-Web': { actionId: 'aws:ec2:reboot-instances', targets: { Instances: 'web' } },
      'Watch-Recovery': { actionId: 'aws:fis:wait', parameters: { duration: 'PT5M' }, startAfter: ['Reboot-Web'] },
    });
    expect(plan.template.targets).toEqual({
      web: {
        resourceType: 'aws:ec2:instance',
        resourceTags: { AzImpairmentPower: 'StopInstances' },
        filters: [{ path: 'State.Name', values: ['running'] }],
        selectionMode: 'COUNT(1)',
      },
    });
    expect(plan.actions.map((a) => [a.name, a.startSeconds, a.durationSeconds, a.injectsFault, a.rollback])).toEqual([
      ['Reboot-Web', 0, 0, true, 'not rolled back'],
      ['Watch-Recovery', 0, 300, false, 'automatic'],
    ]);
    expect(plan.faultSeconds).toBe(300);
  });

  it('unknown actionId → planned with UNCHECKED_ACTION (FIS checks it) and a did-you-mean for a near-miss', () => {
    const plan = compileRaw((f) => (f.actions['Reboot-Web']!.actionId = 'aws:ec2:reboot-instance'));
    expect(plan.template.actions['Reboot-Web']?.actionId).toBe('aws:ec2:reboot-instance');
    expect(plan.warnings.find((w) => w.code === 'UNCHECKED_ACTION')?.message).toMatch(/\(aws:ec2:reboot-instance\) is not in gameday's catalogue.* — did you mean "aws:ec2:reboot-instances"\?/);
  });

  it('the old ElastiCache action id is refused with the current one', () => {
    expect(() =>
      compileRaw((f) => {
        f.actions['Reboot-Web'] = { actionId: 'aws:elasticache:interrupt-cluster-az-power', parameters: { duration: 'PT5M' }, targets: { ReplicationGroups: 'web' } };
      }),
    ).toThrowError(/retired action id; use "aws:elasticache:replicationgroup-interrupt-az-power"/);
  });

  it('aws:ec2:stop-instances without startInstancesAfterDuration is refused unless allowStopWithoutRestart', () => {
    const stop = (f: FisTemplateFault) => (f.actions['Reboot-Web'] = { actionId: 'aws:ec2:stop-instances', targets: { Instances: 'web' } });
    expect(() => compileRaw(stop)).toThrowError(/never starts the instances again/);
    const plan = compileRaw((f) => {
      stop(f);
      f.allowStopWithoutRestart = true;
    });
    expect(plan.warnings.map((w) => w.code)).toContain('STOP_WITHOUT_RESTART');
  });

  it('wrong target key, as FIS: Unexpected target', () => {
    expect(() => compileRaw((f) => (f.actions['Reboot-Web']!.targets = { Clusters: 'web' }))).toThrowError(/unexpected target key "Clusters"; this action takes "Instances"/);
  });
});
