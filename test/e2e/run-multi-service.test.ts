import { afterEach, describe, expect, it } from 'vitest';
import { WORLDS, reportsDir, runOn, sandboxFor, type Sandbox } from './run-harness.js';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.stop();
  sandbox = undefined;
});

describe('gameday run on the multi-service world (shop-platform: 4 services, the order pipeline without a load balancer)', () => {
  it('stopping an order worker passes: the queue keeps up, the task-count alarm detects it, RTO measured', async () => {
    sandbox = await sandboxFor(WORLDS.shop);
    const result = await runOn(sandbox, 'scenarios/shop-order-worker-kill.yaml', { reportsDir: await reportsDir() });
    expect(result.exitCode).toBe(0);
    expect(result.status).toBe('completed');
    expect(result.verdict.rto.state).toBe('measured');
    expect(result.verdict.rto.measuredSeconds!).toBeLessThanOrEqual(180);
  });
});
