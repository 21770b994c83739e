import { VirtualClock } from '../../src/sandbox/clock.js';
import type { ServiceBackend } from '../../src/sandbox/contracts.js';
import { type Sandbox, type SimulationPort, hostSandbox } from '../../src/sandbox/host.js';
import { CloudWatchBackend } from '../../src/sandbox/services/cloudwatch.js';
import { createStsBackend } from '../../src/sandbox/services/sts.js';

/**
 * A sandbox around a minimal simulation (no world, no FIS/Resilience Hub backends), for testing
 * the server, protocols, CloudWatch and STS in isolation from the simulated application. Like the
 * real simulation, each step evaluates the CloudWatch alarms.
 */
export interface FakeSimulation extends SimulationPort {
  steps: number;
}

export const FAKE_ACCOUNT = '111122223333';
/** 2026-11-26T04:00:00Z: a fixed virtual start so timestamps in assertions are exact. */
export const FAKE_START = Date.UTC(2026, 10, 26, 4, 0, 0);

export interface FakeSandbox {
  sandbox: Sandbox;
  simulation: FakeSimulation;
  cloudwatch: CloudWatchBackend;
  clock: VirtualClock;
}

export async function startFakeSandbox(options: { speed?: number; start?: number; backends?: ServiceBackend[] } = {}): Promise<FakeSandbox> {
  const clock = new VirtualClock({ speed: options.speed ?? 1, start: options.start ?? FAKE_START });
  const cloudwatch = new CloudWatchBackend({ clock, account: FAKE_ACCOUNT, region: 'us-east-1' });
  const simulation: FakeSimulation = {
    account: FAKE_ACCOUNT,
    region: 'us-east-1',
    backends: options.backends ?? [],
    steps: 0,
    advanceTo(now) {
      simulation.steps += 1;
      cloudwatch.evaluateAlarms(now);
    },
    // Alarms are evaluated at every call: a change can come at any time.
    nextChangeAt: () => Number.NEGATIVE_INFINITY,
    experimentStates: () => '[]',
    snapshot: () => ({ steps: simulation.steps }),
  };
  const sandbox = await hostSandbox({
    clock,
    simulation,
    backends: [cloudwatch, createStsBackend({ account: FAKE_ACCOUNT })],
    alarms: () => cloudwatch.alarmSummaries(),
    world: 'fake-simulation',
  });
  return { sandbox, simulation, cloudwatch, clock };
}
