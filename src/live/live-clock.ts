import type { RunStarted } from '../core/journal/events.js';
import { followSandboxClock, isLoopback } from '../core/run/connect-target.js';
import { systemClock, type ServiceClock } from '../core/run/service-clock.js';

/**
 * The service clock of a run, from its run-started alone (the live page may belong to another
 * process): AWS keeps the local clock; a gameday sandbox (embedded or standalone) is followed through
 * its control API; any other endpoint is taken to run in real time.
 */
export async function runServiceClock(started: Pick<RunStarted, 'mode' | 'endpoint'>): Promise<ServiceClock & { close?(): void }> {
  if (started.mode === 'aws' || !started.endpoint || !isLoopback(started.endpoint)) return systemClock;
  return (await followSandboxClock(started.endpoint)) ?? systemClock;
}
