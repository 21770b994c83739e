import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AwsPorts } from '../../../src/aws/ports.js';
import { compilePlan } from '../../../src/core/plan/compile.js';
import { type ConnectedTarget, connectTarget } from '../../../src/core/run/connect-target.js';
import { readJournal } from '../../../src/core/journal/reader.js';
import { executeRun } from '../../../src/core/run/execute-run.js';
import { noInterrupts, type RunHost, type RunMessage } from '../../../src/core/run/host.js';
import { POLL_SERVICE_SECONDS } from '../../../src/core/run/service-clock.js';
import { ExperimentWatch, defaultBounds, type WatchBounds } from '../../../src/core/run/watch.js';
import { requireScenario } from '../../../src/core/scenario/load.js';
import { startSandbox } from '../../../src/sandbox/index.js';

const quietHost: RunHost = { interactive: false, notify: () => undefined, journal: () => undefined, confirm: () => Promise.resolve(false) };

/** A game day through executeRun on a fresh embedded sandbox, with some of its ports replaced (`replace` sees the target). */
async function gameDayWith(world: string, scenario: string, replace: (target: ConnectedTarget) => Partial<AwsPorts>, bounds?: Partial<WatchBounds>) {
  const sandbox = await startSandbox({ world, eventClock: true });
  const target = await connectTarget({ region: 'us-east-1', sandbox });
  try {
    const plan = compilePlan(await requireScenario(scenario));
    const result = await executeRun(
      { plan, reportsDir: await mkdtemp(join(tmpdir(), 'gameday-watch-')), mode: 'sandbox', yes: true, keepTemplate: false, gamedayVersion: 'test' },
      { ports: { ...target.ports, ...replace(target) }, clock: target.clock, waits: target.waits, host: quietHost, interrupts: noInterrupts(), ...(bounds ? { bounds } : {}) },
    );
    return { plan, result, events: (await readJournal(result.runDir)).events };
  } finally {
    await target.close();
  }
}

/** The port with one method answered by `method` instead. */
function replacing<P extends object, K extends keyof P>(port: P, key: K, method: P[K]): P {
  return new Proxy(port, { get: (on, name) => (name === key ? method : Reflect.get(on, name)) });
}

describe('the watch on the embedded sandbox polls again one interval after any failed call', () => {
  it('GetExperiment failing several times in a row (outside the sandbox’s own faults): every retry one interval after the last', async () => {
    // Failures the sandbox does not know of (a proxy, a network): its quiet hint cannot account for them.
    const calls: { at: number; failed: boolean }[] = [];
    let running = 0;
    await gameDayWith('scenarios/worlds/catalog-cpu.yaml', 'scenarios/catalog-cpu-stress.yaml', (target) => {
      const experiments = target.ports.experiments;
      const get = async (id: string) => {
        const at = target.waits.nowMs();
        // From the second GetExperiment that sees it running: with nothing changing, the watch asks
        // only when the sandbox's state mark moves, so a later trigger might never be reached.
        if (running >= 1 && running < 5) {
          running++;
          calls.push({ at, failed: true });
          throw new Error('connect ECONNREFUSED 127.0.0.1');
        }
        const state = await experiments.get(id);
        if (state.state === 'running') running++;
        calls.push({ at, failed: false });
        return state;
      };
      return { experiments: replacing(experiments, 'get', get) };
    });
    const failed = calls.flatMap((call, i) => (call.failed ? [i] : []));
    expect(failed).toHaveLength(4);
    expect(failed.map((i) => (calls[i + 1]!.at - calls[i]!.at) / 1000)).toEqual([POLL_SERVICE_SECONDS, POLL_SERVICE_SECONDS, POLL_SERVICE_SECONDS, POLL_SERVICE_SECONDS]);
  }, 120_000);
});

describe('what the watch journals without waiting for it', () => {
  it('a failed write is said (RUN_JOURNAL_FAILED), never an unhandled rejection that would end gameday with the experiment running', async () => {
    const sandbox = await startSandbox({ world: 'scenarios/worlds/catalog-cpu.yaml', eventClock: true });
    const target = await connectTarget({ region: 'us-east-1', sandbox });
    try {
      const metrics = target.ports.metrics;
      const failing = new Proxy(metrics, { get: (on, key) => (key === 'describeAlarms' ? () => Promise.reject(new Error('ThrottlingException: Rate exceeded')) : Reflect.get(on, key)) });
      const said: RunMessage[] = [];
      const watch = new ExperimentWatch({
        plan: compilePlan(await requireScenario('scenarios/catalog-cpu-stress.yaml')),
        ports: { ...target.ports, metrics: failing },
        clock: target.clock,
        host: { ...quietHost, notify: (message) => said.push(message) },
        interrupts: noInterrupts(),
        journal: () => Promise.reject(new Error('ENOSPC: no space left on device, write')),
        since: target.clock.now(),
        bounds: defaultBounds(10_000),
        waits: target.waits,
      });
      await watch.baseline();
      await new Promise((resolve) => setImmediate(resolve));
      expect(said.map((m) => m.code)).toEqual(['RUN_API_PROBLEM', 'RUN_JOURNAL_FAILED']);
      expect(said[1]).toMatchObject({ level: 'error', message: 'could not journal api-problem: ENOSPC: no space left on device, write' });
    } finally {
      await target.close();
    }
  });
});

