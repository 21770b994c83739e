import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Waits } from '../../src/core/run/waits.js';
import { recordingProxy } from '../helpers/recording-proxy.js';
import { WORLDS, reportsDir, runOn, sandboxFor, type Sandbox } from './run-harness.js';

let sandboxes: Sandbox[] = [];
let proxies: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all([...sandboxes.map((s) => s.stop()), ...proxies.map((p) => p.close())]);
  sandboxes = [];
  proxies = [];
});

/** A journal or report with what differs between two runs by design taken out: run id and folder, port, wall-clock instants. */
function normalized(text: string, runId: string, dir: string): string {
  return text
    .split(runId)
    .join('RUN-ID')
    .split(dir)
    .join('REPORTS')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT')
    .replace(/"(at|startedAt)":( ?)"[^"]*"/g, '"$1":$2"WALL"')
    .replace(/"pid":( ?)\d+/g, '"pid":$1"PID"');
}

/**
 * A game day on a fresh embedded sandbox, its calls recorded on the way; `everyInterval` makes the
 * watch poll every 10 s as it does against AWS (sleepWhileQuiet never skips).
 */
async function gameDay(scenario: string, world: string, status: string, everyInterval: boolean): Promise<{ journal: string[]; report: string; polls: number; metricReads: number }> {
  const sandbox = await sandboxFor(world);
  sandboxes.push(sandbox);
  const proxy = await recordingProxy(sandbox.url);
  proxies.push(proxy);
  const clock = sandbox.waits!;
  const waits: Waits = everyInterval
    ? { nowMs: () => clock.nowMs(), sleep: (ms, signal) => clock.sleep(ms, signal), sleepWhileQuiet: (ms, _dueMs, signal) => clock.sleep(ms, signal), hold: (work) => clock.hold(work) }
    : clock;
  const dir = await reportsDir();
  const result = await runOn({ ...sandbox, url: proxy.url, waits }, scenario, { reportsDir: dir });
  expect(result.status).toBe(status);
  const polls = proxy.exchanges.filter((x) => (x.method === 'GET' && /^\/experiments\/[^/]+$/.test(x.path)) || /(^|&)Action=DescribeAlarms(&|$)/.test(x.requestBody)).length;
  const metricReads = proxy.exchanges.filter((x) => /(^|&)Action=GetMetricData(&|$)/.test(x.requestBody)).length;
  return {
    // The same events; those one poll writes from calls made in parallel may come in either order.
    journal: normalized(await readFile(join(result.runDir, 'journal.jsonl'), 'utf8'), result.runId, dir)
      .replace(/"seq":\d+/g, '"seq":0')
      .trim()
      .split('\n')
      .sort(),
    report: normalized(await readFile(join(result.runDir, 'report.json'), 'utf8'), result.runId, dir),
    polls,
    metricReads,
  };
}

describe('the watch on the embedded sandbox skips the polls that could see nothing new (issue 12 §2)', () => {
  it('the AZ game day: the same journal and report as polling every 10 s, with a quarter of the GetExperiment and DescribeAlarms calls or fewer', async () => {
    const everyInterval = await gameDay('scenarios/checkout-az-power.yaml', WORLDS.multiAz, 'completed', true);
    const quiet = await gameDay('scenarios/checkout-az-power.yaml', WORLDS.multiAz, 'completed', false);
    expect(quiet.report).toBe(everyInterval.report);
    expect(quiet.journal).toEqual(everyInterval.journal);
    // Polling every 10 s: ≈ 360 polls of each over 60 minutes of experiment and the recovery watch.
    expect(everyInterval.polls).toBeGreaterThan(600);
    expect(quiet.polls).toBeLessThanOrEqual(everyInterval.polls / 4);
    // A poll in which the sandbox's state mark did not move asks neither GetExperiment nor DescribeAlarms:
    // about one of each per journalled change (5 experiment states, 8 alarm states: the scenario's 7 and
    // the run's SLO burn-rate alarm), not one per minute.
    const changes = quiet.journal.filter((line) => /"type":"(experiment-state|alarm-state)"/.test(line)).length;
    expect(changes).toBe(13);
    expect(quiet.polls).toBeLessThanOrEqual(2 * changes + 10);
    // The probes and the SLO of a poll read one window: one GetMetricData, not one each (64 minutes of SLO
    // periods). While the experiment runs (60 of them), the event clock reads ten periods at a time: every
    // stop condition is FIS's alarm, so nothing is decided on them until it ends.
    const sloPeriods = quiet.journal.filter((line) => line.includes('"type":"slo-sample"')).length;
    expect(sloPeriods).toBe(64);
    expect(quiet.metricReads).toBeLessThanOrEqual(sloPeriods - 60 + 60 / 10 + 5);
    expect(everyInterval.metricReads).toBe(quiet.metricReads);
  }, 240_000);

  it.each([
    // FIS stops the experiment on its stop condition mid-fault: stopping, stopped, the note on how fast.
    ['a stop condition tripping mid-run', 'test/fixtures/run/checkout-az-tripwire.yaml', WORLDS.multiAz, 'stopped'],
    // Composite alarms (detection and stop condition) on the multi-service world, an Aurora failover.
    ['composite alarms on four services', 'scenarios/payments-aurora-failover.yaml', WORLDS.shop, 'completed'],
    // ECS: a task stopped, the service replacing it.
    ['an ECS task kill', 'scenarios/orders-ecs-task-kill.yaml', WORLDS.orders, 'completed'],
  ])('%s: the same journal and report as polling every 10 s', async (_name, scenario, world, status) => {
    const everyInterval = await gameDay(scenario, world, status, true);
    const quiet = await gameDay(scenario, world, status, false);
    expect(quiet.report).toBe(everyInterval.report);
    expect(quiet.journal).toEqual(everyInterval.journal);
    expect(quiet.polls).toBeLessThan(everyInterval.polls);
  }, 240_000);
});
