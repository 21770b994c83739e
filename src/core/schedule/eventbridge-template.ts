import { createHash } from 'node:crypto';
import { RESTORATION_IAM_ACTIONS } from '../run/restoration.js';
import { toAwsCron } from './aws-cron.js';
import type { ScheduledScenario } from './scheduled-scenario.js';

/**
 * A CloudFormation template in which EventBridge Scheduler wakes `gameday schedule run-due <file>`
 * as an ECS Fargate task at each scenario's cron, in its time zone. The schedule only wakes the
 * task; run-due still decides (window, blackouts, already-run), so a blackout added to the
 * scenario takes effect without redeploying the stack.
 *
 * Plain JSON-able data with intrinsic functions in long form ({ Ref }, { 'Fn::GetAtt' }), so one
 * object serialises to both JSON and YAML and tests can walk it.
 */
export type CfnTemplate = {
  AWSTemplateFormatVersion: '2010-09-09';
  Description: string;
  Parameters: Record<string, CfnParameter>;
  Resources: Record<string, { Type: string; Properties: Record<string, unknown> }>;
  Outputs: Record<string, { Description: string; Value: unknown }>;
};

interface CfnParameter {
  Type: string;
  Description: string;
  Default?: string;
  AllowedValues?: string[];
}

export interface EventBridgeOptions {
  /** The gameday executable inside the container image. */
  executable?: string;
}

const PARAMETERS: Record<string, CfnParameter> = {
  ClusterArn: { Type: 'String', Description: 'ARN of the ECS cluster the game-day task runs in (the schedule target)' },
  TaskDefinitionArn: { Type: 'String', Description: 'ARN of the task definition whose container has gameday and the scenarios (working directory = the repository root)' },
  ContainerName: { Type: 'String', Default: 'gameday', Description: 'Name of the container in the task definition whose command is overridden' },
  Subnets: { Type: 'List<AWS::EC2::Subnet::Id>', Description: 'Subnets for the Fargate task (awsvpc); they need a route to the FIS, CloudWatch, Resilience Hub, STS and S3 endpoints' },
  SecurityGroups: { Type: 'List<AWS::EC2::SecurityGroup::Id>', Description: 'Security groups for the Fargate task (outbound HTTPS only)' },
  AssignPublicIp: { Type: 'String', Default: 'DISABLED', AllowedValues: ['ENABLED', 'DISABLED'], Description: 'ENABLED only in public subnets without a NAT gateway' },
  TaskRoleArn: { Type: 'String', Description: 'The task role of TaskDefinitionArn (attach the GamedayTaskPolicy output to it); the scheduler must be allowed to pass it' },
  TaskExecutionRoleArn: { Type: 'String', Description: 'The execution role of TaskDefinitionArn (pulls the image, writes logs); the scheduler must be allowed to pass it' },
  ReportsBucket: { Type: 'String', Description: 'S3 bucket the task copies reports/ to (exposed to the container as GAMEDAY_REPORTS_BUCKET)' },
  ScheduleState: { Type: 'String', Default: 'ENABLED', AllowedValues: ['ENABLED', 'DISABLED'], Description: 'DISABLED pauses every game-day schedule in this stack' },
};

