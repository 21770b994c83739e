import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ACTIVE, WORLDS, fisState, injectFault, journalOf, recordingHost, reportsDir, runOn, sandboxFor, ofType, stopAfterEach } from './run-harness.js';

const stopped = stopAfterEach();

async function expectNothingLeft(url: string): Promise<void> {
  const fis = await fisState(url);
  expect(fis.experiments.filter((e) => ACTIVE.includes(e.state))).toEqual([]);
  expect(fis.templates.filter((t) => t.tags['gameday:run'])).toEqual([]);
}

describe('gameday run on the sandbox', () => {
  it('AZ power interruption on the multi-AZ world passes, RTO within policy from service timestamps', async () => {
    const sandbox = stopped(await sandboxFor(WORLDS.multiAz));
    const result = await runOn(sandbox, 'scenarios/checkout-az-power.yaml', { reportsDir: await reportsDir() });
    expect(result.exitCode).toBe(0);
    expect(result.status).toBe('completed');
    expect(result.verdict.rto).toMatchObject({ state: 'measured', targetSource: 'resilience-hub', met: true });
    expect(result.verdict.rto.measuredSeconds!).toBeLessThanOrEqual(result.verdict.rto.targetSeconds!);

    const events = await journalOf(result.runDir);
    const types = events.map((e) => e.type);
    // The scenario's SLO stops above a burn rate: the run's own alarm exists before the template naming it.
    expect(types.slice(0, 4)).toEqual(['run-started', 'preflight', 'run-alarm-created', 'template-created']);
    expect(types.indexOf('run-alarm-deleted')).toBe(types.indexOf('run-ended') - 1);
    // The intent is journalled before the experiment exists; the run ends last, followed only by
    // the action items it updated (issue 14 §4: judged from the ended run).
    expect(types.indexOf('start-intent')).toBeLessThan(types.indexOf('experiment-started'));
    expect(types.slice(-2)).toEqual(['run-ended', 'action-items']);
    const intent = ofType(events, 'start-intent')[0]!;
    expect(intent.clientToken).toBe(result.runId);
    // Measured from the service's clock: the disruption started when FIS says the fault action did.
    const actionStarts = ofType(events, 'experiment-state').flatMap((e) => Object.values(e.actions).map((a) => a.startTime)).filter(Boolean);
    expect(actionStarts).toContain(result.verdict.disruptionStart);
    // RTO runs from the start of impact; the time from the fault start is shown beside it.
    const recovered = Date.parse(result.verdict.recoveredAt!);
    expect((recovered - Date.parse(result.verdict.rto.impactStart!)) / 1000).toBe(result.verdict.rto.measuredSeconds);
    expect((recovered - Date.parse(result.verdict.disruptionStart!)) / 1000).toBe(result.verdict.rto.fromFaultSeconds);
    expect(result.verdict.rto.timeToImpactSeconds).toBeGreaterThanOrEqual(0);
    expect(ofType(events, 'resilience-hub')[0]!.policy?.targets.AZ).toEqual({ rtoInSecs: 300, rpoInSecs: 60 });
    expect(ofType(events, 'restoration')[0]!.notRolledBack.map((n) => n.action)).toContain('Failover-RDS');
    expect(result.reports.some((f) => f.endsWith('report.md'))).toBe(true);
    // It PASSED, and still failed requests: spec.impact counts the ALB's 5xx from the fault start to the end of the watch.
    const [counted] = ofType(events, 'impact-metric');
    expect(counted).toMatchObject({ count: 'failed requests', metric: { name: 'HTTPCode_Target_5XX_Count', stat: 'Sum' } });
    const start = Date.parse(result.verdict.disruptionStart!);
    const during = counted!.points.filter((p) => Date.parse(p.timestamp) + 60_000 > start).reduce((sum, p) => sum + p.value, 0);
    const [impact] = result.verdict.impactCounts;
    expect(impact).toMatchObject({ state: 'measured', total: during, windowStart: result.verdict.disruptionStart, windowEnd: counted!.until });
    expect(impact!.baseline!.perMinute).toBeGreaterThan(0);
    expect(impact!.excess!).toBeGreaterThan(100);
    expect(impact!.excess!).toBeLessThan(during);
    expect(impact!.headline).toMatch(/^≈ [\d,]+ failed requests$/);
    expect(await readFile(result.reports.find((f) => f.endsWith('report.md'))!, 'utf8')).toContain(`- Impact in numbers: **${impact!.headline}**`);
    await expectNothingLeft(sandbox.url);
  });

  it('the same game day on the single-AZ database world breaches the RTO: unrecovered, exit 1', async () => {
    const sandbox = stopped(await sandboxFor(WORLDS.singleAzDb));
    const result = await runOn(sandbox, 'scenarios/checkout-az-power.yaml', { reportsDir: await reportsDir() });
    expect(result.exitCode).toBe(1);
    expect(result.passed).toBe(false);
    expect(result.verdict.rto.state).toBe('unrecovered');
    expect(result.verdict.gaps.map((g) => g.kind)).toContain('unrecovered');
    await expectNothingLeft(sandbox.url);
  });

  it('EC2 CPU stress end to end (scenario targets, no Resilience Hub app)', async () => {
    const sandbox = stopped(await sandboxFor(WORLDS.catalog));
    const result = await runOn(sandbox, 'scenarios/catalog-cpu-stress.yaml', { reportsDir: await reportsDir() });
    expect(result.exitCode).toBe(0);
    expect(result.verdict.rto).toMatchObject({ state: 'measured', targetSource: 'scenario' });
    const rh = ofType(await journalOf(result.runDir), 'resilience-hub')[0]!;
    expect(rh.note).toMatch(/no Resilience Hub app/);
    await expectNothingLeft(sandbox.url);
  });

  it('ECS task kill end to end: the stopped task is listed as not rolled back', async () => {
    const sandbox = stopped(await sandboxFor(WORLDS.orders));
    const result = await runOn(sandbox, 'scenarios/orders-ecs-task-kill.yaml', { reportsDir: await reportsDir() });
    expect(result.exitCode).toBe(0);
    expect(result.verdict.rto.state).toBe('measured');
    const restoration = ofType(await journalOf(result.runDir), 'restoration')[0]!;
    expect(restoration.notRolledBack.map((n) => n.actionId)).toEqual(['aws:ecs:stop-task']);
    await expectNothingLeft(sandbox.url);
  });

  it('a stop condition tripping mid-run stops the experiment, is reported with its alarm, and recovery is still watched', async () => {
    const sandbox = stopped(await sandboxFor(WORLDS.multiAz));
    const result = await runOn(sandbox, 'test/fixtures/run/checkout-az-tripwire.yaml', { reportsDir: await reportsDir() });
    expect(result.status).toBe('stopped');
    expect(result.experimentState).toBe('stopped');
    const events = await journalOf(result.runDir);
    const tripped = ofType(events, 'alarm-state').find((a) => a.alarm === 'checkout-5xx-high' && a.state === 'ALARM');
    expect(tripped?.role).toContain('stop-condition');
    // Either FIS stopped it (a note says how fast) or gameday did (stop-requested by stop-condition-watch).
    const byGameday = ofType(events, 'stop-requested').filter((s) => s.by === 'stop-condition-watch');
    const byFis = ofType(events, 'note').filter((n) => /stop condition checkout-5xx-high went ALARM/.test(n.text));
    expect(byGameday.length + byFis.length).toBeGreaterThan(0);
    expect(result.verdict.gaps.map((g) => g.kind)).toContain('safety');
    // A stop condition is a result: recovery was still watched and measured.
    expect(['measured', 'unrecovered']).toContain(result.verdict.rto.state);
    await expectNothingLeft(sandbox.url);
  });

  it('throttling and 500s on GetExperiment and GetMetricData mid-run: the run completes correctly', async () => {
    const sandbox = stopped(await sandboxFor(WORLDS.multiAz));
    const url = sandbox.url;
    const host = recordingHost(async (event) => {
      if (event.type === 'experiment-started') {
        await injectFault(url, { service: 'fis', operation: 'GetExperiment', kind: 'throttle', count: 12 });
        await injectFault(url, { service: 'monitoring', operation: 'GetMetricData', kind: 'error500', count: 12 });
      }
    });
    const result = await runOn(sandbox, 'scenarios/checkout-az-power.yaml', { reportsDir: await reportsDir() }, host);
    expect(result.exitCode).toBe(0);
    expect(result.status).toBe('completed');
    expect(result.stops).toEqual([]);
    expect(result.verdict.rto).toMatchObject({ state: 'measured', met: true });
    const problems = ofType(await journalOf(result.runDir), 'api-problem').map((p) => p.operation);
    expect(problems).toEqual(expect.arrayContaining(['fis:GetExperiment', 'cloudwatch:GetMetricData']));
    await expectNothingLeft(url);
  });
});

