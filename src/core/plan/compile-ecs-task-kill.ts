import type { EcsTaskKillFault } from '../scenario/types.js';
import type { FaultCompilation } from './fault-compilation.js';
import { faultField, type PlanProblem } from './plan-problem.js';
import type { TemplateAction, TemplateTarget } from './types.js';

/** Stops ECS tasks (aws:ecs:stop-task) or kills a process in them (aws:ecs:task-kill-process). */
export function compileEcsTaskKill(fault: EcsTaskKillFault): FaultCompilation {
  const problems: PlanProblem[] = [];
  const target: TemplateTarget = {
    resourceType: 'aws:ecs:task',
    ...(fault.tags && Object.keys(fault.tags).length ? { resourceTags: { ...fault.tags } } : {}),
    parameters: { cluster: fault.cluster, service: fault.service },
    selectionMode: fault.selection ?? 'COUNT(1)',
  };
  let actions: Record<string, TemplateAction>;
  if (fault.mode === 'kill-process') {
    if (!fault.processName) problems.push({ path: faultField('mode'), message: 'fault.processName is required with mode kill-process (the process to killall in the task)' });
    actions = {
      'Kill-Process': {
        actionId: 'aws:ecs:task-kill-process',
        description: `Kill ${fault.processName ?? '?'} in tasks of ${fault.cluster}/${fault.service}`,
        parameters: {
          processName: fault.processName ?? '',
          signal: fault.signal ?? 'SIGTERM',
          installDependencies: fault.installDependencies === false ? 'False' : 'True',
        },
        targets: { Tasks: 'Tasks' },
      },
    };
  } else {
    actions = {
      'Stop-Task': {
        actionId: 'aws:ecs:stop-task',
        description: `Stop tasks of ${fault.cluster}/${fault.service}`,
        targets: { Tasks: 'Tasks' },
      },
    };
  }
  return { actions, targets: { Tasks: target }, warnings: [], problems };
}