export function eventBridgeTemplate(schedules: readonly ScheduledScenario[], options: EventBridgeOptions = {}): CfnTemplate {
  const executable = options.executable ?? 'gameday';
  const resources: CfnTemplate['Resources'] = {
    SchedulerRole: schedulerRole(),
    GamedayTaskPolicy: taskPolicy(schedules),
  };
  const outputs: CfnTemplate['Outputs'] = {
    SchedulerRoleArn: { Description: 'Role EventBridge Scheduler assumes to start the game-day task', Value: { 'Fn::GetAtt': ['SchedulerRole', 'Arn'] } },
    GamedayTaskPolicyArn: { Description: 'Attach this managed policy to the task role (TaskRoleArn)', Value: { Ref: 'GamedayTaskPolicy' } },
  };
  const names = new Set<string>();
  for (const schedule of schedules) {
    const id = uniqueId(`Schedule${pascal(schedule.name)}`, resources);
    resources[id] = {
      Type: 'AWS::Scheduler::Schedule',
      Properties: {
        Name: scheduleName(schedule.name, names),
        Description: `gameday: ${schedule.name} (${schedule.file}), cron "${schedule.cron}" in ${schedule.timeZone}`.slice(0, 512),
        ScheduleExpression: toAwsCron(schedule.cron),
        ScheduleExpressionTimezone: schedule.timeZone,
        // OFF: start at the occurrence itself; run-due's window decides how late still counts.
        FlexibleTimeWindow: { Mode: 'OFF' },
        State: { Ref: 'ScheduleState' },
        Target: {
          Arn: { Ref: 'ClusterArn' },
          RoleArn: { 'Fn::GetAtt': ['SchedulerRole', 'Arn'] },
          EcsParameters: {
            TaskDefinitionArn: { Ref: 'TaskDefinitionArn' },
            TaskCount: 1,
            LaunchType: 'FARGATE',
            NetworkConfiguration: {
              AwsvpcConfiguration: {
                Subnets: { Ref: 'Subnets' },
                SecurityGroups: { Ref: 'SecurityGroups' },
                AssignPublicIp: { Ref: 'AssignPublicIp' },
              },
            },
          },
          // The ECS RunTask overrides. ${ContainerName} and ${ReportsBucket} are filled in by Fn::Sub.
          Input: { 'Fn::Sub': containerOverrides(executable, schedule.file) },
          // Never retry: a retried RunTask could start a second game day for the same occurrence.
          RetryPolicy: { MaximumRetryAttempts: 0, MaximumEventAgeInSeconds: Math.min(Math.max(schedule.windowSeconds, 60), 86_400) },
        },
      },
    };
    outputs[`${id}Name`] = { Description: `EventBridge Scheduler schedule for ${schedule.name}`, Value: { Ref: id } };
  }
  return {
    AWSTemplateFormatVersion: '2010-09-09',
    Description: 'gameday: EventBridge Scheduler starts `gameday schedule run-due <scenario> --yes` on ECS Fargate at each scheduled game day',
    Parameters: PARAMETERS,
    Resources: resources,
    Outputs: outputs,
  };
}

function containerOverrides(executable: string, file: string): string {
  const command = [executable, 'schedule', 'run-due', file, '--yes'];
  const overrides = {
    containerOverrides: [
      { name: '${ContainerName}', command, environment: [{ name: 'GAMEDAY_REPORTS_BUCKET', value: '${ReportsBucket}' }] },
    ],
  };
  // Fn::Sub would read any other "${" in a file name as a variable; "${!" is its escape.
  return JSON.stringify(overrides).replace(/\$\{(?!ContainerName\}|ReportsBucket\})/g, '${!');
}

function schedulerRole(): CfnTemplate['Resources'][string] {
  return {
    Type: 'AWS::IAM::Role',
    Properties: {
      Description: 'EventBridge Scheduler starts the gameday task: ecs:RunTask on the task definition in the cluster, and passes its roles',
      AssumeRolePolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Service: 'scheduler.amazonaws.com' },
            Action: 'sts:AssumeRole',
            // Confused-deputy guard: only schedules in this account may assume the role.
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          },
        ],
      },
      Policies: [
        {
          PolicyName: 'start-gameday-task',
          PolicyDocument: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Action: 'ecs:RunTask', Resource: { Ref: 'TaskDefinitionArn' }, Condition: { ArnEquals: { 'ecs:cluster': { Ref: 'ClusterArn' } } } },
              {
                Effect: 'Allow',
                Action: 'iam:PassRole',
                Resource: [{ Ref: 'TaskRoleArn' }, { Ref: 'TaskExecutionRoleArn' }],
                Condition: { StringLike: { 'iam:PassedToService': 'ecs-tasks.amazonaws.com' } },
              },
            ],
          },
        },
      ],
    },
  };
}

