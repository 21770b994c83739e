/** Builds a simulation on a stepped virtual clock and the fake CloudWatch, and calls its backends directly. */
import { VirtualClock } from '../../../src/sandbox/clock.js';
import { createSimulation, type Simulation } from '../../../src/sandbox/simulation.js';
import { loadWorld } from '../../../src/sandbox/world/load-world.js';
import type { World } from '../../../src/sandbox/world/types.js';
import { FakeCloudWatch } from './fake-cloudwatch.js';

export const START = Date.UTC(2026, 10, 26, 9, 0, 0);
export const WORLDS = new URL('../../../scenarios/worlds/', import.meta.url);

export interface Harness {
  simulation: Simulation;
  clock: VirtualClock;
  cloudwatch: FakeCloudWatch;
  world: World;
  call(service: 'fis' | 'resiliencehub', operation: string, input?: Record<string, unknown>): Promise<any>;
  /** Move the virtual clock forward and step the world to it. */
  advance(ms: number): void;
}

export async function harness(worldFile: string, seed?: number): Promise<Harness> {
  const world = await loadWorld(new URL(worldFile, WORLDS).pathname);
  const clock = new VirtualClock({ start: START, realNow: () => 0 });
  const cloudwatch = new FakeCloudWatch();
  const simulation = createSimulation({ world, clock, cloudwatch, seed: seed ?? world.spec.seed });
  return {
    simulation,
    clock,
    cloudwatch,
    world,
    async call(service, operation, input = {}) {
      simulation.advanceTo(clock.now());
      const backend = simulation.backends.find((b) => b.service === service)!;
      const handler = backend.operations[operation];
      if (!handler) throw new Error(`no operation ${service}.${operation}`);
      return handler(structuredClone(input), { region: 'us-east-1', requestId: 'test' });
    },
    advance(ms) {
      clock.advance(ms);
      simulation.advanceTo(clock.now());
    },
  };
}

export { ALARM, azPowerTemplate } from '../../helpers/az-power-template.js';
