import { describe, expect, it } from 'vitest';
import { checkTemplate } from '../../../src/core/plan/check-template.js';
import type { TemplateAction, TemplateTarget } from '../../../src/core/plan/types.js';

const tasks: TemplateTarget = { resourceType: 'aws:ecs:task', parameters: { cluster: 'orders', service: 'worker' }, selectionMode: 'ALL' };
const check = (action: TemplateAction, target: TemplateTarget = tasks) => checkTemplate({ A: action }, { t: target });
const codes = (r: ReturnType<typeof check>) => r.warnings.map((w) => w.code);

describe('plan-time lints from the FIS actions reference', () => {
  it('SSM-based ECS actions do not work on Fargate: a warning, and a problem when the target keeps only Fargate tasks', () => {
    const kill: TemplateAction = { actionId: 'aws:ecs:task-kill-process', parameters: { processName: 'node' }, targets: { Tasks: 't' } };
    const r = check(kill);
    expect(r.problems).toEqual([]);
    expect(r.warnings.find((w) => w.code === 'ECS_SSM_NOT_FARGATE')?.message).toContain('not on Fargate');
    const fargate = check(kill, { ...tasks, filters: [{ path: 'LaunchType', values: ['FARGATE'] }] });
    expect(fargate.problems.map((p) => p.message)).toEqual([expect.stringContaining('Fargate tasks cannot host for FIS')]);
    expect(codes(check({ actionId: 'aws:ecs:task-cpu-stress', parameters: { duration: 'PT5M' }, targets: { Tasks: 't' } }))).toContain('ECS_SSM_NOT_FARGATE');
  });

  it('ECS network actions need pidMode task and no bridge mode; through the fault injection endpoints they reach Fargate', () => {
    const latency: TemplateAction = { actionId: 'aws:ecs:task-network-latency', parameters: { duration: 'PT5M', delayMilliseconds: '200' }, targets: { Tasks: 't' } };
    const r = check(latency);
    expect(r.warnings.find((w) => w.code === 'ECS_TASK_DEFINITION')?.message).toContain('pidMode "task" and a networkMode other than bridge');
    expect(r.warnings.find((w) => w.code === 'ECS_SSM_NOT_FARGATE')?.message).toContain('useEcsFaultInjectionEndpoints');
    const endpoints = check({ ...latency, parameters: { ...latency.parameters, useEcsFaultInjectionEndpoints: 'true' } });
    expect(codes(endpoints)).not.toContain('ECS_SSM_NOT_FARGATE');
    expect(check({ actionId: 'aws:ecs:task-kill-process', parameters: { processName: 'node' }, targets: { Tasks: 't' } }).warnings.find((w) => w.code === 'ECS_TASK_DEFINITION')?.message).not.toContain('bridge');
    expect(codes(check({ actionId: 'aws:ecs:stop-task', targets: { Tasks: 't' } }))).toEqual([]);
  });

  it('Lambda actions need the FIS extension layer and a config bucket', () => {
    const r = check(
      { actionId: 'aws:lambda:invocation-add-delay', parameters: { duration: 'PT5M', startupDelayMilliseconds: '1000' }, targets: { Functions: 't' } },
      { resourceType: 'aws:lambda:function', resourceTags: { Service: 'checkout' }, selectionMode: 'ALL' },
    );
    expect(r.problems).toEqual([]);
    expect(r.warnings.find((w) => w.code === 'LAMBDA_EXTENSION_REQUIRED')?.message).toMatch(/extension layer.*AWS_FIS_CONFIGURATION_LOCATION/);
  });

  it('EKS pods by target parameters only; Direct Connect at least PT10M; S3 replication pause by tags only', () => {
    const pods = check(
      { actionId: 'aws:eks:pod-delete', parameters: { kubernetesServiceAccount: 'fis' }, targets: { Pods: 't' } },
      { resourceType: 'aws:eks:pod', resourceTags: { app: 'checkout' }, parameters: { clusterIdentifier: 'c', namespace: 'n', selectorType: 'labelSelector', selectorValue: 'app=x' }, selectionMode: 'ALL' },
    );
    expect(pods.problems.map((p) => p.message)).toEqual([expect.stringContaining('picked by the target parameters only')]);
    const dx = check({ actionId: 'aws:directconnect:virtual-interface-disconnect', parameters: { duration: 'PT9M' }, targets: { VirtualInterfaces: 't' } }, { resourceType: 'aws:directconnect:virtual-interface', resourceTags: { a: 'b' }, selectionMode: 'ALL' });
    expect(dx.problems.map((p) => p.message)).toEqual([expect.stringContaining('PT9M is outside PT10M–PT12H')]);
    const s3 = check({ actionId: 'aws:s3:bucket-pause-replication', parameters: { duration: 'PT1H', region: 'us-west-2' }, targets: { Buckets: 't' } }, { resourceType: 'aws:s3:bucket', resourceArns: ['arn:aws:s3:::orders'], selectionMode: 'ALL' });
    expect(s3.problems.map((p) => p.message)).toContainEqual(expect.stringContaining('picked by tags only'));
  });
});
