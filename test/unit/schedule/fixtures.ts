import type { LoadedScenario, Scenario, Schedule } from '../../../src/core/scenario/types.js';
import { compileSchedule, type ScheduledScenario } from '../../../src/core/schedule/scheduled-scenario.js';

/** A minimal valid scenario (orders-ecs-task-kill from NAMES.md) with the given schedule. */
export function scenarioWith(schedule: Schedule | undefined, name = 'orders-ecs-task-kill', overrides: Partial<Scenario['spec']> = {}): LoadedScenario {
  const scenario: Scenario = {
    apiVersion: 'gameday/v1',
    kind: 'GameDay',
    metadata: { name, owner: 'orders-team@example.com' },
    spec: {
      target: { account: '123456789012', region: 'us-east-1', roleArn: 'arn:aws:iam::123456789012:role/gameday-fis' },
      fault: { type: 'ecs-task-kill', cluster: 'orders', service: 'orders-api', mode: 'stop-task' },
      stopConditions: [{ alarm: 'orders-5xx-critical' }],
      steadyState: [{ name: 'orders-ok', alarm: 'orders-5xx-high' }],
      recovery: { disruptionType: 'Software', rto: 'PT3M', settle: 'PT1M', watch: 'PT10M' },
      runbook: { path: 'runbooks/orders.md' },
      ...(schedule ? { schedule } : {}),
      ...overrides,
    },
  };
  return { file: `scenarios/${name}.yaml`, scenario, sourceHash: '0'.repeat(64) };
}

export function scheduled(schedule: Schedule, name?: string): ScheduledScenario {
  const compiled = compileSchedule(scenarioWith(schedule, name));
  if (!compiled) throw new Error('fixture has no schedule');
  return compiled;
}
