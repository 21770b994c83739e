import { GamedayError } from '../core/errors.js';
import { VirtualClock } from './clock.js';
import { type Sandbox, hostSandbox } from './host.js';
import { CloudWatchBackend } from './services/cloudwatch.js';
import { createStsBackend } from './services/sts.js';
import { createSimulation } from './simulation.js';
import { DEFAULT_WORLD_PATH, loadWorld } from './world/load-world.js';

export type { Sandbox } from './host.js';

/**
 * Default clock speed: 150× makes a 30-minute game day plus 30 minutes of recovery watching take
 * 24 s of real time, while one virtual minute (CloudWatch's period) still lasts 0.4 s — long enough
 * for a client polling every few hundred real milliseconds to see every state (docs/sandbox.md).
 */
export const DEFAULT_SANDBOX_SPEED = 150;

export interface StartSandboxOptions {
  /** world file (default: scenarios/worlds/multi-az-checkout.yaml) */
  world?: string;
  /** virtual seconds per real second (default DEFAULT_SANDBOX_SPEED) */
  speed?: number;
  /** 0 (default) = any free port */
  port?: number;
  /** seed of the world's noise (default: the world's own seed) */
  seed?: number;
  /** virtual epoch ms at start (default: now, rounded down to the minute) */
  clockStart?: number;
  onError?(error: unknown): void;
}

/** Starts the sandbox on 127.0.0.1: the simulated world, FIS, Resilience Hub, CloudWatch, STS and read-only EC2, RDS, ElastiCache and ECS. */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<Sandbox> {
  const speed = options.speed ?? DEFAULT_SANDBOX_SPEED;
  if (!(speed > 0) || !Number.isFinite(speed)) throw new GamedayError('USAGE', `the sandbox speed must be a positive number, got ${speed}`, { hint: 'e.g. --speed 150 (150 virtual seconds per real second) or --speed 1 for real time' });
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new GamedayError('USAGE', `the sandbox port must be 0..65535, got ${port}`, { hint: 'use --port 0 for any free port' });
  const world = await loadWorld(options.world ?? DEFAULT_WORLD_PATH);
  const clock = new VirtualClock({ speed, ...(options.clockStart === undefined ? {} : { start: options.clockStart }) });
  const { account, region } = world.spec;
  const cloudwatch = new CloudWatchBackend({ clock, account, region });
  const simulation = createSimulation({ world, clock, cloudwatch, seed: options.seed ?? world.spec.seed });
  try {
    return await hostSandbox({
      clock,
      simulation,
      backends: [cloudwatch, createStsBackend({ account })],
      alarms: () => cloudwatch.alarmSummaries(),
      port,
      onError: options.onError ?? logError,
    });
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      throw new GamedayError('SANDBOX_ERROR', `cannot listen on 127.0.0.1:${port}: ${code === 'EADDRINUSE' ? 'the port is in use' : 'permission denied'}`, {
        hint: 'pick another --port, or --port 0 for any free port',
        cause: error,
      });
    }
    throw error;
  }
}

/** An unexpected error inside a handler is a sandbox bug: the client gets InternalFailure, the log gets the stack. */
function logError(error: unknown): void {
  void import('../cli/logger.js').then(({ getLogger }) => getLogger()).then((log) => log.error({ err: error }, 'sandbox: unexpected error while serving a request'));
}
