import { describe, expect, it } from 'vitest';
import type { MarkAdded } from '../../../src/core/journal/events.js';
import { judge } from '../../../src/core/verdict/judge.js';
import { JournalBuilder } from '../../helpers/journal-builder.js';
import { catalogCpuStressPlan } from '../../fixtures/plans.js';

function mark(j: JournalBuilder, seconds: number, kind: MarkAdded['mark'], by: string, timeSource: MarkAdded['timeSource'] = 'given'): void {
  j.add({ type: 'mark', mark: kind, time: j.t(seconds), timeSource, by }, seconds);
}

/** catalog-cpu-stress: impact at +1m for a minute, recovered, then the steady state broke again at +15m. */
function relapsingRun(options: { facilitated?: boolean; marks?: (j: JournalBuilder) => void } = {}) {
  const plan = catalogCpuStressPlan();
  const j = new JournalBuilder(plan, '20261126T140000Z-5e0e0e', Date.parse('2026-11-26T14:02:00Z'));
  j.runStarted({ facilitated: options.facilitated ?? false });
  j.resilienceHub({ recommendations: { alarms: [], sops: [], tests: [] }, note: 'no app' });
  j.preflight();
  for (const p of plan.probes) if (p.alarm) j.alarm(-60, p.alarm, 'OK', ['steady-state']);
  for (const d of plan.detection) j.alarm(-60, d.alarm, 'OK', ['detection']);
  j.started();
  j.experiment(0, 'running', j.allActions('running', { start: 0 }));
  const steady = plan.probes.find((p) => p.alarm)!.alarm!;
  j.alarm(60, steady, 'ALARM', ['steady-state']);
  j.alarm(90, plan.detection[0]!.alarm, 'ALARM', ['detection']);
  j.alarm(120, steady, 'OK', ['steady-state']);
  j.alarm(300, plan.detection[0]!.alarm, 'OK', ['detection']);
  j.alarm(900, steady, 'ALARM', ['steady-state']);
  j.alarm(930, plan.detection[0]!.alarm, 'ALARM', ['detection']);
  j.alarm(1020, steady, 'OK', ['steady-state']);
  options.marks?.(j);
  j.experiment(1200, 'completed', j.allActions('completed', { start: 0, end: 1200 }), { end: 1200 });
  j.ended('completed', 1300, { experimentState: 'completed' });
  return j.build();
}

describe('human timings per disruption', () => {
  it('the fault and each relapse are disruptions of their own; a mark counts in the one it falls in, from that one’s start', () => {
    const v = judge(
      relapsingRun({
        marks: (j) => {
          mark(j, 100, 'detected', 'Ravi');
          mark(j, 130, 'mitigated', 'Ana');
          mark(j, 960, 'detected', 'Ravi', 'last-observation');
          mark(j, 1000, 'engaged', 'Ana');
        },
      }),
    );
    expect(v.impactIntervals.map((i) => i.relapse)).toEqual([false, true]);
    const [fault, relapse] = v.humanTimings;
    expect(fault).toMatchObject({
      n: 1,
      kind: 'fault',
      start: '2026-11-26T14:02:00.000Z',
      detectByAlarm: { seconds: 90 },
      detectByPeople: { seconds: 100, source: 'detected mark by Ravi (time given with --at)' },
      mitigate: { seconds: 130 },
      recover: { seconds: 120 },
      engage: { source: 'nobody marked engaged' },
    });
    expect(relapse).toMatchObject({
      n: 2,
      kind: 'relapse',
      start: '2026-11-26T14:17:00.000Z',
      detectByAlarm: { seconds: 30, source: expect.stringContaining('went to ALARM') },
      detectByPeople: { seconds: 60, source: 'detected mark by Ravi (at the last service time observed when marked)' },
      engage: { seconds: 100 },
      recover: { seconds: 120 },
    });
    // Never an average: each disruption keeps its own numbers.
    expect(JSON.stringify(v.humanTimings)).not.toMatch(/mean|average|median/i);
  });

  it('a facilitated run without marks says which ones nobody made; an unfacilitated one does not', () => {
    expect(judge(relapsingRun({ facilitated: true })).notChecked).toContainEqual(expect.stringContaining("people's timings: nobody marked detected, engaged, mitigated"));
    expect(judge(relapsingRun({ facilitated: true })).facilitated).toBe(true);
    expect(judge(relapsingRun()).notChecked.join(' ')).not.toContain("people's timings");
  });

  it('no fault injected: no timings at all', () => {
    const j = new JournalBuilder(catalogCpuStressPlan());
    j.runStarted();
    j.ended('refused', 0, { reason: 'preflight failed' });
    expect(judge(j.build()).humanTimings).toEqual([]);
  });
});
