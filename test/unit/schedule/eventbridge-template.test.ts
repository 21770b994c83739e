import { parse, stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { eventBridgeTemplate, type CfnTemplate } from '../../../src/core/schedule/eventbridge-template.js';
import { scheduled } from './fixtures.js';

const PSEUDO = new Set(['AWS::AccountId', 'AWS::Partition', 'AWS::Region', 'AWS::StackName', 'AWS::URLSuffix']);

/** Every Ref, GetAtt and Fn::Sub variable in the template, with where it was found. */
function references(node: unknown, path = ''): { kind: 'Ref' | 'GetAtt' | 'Sub'; name: string; path: string }[] {
  if (Array.isArray(node)) return node.flatMap((item, i) => references(item, `${path}[${i}]`));
  if (!node || typeof node !== 'object') return [];
  const found: { kind: 'Ref' | 'GetAtt' | 'Sub'; name: string; path: string }[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (key === 'Ref') found.push({ kind: 'Ref', name: value as string, path });
    else if (key === 'Fn::GetAtt') found.push({ kind: 'GetAtt', name: (value as string[])[0]!, path });
    else if (key === 'Fn::Sub') {
      for (const m of (value as string).matchAll(/\$\{([^!}][^}]*)\}/g)) found.push({ kind: 'Sub', name: m[1]!.split('.')[0]!, path });
    } else found.push(...references(value, `${path}.${key}`));
  }
  return found;
}

