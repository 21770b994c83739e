import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../../src/core/journal/events.js';
import { judge } from '../../../src/core/verdict/judge.js';
import { liveView, safeLiveView } from '../../../src/live/live-view.js';
import { journals } from '../../fixtures/journals/index.js';

const trip = journals['stop-condition-trip']!;
/** The journal as it stood just after the n-th event of the given type was written. */
function upTo(events: JournalEvent[], type: JournalEvent['type'], n = 1): JournalEvent[] {
  let seen = 0;
  const i = events.findIndex((e) => e.type === type && ++seen === n);
  return events.slice(0, i + 1);
}

describe('the live view: journal events → what the room sees', () => {
  it('before run-started: waiting, nothing else', () => {
    expect(liveView([])).toEqual({ events: 0, phase: 'waiting', actions: [], alarms: [], probes: [], marks: [], stops: [], entries: [], timelineSvg: '' });
  });

  it('mid-run: running, each action’s and alarm’s current state, the RTO budget running from the fault start', () => {
    const events = upTo(trip(), 'alarm-state', 5);
    const view = liveView(events);
    const verdict = judge(events);
    expect(view.phase).toBe('running');
    expect(view.ended).toBeUndefined();
    expect(view.run).toMatchObject({ runId: '20261126T120000Z-0a0b0c', scenario: 'checkout-az-power', simulation: true, experimentState: 'running' });
    expect(view.actions.length).toBeGreaterThan(0);
    expect(view.actions.every((a) => a.state === 'running')).toBe(true);
    expect(view.alarms.find((a) => a.alarm === 'checkout-5xx-high')).toEqual({ alarm: 'checkout-5xx-high', state: 'ALARM', roles: ['detection', 'steady-state'] });
    expect(view.alarms.find((a) => a.alarm === 'checkout-5xx-critical')?.state).toBe('OK');
    expect(liveView(upTo(events, 'preflight')).alarms.map((a) => a.state)).toEqual(['not seen yet', 'not seen yet', 'not seen yet']);
    expect(liveView(upTo(events, 'preflight')).budget?.state).toBe('before-fault');
    expect(view.faultStart).toBe(verdict.disruptionStart);
    expect(view.budget).toEqual({
      targetSeconds: verdict.rto.targetSeconds,
      target: '5m',
      source: 'Resilience Hub policy',
      deadline: new Date(Date.parse(verdict.disruptionStart!) + verdict.rto.targetSeconds! * 1000).toISOString(),
      state: 'running',
    });
    // a datapoint counts at its period's end, as on the report's timeline
    expect(view.serviceTime).toBe('2026-11-26T12:04:00.000Z');
    expect(view.timelineSvg).toContain('<svg class="timeline"');
    expect(view.entries).toContainEqual({ clock: '12:03:40Z (+1m 40s)', source: 'CloudWatch alarm', text: 'checkout-unhealthy-hosts → ALARM [detection]', alert: true });
  });

  it('grows with the journal: each new probe datapoint is a new point on the chart, and the latest value is shown', () => {
    const events = trip();
    const first = liveView(upTo(events, 'probe-sample', 2));
    const later = liveView(upTo(events, 'probe-sample', 5));
    const circles = (svg: string) => svg.split('<circle').length - 1;
    expect(circles(later.timelineSvg)).toBeGreaterThan(circles(first.timelineSvg));
    const p99 = later.probes.find((p) => p.name === 'p99-latency')!;
    expect(p99).toMatchObject({ role: 'steady-state', threshold: '< 1.5', ok: false });
    expect(later.entries.length).toBeGreaterThan(first.entries.length);
  });

  it('at the end: the outcome, the stops, and the budget as the verdict measured it', () => {
    const events = trip();
    const view = liveView(events);
    const verdict = judge(events);
    expect(view.phase).toBe('ended');
    expect(view.ended).toEqual({ status: 'stopped', reason: 'FIS stopped the experiment on stop condition checkout-5xx-critical', outcome: verdict.outcome });
    expect(view.budget).toMatchObject({ state: 'recovered', recoveredAt: verdict.recoveredAt, rtoSeconds: verdict.rto.measuredSeconds, met: verdict.rto.met });
    expect(view.run?.experimentState).toBe('stopped');
  });

  it('an interrupted run that never recovered: the budget says unrecovered', () => {
    const events = journals.interrupted!();
    const view = liveView(events);
    expect(view.phase).toBe('ended');
    expect(view.stops.map((s) => s.by)).toEqual(judge(events).stops.map((s) => s.by));
    if (!judge(events).recoveredAt) expect(view.budget?.state).toBe('unrecovered');
  });

  it('marks and stops as they arrive, on the service clock with the offset from the fault', () => {
    const events = upTo(trip(), 'alarm-state', 5);
    const seq = events.length;
    const more: JournalEvent[] = [
      { seq, at: '2026-11-26T12:04:00.500Z', type: 'mark', mark: 'detected', time: '2026-11-26T12:03:30.000Z', timeSource: 'service-clock', by: 'Ana', text: 'pager went off' },
      { seq: seq + 1, at: '2026-11-26T12:04:01.000Z', type: 'stop-requested', by: 'signal', reason: 'stopped by the Stop button on the live page', requestedAt: '2026-11-26T12:04:01.000Z', stoppedState: 'stopped' },
    ];
    const view = liveView([...events, ...more]);
    expect(view.marks).toEqual([{ mark: 'detected', time: '2026-11-26T12:03:30.000Z', clock: '12:03:30Z (+1m 30s)', by: 'Ana', text: 'pager went off' }]);
    expect(view.stops).toEqual([{ by: 'signal', reason: 'stopped by the Stop button on the live page', stoppedState: 'stopped' }]);
  });

  it('journal text is untrusted: the chart escapes it, the entries carry it as plain text for the page to show as text', () => {
    const events = trip();
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const noted = events.map((e) => (e.type === 'note' ? { ...e, text: hostile, author: '"><svg onload=alert(3)>' } : e));
    const view = liveView(noted);
    expect(view.timelineSvg).not.toMatch(/<script|<img|<svg onload/);
    expect(view.timelineSvg).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(view.entries.some((t) => t.text === `note ("><svg onload=alert(3)>): ${hostile}`)).toBe(true);
  });

  it('every prefix of every fixture journal gives a whole view (the page never shows a half-judged run as an error)', () => {
    for (const [name, make] of Object.entries(journals)) {
      const events = make();
      for (let n = 0; n <= events.length; n++) {
        const view = safeLiveView(events.slice(0, n));
        expect(view.problem, `${name} after ${n} events`).toBeUndefined();
        expect(view.events).toBe(n);
      }
    }
  });

  it('a journal that cannot be judged still shows its phase and says why the rest is missing', () => {
    const events = trip().map((e) => (e.type === 'run-started' ? ({ ...e, plan: undefined } as unknown as JournalEvent) : e));
    const view = safeLiveView(events);
    expect(view.phase).toBe('ended');
    expect(view.problem).toMatch(/^the journal could not be shown: /);
  });
});
