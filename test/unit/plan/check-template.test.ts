import { describe, expect, it } from 'vitest';
import { checkTemplate } from '../../../src/core/plan/check-template.js';
import { FIS_ACTIONS, FIS_RESOURCE_TYPES } from '../../../src/core/plan/fis-catalog.js';
import type { TemplateAction, TemplateTarget } from '../../../src/core/plan/types.js';

const instances: TemplateTarget = { resourceType: 'aws:ec2:instance', resourceTags: { Chaos: 'yes' }, selectionMode: 'ALL' };
const reboot: TemplateAction = { actionId: 'aws:ec2:reboot-instances', targets: { Instances: 't' } };

function problems(actions: Record<string, TemplateAction>, targets: Record<string, TemplateTarget>): string[] {
  return checkTemplate(actions, targets).problems.map((p) => p.message);
}

describe('checkTemplate: what FIS would reject or get wrong, at plan time', () => {
  it('a correct template has no problems', () => {
    expect(problems({ a: reboot }, { t: instances })).toEqual([]);
  });

  it('ARNs and tags never together; ARNs never with filters', () => {
    expect(problems({ a: reboot }, { t: { ...instances, resourceArns: ['arn:aws:ec2:us-east-1:1:instance/i-1'] } })).toEqual([
      'target "t" (aws:ec2:instance): resourceArns and resourceTags cannot be used together; pick one',
    ]);
    expect(
      problems({ a: reboot }, { t: { resourceType: 'aws:ec2:instance', resourceArns: ['arn:x'], filters: [{ path: 'State.Name', values: ['running'] }], selectionMode: 'ALL' } }),
    ).toEqual(['target "t" (aws:ec2:instance): filters cannot be combined with resourceArns; select by tags to filter']);
  });

  it('ElastiCache targets by tags only, with the AZ target parameter', () => {
    const action: TemplateAction = { actionId: 'aws:elasticache:replicationgroup-interrupt-az-power', parameters: { duration: 'PT5M' }, targets: { ReplicationGroups: 'r' } };
    expect(problems({ a: action }, { r: { resourceType: 'aws:elasticache:replicationgroup', resourceArns: ['arn:x'], selectionMode: 'ALL' } })).toEqual([
      'target "r" (aws:elasticache:replicationgroup): ElastiCache replication groups are picked by tags only; FIS rejects resourceArns',
      'target "r" (aws:elasticache:replicationgroup): ElastiCache replication groups need resourceTags',
      'target "r" (aws:elasticache:replicationgroup): needs target parameter availabilityZoneIdentifier',
    ]);
  });

  it('Kinesis KinesisStreams and Direct Connect VirtualInterfaces: the keys AWS shows are accepted, any other key is an error', () => {
    const stream: TemplateTarget = { resourceType: 'aws:kinesis:stream', resourceTags: { a: 'b' }, selectionMode: 'ALL' };
    const vif: TemplateTarget = { resourceType: 'aws:directconnect:virtual-interface', resourceTags: { a: 'b' }, selectionMode: 'ALL' };
    const kinesis = (targets: Record<string, string>): TemplateAction => ({
      actionId: 'aws:kinesis:stream-provisioned-throughput-exception',
      parameters: { duration: 'PT5M', percentage: '100' },
      targets,
    });
    const dx = (targets: Record<string, string>): TemplateAction => ({ actionId: 'aws:directconnect:virtual-interface-disconnect', parameters: { duration: 'PT10M' }, targets });
    expect(checkTemplate({ k: kinesis({ KinesisStreams: 's' }), d: dx({ VirtualInterfaces: 'v' }) }, { s: stream, v: vif })).toMatchObject({ problems: [], warnings: [] });
    expect(problems({ k: kinesis({ Streams: 's' }) }, { s: stream })).toEqual([
      'action "k" (aws:kinesis:stream-provisioned-throughput-exception): unexpected target key "Streams"; this action takes "KinesisStreams"',
      'action "k" (aws:kinesis:stream-provisioned-throughput-exception): needs a target under "KinesisStreams" (aws:kinesis:stream)',
    ]);
    expect(problems({ d: dx({ DirectConnectVirtualInterfaces: 'v' }) }, { v: vif })).toEqual([
      'action "d" (aws:directconnect:virtual-interface-disconnect): unexpected target key "DirectConnectVirtualInterfaces"; this action takes "VirtualInterfaces"',
      'action "d" (aws:directconnect:virtual-interface-disconnect): needs a target under "VirtualInterfaces" (aws:directconnect:virtual-interface)',
    ]);
  });

  it('role targets by ARN only', () => {
    const action: TemplateAction = {
      actionId: 'aws:ec2:api-insufficient-instance-capacity-error',
      parameters: { duration: 'PT5M', availabilityZoneIdentifiers: 'use1-az1', percentage: '100' },
      targets: { Roles: 'r' },
    };
    expect(problems({ a: action }, { r: { resourceType: 'aws:iam:role', resourceTags: { app: 'x' }, selectionMode: 'ALL' } })).toEqual([
      'target "r" (aws:iam:role): IAM roles are picked by ARN only; give resourceArns',
      'target "r" (aws:iam:role): IAM roles take resourceArns only (no tags, filters or parameters)',
    ]);
  });

  it('parameters within documented ranges: durations PT1M–PT12H (EBS from PT1S), percentages 1–100', () => {
    const ice = (percentage: string, duration: string): TemplateAction => ({
      actionId: 'aws:ec2:asg-insufficient-instance-capacity-error',
      parameters: { duration, availabilityZoneIdentifiers: 'use1-az1', percentage },
      targets: { AutoScalingGroups: 'g' },
    });
    const asg: TemplateTarget = { resourceType: 'aws:ec2:autoscaling-group', resourceTags: { a: 'b' }, selectionMode: 'ALL' };
    expect(problems({ a: ice('0', 'PT12H1S') }, { g: asg })).toEqual([
      'action "a" (aws:ec2:asg-insufficient-instance-capacity-error): parameter duration PT12H1S is outside PT1M–PT12H',
      'action "a" (aws:ec2:asg-insufficient-instance-capacity-error): parameter percentage 0 is outside 1–100',
    ]);
    expect(problems({ a: ice('101', 'five minutes') }, { g: asg })).toEqual([
      'action "a" (aws:ec2:asg-insufficient-instance-capacity-error): parameter duration "five minutes" is not an ISO 8601 duration (e.g. PT5M)',
      'action "a" (aws:ec2:asg-insufficient-instance-capacity-error): parameter percentage 101 is outside 1–100',
    ]);
    const ebs = (duration: string): TemplateAction => ({ actionId: 'aws:ebs:pause-volume-io', parameters: { duration }, targets: { Volumes: 'v' } });
    const volumes: TemplateTarget = { resourceType: 'aws:ec2:ebs-volume', resourceTags: { a: 'b' }, selectionMode: 'COUNT(1)' };
    expect(problems({ a: ebs('PT1S') }, { v: volumes })).toEqual([]);
    expect(problems({ a: ebs('PT0S') }, { v: volumes })).toEqual(['action "a" (aws:ebs:pause-volume-io): parameter duration PT0S is outside PT1S–PT12H']);
  });

  it('unknown and missing parameters, with did-you-mean', () => {
    const wait: TemplateAction = { actionId: 'aws:fis:wait', parameters: { duratoin: 'PT1M' } };
    expect(problems({ w: wait }, {})).toEqual([
      'action "w" (aws:fis:wait): unknown parameter "duratoin" — did you mean "duration"?',
      'action "w" (aws:fis:wait): needs parameter duration',
    ]);
  });

  it('wrong resource type behind the right key, undefined targets and startAfter', () => {
    expect(problems({ a: { ...reboot, startAfter: ['b'] } }, { t: { ...instances, resourceType: 'aws:ec2:subnet' } })).toEqual([
      'action "a" (aws:ec2:reboot-instances): target "t" is aws:ec2:subnet; Instances needs aws:ec2:instance',
      'action "a" (aws:ec2:reboot-instances): startAfter "b" is not an action of this template',
    ]);
    expect(problems({ a: { ...reboot, targets: { Instances: 'tt' } } }, { t: instances })).toEqual([
      'action "a" (aws:ec2:reboot-instances): target "tt" is not defined — did you mean "t"?',
    ]);
  });

  it('selection modes and target parameters', () => {
    expect(problems({ a: reboot }, { t: { ...instances, selectionMode: 'SOME' } })).toEqual([
      'target "t" (aws:ec2:instance): selectionMode "SOME" is not ALL, COUNT(n) or PERCENT(n)',
    ]);
    expect(problems({ a: reboot }, { t: { ...instances, selectionMode: 'PERCENT(0)' } })).toEqual(['target "t" (aws:ec2:instance): PERCENT must be 1–100']);
    expect(problems({ a: reboot }, { t: { ...instances, parameters: { availabilityZoneIdentifier: 'x' } } })).toEqual([
      'target "t" (aws:ec2:instance): unknown target parameter "availabilityZoneIdentifier" (this resource type takes none)',
    ]);
  });

  it('documentParameters must be a JSON object of strings', () => {
    const send = (documentParameters: string): TemplateAction => ({
      actionId: 'aws:ssm:send-command',
      parameters: { documentArn: 'arn:aws:ssm:us-east-1::document/AWSFIS-Run-CPU-Stress', documentParameters, duration: 'PT2M' },
      targets: { Instances: 't' },
    });
    expect(problems({ a: send('{"DurationSeconds":120}') }, { t: instances })).toEqual([
      'action "a" (aws:ssm:send-command): parameter documentParameters value of "DurationSeconds" must be a string or a list of strings',
    ]);
    expect(problems({ a: send('{"DurationSeconds":"120"}') }, { t: instances })).toEqual([]);
  });

  it('the catalogue is consistent: every action names a known resource type and its duration parameter', () => {
    for (const spec of FIS_ACTIONS.values()) {
      if (spec.resourceType) expect(FIS_RESOURCE_TYPES.has(spec.resourceType), spec.actionId).toBe(true);
      if (spec.durationParam) expect(spec.parameters[spec.durationParam]?.kind, spec.actionId).toBe('duration');
      if (spec.rollback === 'not rolled back') expect(spec.durationParam, spec.actionId).toBeUndefined();
    }
  });
});