describe('EventBridge Scheduler CloudFormation template', () => {
  const checkout = scheduled({ cron: '0 10 1 * *', timezone: 'Europe/Berlin', window: 'PT2H' }, 'checkout-az-power');
  const orders = scheduled({ cron: '0 9 * * 1-5', timezone: 'America/New_York' }, 'orders-ecs-task-kill');
  const template = eventBridgeTemplate([checkout, orders]);
  const schedules = Object.entries(template.Resources).filter(([, r]) => r.Type === 'AWS::Scheduler::Schedule');

  it('has the resource types and parameters a stack needs', () => {
    expect(template.AWSTemplateFormatVersion).toBe('2010-09-09');
    expect(Object.fromEntries(Object.entries(template.Resources).map(([id, r]) => [id, r.Type]))).toEqual({
      SchedulerRole: 'AWS::IAM::Role',
      GamedayTaskPolicy: 'AWS::IAM::ManagedPolicy',
      ScheduleCheckoutAzPower: 'AWS::Scheduler::Schedule',
      ScheduleOrdersEcsTaskKill: 'AWS::Scheduler::Schedule',
    });
    for (const name of ['ClusterArn', 'TaskDefinitionArn', 'Subnets', 'SecurityGroups', 'ReportsBucket', 'TaskRoleArn', 'TaskExecutionRoleArn']) {
      expect(template.Parameters[name]?.Description).toBeTruthy();
    }
    expect(template.Parameters.Subnets!.Type).toBe('List<AWS::EC2::Subnet::Id>');
  });

  it('every Ref, GetAtt and Sub variable points at a parameter, a resource or a pseudo parameter', () => {
    const refs = references(template);
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      const exists = ref.kind === 'GetAtt' ? ref.name in template.Resources : ref.name in template.Parameters || ref.name in template.Resources || PSEUDO.has(ref.name);
      expect(exists, `${ref.kind} ${ref.name} at ${ref.path}`).toBe(true);
    }
  });

  it('each schedule has the required properties, the converted cron and the zone', () => {
    const byId = Object.fromEntries(schedules.map(([id, r]) => [id, r.Properties as Record<string, any>]));
    expect(byId.ScheduleCheckoutAzPower!.ScheduleExpression).toBe('cron(0 10 1 * ? *)');
    expect(byId.ScheduleCheckoutAzPower!.ScheduleExpressionTimezone).toBe('Europe/Berlin');
    expect(byId.ScheduleOrdersEcsTaskKill!.ScheduleExpression).toBe('cron(0 9 ? * MON-FRI *)');
    expect(byId.ScheduleOrdersEcsTaskKill!.ScheduleExpressionTimezone).toBe('America/New_York');
    for (const [, props] of Object.entries(byId)) {
      expect(props.FlexibleTimeWindow).toEqual({ Mode: 'OFF' });
      expect(props.Name.length).toBeLessThanOrEqual(64);
      expect(props.Target.Arn).toEqual({ Ref: 'ClusterArn' });
      expect(props.Target.RoleArn).toEqual({ 'Fn::GetAtt': ['SchedulerRole', 'Arn'] });
      expect(props.Target.EcsParameters).toMatchObject({ TaskDefinitionArn: { Ref: 'TaskDefinitionArn' }, LaunchType: 'FARGATE', TaskCount: 1 });
      expect(Object.keys(props.Target.EcsParameters.NetworkConfiguration.AwsvpcConfiguration).sort()).toEqual(['AssignPublicIp', 'SecurityGroups', 'Subnets']);
      expect(props.Target.RetryPolicy.MaximumRetryAttempts).toBe(0);
    }
    expect(byId.ScheduleCheckoutAzPower!.Target.RetryPolicy.MaximumEventAgeInSeconds).toBe(7200);
  });

  it('the task input overrides the container command to run-due for that scenario', () => {
    const props = template.Resources.ScheduleCheckoutAzPower!.Properties as { Target: { Input: { 'Fn::Sub': string } } };
    const input = JSON.parse(props.Target.Input['Fn::Sub'].replace('${ContainerName}', 'gameday').replace('${ReportsBucket}', 'my-reports')) as {
      containerOverrides: { name: string; command: string[]; environment: { name: string; value: string }[] }[];
    };
    expect(input.containerOverrides).toEqual([
      {
        name: 'gameday',
        command: ['gameday', 'schedule', 'run-due', 'scenarios/checkout-az-power.yaml', '--yes'],
        environment: [{ name: 'GAMEDAY_REPORTS_BUCKET', value: 'my-reports' }],
      },
    ]);
  });

  it('grants the scheduler RunTask and PassRole only, and documents the task policy', () => {
    const role = template.Resources.SchedulerRole!.Properties as any;
    expect(role.AssumeRolePolicyDocument.Statement[0].Principal).toEqual({ Service: 'scheduler.amazonaws.com' });
    const actions = role.Policies.flatMap((p: any) => p.PolicyDocument.Statement.map((s: any) => s.Action));
    expect(actions).toEqual(['ecs:RunTask', 'iam:PassRole']);
    const task = (template.Resources.GamedayTaskPolicy!.Properties as any).PolicyDocument.Statement.flatMap((s: any) => [s.Action].flat());
    expect(task).toEqual(
      expect.arrayContaining(['fis:*', 'iam:PassRole', 'cloudwatch:DescribeAlarms', 'cloudwatch:GetMetricData', 'resiliencehub:Describe*', 'resiliencehub:List*', 'sts:GetCallerIdentity', 's3:PutObject']),
    );
    // The restoration check's reads: EC2, RDS, ElastiCache and ECS.
    expect(task).toEqual(
      expect.arrayContaining(['ec2:DescribeInstances', 'ec2:DescribeNetworkAcls', 'rds:DescribeDBClusters', 'rds:DescribeDBInstances', 'elasticache:DescribeReplicationGroups', 'ecs:DescribeServices']),
    );
    expect(task).toEqual(expect.arrayContaining(['arc-zonal-shift:ListManagedResources', 'arc-zonal-shift:GetManagedResource'])); // run-due's live check
    const passFis = (template.Resources.GamedayTaskPolicy!.Properties as any).PolicyDocument.Statement.find((s: any) => s.Sid === 'PassFisRole');
    expect(passFis.Resource).toEqual(['arn:aws:iam::123456789012:role/gameday-fis']);
  });

  it('lets the task put and delete its own gameday-* alarms only when a scheduled scenario stops above an SLO burn rate', () => {
    const statements = (t: CfnTemplate) => (t.Resources.GamedayTaskPolicy!.Properties as any).PolicyDocument.Statement as { Sid: string; Action: string[]; Resource: unknown }[];
    expect(statements(template).find((s) => s.Sid === 'RunAlarms')).toBeUndefined();
    const withSlo = scheduled({ cron: '0 10 1 * *', timezone: 'Europe/Berlin' }, 'checkout-az-power');
    const m = { namespace: 'AWS/ApplicationELB', name: 'RequestCount', stat: 'Sum' };
    withSlo.loaded.scenario.spec.slo = { name: 'availability', objective: 99.9, window: 'P30D', bad: m, total: m, burnRate: { stopAbove: 100 } };
    expect(statements(eventBridgeTemplate([withSlo, orders])).find((s) => s.Sid === 'RunAlarms')).toEqual({
      Sid: 'RunAlarms',
      Effect: 'Allow',
      Action: ['cloudwatch:DeleteAlarms', 'cloudwatch:PutMetricAlarm', 'cloudwatch:TagResource'],
      Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:cloudwatch:*:${AWS::AccountId}:alarm:gameday-*' },
    });
  });

  it('round-trips through YAML and JSON unchanged (long-form intrinsics, no custom tags)', () => {
    expect(parse(stringify(template)) as CfnTemplate).toEqual(template);
    expect(JSON.parse(JSON.stringify(template)) as CfnTemplate).toEqual(template);
  });

  it('escapes "${" in a scenario path so Fn::Sub leaves it alone', () => {
    const odd = scheduled({ cron: '0 10 * * *' }, 'odd');
    odd.file = 'scenarios/${weird}.yaml';
    const sub = ((eventBridgeTemplate([odd]).Resources.ScheduleOdd!.Properties as any).Target.Input as { 'Fn::Sub': string })['Fn::Sub'];
    expect(sub).toContain('scenarios/${!weird}.yaml');
    expect(sub).toContain('${ContainerName}');
  });

  it('two 64-character scenario names that share their start get distinct schedule names of at most 64 characters (issue 16)', () => {
    const stem = 'checkout-az-power-interruption-with-aurora-failover-in-us-east-1';
    const a = scheduled({ cron: '0 10 * * *' }, `${stem.slice(0, 62)}-a`);
    const b = scheduled({ cron: '0 11 * * *' }, `${stem.slice(0, 62)}-b`);
    const names = Object.values(eventBridgeTemplate([a, b]).Resources)
      .filter((r) => r.Type === 'AWS::Scheduler::Schedule')
      .map((r) => r.Properties.Name as string);
    expect(names).toHaveLength(2);
    expect(new Set(names).size).toBe(2);
    for (const name of names) expect(name).toMatch(/^[0-9a-zA-Z._-]{1,64}$/);
    expect(eventBridgeTemplate([checkout]).Resources.ScheduleCheckoutAzPower!.Properties.Name).toBe('gameday-checkout-az-power');
  });
});
