import type { AddressInfo } from 'node:net';
import { type Clock, EventClock } from './clock.js';
import type { ServiceBackend } from './contracts.js';
import { FaultInjector } from './faults.js';
import { protocolFor } from './protocols.js';
import { createSandboxServer } from './server.js';

/** What the host needs from the simulated world (src/sandbox/simulation.ts provides it). */
export interface SimulationPort {
  readonly account: string;
  readonly region: string;
  readonly backends: readonly ServiceBackend[];
  advanceTo(now: Date): void;
  /** The first instant at which an experiment's or an alarm's state can change, if nobody calls before it. */
  nextChangeAt(): number;
  /** What GetExperiment answers that can change, for every experiment, as one text to compare. */
  experimentStates(): string;
  snapshot(): unknown;
}

/** A clock the control API can steer: the standalone one also changes speed. */
export type SandboxClock = Clock & { setSpeed?(speed: number): void };

export interface Sandbox {
  url: string;
  port: number;
  clock: SandboxClock;
  /** With the event clock (embedded in this process): how the caller must wait, so the clock can jump. */
  waits?: EventClock;
  account: string;
  region: string;
  stop(): Promise<void>;
}

export interface HostOptions {
  clock: SandboxClock;
  simulation: SimulationPort;
  /** backends the host adds to the simulation's (CloudWatch, STS) */
  backends: readonly ServiceBackend[];
  alarms(): { name: string; state: string; updated: string }[];
  /** the simulated world's name, which every response carries */
  world: string;
  port?: number;
  /** real ms between background steps of the simulation */
  tickMs?: number;
  onError?(error: unknown): void;
}

/** Serves a simulation on 127.0.0.1 and keeps it stepping with the virtual clock. */
export async function hostSandbox(options: HostOptions): Promise<Sandbox> {
  const { clock, simulation } = options;
  const faults = new FaultInjector(clock);
  const advance = (): void => simulation.advanceTo(clock.now());
  if (clock instanceof EventClock) {
    clock.setQuietUntil(() => (faults.active ? Number.NEGATIVE_INFINITY : simulation.nextChangeAt()));
    // Each alarm's state and when it last changed (DescribeAlarms), each experiment's GetExperiment
    // states; nothing while API faults are injected (a failing call is not an unchanged answer), or when
    // the simulation fails to step: the poller then asks, and the calls answer InternalFailure as ever.
    clock.setStateMark(() => {
      if (faults.active) return undefined;
      try {
        advance();
      } catch (error) {
        options.onError?.(error);
        return undefined;
      }
      return JSON.stringify([options.alarms().map((a) => [a.name, a.state, a.updated]), simulation.experimentStates()]);
    });
  }
  const server = createSandboxServer({
    backends: [...options.backends, ...simulation.backends],
    protocolFor,
    faults,
    advance,
    control: { clock, faults, advance, snapshot: () => simulation.snapshot(), alarms: options.alarms },
    world: options.world,
    ...(options.onError ? { onError: options.onError } : {}),
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      server.on('error', (error) => options.onError?.(error));
      resolve();
    });
  });
  // Keeps alarms and experiments moving while nobody calls; unref'd so it never holds the process open.
  // An event clock only moves when its parties wait, and every request steps the world first.
  const timer =
    clock instanceof EventClock
      ? undefined
      : setInterval(() => {
          try {
            advance();
          } catch (error) {
            options.onError?.(error);
          }
        }, options.tickMs ?? 100);
  timer?.unref();
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    clock,
    ...(clock instanceof EventClock ? { waits: clock } : {}),
    account: simulation.account,
    region: simulation.region,
    stop: async () => {
      if (timer) clearInterval(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
