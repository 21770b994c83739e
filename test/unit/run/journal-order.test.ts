import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AwsPorts, Metrics } from '../../../src/aws/ports.js';
import { readJournal } from '../../../src/core/journal/reader.js';
import { compilePlan } from '../../../src/core/plan/compile.js';
import { connectTarget } from '../../../src/core/run/connect-target.js';
import { executeRun } from '../../../src/core/run/execute-run.js';
import { noInterrupts, type RunHost } from '../../../src/core/run/host.js';
import type { Waits } from '../../../src/core/run/waits.js';
import { requireScenario } from '../../../src/core/scenario/load.js';
import { startSandbox } from '../../../src/sandbox/index.js';

const quietHost: RunHost = { interactive: false, notify: () => undefined, journal: () => undefined, confirm: () => Promise.resolve(false) };

/**
 * In every poll, `late` answers only after the `early` calls in flight with it answered: the order a
 * loaded machine (or a far Region) may give, made certain. Held, so the event clock waits for it.
 */
function answersAfter(ports: AwsPorts, waits: Waits, late: keyof Metrics, early: keyof Metrics): AwsPorts {
  const inFlight = new Set<Promise<unknown>>();
  const metrics = new Proxy(ports.metrics, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver) as unknown;
      if (typeof value !== 'function') return value;
      const call = (args: unknown[]) => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
      if (key === early) {
        return (...args: unknown[]) => {
          const answer = call(args);
          const forget = () => inFlight.delete(answer);
          inFlight.add(answer);
          answer.then(forget, forget);
          return answer;
        };
      }
      if (key !== late) return value;
      return (...args: unknown[]) =>
        waits.hold(async () => {
          const answer = await call(args);
          await Promise.allSettled([...inFlight]);
          await new Promise((resolve) => setImmediate(resolve));
          return answer;
        });
    },
  });
  return { ...ports, metrics };
}

/** The journal of one AZ game day on a fresh embedded sandbox, with one kind of call answering late. */
async function journalWith(late: keyof Metrics, early: keyof Metrics): Promise<string[]> {
  const sandbox = await startSandbox({ world: 'scenarios/worlds/multi-az-checkout.yaml', eventClock: true });
  const target = await connectTarget({ region: 'us-east-1', sandbox });
  try {
    const plan = compilePlan(await requireScenario('scenarios/checkout-az-power.yaml'));
    const result = await executeRun(
      { plan, reportsDir: await mkdtemp(join(tmpdir(), 'gameday-order-')), mode: 'sandbox', yes: true, keepTemplate: false, gamedayVersion: 'test' },
      { ports: answersAfter(target.ports, target.waits, late, early), clock: target.clock, waits: target.waits, host: quietHost, interrupts: noInterrupts() },
    );
    const { events } = await readJournal(result.runDir);
    // Only what a run may vary in: its id and directory, the wall clock, the process.
    return events.map(({ at: _at, ...event }) => JSON.stringify(event).split(result.runId).join('RUN-ID').replace(/"pid":\d+/, '"pid":0').replace(/"runDir":"[^"]*"/, '"runDir":""'));
  } finally {
    await target.close();
  }
}

describe('the journal of a run does not depend on which concurrent call answers first', () => {
  it('alarms answering late and metrics answering late give the same journal, event for event', async () => {
    const alarmsLate = await journalWith('describeAlarms', 'getMetricData');
    const metricsLate = await journalWith('getMetricData', 'describeAlarms');
    expect(alarmsLate.some((e) => e.includes('"type":"probe-sample"'))).toBe(true);
    expect(alarmsLate.some((e) => e.includes('"type":"alarm-state"'))).toBe(true);
    expect(metricsLate).toEqual(alarmsLate);
  }, 180_000);
});
