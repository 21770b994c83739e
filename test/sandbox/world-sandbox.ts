/**
 * A world's sandbox on a fixed virtual start (and optionally seed), so tests can make exact
 * assertions about service timestamps — startSandbox with the options tests need.
 */
import { type Sandbox, startSandbox } from '../../src/sandbox/index.js';

export const WORLD_START = Date.UTC(2026, 10, 26, 9, 0, 0);

export async function startWorldSandbox(worldFile: string, options: { seed?: number; speed?: number } = {}): Promise<Sandbox> {
  return startSandbox({
    world: new URL(`../../scenarios/worlds/${worldFile}`, import.meta.url).pathname,
    clockStart: WORLD_START,
    speed: options.speed ?? 1,
    port: 0,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
  });
}
