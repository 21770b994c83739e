import { VirtualClock } from '../../src/sandbox/clock.js';
import { type Sandbox, type SimulationPort, hostSandbox } from '../../src/sandbox/host.js';
import { createStsBackend } from '../../src/sandbox/services/sts.js';

/**
 * A sandbox around a minimal simulation (no world, no FIS/Resilience Hub backends), for testing
 * the server, protocols, CloudWatch and STS in isolation from the simulated application.
 */
export interface FakeSimulation extends SimulationPort {
  steps: Date[];
}

export async function startFakeSandbox(options: { speed?: number; start?: number } = {}): Promise<{ sandbox: Sandbox; simulation: FakeSimulation }> {
  const clock = new VirtualClock({ speed: options.speed ?? 1, start: options.start ?? Date.UTC(2026, 10, 26, 4, 0, 0) });
  const steps: Date[] = [];
  const simulation: FakeSimulation = {
    account: '111122223333',
    region: 'us-east-1',
    backends: [],
    steps,
    advanceTo(now) {
      steps.push(now);
    },
    snapshot: () => ({ steps: steps.length }),
  };
  const sandbox = await hostSandbox({
    clock,
    simulation,
    backends: [createStsBackend({ account: simulation.account })],
    alarms: () => [],
  });
  return { sandbox, simulation };
}
