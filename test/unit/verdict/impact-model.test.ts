import { describe, expect, it } from 'vitest';
import { judge } from '../../../src/core/verdict/judge.js';
import type { Verdict } from '../../../src/core/verdict/types.js';
import { checkoutRun, RESTORED } from '../../fixtures/journals/checkout-common.js';
import { catalogRun, cpuAlarmMetric, sequencePlan, sequenceRun } from '../../fixtures/journals/catalog-sequence.js';
import { catalogCpuStressPlan } from '../../fixtures/plans.js';
import type { JournalBuilder } from '../../helpers/journal-builder.js';

const gaps = (v: Verdict, kind: string) => v.gaps.filter((g) => g.kind === kind);
const expectation = (v: Verdict, id: string) => v.expectations.find((e) => e.id === id)!;

describe('impact model: RTO runs from the start of impact, not from the first action', () => {
  it('CPU stress whose p99 broke for one datapoint at +5m50s: RTO 1m, 6m50s to impact (was "RTO 6m 50s")', () => {
    const j = catalogRun(catalogCpuStressPlan());
    j.experiment(0, 'running', { 'CPU-Stress': { state: 'running', start: 0 } });
    // the datapoint stamped +5m50s covers +5m50s–+6m50s: it is known, and placed, at +6m50s
    j.series('catalog-cpu', -10, [30, 60, 70, 80, 85, 88, 96, 90, 88, 89, 87, 40, 31]);
    j.experiment(600, 'completed', { 'CPU-Stress': { state: 'completed', start: 0, end: 600 } }, { end: 600 });
    j.restoration([{ subject: 'CPU stress commands', ok: true, message: 'finished' }], 900);
    j.ended('completed', 900, { experimentState: 'completed' });
    const v = judge(j.build());
    expect(v.rto).toMatchObject({ state: 'measured', measuredSeconds: 60, fromFaultSeconds: 470, timeToImpactSeconds: 410, impactSeconds: 60, impactStart: '2026-11-26T14:08:50.000Z' });
    expect(v.recoveredAt).toBe('2026-11-26T14:09:50.000Z');
    expect(v.impactIntervals).toEqual([
      { start: '2026-11-26T14:08:50.000Z', end: '2026-11-26T14:09:50.000Z', durationSeconds: 60, startOffsetSeconds: 410, deviations: [{ probe: 'catalog-cpu', start: '2026-11-26T14:08:50.000Z', end: '2026-11-26T14:09:50.000Z', worst: '96', worstValue: 96 }], actions: ['CPU-Stress'], relapse: false },
    ]);
    expect(expectation(v, 'rto').evidence).toMatch(/measured RTO 1m \(60s\).*from the start of impact.*; 7m 50s from the fault start/);
  });

  it('a metric probe with no datapoint after the fault started (every read failed) is not "no impact, RTO 0": recovery is not measured', () => {
    const j = catalogRun(catalogCpuStressPlan());
    j.series('catalog-cpu', -300, [30, 31, 30, 32, 30]);
    j.experiment(0, 'running', { 'CPU-Stress': { state: 'running', start: 0 } });
    j.experiment(600, 'completed', { 'CPU-Stress': { state: 'completed', start: 0, end: 600 } }, { end: 600 });
    j.restoration([{ subject: 'CPU stress commands', ok: true, message: 'finished' }], 900);
    j.ended('completed', 900, { experimentState: 'completed' });
    const v = judge(j.build());
    expect(v.rto).toMatchObject({ state: 'not-measured' });
    expect(v.rto.note).toContain('no datapoint of catalog-cpu after the fault started');
    expect(expectation(v, 'rto').passed).not.toBe(true);
    expect(v.passed).toBe(false);
  });

  it('a startAfter chain that broke for one minute when its second action started: RTO 1m, met; 11m 10s from the fault beside it (was "RTO 11m — BREACHED")', () => {
    const v = judge(sequenceRun());
    expect(v.rto).toMatchObject({ measuredSeconds: 60, fromFaultSeconds: 670, timeToImpactSeconds: 610, targetSeconds: 600, met: true });
    expect(gaps(v, 'recovery')).toEqual([]);
    expect(v.impactIntervals.map((i) => i.actions)).toEqual([['CPU-Stress-Heavy']]);
  });

  it('a second breach inside the fault after the first had recovered is a relapse, attributed to the action running then', () => {
    const v = judge(
      sequenceRun(undefined, (j) => {
        j.alarm(900, 'catalog-latency-high', 'ALARM', ['steady-state']);
        j.alarm(960, 'catalog-latency-high', 'OK', ['steady-state']);
      }),
    );
    expect(v.impactIntervals.map((i) => [i.startOffsetSeconds, i.relapse, i.actions])).toEqual([
      [610, false, ['CPU-Stress-Heavy']],
      [900, true, ['CPU-Stress-Heavy']],
    ]);
    expect(v.rto).toMatchObject({ measuredSeconds: 350, fromFaultSeconds: 960 });
    const [relapse] = gaps(v, 'relapse');
    expect(relapse!.title).toBe('The steady state broke again 15m after the fault started, after it had recovered');
    expect(relapse!.evidence).toMatch(/catalog-healthy alarm catalog-latency-high ALARM from 2026-11-26T14:17:00.000Z \(\+15m, during CPU-Stress-Heavy\) to 2026-11-26T14:18:00.000Z \(\+16m\)/);
    expect(expectation(v, 'no-relapse')).toMatchObject({ passed: false });
  });

  it('per action: started, first impact, detected by, recovered', () => {
    const v = judge(sequenceRun('CPU-Stress-Heavy'));
    const light = v.impact.find((a) => a.action === 'CPU-Stress-Light')!;
    const heavy = v.impact.find((a) => a.action === 'CPU-Stress-Heavy')!;
    expect(light.firstImpact).toBeUndefined();
    expect(heavy).toMatchObject({
      startTime: '2026-11-26T14:12:00.000Z',
      firstImpact: '2026-11-26T14:12:10.000Z',
      detectedBy: [{ alarm: 'catalog-cpu-high', firedAt: '2026-11-26T14:15:00.000Z' }],
      recovered: '2026-11-26T14:13:10.000Z',
    });
  });
});