describe('gameday run refuses before anything is injected', () => {
  async function expectNoExperiment(url: string): Promise<void> {
    const fis = await fisState(url);
    expect(fis.experiments).toEqual([]);
    expect(fis.templates).toEqual([]);
  }

  it('wrong account: GUARD_REFUSED (exit 2)', async () => {
    const sandbox = stopped(await sandboxFor(WORLDS.catalog));
    await expect(runOn(sandbox, 'test/fixtures/run/catalog-wrong-account.yaml', { reportsDir: await reportsDir() })).rejects.toMatchObject({
      code: 'GUARD_REFUSED',
      exitCode: 2,
      message: expect.stringMatching(/account 123456789012.*210987654321/),
    });
    await expectNoExperiment(sandbox.url);
  });

  it('missing stop-condition alarm: PREFLIGHT_FAILED naming the alarm and the fix', async () => {
    const sandbox = stopped(await sandboxFor(WORLDS.multiAz));
    const dir = await reportsDir();
    const error = await runOn(sandbox, 'test/fixtures/run/checkout-az-missing-alarm.yaml', { reportsDir: dir }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PREFLIGHT_FAILED', exitCode: 1 });
    expect((error as Error).message).toMatch(/checkout-5xx-nonexistent does not exist[\s\S]*fix: create the CloudWatch alarm/);
    await expectNoExperiment(sandbox.url);
  });

  it('steady state already failing: PREFLIGHT_FAILED, the journal records the refusal', async () => {
    const sandbox = stopped(await sandboxFor(WORLDS.multiAz));
    const dir = await reportsDir();
    const error = await runOn(sandbox, 'test/fixtures/run/checkout-az-unsteady.yaml', { reportsDir: dir }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PREFLIGHT_FAILED' });
    expect((error as Error).message).toMatch(/steady state does not hold now: p99-latency/);
    await expectNoExperiment(sandbox.url);
  });
});
