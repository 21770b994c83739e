import { describe, expect, it } from 'vitest';
import { judge } from '../../../src/core/verdict/judge.js';
import { renderHtml } from '../../../src/report/html.js';
import { buildReportModel } from '../../../src/report/report-model.js';
import { journals } from '../../fixtures/journals/index.js';

function html(name: string, edit: (events: ReturnType<(typeof journals)[string]>) => ReturnType<(typeof journals)[string]> = (e) => e): string {
  const events = edit(journals[name]!());
  return renderHtml(buildReportModel(events, judge(events)));
}

describe('report.html', () => {
  it('escapes everything the journal carries', () => {
    const out = html('stop-condition-trip', (events) =>
      events.map((e) => {
        if (e.type === 'note') return { ...e, text: '<script>alert(1)</script>', author: '"><img src=x onerror=alert(2)>' };
        if (e.type === 'alarm-state' && e.reason) return { ...e, reason: "</title><svg onload=alert(3)>" };
        return e;
      }),
    );
    expect(out).not.toMatch(/<script|<img|<svg onload/i);
    expect(out).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('is self-contained: no scripts, no external references, a CSP that forbids them', () => {
    const out = html('multi-az-pass');
    expect(out).not.toMatch(/<script|<link|@import|url\(/i);
    expect(out).not.toMatch(/(src|href)="(https?:)?\/\//);
    expect(out).toContain(`content="default-src 'none'; style-src 'unsafe-inline'; img-src data:"`);
    expect(out).toContain('@media print');
    expect(out).toContain('name="viewport"');
  });

  it('draws the RTO budget, the fault, detections and recovery on the timeline', () => {
    const out = html('multi-az-pass');
    expect(out).toContain('RTO target 5m');
    expect(out).toContain('recovered: RTO 3m');
    expect(out.match(/class="detected"/g)).toHaveLength(2);
    expect(out).toContain('class="marker fault"');
  });

  it('marks a late detection as late', () => {
    expect(html('late-detection')).toContain('class="detected-late"');
  });
});
