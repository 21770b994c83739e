import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../../src/core/journal/events.js';
import { GamedayError } from '../../../src/core/errors.js';
import { judge } from '../../../src/core/verdict/judge.js';
import type { Gap, Verdict } from '../../../src/core/verdict/types.js';
import { checkoutRun, RESTORED } from '../../fixtures/journals/checkout-common.js';
import { journals } from '../../fixtures/journals/index.js';

const gapsOf = (v: Verdict, kind: Gap['kind']) => v.gaps.filter((g) => g.kind === kind);
const expectation = (v: Verdict, id: string) => v.expectations.find((e) => e.id === id)!;

/** A checkout run whose steady state comes back at `backAt` seconds, optionally relapsing, with the given end. */
function checkoutWith(backAt: number, options: { relapse?: [number, number]; dataLoss?: number; policyRto?: number } = {}): JournalEvent[] {
  const j = checkoutRun('20261126T160000Z-777777', { currentRto: 240, currentRpo: 30, status: 'PolicyMet' }, {}, '2026-11-26T16:02:00Z');
  j.alarm(60, 'checkout-5xx-high', 'ALARM', ['steady-state', 'detection']);
  j.alarm(90, 'checkout-unhealthy-hosts', 'ALARM', ['detection']);
  j.alarm(backAt, 'checkout-5xx-high', 'OK', ['steady-state', 'detection']);
  // p99 held throughout: the watch journals each of its datapoints (a probe with none after the fault is not measured)
  j.series('p99-latency', 0, [0.41, 0.42, 0.4, 0.41, 0.43, 0.42, 0.41, 0.4]);
  if (options.relapse) {
    j.alarm(options.relapse[0], 'checkout-5xx-high', 'ALARM', ['steady-state', 'detection']);
    j.alarm(options.relapse[1], 'checkout-5xx-high', 'OK', ['steady-state', 'detection']);
  }
  j.dataLoss(120, options.dataLoss ?? 5);
  j.experiment(1805, 'completed', j.allActions('completed', { end: 1805 }), { end: 1805 });
  j.restoration(RESTORED, 1900);
  j.ended('completed', 1900, { experimentState: 'completed' });
  const events = j.build();
  if (options.policyRto === undefined) return events;
  return events.map((e) =>
    e.type === 'resilience-hub' && e.policy ? { ...e, policy: { ...e.policy, targets: { ...e.policy.targets, AZ: { rtoInSecs: options.policyRto!, rpoInSecs: 60 } } } } : e,
  );
}

