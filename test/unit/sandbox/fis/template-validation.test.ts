import { beforeAll, describe, expect, it } from 'vitest';
import { ServiceError } from '../../../../src/sandbox/contracts.js';
import { ALARM, azPowerTemplate, harness, type Harness } from '../harness.js';

let h: Harness;
beforeAll(async () => {
  h = await harness('multi-az-checkout.yaml');
});

const base = () => ({
  description: 'reboot one web instance',
  roleArn: 'arn:aws:iam::123456789012:role/gameday-fis',
  stopConditions: [{ source: 'aws:cloudwatch:alarm', value: ALARM('checkout-5xx-critical') }],
  targets: { web: { resourceType: 'aws:ec2:instance', resourceTags: { AzImpairmentPower: 'StopInstances' }, filters: [{ path: 'State.Name', values: ['running'] }], selectionMode: 'COUNT(1)' } },
  actions: {
    reboot: { actionId: 'aws:ec2:reboot-instances', targets: { Instances: 'web' } },
    watch: { actionId: 'aws:fis:wait', parameters: { duration: 'PT5M' }, startAfter: ['reboot'] },
  } as Record<string, any>,
});

async function rejection(input: Record<string, unknown>): Promise<ServiceError> {
  const error = await h.call('fis', 'CreateExperimentTemplate', input).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ServiceError);
  expect((error as ServiceError).code).toBe('ValidationException');
  expect((error as ServiceError).httpStatus).toBe(400);
  return error as ServiceError;
}

