import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../../src/core/plan/compile.js';
import { fisRolePolicies } from '../../../src/core/plan/iam-policy.js';
import { catalogCpuStress, checkoutAzPower, loaded, ordersEcsTaskKill } from './fixtures.js';

describe('plan --iam-policy: the least-privilege policy for the FIS role, from the catalogue', () => {
  const az = compilePlan(loaded(checkoutAzPower()));

  it('one statement per FIS action id with its Permissions list (and the Describe calls filters need), sorted', () => {
    const policy = fisRolePolicies([az]).get(az.template.roleArn)!;
    expect(policy.Version).toBe('2012-10-17');
    const sids = policy.Statement.map((s) => s.Sid);
    expect(sids).toEqual([...sids].sort());
    expect(policy.Statement.find((s) => s.Sid === 'AwsEc2StopInstances')).toEqual({
      Sid: 'AwsEc2StopInstances',
      Effect: 'Allow',
      Action: ['ec2:DescribeInstances', 'ec2:StartInstances', 'ec2:StopInstances'],
      Resource: '*',
    });
    expect(policy.Statement.find((s) => s.Sid === 'AwsArcStartZonalAutoshift')?.Action).toContain('arc-zonal-shift:StartZonalShift');
    // aws:fis:wait needs nothing: no statement.
    expect(sids).not.toContain('AwsFisWait');
    expect(policy.Statement.flatMap((s) => s.Action)).not.toContain('*');
  });

  it('ec2:InjectApiError only for the action ids that inject it (condition key ec2:FisActionId)', () => {
    const inject = fisRolePolicies([az]).get(az.template.roleArn)!.Statement.find((s) => s.Action.includes('ec2:InjectApiError'))!;
    expect(inject).toEqual({
      Sid: 'Ec2InjectApiError',
      Effect: 'Allow',
      Action: ['ec2:InjectApiError'],
      Resource: '*',
      Condition: { 'ForAnyValue:StringEquals': { 'ec2:FisActionId': ['aws:ec2:api-insufficient-instance-capacity-error', 'aws:ec2:asg-insufficient-instance-capacity-error'] } },
    });
  });

  it('deterministic, and the union of the scenarios that share a role; one policy per role', () => {
    const cpu = compilePlan(loaded(catalogCpuStress()));
    const ecs = compilePlan(loaded(ordersEcsTaskKill()));
    expect(JSON.stringify([...fisRolePolicies([az, cpu])])).toBe(JSON.stringify([...fisRolePolicies([compilePlan(loaded(checkoutAzPower())), cpu])]));
    const other = { ...ecs, template: { ...ecs.template, roleArn: 'arn:aws:iam::123456789012:role/orders-fis' } };
    const policies = fisRolePolicies([az, cpu, other]);
    expect([...policies.keys()]).toEqual(['arn:aws:iam::123456789012:role/gameday-fis', 'arn:aws:iam::123456789012:role/orders-fis']);
    expect(policies.get(az.template.roleArn)!.Statement.map((s) => s.Sid)).toContain('AwsSsmSendCommand');
    expect(policies.get('arn:aws:iam::123456789012:role/orders-fis')!.Statement.map((s) => s.Sid)).toEqual([
      expect.stringMatching(/^AwsEcs/),
    ]);
  });

  it('experiment log delivery when a plan logs', () => {
    const s = checkoutAzPower();
    s.spec.experiment = { logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:fis' };
    const policy = fisRolePolicies([compilePlan(loaded(s))]).get(az.template.roleArn)!;
    expect(policy.Statement.find((st) => st.Sid === 'ExperimentLogDelivery')?.Action).toContain('logs:CreateLogDelivery');
  });
});

describe('plan --iam-policy with an experiment report', () => {
  it('the role may write the report only under the bucket and prefix, and read dashboards when it has any', () => {
    const s = checkoutAzPower();
    s.spec.fisReport = { bucket: 'gameday-reports', prefix: 'fis/', dashboards: ['checkout'] };
    const plan = compilePlan(loaded(s));
    const policy = fisRolePolicies([plan]).get(plan.template.roleArn)!;
    expect(policy.Statement.find((st) => st.Sid === 'ExperimentReportObjects')).toEqual({
      Sid: 'ExperimentReportObjects',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject'],
      Resource: ['arn:aws:s3:::gameday-reports/fis/*'],
    });
    expect(policy.Statement.find((st) => st.Sid === 'ExperimentReportDashboards')?.Action).toEqual(['cloudwatch:GetDashboard', 'cloudwatch:GetMetricWidgetImage']);
  });
});