describe('judge: recovery (RTO)', () => {
  it('measures RTO from the start of impact to the end of the last deviation, after which every probe held for the settle window', () => {
    const v = judge(journals['multi-az-pass']!());
    expect(v.disruptionStart).toBe('2026-11-26T10:02:00.000Z');
    // 5xx ALARM at +60s starts the impact; p99's 0.52 datapoint (period +180s–+240s) is the last back, placed at its period's end.
    expect(v.recoveredAt).toBe('2026-11-26T10:06:00.000Z');
    expect(v.rto).toMatchObject({ state: 'measured', measuredSeconds: 180, fromFaultSeconds: 240, timeToImpactSeconds: 60, impactStart: '2026-11-26T10:03:00.000Z', targetSeconds: 300, targetSource: 'resilience-hub', assessedSeconds: 240, met: true });
  });

  it('a deviation less than the settle window after the last is the same impact: recovery moves to its end, no relapse', () => {
    // impact from the 5xx ALARM at +60s
    expect(judge(checkoutWith(200)).rto).toMatchObject({ measuredSeconds: 140, fromFaultSeconds: 200 });
    const v = judge(checkoutWith(200, { relapse: [260, 280] }));
    expect(v.rto).toMatchObject({ measuredSeconds: 220, fromFaultSeconds: 280 });
    expect(v.impactIntervals).toHaveLength(1);
    expect(gapsOf(v, 'relapse')).toEqual([]);
  });

  it('a deviation after the steady state held for the settle window is a relapse: a finding of its own, and recovery is the end of the last deviation', () => {
    const v = judge(checkoutWith(200, { relapse: [400, 420] }));
    expect(v.rto).toMatchObject({ measuredSeconds: 360, fromFaultSeconds: 420 });
    expect(v.impactIntervals.map((i) => [i.startOffsetSeconds, i.durationSeconds, i.relapse])).toEqual([
      [60, 140, false],
      [400, 20, true],
    ]);
    const [relapse] = gapsOf(v, 'relapse');
    expect(relapse).toMatchObject({ severity: 'high', subject: 'relapse 1: checkout-ok' });
    expect(relapse!.evidence).toContain('checkout-ok alarm checkout-5xx-high ALARM from 2026-11-26T16:08:40.000Z (+6m 40s, during');
    expect(relapse!.evidence).toContain('it had held since 2026-11-26T16:05:20.000Z');
    expect(expectation(v, 'no-relapse').passed).toBe(false);
    expect(v.passed).toBe(false);
  });

  it('takes the Resilience Hub policy target for the disruption type over the scenario’s', () => {
    const v = judge(checkoutWith(200, { policyRto: 120 }));
    expect(v.rto).toMatchObject({ targetSeconds: 120, targetSource: 'resilience-hub', met: false });
    expect(gapsOf(v, 'recovery')).toHaveLength(1);
  });

  it('uses the scenario targets when there is no Resilience Hub policy, and says RPO is not measured without a data-loss probe', () => {
    const v = judge(journals['late-detection']!());
    // impact from catalog-latency-high ALARM at +185s to OK at +545s; the fault (CPU-Stress) started at +5s
    expect(v.rto).toMatchObject({ state: 'measured', measuredSeconds: 360, fromFaultSeconds: 540, timeToImpactSeconds: 180, targetSeconds: 600, targetSource: 'scenario', met: true });
    expect(v.rto.assessedSeconds).toBeUndefined();
    expect(v.rpo.state).toBe('not-measured');
    expect(v.rpo.note).toMatch(/no data-loss probe/);
  });

  it('an interrupted run that ended before recovery has RTO not measured, not unrecovered', () => {
    const v = judge(journals.interrupted!());
    expect(v.status).toBe('interrupted');
    expect(v.rto.state).toBe('not-measured');
    expect(v.rto.note).toMatch(/interrupted/);
    expect(gapsOf(v, 'unrecovered')).toHaveLength(0);
    expect(v.passed).toBe(false);
  });
});

describe('judge: RPO', () => {
  it('is the worst data-loss probe value, against the policy RPO', () => {
    const v = judge(journals['multi-az-pass']!());
    expect(v.rpo).toMatchObject({ state: 'measured', measuredSeconds: 12, targetSeconds: 60, met: true });
  });
});

