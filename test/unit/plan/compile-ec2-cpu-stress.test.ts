import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../../src/core/plan/compile.js';
import type { Ec2CpuStressFault } from '../../../src/core/scenario/types.js';
import { catalogCpuStress, loaded } from './fixtures.js';

function compileCpu(change: (fault: Ec2CpuStressFault) => void = () => {}) {
  const scenario = catalogCpuStress();
  if (scenario.spec.fault.type !== 'ec2-cpu-stress') throw new Error('fixture changed');
  change(scenario.spec.fault);
  return compilePlan(loaded(scenario));
}

describe('ec2-cpu-stress: aws:ssm:send-command with AWSFIS-Run-CPU-Stress (aws-facts.md)', () => {
  const plan = compileCpu();

  it('runs the regional AWSFIS-Run-CPU-Stress document for the duration', () => {
    const action = plan.template.actions['CPU-Stress'];
    expect(action?.actionId).toBe('aws:ssm:send-command');
    expect(action?.targets).toEqual({ Instances: 'Instances' });
    expect(action?.parameters?.documentArn).toBe('arn:aws:ssm:us-east-1::document/AWSFIS-Run-CPU-Stress');
    expect(action?.parameters?.duration).toBe('PT10M');
  });

  it('documentParameters is ONE JSON string whose values are all strings', () => {
    const text = plan.template.actions['CPU-Stress']?.parameters?.documentParameters;
    expect(typeof text).toBe('string');
    expect(JSON.parse(text!)).toEqual({ DurationSeconds: '600', CPU: '0', LoadPercent: '90', InstallDependencies: 'True' });
  });

  it('targets running instances with the tags, in the selection mode', () => {
    expect(plan.template.targets['Instances']).toEqual({
      resourceType: 'aws:ec2:instance',
      resourceTags: { Service: 'catalog', Env: 'prod' },
      filters: [{ path: 'State.Name', values: ['running'] }],
      selectionMode: 'PERCENT(50)',
    });
    expect(plan.actions[0]).toMatchObject({ startSeconds: 0, durationSeconds: 600, injectsFault: true, rollback: 'automatic' });
  });

  it('includeStopped drops the running filter; defaults are ALL, 100 %, all cores', () => {
    const p = compileCpu((f) => {
      f.includeStopped = true;
      delete f.selection;
      delete f.loadPercent;
      delete f.cores;
      f.installDependencies = false;
    });
    expect(p.template.targets['Instances']).toEqual({ resourceType: 'aws:ec2:instance', resourceTags: { Service: 'catalog', Env: 'prod' }, selectionMode: 'ALL' });
    expect(JSON.parse(p.template.actions['CPU-Stress']!.parameters!.documentParameters!)).toEqual({
      DurationSeconds: '600',
      CPU: '0',
      LoadPercent: '100',
      InstallDependencies: 'False',
    });
  });

  it('instances by ARN get no filters (FIS refuses ARNs with filters) and a warning', () => {
    const p = compileCpu((f) => (f.targets = { arns: ['arn:aws:ec2:us-east-1:123456789012:instance/i-0abc'] }));
    expect(p.template.targets['Instances']).toEqual({
      resourceType: 'aws:ec2:instance',
      resourceArns: ['arn:aws:ec2:us-east-1:123456789012:instance/i-0abc'],
      selectionMode: 'PERCENT(50)',
    });
    expect(p.warnings.map((w) => w.code)).toContain('STOPPED_INSTANCES_NOT_FILTERED');
  });

  it('refuses tags with ARNs, ARNs with filters, and durations outside PT1M–PT12H', () => {
    expect(() => compileCpu((f) => (f.targets = { tags: { a: 'b' }, arns: ['arn:aws:ec2:us-east-1:123456789012:instance/i-1'] }))).toThrowError(/tags or arns, not both/);
    expect(() =>
      compileCpu((f) => (f.targets = { arns: ['arn:aws:ec2:us-east-1:123456789012:instance/i-1'], filters: [{ path: 'VpcId', values: ['vpc-1'] }] })),
    ).toThrowError(/filters cannot be combined with arns/);
    expect(() => compileCpu((f) => (f.duration = 'PT30S'))).toThrowError(/parameter duration PT30S is outside PT1M–PT12H/);
    expect(() => compileCpu((f) => (f.duration = 'PT13H'))).toThrowError(/outside PT1M–PT12H/);
    expect(() => compileCpu((f) => (f.loadPercent = 120))).toThrowError(/loadPercent 120/);
  });

  it('lists the SSM agent and the send-command permissions as prerequisites', () => {
    expect(plan.prerequisites.map((p) => p.kind)).toEqual(['tag', 'iam', 'ssm-agent']);
    // send-command's own list, plus the DescribeInstances FIS calls to apply the State.Name filter (targets.html)
    expect(plan.prerequisites[1]?.actions).toEqual(['ssm:SendCommand', 'ssm:ListCommands', 'ssm:CancelCommand', 'ec2:DescribeInstances']);
    const byArn = compileCpu((f) => (f.targets = { arns: ['arn:aws:ec2:us-east-1:123456789012:instance/i-0abc'] }));
    expect(byArn.prerequisites.find((p) => p.kind === 'iam')?.actions).toEqual(['ssm:SendCommand', 'ssm:ListCommands', 'ssm:CancelCommand']);
  });
});