describe('detection budgets run from the action the alarm is meant to catch', () => {
  it('without detection[].after the budget runs from the first injecting action: 13m, late', () => {
    const v = judge(sequenceRun());
    expect(v.detections![0]).toMatchObject({ after: 'CPU-Stress-Light', afterNamed: false, delaySeconds: 780 });
    expect(gaps(v, 'detection')[0]!.title).toBe('catalog-cpu-high fired 13m after the fault started (budget 5m)');
  });

  it('after: CPU-Stress-Heavy — fired 3m after its own action started, within the 5m budget: no false gap', () => {
    const v = judge(sequenceRun('CPU-Stress-Heavy'));
    expect(v.detections![0]).toMatchObject({ after: 'CPU-Stress-Heavy', afterNamed: true, from: '2026-11-26T14:12:00.000Z', delaySeconds: 180 });
    expect(gaps(v, 'detection')).toEqual([]);
    expect(expectation(v, 'detection:catalog-cpu-high')).toMatchObject({ passed: true, description: 'catalog-cpu-high fires within 5m of CPU-Stress-Heavy starting' });
  });

  it('an alarm meant for an action that never started is not checked, not a gap', () => {
    const j = catalogRun(sequencePlan('CPU-Stress-Heavy'));
    j.experiment(0, 'running', { 'CPU-Stress-Light': { state: 'running', start: 0 }, 'CPU-Stress-Heavy': { state: 'pending' } });
    j.stopRequested(120, 'signal', 'SIGINT from the terminal', 123, 2100);
    j.experiment(123, 'stopped', { 'CPU-Stress-Light': { state: 'stopped', start: 0, end: 123 }, 'CPU-Stress-Heavy': { state: 'cancelled' } }, { end: 123 });
    j.ended('interrupted', 125, { reason: 'SIGINT', experimentState: 'stopped' });
    const v = judge(j.build());
    expect(expectation(v, 'detection:catalog-cpu-high')).toMatchObject({ passed: false, evidence: 'not checked: CPU-Stress-Heavy never started' });
    expect(gaps(v, 'detection')).toEqual([]);
  });
});

describe('the stop-condition safety gap', () => {
  it('lists actions FIS cancelled before they began as never started, not cut short', () => {
    const j = catalogRun(sequencePlan());
    j.experiment(0, 'running', { 'CPU-Stress-Light': { state: 'running', start: 0 }, 'CPU-Stress-Heavy': { state: 'pending' } });
    j.alarm(200, 'catalog-latency-critical', 'ALARM', ['stop-condition']);
    j.experiment(210, 'stopped', { 'CPU-Stress-Light': { state: 'stopped', start: 0, end: 210 }, 'CPU-Stress-Heavy': { state: 'cancelled' } }, { end: 210, reason: 'stop condition' });
    j.ended('stopped', 600, { experimentState: 'stopped' });
    const [safety] = gaps(judge(j.build()), 'safety');
    expect(safety!.evidence).toContain('cut short: CPU-Stress-Light (1 resource)');
    expect(safety!.evidence).not.toMatch(/cut short:[^;]*CPU-Stress-Heavy/);
    expect(safety!.evidence).toContain('never started: CPU-Stress-Heavy');
  });
});