describe('CreateExperimentTemplate validation', () => {
  it('accepts the compiled AZ power interruption and the raw reboot template', async () => {
    const az = await h.call('fis', 'CreateExperimentTemplate', azPowerTemplate());
    expect(az.experimentTemplate.id).toMatch(/^EXT[A-Za-z0-9]{14}$/);
    expect(Object.keys(az.experimentTemplate.actions)).toHaveLength(8);
    expect(az.experimentTemplate.creationTime).toBeInstanceOf(Date);
    const raw = await h.call('fis', 'CreateExperimentTemplate', base());
    expect(raw.experimentTemplate.experimentOptions).toEqual({ accountTargeting: 'single-account', emptyTargetResolutionMode: 'fail' });
  });

  it('rejects an unknown actionId', async () => {
    const t = base();
    t.actions['reboot'].actionId = 'aws:ec2:reboot-everything';
    expect((await rejection(t)).message).toBe('Action "reboot" has an invalid actionId: aws:ec2:reboot-everything.');
  });

  it('rejects a missing required parameter', async () => {
    const t = base();
    delete t.actions['watch'].parameters;
    expect((await rejection(t)).message).toBe('Missing required parameter "duration" in action "watch".');
  });

  it('rejects a target key that does not belong to the action, as FIS words it', async () => {
    const t = base();
    t.actions['watch'].targets = { Instances: 'web' };
    expect((await rejection(t)).message).toBe('Unexpected target "Instances" found in action "watch".');
  });

  it('rejects both ARNs and tags on one target', async () => {
    const t = base();
    (t.targets.web as any).resourceArns = ['arn:aws:ec2:us-east-1:123456789012:instance/i-0c0ffee00000000a1'];
    expect((await rejection(t)).message).toBe('You cannot specify both resource ARNs and resource tags for target web.');
  });

  it('rejects a target that an action references but the template does not define', async () => {
    const t = base();
    t.actions['reboot'].targets = { Instances: 'api' };
    expect((await rejection(t)).message).toBe('Target "api" referenced in action "reboot" is not defined in the experiment template.');
  });

  it('rejects more than 20 actions and more than 5 stop conditions', async () => {
    const t = base();
    for (let i = 0; i < 20; i++) t.actions[`wait-${i}`] = { actionId: 'aws:fis:wait', parameters: { duration: 'PT1M' } };
    expect((await rejection(t)).message).toMatch(/number of actions \(22\) exceeds the limit of 20/);
    const s = base();
    s.stopConditions = Array.from({ length: 6 }, (_, i) => ({ source: 'aws:cloudwatch:alarm', value: ALARM(`a${i}`) }));
    expect((await rejection(s)).message).toMatch(/number of stop conditions \(6\) exceeds the limit of 5/);
  });

  it('rejects a stop condition that is not a CloudWatch alarm ARN of this account and Region', async () => {
    const t = base();
    t.stopConditions = [{ source: 'aws:cloudwatch:alarm', value: 'checkout-5xx-critical' }];
    expect((await rejection(t)).message).toMatch(/^Invalid stop condition value: checkout-5xx-critical\. Expected a CloudWatch alarm ARN/);
    t.stopConditions = [{ source: 'aws:cloudwatch:alarm', value: 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:x' }];
    await rejection(t);
  });

  it('rejects a resource type the action does not take, ElastiCache ARNs, bad selection modes and durations', async () => {
    const wrongType = base();
    wrongType.targets.web.resourceType = 'aws:ec2:subnet';
    expect((await rejection(wrongType)).message).toMatch(/expects aws:ec2:instance for "Instances"/);
    const cacheArns = base();
    (cacheArns.targets as any).cache = { resourceType: 'aws:elasticache:replicationgroup', resourceArns: ['arn:aws:elasticache:us-east-1:123456789012:replicationgroup:checkout-cache'], parameters: { availabilityZoneIdentifier: 'us-east-1b' }, selectionMode: 'ALL' };
    expect((await rejection(cacheArns)).message).toBe('TargetResourceType aws:elasticache:replicationgroup does not support resourceArns.');
    const selection = base();
    selection.targets.web.selectionMode = 'SOME(2)';
    expect((await rejection(selection)).message).toMatch(/invalid selectionMode: SOME\(2\)/);
    const long = base();
    long.actions['watch'].parameters = { duration: 'PT13H' };
    expect((await rejection(long)).message).toMatch(/must be between PT1M and PT12H/);
    const cycle = base();
    cycle.actions['reboot'].startAfter = ['watch'];
    expect((await rejection(cycle)).message).toMatch(/creates a cycle/);
  });
});

describe('experiment template lifecycle', () => {
  it('gets, updates, lists, tags and deletes a template; unknown IDs are ResourceNotFoundException', async () => {
    const created = (await h.call('fis', 'CreateExperimentTemplate', { ...base(), clientToken: 'tok-1', tags: { team: 'sre' } })).experimentTemplate;
    const again = (await h.call('fis', 'CreateExperimentTemplate', { ...base(), clientToken: 'tok-1' })).experimentTemplate;
    expect(again.id).toBe(created.id);
    const updated = (await h.call('fis', 'UpdateExperimentTemplate', { id: created.id, description: 'reboot, then watch' })).experimentTemplate;
    expect(updated.description).toBe('reboot, then watch');
    expect(updated.actions).toEqual(created.actions);
    await expect(h.call('fis', 'UpdateExperimentTemplate', { id: created.id, actions: { x: { actionId: 'aws:fis:nope' } } })).rejects.toMatchObject({ code: 'ValidationException' });
    await h.call('fis', 'TagResource', { resourceArn: created.arn, tags: { env: 'sandbox' } });
    await h.call('fis', 'UntagResource', { resourceArn: created.arn, tagKeys: ['team'] });
    expect((await h.call('fis', 'ListTagsForResource', { resourceArn: created.arn })).tags).toEqual({ env: 'sandbox' });
    const listed = await h.call('fis', 'ListExperimentTemplates', {});
    expect(listed.experimentTemplates.map((t: any) => t.id)).toContain(created.id);
    await h.call('fis', 'DeleteExperimentTemplate', { id: created.id });
    await expect(h.call('fis', 'GetExperimentTemplate', { id: created.id })).rejects.toMatchObject({ code: 'ResourceNotFoundException', httpStatus: 404 });
    await expect(h.call('fis', 'ListTagsForResource', { resourceArn: 'arn:aws:fis:us-east-1:123456789012:experiment/EXPnope' })).rejects.toMatchObject({ code: 'ResourceNotFoundException' });
  });
});

describe('action and target type catalogue', () => {
  it('pages ListActions with maxResults and nextToken, and describes each action', async () => {
    const ids: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await h.call('fis', 'ListActions', { maxResults: 4, ...(nextToken ? { nextToken } : {}) });
      expect(page.actions.length).toBeLessThanOrEqual(4);
      ids.push(...page.actions.map((a: any) => a.id));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(ids).toEqual(expect.arrayContaining(['aws:ec2:stop-instances', 'aws:network:disrupt-connectivity', 'aws:rds:failover-db-cluster', 'aws:ssm:send-command', 'aws:ecs:stop-task', 'aws:fis:wait']));
    expect(new Set(ids).size).toBe(ids.length);
    const stop = (await h.call('fis', 'GetAction', { id: 'aws:ec2:stop-instances' })).action;
    expect(stop.targets).toEqual({ Instances: { resourceType: 'aws:ec2:instance' } });
    expect(stop.parameters.startInstancesAfterDuration).toEqual({ description: expect.any(String), required: false });
    await expect(h.call('fis', 'GetAction', { id: 'aws:ec2:nope' })).rejects.toMatchObject({ code: 'ResourceNotFoundException' });
    await expect(h.call('fis', 'ListActions', { maxResults: 0 })).rejects.toMatchObject({ code: 'ValidationException' });
    await expect(h.call('fis', 'ListActions', { nextToken: 'garbage' })).rejects.toMatchObject({ code: 'ValidationException' });
  });

  it('lists and describes target resource types', async () => {
    const types = (await h.call('fis', 'ListTargetResourceTypes', {})).targetResourceTypes.map((t: any) => t.resourceType);
    expect(types).toEqual(expect.arrayContaining(['aws:ec2:instance', 'aws:ecs:task', 'aws:elasticache:replicationgroup', 'aws:rds:cluster']));
    const cache = (await h.call('fis', 'GetTargetResourceType', { resourceType: 'aws:elasticache:replicationgroup' })).targetResourceType;
    expect(cache.parameters.availabilityZoneIdentifier.required).toBe(true);
    await expect(h.call('fis', 'GetTargetResourceType', { resourceType: 'aws:s3:nope' })).rejects.toMatchObject({ code: 'ResourceNotFoundException' });
  });
});
