import { describe, expect, it } from 'vitest';
import { WORLDS, reportsDir, runOn, sandboxFor, stopAfterEach } from './run-harness.js';

const stopped = stopAfterEach();

describe('gameday run on the multi-service world (shop-platform: 4 services, the order pipeline without a load balancer)', () => {
  it('stopping an order worker passes: the queue keeps up, the task-count alarm detects it, RTO measured', async () => {
    const sandbox = stopped(await sandboxFor(WORLDS.shop));
    const result = await runOn(sandbox, 'scenarios/shop-order-worker-kill.yaml', { reportsDir: await reportsDir() });
    expect(result.exitCode).toBe(0);
    expect(result.status).toBe('completed');
    expect(result.verdict.rto.state).toBe('measured');
    expect(result.verdict.rto.measuredSeconds!).toBeLessThanOrEqual(180);
  });
});
