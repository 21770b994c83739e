/**
 * Hosts a world's simulation with the sandbox's real server, CloudWatch and STS, on a fixed virtual
 * start — what startSandbox does, but with the clock start and seed tests need to make exact assertions.
 */
import { VirtualClock } from '../../src/sandbox/clock.js';
import { hostSandbox, type Sandbox } from '../../src/sandbox/host.js';
import { CloudWatchBackend } from '../../src/sandbox/services/cloudwatch.js';
import { createStsBackend } from '../../src/sandbox/services/sts.js';
import { createSimulation } from '../../src/sandbox/simulation.js';
import { loadWorld } from '../../src/sandbox/world/load-world.js';

export const WORLD_START = Date.UTC(2026, 10, 26, 9, 0, 0);

export async function startWorldSandbox(worldFile: string, options: { seed?: number; speed?: number } = {}): Promise<Sandbox> {
  const world = await loadWorld(new URL(`../../scenarios/worlds/${worldFile}`, import.meta.url).pathname);
  const clock = new VirtualClock({ start: WORLD_START, speed: options.speed ?? 1 });
  const cloudwatch = new CloudWatchBackend({ clock, account: world.spec.account, region: world.spec.region });
  const simulation = createSimulation({ world, clock, cloudwatch, seed: options.seed ?? world.spec.seed });
  return hostSandbox({ clock, simulation, backends: [cloudwatch, createStsBackend({ account: world.spec.account })], alarms: () => cloudwatch.alarmSummaries() });
}