/** What `gameday run` needs inside the task (docs/schedule.md explains each statement). */
function taskPolicy(schedules: readonly ScheduledScenario[]): CfnTemplate['Resources'][string] {
  const fisRoles = [...new Set(schedules.map((s) => s.loaded.scenario.spec.target.roleArn))].sort();
  return {
    Type: 'AWS::IAM::ManagedPolicy',
    Properties: {
      Description: 'gameday game-day task: FIS experiments, CloudWatch alarms and metrics, EC2/RDS/ElastiCache/ECS restoration reads, Resilience Hub reads, identity, reports to S3',
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          { Sid: 'RunExperiments', Effect: 'Allow', Action: 'fis:*', Resource: '*' },
          ...(fisRoles.length > 0
            ? [{ Sid: 'PassFisRole', Effect: 'Allow', Action: 'iam:PassRole', Resource: fisRoles, Condition: { StringEquals: { 'iam:PassedToService': 'fis.amazonaws.com' } } }]
            : []),
          { Sid: 'WatchAlarmsAndMetrics', Effect: 'Allow', Action: ['cloudwatch:DescribeAlarms', 'cloudwatch:DescribeAlarmHistory', 'cloudwatch:GetMetricData'], Resource: '*' },
          // spec.slo.burnRate.stopAbove: the run's own burn-rate alarm, a stop condition of its experiment (docs/slo.md).
          ...(schedules.some((s) => s.loaded.scenario.spec.slo?.burnRate?.stopAbove !== undefined)
            ? [
                {
                  Sid: 'RunAlarms',
                  Effect: 'Allow',
                  Action: ['cloudwatch:DeleteAlarms', 'cloudwatch:PutMetricAlarm', 'cloudwatch:TagResource'],
                  Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:cloudwatch:*:${AWS::AccountId}:alarm:gameday-*' },
                },
              ]
            : []),
          { Sid: 'InspectRestoration', Effect: 'Allow', Action: [...RESTORATION_IAM_ACTIONS], Resource: '*' },
          { Sid: 'ReadResilienceHub', Effect: 'Allow', Action: ['resiliencehub:Describe*', 'resiliencehub:List*'], Resource: '*' },
          // run-due's live check: ARC practice-run configurations of the resources the scenarios touch.
          { Sid: 'ReadPracticeRuns', Effect: 'Allow', Action: ['arc-zonal-shift:ListManagedResources', 'arc-zonal-shift:GetManagedResource'], Resource: '*' },
          { Sid: 'WhoAmI', Effect: 'Allow', Action: 'sts:GetCallerIdentity', Resource: '*' },
          { Sid: 'WriteReports', Effect: 'Allow', Action: 's3:PutObject', Resource: { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${ReportsBucket}/*' } },
          // Copying earlier reports down first lets run-due see which occurrences already ran.
          { Sid: 'ReadEarlierReports', Effect: 'Allow', Action: ['s3:GetObject', 's3:ListBucket'], Resource: [{ 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${ReportsBucket}' }, { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${ReportsBucket}/*' }] },
        ],
      },
    },
  };
}

function pascal(name: string): string {
  return name
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0]!.toUpperCase() + part.slice(1))
    .join('');
}

/**
 * EventBridge Scheduler names are at most 64 characters and unique per group: a name that would be
 * cut keeps a hash of the whole scenario name instead, so two long names never collide.
 */
function scheduleName(scenario: string, taken: Set<string>): string {
  const full = `gameday-${scenario}`;
  const hash = createHash('sha256').update(scenario).digest('hex');
  let name = full.length <= 64 ? full : `${full.slice(0, 55)}-${hash.slice(0, 8)}`;
  for (let n = 2; taken.has(name); n++) name = `${full.slice(0, 64 - 9 - String(n).length)}-${hash.slice(0, 8)}${n}`;
  taken.add(name);
  return name;
}

function uniqueId(base: string, taken: Record<string, unknown>): string {
  let id = base.slice(0, 255);
  for (let n = 2; id in taken; n++) id = `${base}${n}`;
  return id;
}
