import { ListExperimentTemplatesCommand, ListExperimentsCommand } from '@aws-sdk/client-fis';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { JournalEvent } from '../../src/core/journal/events.js';
import { readJournal } from '../../src/core/journal/reader.js';
import type { Interrupts, RunHost } from '../../src/core/run/host.js';
import { noInterrupts } from '../../src/core/run/host.js';
import { runGameDay, type RunGameDayOptions, type RunGameDayResult } from '../../src/core/run/run-game-day.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { sandboxClients } from '../helpers/aws-clients.js';

// Injected API faults must cost no time: every SDK retry is immediate.
process.env.GAMEDAY_AWS_RETRY_DELAY_MS = '0';

export const WORLDS = {
  multiAz: 'scenarios/worlds/multi-az-checkout.yaml',
  singleAzDb: 'scenarios/worlds/single-az-db-checkout.yaml',
  catalog: 'scenarios/worlds/catalog-cpu.yaml',
  orders: 'scenarios/worlds/orders-ecs.yaml',
  shop: 'scenarios/worlds/shop-platform.yaml',
  storefront: 'scenarios/worlds/storefront-regional.yaml',
};

/** Virtual seconds per real second for e2e runs: a 60-minute experiment takes a few seconds. */
export const E2E_SPEED = 600;

export type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

/** A sandbox for runOn: embedded in this process on the event clock, so a game day takes as long as its calls. */
export function sandboxFor(world: string): Promise<Sandbox> {
  return startSandbox({ world, eventClock: true });
}

/** A standalone-style sandbox (real-time clock at `speed`), for tests that connect to it as an endpoint. */
export function scaledSandboxFor(world: string, speed = E2E_SPEED): Promise<Sandbox> {
  return startSandbox({ world, speed });
}

/**
 * Stops what a test started (a sandbox) after that test, passed or failed. Call it once in a test file,
 * then in a test: `const sandbox = stopped(await sandboxFor(WORLDS.shop));`.
 */
export function stopAfterEach(): <T extends { stop(): Promise<void> }>(started: T) => T {
  let running: { stop(): Promise<void> }[] = [];
  afterEach(async () => {
    const stopping = running;
    running = [];
    await Promise.all(stopping.map((s) => s.stop()));
  });
  return (started) => {
    running.push(started);
    return started;
  };
}

export async function reportsDir(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'gameday-e2e-'));
}

/** A host that records everything and lets a test act on journal events as they are written. */
export function recordingHost(onEvent?: (event: JournalEvent) => void | Promise<void>): RunHost & { events: JournalEvent[] } {
  const events: JournalEvent[] = [];
  return {
    events,
    interactive: false,
    notify: () => undefined,
    journal: (event) => {
      events.push(event);
      void onEvent?.(event);
    },
    confirm: () => Promise.resolve(false),
  };
}

export function runOn(
  sandbox: NonNullable<RunGameDayOptions['embedded']>,
  scenarioFile: string,
  options: Partial<RunGameDayOptions> & { reportsDir: string },
  host: RunHost = recordingHost(),
  interrupts: Interrupts = noInterrupts(),
): Promise<RunGameDayResult> {
  return runGameDay({ scenarioFile, embedded: sandbox, yes: true, keepTemplate: false, gamedayVersion: 'e2e', ...options }, host, interrupts);
}

/** The journal events of one type, typed. */
export function ofType<T extends JournalEvent['type']>(events: JournalEvent[], type: T): Extract<JournalEvent, { type: T }>[] {
  return events.filter((e): e is Extract<JournalEvent, { type: T }> => e.type === type);
}

export async function journalOf(runDir: string): Promise<JournalEvent[]> {
  return (await readJournal(runDir)).events;
}

/** What the sandbox's FIS holds: every experiment with its state, and gameday's templates. */
export async function fisState(url: string): Promise<{ experiments: { id: string; state: string; tags: Record<string, string> }[]; templates: { id: string; tags: Record<string, string> }[] }> {
  const { fis } = sandboxClients(url);
  const experiments = (await fis.send(new ListExperimentsCommand({}))).experiments ?? [];
  const templates = (await fis.send(new ListExperimentTemplatesCommand({}))).experimentTemplates ?? [];
  return {
    experiments: experiments.map((e) => ({ id: e.id ?? '', state: e.state?.status ?? '', tags: e.tags ?? {} })),
    templates: templates.map((t) => ({ id: t.id ?? '', tags: t.tags ?? {} })),
  };
}

export const ACTIVE = ['pending', 'initiating', 'running', 'stopping'];

export async function injectFault(url: string, fault: Record<string, unknown>): Promise<void> {
  const response = await fetch(`${url}/_sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(fault) });
  if (!response.ok) throw new Error(`fault injection refused: ${response.status} ${await response.text()}`);
}
