import { describe, expect, it } from 'vitest';
import { checkTemplate } from '../../../src/core/plan/check-template.js';
import { compilePlan } from '../../../src/core/plan/compile.js';
import { FIS_ACTIONS, FIS_RESOURCE_TYPES } from '../../../src/core/plan/fis-catalog.js';
import type { RawFisAction, RawFisTarget } from '../../../src/core/scenario/types.js';
import { checkoutRebootFisTemplate, loaded } from './fixtures.js';

const tagged = (resourceType: string): RawFisTarget => ({ resourceType, resourceTags: { GamedayTarget: 'checkout' }, selectionMode: 'ALL' });

/** Real FIS actions a new user tried in fis-template (issue 13), each with a valid action and target. */
const REAL_ACTIONS: Record<string, { action: RawFisAction; target?: RawFisTarget }> = {
  'aws:ec2:send-spot-instance-interruptions': {
    action: { actionId: 'aws:ec2:send-spot-instance-interruptions', parameters: { durationBeforeInterruption: 'PT2M' }, targets: { SpotInstances: 't' } },
    target: { resourceType: 'aws:ec2:spot-instance', resourceTags: { GamedayTarget: 'checkout' }, filters: [{ path: 'State.Name', values: ['running'] }], selectionMode: 'COUNT(1)' },
  },
  'aws:cloudwatch:assert-alarm-state': {
    action: { actionId: 'aws:cloudwatch:assert-alarm-state', parameters: { alarmArns: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-5xx-high', alarmStates: 'OK,INSUFFICIENT_DATA' } },
  },
  'aws:ssm:start-automation-execution': {
    action: { actionId: 'aws:ssm:start-automation-execution', parameters: { documentArn: 'arn:aws:ssm:us-east-1:123456789012:document/RestartCheckout', maxDuration: 'PT10M' } },
  },
  'aws:ecs:task-network-latency': {
    action: { actionId: 'aws:ecs:task-network-latency', parameters: { duration: 'PT5M', delayMilliseconds: '200', flowsPercent: '100', sources: 'use1-az2' }, targets: { Tasks: 't' } },
    target: { resourceType: 'aws:ecs:task', parameters: { cluster: 'orders', service: 'api' }, selectionMode: 'ALL' },
  },
  'aws:ecs:task-network-packet-loss': {
    action: { actionId: 'aws:ecs:task-network-packet-loss', parameters: { duration: 'PT5M', lossPercent: '15' }, targets: { Tasks: 't' } },
    target: { resourceType: 'aws:ecs:task', parameters: { cluster: 'orders', service: 'api' }, selectionMode: 'ALL' },
  },
  'aws:ecs:task-io-stress': {
    action: { actionId: 'aws:ecs:task-io-stress', parameters: { duration: 'PT5M', percent: '80', workers: '1' }, targets: { Tasks: 't' } },
    target: tagged('aws:ecs:task'),
  },
  'aws:eks:pod-delete': {
    action: { actionId: 'aws:eks:pod-delete', parameters: { kubernetesServiceAccount: 'fis-experiments' }, targets: { Pods: 't' } },
    target: { resourceType: 'aws:eks:pod', parameters: { clusterIdentifier: 'checkout', namespace: 'web', selectorType: 'labelSelector', selectorValue: 'app=checkout' }, selectionMode: 'COUNT(1)' },
  },
  'aws:eks:terminate-nodegroup-instances': {
    action: { actionId: 'aws:eks:terminate-nodegroup-instances', parameters: { instanceTerminationPercentage: '50' }, targets: { Nodegroups: 't' } },
    target: tagged('aws:eks:nodegroup'),
  },
  'aws:lambda:invocation-add-delay': {
    action: { actionId: 'aws:lambda:invocation-add-delay', parameters: { duration: 'PT5M', startupDelayMilliseconds: '1000' }, targets: { Functions: 't' } },
    target: tagged('aws:lambda:function'),
  },
  'aws:dynamodb:global-table-pause-replication': {
    action: { actionId: 'aws:dynamodb:global-table-pause-replication', parameters: { duration: 'PT1H' }, targets: { Tables: 't' } },
    target: tagged('aws:dynamodb:global-table'),
  },
  'aws:s3:bucket-pause-replication': {
    action: { actionId: 'aws:s3:bucket-pause-replication', parameters: { duration: 'PT1H', region: 'us-west-2' }, targets: { Buckets: 't' } },
    target: tagged('aws:s3:bucket'),
  },
  'aws:network:route-table-disrupt-cross-region-connectivity': {
    action: { actionId: 'aws:network:route-table-disrupt-cross-region-connectivity', parameters: { duration: 'PT1H', region: 'us-west-2' }, targets: { Subnets: 't' } },
    target: tagged('aws:ec2:subnet'),
  },
};

function planWith(action: RawFisAction, target?: RawFisTarget) {
  const scenario = checkoutRebootFisTemplate();
  if (scenario.spec.fault.type !== 'fis-template') throw new Error('fixture changed');
  scenario.spec.fault.actions = { Fault: action };
  scenario.spec.fault.targets = target ? { t: target } : {};
  return compilePlan(loaded(scenario));
}

describe('the FIS catalogue: every action of the reference, as data', () => {
  for (const [actionId, { action, target }] of Object.entries(REAL_ACTIONS)) {
    it(`${actionId} validates and plans as a known action`, () => {
      const plan = planWith(action, target);
      expect(plan.template.actions['Fault']?.actionId).toBe(actionId);
      expect(plan.warnings.filter((w) => w.code.startsWith('UNCHECKED'))).toEqual([]);
      expect(plan.prerequisites.some((p) => p.kind === 'iam' && p.text.includes(actionId))).toBe(true);
    });
  }

  it('covers the whole actions reference: every entry names its source page, its resource type is catalogued, its permissions are listed', () => {
    expect(FIS_ACTIONS.size).toBeGreaterThanOrEqual(51);
    for (const spec of FIS_ACTIONS.values()) {
      expect(spec.source, spec.actionId).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/fis\/latest\/userguide\/fis-actions-reference\.html#[a-z0-9-]+$/);
      if (spec.resourceType) expect(FIS_RESOURCE_TYPES.has(spec.resourceType), spec.actionId).toBe(true);
      expect(Boolean(spec.targetKey), spec.actionId).toBe(Boolean(spec.resourceType));
      if (spec.durationParam) expect(spec.parameters[spec.durationParam]?.kind, spec.actionId).toBe('duration');
    }
    for (const service of ['cloudwatch', 'dynamodb', 'dsql', 'ebs', 'ec2', 'ecs', 'eks', 'elasticache', 'kinesis', 'lambda', 'memorydb', 'network', 'rds', 's3', 'ssm', 'directconnect', 'arc', 'fis']) {
      expect([...FIS_ACTIONS.keys()].some((id) => id.startsWith(`aws:${service}:`)), service).toBe(true);
    }
  });

  it('aws:ec2:spot-instance is a resource type of its own: accepted, never "did you mean aws:ec2:instance"', () => {
    const { action, target } = REAL_ACTIONS['aws:ec2:send-spot-instance-interruptions']!;
    const plan = planWith(action, target);
    expect(JSON.stringify(plan.warnings)).not.toContain('did you mean');
    expect(plan.actions[0]?.hits).toBe('1 of the EC2 Spot Instances tagged GamedayTarget=checkout where State.Name=running');
  });

  it('ranges from the reference: spot notice PT2M–PT15M, Direct Connect at least PT10M, Lambda delay at most 900000 ms', () => {
    const spot = REAL_ACTIONS['aws:ec2:send-spot-instance-interruptions']!;
    expect(() => planWith({ ...spot.action, parameters: { durationBeforeInterruption: 'PT1M' } }, spot.target)).toThrowError(/durationBeforeInterruption PT1M is outside PT2M–PT15M/);
    expect(() =>
      planWith({ actionId: 'aws:directconnect:virtual-interface-disconnect', parameters: { duration: 'PT5M' }, targets: { VirtualInterfaces: 't' } }, tagged('aws:directconnect:virtual-interface')),
    ).toThrowError(/duration PT5M is outside PT10M–PT12H/);
    const lambda = REAL_ACTIONS['aws:lambda:invocation-add-delay']!;
    expect(() => planWith({ ...lambda.action, parameters: { duration: 'PT5M', startupDelayMilliseconds: '900001' } }, lambda.target)).toThrowError(/startupDelayMilliseconds 900001 is outside 0–900000/);
  });
});

describe('actions and resource types gameday does not know: accepted with UNCHECKED_ACTION, FIS checks them', () => {
  it('an unknown action plans, with a warning that names it and no check of its parameters', () => {
    const plan = planWith({ actionId: 'aws:bedrock:invocation-throttle', parameters: { duration: 'PT5M', anything: 'x' }, targets: { Models: 't' } }, tagged('aws:bedrock:model'));
    const unchecked = plan.warnings.filter((w) => w.code === 'UNCHECKED_ACTION').map((w) => w.message);
    expect(unchecked).toEqual([
      `action "Fault" (aws:bedrock:invocation-throttle) is not in gameday's catalogue of the FIS actions reference: its targets and parameters are not checked by gameday; FIS will check them when the template is created`,
      `target "t" (aws:bedrock:model) is not a resource type in gameday's catalogue: how it is selected is not checked by gameday; FIS will check it`,
    ]);
    expect(plan.warnings.map((w) => w.code)).not.toContain('UNUSED_TARGET');
    expect(plan.faultSeconds).toBe(300);
  });

  it('did-you-mean only for a near-miss of the same kind', () => {
    const typo = planWith({ actionId: 'aws:ec2:reboot-instance', targets: { Instances: 't' } }, tagged('aws:ec2:instance'));
    expect(typo.warnings.find((w) => w.code === 'UNCHECKED_ACTION')?.message).toMatch(/did you mean "aws:ec2:reboot-instances"\?$/);
    const other = checkTemplate({ a: { actionId: 'aws:ec2:reboot-instances', targets: { Instances: 't' } } }, { t: { resourceType: 'aws:ec2:spot-fleet', resourceTags: { a: 'b' }, selectionMode: 'ALL' } });
    expect(other.warnings.find((w) => w.code === 'UNCHECKED_ACTION')?.message).not.toContain('did you mean');
    const otherService = checkTemplate({ a: { actionId: 'aws:ecs:reboot-instances' } }, {});
    expect(otherService.warnings.find((w) => w.code === 'UNCHECKED_ACTION')?.message).not.toContain('did you mean');
  });

  it('what holds for every target is still checked on an unknown resource type', () => {
    const { problems } = checkTemplate({}, { t: { resourceType: 'aws:bedrock:model', resourceArns: ['arn:x'], resourceTags: { a: 'b' }, selectionMode: 'SOME' } });
    expect(problems.map((p) => p.message)).toEqual([
      'target "t" (aws:bedrock:model): resourceArns and resourceTags cannot be used together; pick one',
      'target "t" (aws:bedrock:model): selectionMode "SOME" is not ALL, COUNT(n) or PERCENT(n)',
    ]);
  });
});

describe('selection rules the reference states', () => {
  it('EKS pods are picked by target parameters only; S3 buckets by tags only', () => {
    const pods = REAL_ACTIONS['aws:eks:pod-delete']!;
    expect(() => planWith(pods.action, { resourceType: 'aws:eks:pod', resourceArns: ['arn:aws:eks:us-east-1:123456789012:pod/x'], selectionMode: 'ALL' })).toThrowError(
      /EKS pods are picked by the target parameters only \(clusterIdentifier, namespace, selectorType, selectorValue, targetContainerName\)/,
    );
    const s3 = REAL_ACTIONS['aws:s3:bucket-pause-replication']!;
    expect(() => planWith(s3.action, { resourceType: 'aws:s3:bucket', resourceArns: ['arn:aws:s3:::orders'], selectionMode: 'ALL' })).toThrowError(/S3 buckets are picked by tags only; FIS rejects resourceArns/);
  });
});

describe('ECS network actions through the ECS fault injection endpoints', () => {
  it('name the task definition opt-in the endpoints need (enableFaultInjection), since the scenario library sends useEcsFaultInjectionEndpoints', () => {
    for (const actionId of ['aws:ecs:task-network-latency', 'aws:ecs:task-network-packet-loss']) {
      expect(FIS_ACTIONS.get(actionId)?.prerequisite?.text).toMatch(/useEcsFaultInjectionEndpoints "true" it also sets enableFaultInjection: true/);
    }
  });
});