describe('judge: gaps, one kind at a time', () => {
  it('a gap-free run passes and says so', () => {
    const v = judge(journals['multi-az-pass']!());
    expect(v.gaps).toEqual([]);
    expect(v.passed).toBe(true);
    expect(v.expectations.every((e) => e.passed)).toBe(true);
    expect(v.expectations.map((e) => e.id)).toEqual([
      'steady-state-before',
      'detection:checkout-5xx-high',
      'detection:checkout-unhealthy-hosts',
      'rto',
      'no-relapse',
      'rpo',
      'restoration',
      'experiment-completed',
    ]);
  });

  it('detection: an alarm that fired later than its budget', () => {
    const v = judge(journals['late-detection']!());
    expect(v.gaps).toHaveLength(1);
    expect(v.gaps[0]).toMatchObject({ kind: 'detection', severity: 'medium' });
    expect(v.gaps[0]!.evidence).toContain('2026-11-26T14:09:05.000Z');
    expect(v.gaps[0]!.fix).toMatch(/catalog-cpu-high/);
    expect(expectation(v, 'detection:catalog-cpu-high').passed).toBe(false);
    expect(v.detections).toEqual([
      { alarm: 'catalog-cpu-high', withinSeconds: 300, exists: true, afterNamed: false, after: 'CPU-Stress', from: '2026-11-26T14:02:05.000Z', firedAt: '2026-11-26T14:09:05.000Z', delaySeconds: 420 },
    ]);
  });

  it('detection: an expected alarm that never fired', () => {
    const events = journals['multi-az-pass']!().filter((e) => !(e.type === 'alarm-state' && e.alarm === 'checkout-unhealthy-hosts' && e.state === 'ALARM'));
    const v = judge(events);
    const [gap] = gapsOf(v, 'detection');
    expect(gap).toMatchObject({ severity: 'high', title: 'checkout-unhealthy-hosts never fired' });
    expect(v.passed).toBe(false);
  });

  it('detection: silence in a run interrupted before the budget ran out is not a gap', () => {
    const v = judge(journals.interrupted!());
    expect(gapsOf(v, 'detection')).toEqual([]);
    expect(expectation(v, 'detection:checkout-unhealthy-hosts')).toMatchObject({ passed: false, evidence: expect.stringMatching(/before the 3m budget ran out/) });
  });

  it('recovery: measured RTO above the policy', () => {
    const v = judge(journals['stop-condition-trip']!());
    const [gap] = gapsOf(v, 'recovery');
    expect(gap).toMatchObject({ severity: 'high', title: 'RTO 8m exceeds the 5m target' });
    expect(gap!.evidence).toContain('last back: p99-latency');
    expect(gap!.fix).toContain('runbooks/checkout-az.md');
    expect(gap!.fix).toContain('checkout-db-failover');
  });

  it('data: measured RPO above the policy', () => {
    const v = judge(journals['single-az-breach']!());
    const [gap] = gapsOf(v, 'data');
    expect(gap).toMatchObject({ severity: 'critical', title: 'RPO 4m exceeds the 1m target' });
    expect(gap!.evidence).toContain('peaked at 240s');
    expect(v.rpo.met).toBe(false);
  });

  it('assessment: Resilience Hub estimated a better RTO (and RPO) than measured', () => {
    const stop = judge(journals['stop-condition-trip']!());
    expect(gapsOf(stop, 'assessment').map((g) => g.title)).toEqual(['Resilience Hub estimates RTO 4m; the game day measured 8m']);
    const breach = judge(journals['single-az-breach']!());
    // RH's own estimate (24 h) is longer than the watch, so "unrecovered" does not contradict it; its 30 s RPO does.
    expect(gapsOf(breach, 'assessment').map((g) => g.title)).toEqual(['Resilience Hub estimates RPO 30s; the game day measured 4m']);
  });

  it('coverage: Resilience Hub recommendations the runbook does not name', () => {
    const v = judge(journals['single-az-breach']!());
    const coverage = gapsOf(v, 'coverage');
    expect(coverage.map((g) => [g.severity, g.title])).toEqual([
      ['medium', 'Resilience Hub recommends test checkout-az-failover-test; the runbook does not cover it'],
      ['low', 'Resilience Hub recommends alarm checkout-db-ReplicaLag; the runbook does not cover it'],
      ['low', 'Resilience Hub recommends SOP checkout-db-restore-from-snapshot; the runbook does not cover it'],
    ]);
    expect(coverage[1]!.fix).toContain('spec.runbook.alarms');
  });

  it('coverage: an alarm Resilience Hub recommends for two app components is one gap, naming both components', () => {
    const rec = (component: string) => ({ name: 'AWSResilienceHub-EcsServiceRunningTaskCountAlarm', type: 'Metric', description: `RunningTaskCount of ${component} below its desired count`, components: [component] });
    const j = checkoutRun('20261126T160000Z-777778', {
      currentRto: 240,
      currentRpo: 30,
      status: 'PolicyMet',
      recommendations: { alarms: [rec('payments/payments-api'), rec('pipeline/order-worker')], sops: [], tests: [] },
    });
    j.experiment(1805, 'completed', j.allActions('completed', { end: 1805 }), { end: 1805 });
    j.restoration(RESTORED, 1900);
    j.ended('completed', 1900, { experimentState: 'completed' });
    const coverage = gapsOf(judge(j.build()), 'coverage');
    expect(coverage.map((g) => g.subject)).toEqual(['alarm AWSResilienceHub-EcsServiceRunningTaskCountAlarm']);
    expect(coverage[0]!.evidence).toContain('for payments/payments-api, pipeline/order-worker: RunningTaskCount of payments/payments-api below its desired count; RunningTaskCount of pipeline/order-worker below its desired count');
  });

  it('safety: a stop condition tripped, with how long stopping took and what it protected', () => {
    const v = judge(journals['stop-condition-trip']!());
    const [gap] = gapsOf(v, 'safety');
    expect(gap!.title).toBe('Stop condition checkout-5xx-critical tripped and stopped the experiment');
    expect(gap!.evidence).toContain('stopping took 12s');
    expect(gap!.evidence).toContain('Stop-ASG-Instances (2 resources)');
    expect(gap!.evidence).not.toContain('Failover-RDS');
    expect(gap!.evidence).toContain('spared 25m 48s of planned fault time');
    expect(v.stops).toEqual([expect.objectContaining({ by: 'fis-stop-condition', latencyMs: 12_000, stoppedAt: '2026-11-26T12:06:12.000Z' })]);
    expect(expectation(v, 'experiment-completed').passed).toBe(false);
  });

  it('unrecovered: the steady state never settled within the watch window', () => {
    const v = judge(journals['single-az-breach']!());
    expect(v.rto).toMatchObject({ state: 'unrecovered', met: false });
    expect(v.rto.measuredSeconds).toBeUndefined();
    const [gap] = gapsOf(v, 'unrecovered');
    expect(gap!.severity).toBe('critical');
    expect(gap!.evidence).toContain('p99-latency: 4.8');
    expect(v.gaps[0]!.kind).toBe('unrecovered'); // most severe first
  });

  it('stale runbook: a detection alarm DescribeAlarms did not find (the run was refused before any fault)', () => {
    const v = judge(journals['stale-runbook']!());
    expect(v.status).toBe('refused');
    expect(v.gaps).toHaveLength(1);
    expect(v.gaps[0]).toMatchObject({ kind: 'stale-runbook', severity: 'high', subject: 'checkout-unhealthy-hosts', title: 'The runbook references alarm checkout-unhealthy-hosts, which does not exist' });
    expect(v.gaps[0]!.fix).toContain('create checkout-unhealthy-hosts');
    expect(expectation(v, 'detection:checkout-unhealthy-hosts')).toMatchObject({ passed: false, evidence: expect.stringMatching(/does not exist/) });
    expect(v.detections?.find((d) => d.alarm === 'checkout-unhealthy-hosts')?.exists).toBe(false);
    expect(v.rto.state).toBe('not-measured');
  });

  it('stale runbook: an alarm probe whose alarm is gone, named inside the steady-state check', () => {
    const events = journals['stale-runbook']!().map((e) =>
      e.type === 'preflight'
        ? { ...e, checks: e.checks.map((c) => (c.subject === 'checkout-ok' ? { ...c, ok: false, message: 'steady state does not hold now: checkout-ok: alarm checkout-5xx-high does not exist' } : c)) }
        : e,
    );
    expect(judge(events).gaps.filter((g) => g.kind === 'stale-runbook').map((g) => g.subject)).toEqual(['checkout-unhealthy-hosts', 'checkout-5xx-high']);
  });

  it('a check that failed for another reason is not a stale runbook', () => {
    const events = journals['stale-runbook']!().map((e) =>
      e.type === 'preflight' ? { ...e, checks: e.checks.map((c) => (c.ok ? c : { ...c, message: 'not checked: identity failed first' })) } : e,
    );
    expect(gapsOf(judge(events), 'stale-runbook')).toEqual([]);
  });
});