describe('targets', () => {
  it('shows the scenario RTO beside the Resilience Hub policy RTO it is judged against', () => {
    const j = checkoutRun('20261126T100000Z-a1b2c3', { currentRto: 240, currentRpo: 30, status: 'PolicyMet' });
    j.experiment(1805, 'completed', j.allActions('completed', { end: 1805 }), { end: 1805 });
    j.restoration(RESTORED, 1960);
    j.ended('completed', 1960, { experimentState: 'completed' });
    const events = j.build().map((e) => (e.type === 'run-started' ? { ...e, plan: { ...e.plan, recovery: { ...e.plan.recovery, rtoSeconds: 600, rpoSeconds: 120 } } } : e));
    const v = judge(events);
    expect(v.rto).toMatchObject({ targetSeconds: 300, targetSource: 'resilience-hub', scenarioTargetSeconds: 600 });
    expect(v.rpo).toMatchObject({ targetSeconds: 60, targetSource: 'resilience-hub', scenarioTargetSeconds: 120 });
  });
});

describe("Resilience Hub v2's recovery rule beside gameday's", () => {
  it('computes both: the chain is 1m by impact, 11m 10s from the first action by RH v2 (over the 10m RTO)', () => {
    const v = judge(sequenceRun());
    expect(v.recoveryRules).toMatchObject({ rule: 'gameday', gameday: { measuredSeconds: 60, passed: true }, resilienceHubV2: { state: 'measured', measuredSeconds: 670, passed: false } });
    expect(expectation(v, 'rto').passed).toBe(true);
  });

  it('recovery.rule: resilience-hub-v2 judges the RTO expectation by that rule', () => {
    const events = sequenceRun().map((e) => (e.type === 'run-started' ? { ...e, plan: { ...e.plan, recovery: { ...e.plan.recovery, rule: 'resilience-hub-v2' as const } } } : e));
    const v = judge(events);
    expect(v.recoveryRules.rule).toBe('resilience-hub-v2');
    expect(expectation(v, 'rto')).toMatchObject({ passed: false, evidence: expect.stringMatching(/^11m 10s: from the first action's start .*; gameday's rule: 1m$/) });
  });

  it("RH v2's \"remain there until the test actions end\" is not measured when the alarm probe's reads failed from before they ended to the end of the watch", () => {
    const gap = (j: JournalBuilder, until?: number) =>
      j.add({ type: 'observation-gap', reads: 'alarms', operation: 'cloudwatch:DescribeAlarms', from: j.t(900), ...(until === undefined ? {} : { until: j.t(until) }), failures: 12, message: 'InternalFailure: down' }, until ?? 1500);
    const blind = judge(sequenceRun(undefined, (j) => gap(j)));
    expect(blind.recoveryRules.resilienceHubV2).toMatchObject({ state: 'not-measured', note: expect.stringMatching(/steady-state probe catalog-healthy could not be read from 2026-11-26T14:17:00.000Z \(12 failed cloudwatch:DescribeAlarms polls until the watch ended: InternalFailure: down\), before the actions ended/) });
    // A gap that closed: the reads after it caught up, and the verdict is the one without it.
    const closed = judge(sequenceRun(undefined, (j) => gap(j, 960)));
    const clean = judge(sequenceRun());
    expect(closed.recoveryRules).toEqual(clean.recoveryRules);
    expect(closed.rto).toEqual(clean.rto);
  });

  it('fails RH v2 when a probe is not OK as the actions end', () => {
    const v = judge(
      sequenceRun(undefined, (j) => {
        j.alarm(1150, 'catalog-latency-high', 'ALARM', ['steady-state']);
        j.alarm(1250, 'catalog-latency-high', 'OK', ['steady-state']);
      }),
    );
    expect(v.recoveryRules.resilienceHubV2).toMatchObject({ state: 'unrecovered', passed: false });
  });
});

describe('detection evidence', () => {
  it('a fleet-average CPU alarm that never fired: average 63.6 against 70, maximum 100 — the statistic hides it', () => {
    const j = catalogRun(catalogCpuStressPlan());
    j.experiment(0, 'running', { 'CPU-Stress': { state: 'running', start: 0 } });
    cpuAlarmMetric(j, [31, 62, 63.6, 63, 62.8, 63.1, 62.5, 63.2, 62.9, 63], 900, [35, 100, 100, 100, 100, 100, 100, 100, 100, 100]);
    j.experiment(600, 'completed', { 'CPU-Stress': { state: 'completed', start: 0, end: 600 } }, { end: 600 });
    j.restoration([{ subject: 'CPU stress commands', ok: true, message: 'finished' }], 900);
    j.ended('completed', 900, { experimentState: 'completed' });
    const v = judge(j.build());
    expect(v.detections![0]!.evidence).toMatchObject({ why: 'statistic hides it', peak: { value: 63.6 }, extreme: { stat: 'Maximum', value: 100 }, breaching: 0 });
    const [gap] = gaps(v, 'detection');
    expect(gap!.evidence).toContain('AWS/EC2 CPUUtilization Average peaked at 63.6');
    expect(gap!.evidence).toContain('Maximum reached 100');
    expect(gap!.evidence).toContain('the statistic hides it');
  });
});
