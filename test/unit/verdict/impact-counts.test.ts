import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../../src/core/journal/events.js';
import type { PlannedCount } from '../../../src/core/plan/types.js';
import { judge } from '../../../src/core/verdict/judge.js';
import { renderHtml } from '../../../src/report/html.js';
import { renderJunit } from '../../../src/report/junit.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { buildReportModel } from '../../../src/report/report-model.js';
import { renderTerminal } from '../../../src/report/terminal.js';
import { journals } from '../../fixtures/journals/index.js';

const FAILED_REQUESTS: PlannedCount = {
  id: 'c0',
  name: 'failed requests',
  metric: { namespace: 'AWS/ApplicationELB', name: 'HTTPCode_Target_5XX_Count', dimensions: { LoadBalancer: 'app/checkout-alb/50dc6c495c0c9188' }, stat: 'Sum', period: 60 },
  baselineSeconds: 600,
};

const T0 = Date.parse('2026-11-26T10:02:00Z');
const t = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

/**
 * The multi-AZ pass with spec.impact declared: the failover minute threw 1,613 errors on top of a baseline of 2 a
 * minute; the steady state held well enough that the game day PASSED.
 */
function passedWithErrors(points?: { timestamp: string; value: number }[]): JournalEvent[] {
  const events = journals['multi-az-pass']!().map((e) => (e.type === 'run-started' ? { ...e, plan: { ...e.plan, impact: [FAILED_REQUESTS] } } : e));
  const end = events.findIndex((e) => e.type === 'run-ended');
  const series = points ?? [
    ...Array.from({ length: 10 }, (_, i) => ({ timestamp: t(-600 + i * 60), value: 2 })),
    { timestamp: t(0), value: 1615 },
    ...Array.from({ length: 31 }, (_, i) => ({ timestamp: t(60 + i * 60), value: 2 })),
  ];
  const sampled: JournalEvent = {
    seq: 0,
    at: events[end]!.at,
    type: 'impact-metric',
    count: 'failed requests',
    countId: 'c0',
    metric: { ...FAILED_REQUESTS.metric, dimensions: FAILED_REQUESTS.metric.dimensions! },
    from: t(-660),
    until: t(1960),
    points: series,
  };
  return [...events.slice(0, end), sampled, ...events.slice(end)].map((e, seq) => ({ ...e, seq }));
}

describe('impact in numbers (spec.impact)', () => {
  it('an Aurora failover that PASSED with 1,613 errors in a minute says "≈ 1,600 failed requests", with the total and the baseline rate', () => {
    const v = judge(passedWithErrors());
    expect(v.outcome).toBe('PASSED');
    expect(v.impactCounts).toEqual([
      {
        name: 'failed requests',
        metric: 'AWS/ApplicationELB HTTPCode_Target_5XX_Count Sum',
        state: 'measured',
        windowStart: '2026-11-26T10:02:00.000Z',
        windowEnd: '2026-11-26T10:34:40.000Z',
        total: 1677,
        baseline: { seconds: 600, total: 20, perMinute: 2 },
        excess: 1611.67,
        headline: '≈ 1,600 failed requests',
        summary:
          '≈ 1,600 failed requests above the baseline: 1,677 in all (AWS/ApplicationELB HTTPCode_Target_5XX_Count Sum) over 2026-11-26T10:02:00.000Z → 2026-11-26T10:34:40.000Z (32m 40s, the fault start to the end of observation); baseline 2 a minute over the 10m before the fault (20 in all)',
      },
    ]);
  });

  it('is in report.md, report.html, the terminal and junit.xml', () => {
    const events = passedWithErrors();
    const model = buildReportModel(events, judge(events));
    const md = renderMarkdown(model);
    expect(md).toContain('- Impact in numbers: **≈ 1,600 failed requests** — ≈ 1,600 failed requests above the baseline: 1,677 in all');
    expect(md).toContain('| failed requests | AWS/ApplicationELB HTTPCode_Target_5XX_Count Sum | 1,677 (10:02:00Z (+0s) → 10:34:40Z (+32m 40s)) | 2 a minute over 10m | ≈ 1,600 failed requests |');
    expect(renderHtml(model)).toContain('<span>Impact: failed requests</span><b>≈ 1,600</b><span>1,677 in all; baseline 2/min</span>');
    expect(renderTerminal(model)).toContain('  Impact: ≈ 1,600 failed requests\n');
    const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testsuite' || name === 'testcase' || name === 'property' }).parse(renderJunit(model));
    const measurements = doc.testsuites.testsuite.find((s: { '@_name': string }) => s['@_name'].endsWith('measurements'));
    const props = Object.fromEntries(measurements.properties.property.map((p: { '@_name': string; '@_value': string }) => [p['@_name'], p['@_value']]));
    expect(props).toMatchObject({ 'impact.count.failed requests.total': '1677', 'impact.count.failed requests.baselinePerMinute': '2', 'impact.count.failed requests.excess': '1611.67' });
    expect(measurements.testcase.map((c: { '@_name': string }) => c['@_name'])).toContain('impact in numbers: ≈ 1,600 failed requests');
  });

  it('without a baseline datapoint it gives the total and says there is nothing to compare with; an unread metric is not measured', () => {
    const v = judge(passedWithErrors([{ timestamp: t(0), value: 1613 }]));
    expect(v.impactCounts[0]).toMatchObject({ total: 1613, headline: '1,613 failed requests' });
    expect(v.impactCounts[0]!.summary).toMatch(/no datapoint in the 10m before the fault, so no baseline to compare with$/);
    const unread = judge(passedWithErrors().filter((e) => e.type !== 'impact-metric'));
    expect(unread.impactCounts[0]).toMatchObject({ state: 'not-measured', summary: 'failed requests: not measured — the run ended before AWS/ApplicationELB HTTPCode_Target_5XX_Count Sum was read (it is read after the watch)' });
  });

  it('a count that stayed at its baseline says so, never a number the fault did not add', () => {
    const flat = [...Array.from({ length: 10 }, (_, i) => ({ timestamp: t(-600 + i * 60), value: 2 })), ...Array.from({ length: 32 }, (_, i) => ({ timestamp: t(i * 60), value: 2 }))];
    expect(judge(passedWithErrors(flat)).impactCounts[0]).toMatchObject({ excess: 0, headline: 'no failed requests above the baseline' });
  });
});