describe('one failed call, one api-problem', () => {
  it('the probes’ and the SLO’s shared GetMetricData failing is journalled once, not once per read that was in it', async () => {
    let sharedCalls = 0;
    const { events } = await gameDayWith('scenarios/worlds/multi-az-checkout.yaml', 'scenarios/checkout-az-power.yaml', ({ ports: { metrics } }) => ({
      metrics: replacing(metrics, 'getMetricData', (queries, from, to) => {
        // The first call that carries both a probe's query and the SLO's, after the baseline reads.
        if (queries.some((q) => q.id.startsWith('slo_')) && queries.some((q) => !q.id.startsWith('slo_')) && ++sharedCalls === 3) return Promise.reject(new Error('ThrottlingException: Rate exceeded'));
        return metrics.getMetricData(queries, from, to);
      }),
    }));
    expect(sharedCalls).toBeGreaterThan(3);
    expect(events.filter((e) => e.type === 'api-problem').map((e) => e.type === 'api-problem' && e.operation)).toEqual(['cloudwatch:GetMetricData']);
  }, 120_000);
});

describe('a math probe on METRICS() reads only its own metrics, over the whole run', () => {
  it('its GetMetricData (preflight’s and every poll’s) carries no other probe’s or the SLO’s queries (CloudWatch’s METRICS() would read them too), and starts where the run does every poll, as any math that calls a function (DIFF, RATE, RUNNING_SUM… see every period before); arithmetic probes read only new periods; each period journalled once', async () => {
    const calls: string[][] = [];
    const froms: number[] = [];
    const { plan, result, events } = await gameDayWith('scenarios/worlds/storefront-regional.yaml', 'test/fixtures/run/storefront-metrics-fn-probe.yaml', ({ ports: { metrics } }) => ({
      // The sandbox evaluates arithmetic only: the probe's MIN(METRICS()) goes to it as its one input.
      metrics: replacing(metrics, 'getMetricData', (queries, from, to) => {
        calls.push(queries.map((q) => q.id));
        froms.push(from.getTime());
        return metrics.getMetricData(
          queries.map((q) => ('expression' in q && q.expression.includes('METRICS()') ? { ...q, expression: queries.find((input) => input.id.startsWith(`${q.id}_`))!.id } : q)),
          from,
          to,
        );
      }),
    }));
    const probe = plan.probes.find((p) => p.name === 'storefront-fewest-in-service')!;
    expect(result.status).toBe('completed');
    const own = calls.filter((ids) => ids.includes(probe.id));
    expect(own.length).toBeGreaterThan(2);
    for (const ids of own) expect(ids.every((id) => id === probe.id || id.startsWith(`${probe.id}_`)), ids.join(', ')).toBe(true);
    expect(events.filter((e) => e.type === 'probe-sample' && e.probeId === probe.id).length).toBeGreaterThan(2);
    // The watch's windows (the first call with the probe is preflight's own lookback, before the run).
    const arithmetic = plan.probes.find((p) => p.math && p.id !== probe.id)!;
    const windows = (id: string) => calls.flatMap((ids, i) => (ids.includes(id) ? [froms[i]!] : [])).slice(1);
    expect(windows(probe.id).length).toBeGreaterThan(5);
    expect(new Set(windows(probe.id)).size).toBe(1);
    expect(new Set(windows(arithmetic.id)).size).toBeGreaterThan(5);
    for (const p of [probe, arithmetic]) {
      const periods = events.filter((e) => e.type === 'probe-sample' && e.probeId === p.id).map((e) => (e as { timestamp: string }).timestamp);
      expect(periods.length, p.name).toBeGreaterThan(5);
      expect(new Set(periods).size, p.name).toBe(periods.length);
    }
  }, 120_000);
});

describe('reads held while the experiment runs (activeReadSeconds, the event clock’s 600)', () => {
  it('the running experiment’s periods are read every 10 minutes; a read that fails is tried again at the next poll, not 10 minutes on', async () => {
    const reads: { at: number; failed: boolean }[] = [];
    let startedAt: number | undefined;
    await gameDayWith(
      'scenarios/worlds/multi-az-checkout.yaml',
      'scenarios/checkout-az-power.yaml',
      ({ ports: { metrics, experiments }, waits }) => ({
        experiments: replacing(experiments, 'start', async (input) => {
          const started = await experiments.start(input);
          startedAt = waits.nowMs();
          return started;
        }),
        metrics: replacing(metrics, 'getMetricData', (queries, from, to) => {
          const at = waits.nowMs();
          if (startedAt === undefined || !queries.some((q) => q.id.startsWith('slo_'))) return metrics.getMetricData(queries, from, to);
          // The third held read of the experiment (20 minutes in) fails once.
          const failed = at - startedAt >= 20 * 60_000 && !reads.some((r) => r.failed);
          reads.push({ at: at - startedAt, failed });
          return failed ? Promise.reject(new Error('ThrottlingException: Rate exceeded')) : metrics.getMetricData(queries, from, to);
        }),
      }),
      { activeReadSeconds: 600 },
    );
    const failed = reads.findIndex((r) => r.failed);
    // Held: the reads before the failure are 10 minutes apart; the one after it comes one poll later.
    expect(reads.slice(1, failed + 1).map((r, i) => (r.at - reads[i]!.at) / 1000)).toEqual(Array.from({ length: failed }, () => 600));
    expect((reads[failed + 1]!.at - reads[failed]!.at) / 1000).toBe(POLL_SERVICE_SECONDS);
  }, 120_000);
});
