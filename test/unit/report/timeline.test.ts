import { describe, expect, it } from 'vitest';
import { timeline } from '../../../src/report/timeline.js';
import { journals } from '../../fixtures/journals/index.js';

describe('the report timeline: one clock', () => {
  it('is sorted by service time, whatever order the journal was written in', () => {
    // the note about 5xx (+70s) is written before the later-arriving p99 datapoints
    const times = timeline(journals['multi-az-pass']!()).flatMap((t) => (t.time ? [Date.parse(t.time)] : []));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('places a metric datapoint at its period’s end, so no breach shows before the fault', () => {
    const entries = timeline(journals['multi-az-pass']!());
    const breach = entries.find((t) => t.kind === 'probe' && t.text.startsWith('p99-latency breached'))!;
    expect(breach).toMatchObject({ time: '2026-11-26T10:04:00.000Z', source: 'probe' }); // stamped 10:03:00 by CloudWatch, period 60 s
    expect(breach.text).toContain('the 60s period from 10:03:00Z');
  });

  it('takes the experiment start from FIS’s startTime, not the last observation before it, and names each row’s source', () => {
    const events = journals['multi-az-pass']!().map((e) => (e.type === 'experiment-started' ? { type: e.type, seq: e.seq, at: e.at, experimentId: e.experimentId } : e));
    const started = timeline(events).find((t) => t.text === 'experiment EXP9z8y7x6w5v4u3 started')!;
    expect(started).toMatchObject({ time: '2026-11-26T10:02:00.000Z', source: 'FIS' });
    const sources = new Set(timeline(events).map((t) => t.source));
    expect([...sources].sort()).toEqual(['CloudWatch alarm', 'FIS', 'gameday', 'note', 'probe']);
  });
});
