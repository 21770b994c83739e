import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../../src/core/plan/compile.js';
import { facilitateRoom } from '../../../src/core/run/facilitation.js';
import type { RunHost, RunMessage } from '../../../src/core/run/host.js';
import { requireScenario } from '../../../src/core/scenario/load.js';

describe('run --facilitated: the reporter’s marks', () => {
  it('a mark the journal cannot take is said so in the room, never an unhandled rejection that ends the run', async () => {
    const plan = compilePlan(await requireScenario('scenarios/checkout-az-power.yaml'));
    const said: RunMessage[] = [];
    let typed: ((line: string) => void) | undefined;
    const host: RunHost = {
      interactive: true,
      notify: (message) => said.push(message),
      journal: () => undefined,
      confirm: () => Promise.resolve(false),
      lines: (onLine) => {
        typed = onLine;
        return () => undefined;
      },
    };
    const journal = () => Promise.reject(new Error('ENOSPC: no space left on device, write'));
    const stop = facilitateRoom(plan, host, journal, { now: () => new Date('2026-12-03T10:00:00Z'), speed: 1 });
    typed!('d pager went off');
    await new Promise((resolve) => setImmediate(resolve));
    stop();
    expect(said.at(-1)).toMatchObject({ level: 'warn', message: expect.stringMatching(/^the detected mark was not journalled: ENOSPC: no space left on device, write; /) });
  });
});
