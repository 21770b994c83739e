import { GamedayError } from '../core/errors.js';
import { createHash } from 'node:crypto';
import { EventClock, VirtualClock } from './clock.js';
import { MAX_SPEED } from './control.js';
import { type Sandbox, hostSandbox } from './host.js';
import { CloudWatchBackend } from './services/cloudwatch.js';
import { createIamBackend } from './services/iam.js';
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

/** The world's IAM roles were created this long before the sandbox's start (GetRole's CreateDate). */
const ROLES_AGE_MS = 30 * 24 * 3600 * 1000;

export interface StartSandboxOptions {
  /** world file (default: scenarios/worlds/multi-az-checkout.yaml) */
  world?: string;
  /** virtual seconds per real second (default DEFAULT_SANDBOX_SPEED) */
  speed?: number;
  /** 0 (default) = any free port */
  port?: number;
  /** seed of the world's noise (default: the world's own seed) */
  seed?: number;
  /**
   * virtual epoch ms at start (default: the wall clock; with `eventClock`, an instant derived from the
   * world and the seed, so the same world, seed and scenario give the same results)
   */
  clockStart?: number;
  /**
   * Embedded in the caller's process (gameday run --sandbox, tests): a discrete-event clock that
   * jumps to the next wake-up when every party waits through `sandbox.waits`; `speed` is not used.
   */
  eventClock?: boolean;
  onError?(error: unknown): void;
}

/** Starts the sandbox on 127.0.0.1: the simulated world, FIS, Resilience Hub, CloudWatch, STS and read-only EC2, RDS, ElastiCache, ECS and IAM. */
export async function startSandbox(options: StartSandboxOptions = {}): Promise<Sandbox> {
  const speed = options.speed ?? DEFAULT_SANDBOX_SPEED;
  if (!(speed > 0) || !(speed <= MAX_SPEED)) throw new GamedayError('USAGE', `the sandbox speed must be a number > 0 and ≤ ${MAX_SPEED}, got ${speed}`, { hint: 'e.g. --speed 150 (150 virtual seconds per real second) or --speed 1 for real time' });
  if (options.clockStart !== undefined && !Number.isFinite(options.clockStart)) throw new GamedayError('USAGE', 'the sandbox clock start must be a valid instant', { hint: 'e.g. --clock-start 2026-06-01T09:00:00Z' });
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new GamedayError('USAGE', `the sandbox port must be 0..65535, got ${port}`, { hint: 'use --port 0 for any free port' });
  const world = await loadWorld(options.world ?? DEFAULT_WORLD_PATH);
  const seed = options.seed ?? world.spec.seed;
  const clock = options.eventClock
    ? new EventClock(options.clockStart ?? deterministicStart(world.metadata.name, seed))
    : new VirtualClock({ speed, ...(options.clockStart === undefined ? {} : { start: options.clockStart }) });
  const { account, region } = world.spec;
  const cloudwatch = new CloudWatchBackend({ clock, account, region });
  const simulation = createSimulation({ world, clock, cloudwatch, seed });
  try {
    return await hostSandbox({
      clock,
      simulation,
      backends: [cloudwatch, createStsBackend({ account }), createIamBackend({ account, roles: world.spec.iamRoles ?? [], createDate: new Date(clock.nowMs() - ROLES_AGE_MS) })],
      alarms: () => cloudwatch.alarmSummaries(),
      world: world.metadata.name,
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

/**
 * The event clock's default start: a whole second within 2026 chosen by the world's name and the seed
 * (never the wall clock), so where a fault lands against CloudWatch's minute boundaries is fixed too.
 */
export function deterministicStart(worldName: string, seed: number): number {
  const hash = createHash('sha256').update(`${worldName}\0${seed}`).digest().readUInt32BE(0);
  return Date.UTC(2026, 0, 1) + (hash % (365 * 86_400)) * 1000;
}

/** An unexpected error inside a handler is a sandbox bug: the client gets InternalFailure, the log gets the stack. */
function logError(error: unknown): void {
  void import('../cli/logger.js').then(({ getLogger }) => getLogger()).then((log) => log.error({ err: error }, 'sandbox: unexpected error while serving a request'));
}
