import { describe, expect, it } from 'vitest';
import { judge } from '../../../src/core/verdict/judge.js';
import { buildReportModel } from '../../../src/report/report-model.js';
import { renderTimelineSvg } from '../../../src/report/svg-timeline.js';
import { checkoutRun, RESTORED } from '../../fixtures/journals/checkout-common.js';

/**
 * The p99 datapoint CloudWatch stamps 10 s *before* the fault (its period runs −10s…+50s) is breached, so is
 * the one stamped +2m50s; in between the steady state held for the 2-minute settle window: two impact
 * intervals, the second a relapse.
 */
function relapsingCheckout() {
  const j = checkoutRun('20261126T160000Z-5b5b5b', { currentRto: 240, currentRpo: 30, status: 'PolicyMet' }, {}, '2026-11-26T16:02:00Z');
  j.series('p99-latency', -70, [0.41, 2.4, 0.5, 0.46, 2.2, 0.44, 0.43, 0.45, 0.42]);
  j.experiment(1805, 'completed', j.allActions('completed', { end: 1805 }), { end: 1805 });
  j.restoration(RESTORED, 1960);
  j.ended('completed', 1960, { experimentState: 'completed' });
  return j.build();
}

const attr = (tag: string, name: string) => Number(new RegExp(`${name}="([-0-9.]+)"`).exec(tag)![1]);

describe('the SVG timeline', () => {
  const events = relapsingCheckout();
  const model = buildReportModel(events, judge(events));
  const svg = renderTimelineSvg(model);
  const faultX = attr(/<line [^>]*class="marker fault"\/>/.exec(svg)![0], 'x1');
  const breached = [...svg.matchAll(/<circle [^>]*fill="#c62828"><title>[^<]*\(breached\)<\/title>/g)].map((m) => attr(m[0], 'cx'));
  const bands = [...svg.matchAll(/<rect [^>]*class="impact( relapse)?"><title>([^<]*)<\/title>/g)].map((m) => ({ x: attr(m[0], 'x'), width: attr(m[0], 'width'), relapse: !!m[1], title: m[2]! }));

  it('plots no breach before the fault: a datapoint sits at its period’s end', () => {
    expect(model.verdict.impactIntervals.map((i) => i.startOffsetSeconds)).toEqual([50, 230]);
    expect(breached).toHaveLength(2);
    for (const x of breached) expect(x).toBeGreaterThan(faultX);
  });

  it('draws one red band per impact interval, starting where its breached datapoint is drawn; the relapse darker', () => {
    expect(bands.map((b) => b.relapse)).toEqual([false, true]);
    expect(bands.map((b) => b.x)).toEqual(breached);
    // each band lasts its interval: one minute of the axis, so both are the same width
    expect(bands[0]!.width).toBeGreaterThan(0);
    expect(bands[1]!.width).toBeCloseTo(bands[0]!.width, 0);
    expect(bands[0]!.title).toMatch(/^impact: p99-latency 2.4 from 2026-11-26T16:02:50.000Z to 2026-11-26T16:03:50.000Z \(during Pause-Instance-Launches, /);
    expect(bands[1]!.title).toMatch(/^relapse: p99-latency 2.2 from 2026-11-26T16:05:50.000Z to 2026-11-26T16:06:50.000Z/);
  });
});
