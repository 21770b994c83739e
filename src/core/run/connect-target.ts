import type { AwsConnectionOptions } from '../../aws/client-factory.js';
import { connectAws } from '../../aws/connect.js';
import type { AwsPorts } from '../../aws/ports.js';
import { SANDBOX_ACCESS_KEY_ID, SANDBOX_SECRET_ACCESS_KEY } from '../../sandbox/client-env.js';
import { redactUrlCredentials, withoutCredentials } from '../url-credentials.js';
import { GamedayError } from '../errors.js';
import { DateHeaderClock, systemClock, type ServiceClock } from './service-clock.js';
import { heldPorts, realWaits, type Waits } from './waits.js';
import type { WatchBounds } from './watch.js';

/** Where a run talks to: AWS, an embedded sandbox started in-process, or any AWS-compatible endpoint. */
export interface ConnectedTarget {
  ports: AwsPorts;
  clock: ServiceClock;
  mode: 'aws' | 'sandbox' | 'endpoint';
  endpoint?: string;
  /** How the run waits: real time, or the embedded sandbox's event clock. */
  waits: Waits;
  /** What this target changes of the watch's bounds. */
  bounds?: Partial<WatchBounds>;
  /** Stops the embedded sandbox and clock followers. */
  close(): Promise<void>;
}

export interface TargetOptions {
  region: string;
  profile?: string;
  /** --endpoint-url */
  endpoint?: string;
  /** An embedded sandbox's address, clock and account (startSandbox's result). */
  sandbox?: { url: string; clock: ServiceClock; waits?: Waits; stop(): Promise<void> };
  env?: NodeJS.ProcessEnv;
}

const EVENT_CLOCK_READ_SECONDS = 600;

/** Dummy credentials: the sandbox reads only the credential scope and never verifies signatures. */
const SANDBOX_CREDENTIALS = { accessKeyId: SANDBOX_ACCESS_KEY_ID, secretAccessKey: SANDBOX_SECRET_ACCESS_KEY };

export function isLoopback(url: string): boolean {
  try {
    return ['127.0.0.1', 'localhost', '[::1]'].includes(new URL(url).hostname);
  } catch {
    return false;
  }
}

/**
 * Follows a standalone gameday sandbox's virtual clock through its control API (GET /_sandbox/state
 * gives now and speed), re-synced every second. Only ever asked of a loopback endpoint.
 */
export async function followSandboxClock(endpoint: string): Promise<(ServiceClock & { close(): void }) | undefined> {
  const read = async (): Promise<{ now: number; speed: number; real: number } | undefined> => {
    try {
      // fetch refuses a URL with credentials in it; they go as the Authorization header instead.
      const { url, authorization } = withoutCredentials(new URL('/_sandbox/state', endpoint));
      const response = await fetch(url, { signal: AbortSignal.timeout(2000), ...(authorization ? { headers: { authorization } } : {}) });
      if (!response.ok) return undefined;
      const body = (await response.json()) as { now?: string; speed?: number };
      const now = body.now ? Date.parse(body.now) : NaN;
      return Number.isFinite(now) && typeof body.speed === 'number' && body.speed > 0 ? { now, speed: body.speed, real: Date.now() } : undefined;
    } catch {
      return undefined;
    }
  };
  let anchor = await read();
  if (!anchor) return undefined;
  const timer = setInterval(() => {
    void read().then((next) => {
      if (next) anchor = next;
    });
  }, 1000);
  timer.unref();
  return {
    now: () => new Date(anchor!.now + (Date.now() - anchor!.real) * anchor!.speed),
    get speed() {
      return anchor!.speed;
    },
    close: () => clearInterval(timer),
  };
}

export async function connectTarget(options: TargetOptions): Promise<ConnectedTarget> {
  const env = options.env ?? process.env;
  if (options.sandbox) {
    const sandbox = options.sandbox;
    const ports = connectAws({ region: options.region, endpoint: sandbox.url, credentials: SANDBOX_CREDENTIALS, sandbox: true, env });
    const waits = sandbox.waits ?? realWaits;
    return {
      ports: sandbox.waits ? heldPorts(ports, waits) : ports,
      clock: sandbox.clock,
      mode: 'sandbox',
      endpoint: sandbox.url,
      waits,
      // On the event clock no one follows the run as it happens, and the sandbox ends with this process:
      // a running experiment's periods are read ten at a time (the same periods, in fewer calls).
      ...(sandbox.waits ? { bounds: { activeReadSeconds: EVENT_CLOCK_READ_SECONDS } } : {}),
      close: () => sandbox.stop(),
    };
  }
  const endpoint = options.endpoint ?? env.AWS_ENDPOINT_URL ?? env.AWS_ENDPOINT_URL_FIS;
  const base: AwsConnectionOptions = { region: options.region, ...(options.profile ? { profile: options.profile } : {}), ...(options.endpoint ? { endpoint: options.endpoint } : {}), env };
  if (!endpoint) return { ports: connectAws(base), clock: systemClock, mode: 'aws', waits: realWaits, close: async () => undefined };
  if (options.endpoint && !/^https?:\/\//.test(options.endpoint)) {
    throw new GamedayError('USAGE', `--endpoint-url ${options.endpoint} is not an http(s) URL`, { hint: 'e.g. --endpoint-url http://127.0.0.1:4566' });
  }
  const follower = isLoopback(endpoint) ? await followSandboxClock(endpoint) : undefined;
  if (follower) {
    // A gameday sandbox ignores signatures: people need no AWS credentials to play against one.
    const credentials = options.profile || env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE ? {} : { credentials: SANDBOX_CREDENTIALS };
    return { ports: connectAws({ ...base, ...credentials, sandbox: true }), clock: follower, mode: 'endpoint', endpoint: redactUrlCredentials(endpoint), waits: realWaits, close: async () => follower.close() };
  }
  const clock = new DateHeaderClock(1);
  // The endpoint as it is journalled, reported and printed: without its password.
  return { ports: connectAws({ ...base, onServiceTime: (d) => clock.observe(d) }), clock, mode: 'endpoint', endpoint: redactUrlCredentials(endpoint), waits: realWaits, close: async () => undefined };
}
