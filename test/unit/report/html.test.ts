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

  it('links the runbook as a path from the report and an http(s) address only: never a javascript: or another host’s link', () => {
    const located = (fromRunDir: string, repositoryUrl: string) =>
      html('multi-az-pass', (events) =>
        events.map((e) => (e.type === 'run-started' ? { ...e, plan: { ...e.plan, runbook: { path: 'runbooks/checkout.md', sops: [], alarms: [], tests: [] } }, runbookLocation: { fromRunDir, repositoryUrl } } : e)),
      );
    expect(located('../../../runbooks/checkout.md', 'https://github.com/acme/shop/blob/main/runbooks/checkout.md')).toContain(
      '<a href="../../../runbooks/checkout.md"><code>runbooks/checkout.md</code></a> (<a href="https://github.com/acme/shop/blob/main/runbooks/checkout.md">in the repository</a>)',
    );
    for (const [fromRunDir, repositoryUrl] of [
      ['javascript:alert(1)', 'javascript:alert(2)'],
      ['JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(2)</script>'],
      ['//evil.example/runbook', 'vbscript:msgbox(1)'],
    ]) {
      const out = located(fromRunDir!, repositoryUrl!);
      // The path stays a path on this host (its colon encoded, `//` made `.//`); the address is no link.
      expect(out, fromRunDir).toMatch(/Runbook: <a href="(?:javascript%3Aalert\(1\)|JaVaScRiPt%3Aalert\(1\)|\.\/\/evil\.example\/runbook)"><code>runbooks\/checkout\.md<\/code><\/a>(?! \()/);
      expect(out, fromRunDir).not.toMatch(/href="[a-z]+:|href="\/\/|in the repository/i);
    }
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