describe('judge: impact, stops and notes', () => {
  it('lists what each action hit and its final state', () => {
    const v = judge(journals['multi-az-pass']!());
    const stop = v.impact.find((a) => a.action === 'Stop-ASG-Instances')!;
    expect(stop).toMatchObject({ state: 'completed', rollback: 'automatic', startTime: '2026-11-26T10:02:00.000Z', endTime: '2026-11-26T10:32:05.000Z' });
    expect(stop.resources).toHaveLength(2);
    expect(v.impact.find((a) => a.action === 'Failover-RDS')).toMatchObject({ rollback: 'not rolled back', resources: ['arn:aws:rds:us-east-1:123456789012:cluster:checkout-db'] });
  });

  it('records a signal stop with its latency', () => {
    expect(judge(journals.interrupted!()).stops).toEqual([{ by: 'signal', reason: 'SIGINT from the terminal', latencyMs: 2310, stoppedAt: '2026-11-26T13:03:33.000Z' }]);
  });

  it('places facilitator notes on the service timeline', () => {
    const v = judge(journals['multi-az-pass']!());
    expect(v.notes[0]).toMatchObject({ author: 'Ana', text: expect.stringContaining('Ravi paged'), serviceTime: '2026-11-26T10:03:00.000Z' });
  });
});

describe('judge: input', () => {
  it('refuses a journal without run-started', () => {
    const events = journals['multi-az-pass']!().filter((e) => e.type !== 'run-started');
    expect(() => judge(events)).toThrow(GamedayError);
  });

  it('is pure: the same journal gives the same verdict', () => {
    expect(judge(journals['single-az-breach']!())).toEqual(judge(journals['single-az-breach']!()));
  });

  it('a run still in progress has status running', () => {
    const events = journals['multi-az-pass']!().filter((e) => e.type !== 'run-ended');
    expect(judge(events).status).toBe('running');
  });
});
