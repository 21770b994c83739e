import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../../src/core/plan/compile.js';
import type { EcsTaskKillFault } from '../../../src/core/scenario/types.js';
import { loaded, ordersEcsTaskKill } from './fixtures.js';

function compileEcs(change: (fault: EcsTaskKillFault) => void = () => {}) {
  const scenario = ordersEcsTaskKill();
  if (scenario.spec.fault.type !== 'ecs-task-kill') throw new Error('fixture changed');
  change(scenario.spec.fault);
  return compilePlan(loaded(scenario));
}

describe('ecs-task-kill (aws-facts.md)', () => {
  it('stop-task: aws:ecs:stop-task without parameters on tasks of the cluster/service', () => {
    const plan = compileEcs();
    expect(plan.template.actions).toEqual({
      'Stop-Task': { actionId: 'aws:ecs:stop-task', description: 'Stop tasks of orders/orders-api', targets: { Tasks: 'Tasks' } },
    });
    expect(plan.template.targets).toEqual({
      Tasks: { resourceType: 'aws:ecs:task', parameters: { cluster: 'orders', service: 'orders-api' }, selectionMode: 'COUNT(1)' },
    });
    expect(plan.actions[0]).toMatchObject({ durationSeconds: 0, rollback: 'not rolled back', injectsFault: true, hits: '1 of the ECS tasks with cluster=orders, service=orders-api' });
    expect(plan.warnings.map((w) => w.code)).toContain('NOT_ROLLED_BACK');
    expect(plan.prerequisites.find((p) => p.kind === 'iam')?.actions).toEqual(['ecs:DescribeTasks', 'ecs:ListTasks', 'ecs:StopTask', 'tag:GetResources']);
  });

  it('kill-process: processName, signal, installDependencies; needs pidMode task and the SSM sidecar', () => {
    const plan = compileEcs((f) => {
      f.mode = 'kill-process';
      f.processName = 'node';
      f.signal = 'SIGKILL';
      f.tags = { Chaos: 'yes' };
    });
    expect(plan.template.actions['Kill-Process']).toMatchObject({
      actionId: 'aws:ecs:task-kill-process',
      parameters: { processName: 'node', signal: 'SIGKILL', installDependencies: 'True' },
      targets: { Tasks: 'Tasks' },
    });
    expect(plan.template.targets['Tasks']?.resourceTags).toEqual({ Chaos: 'yes' });
    const prerequisite = plan.prerequisites.find((p) => p.kind === 'ecs-task-definition');
    expect(prerequisite?.text).toMatch(/pidMode "task".*SSM Agent sidecar/);
    // The task-* actions need only these (actions reference, ecs-task-actions.html): no ecs:ListTasks.
    expect(plan.prerequisites.find((p) => p.kind === 'iam')?.actions).toEqual(['ecs:DescribeTasks', 'ssm:SendCommand', 'ssm:ListCommands', 'ssm:CancelCommand']);
  });

  it('kill-process without processName is a plan error', () => {
    expect(() => compileEcs((f) => (f.mode = 'kill-process'))).toThrowError(/processName is required/);
  });
});
