import { describe, expect, it } from 'vitest';
import { GamedayError } from '../../../src/core/errors.js';
import { judge } from '../../../src/core/verdict/judge.js';
import type { Verdict } from '../../../src/core/verdict/types.js';
import { renderHtml } from '../../../src/report/html.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { buildReportModel } from '../../../src/report/report-model.js';
import { diffRuns } from '../../../src/report/run-diff.js';
import { renderHistory, renderTerminal } from '../../../src/report/terminal.js';
import { journals } from '../../fixtures/journals/index.js';

/** Ctrl-C before Resilience Hub was queried: nothing after the start was checked. */
function interruptedBeforeHub() {
  return journals.interrupted!().filter((e) => e.type !== 'resilience-hub');
}

describe('honest endings: one vocabulary everywhere', () => {
  it('an interrupted run is INCOMPLETE in the verdict, report.md, report.html, the terminal and report list', () => {
    const events = journals.interrupted!();
    const v = judge(events);
    expect(v.outcome).toBe('INCOMPLETE');
    const model = buildReportModel(events, v);
    expect(renderMarkdown(model)).toContain('— INCOMPLETE');
    expect(renderHtml(model)).toContain('<span class="badge INCOMPLETE">INCOMPLETE</span>');
    expect(renderTerminal(model)).toContain('— INCOMPLETE (run interrupted)');
    const line = renderHistory({ reportsDir: 'reports', unreadable: [], runs: [{ scenario: v.scenario, runId: v.runId, runDir: 'x', startedAt: model.run.startedAt, mode: 'sandbox', status: v.status, passed: v.passed, outcome: v.outcome, rto: v.rto, rpo: v.rpo, gaps: 0, gapsBySeverity: { critical: 0, high: 0, medium: 0, low: 0 }, simulation: true }] });
    expect(line).toContain('INCOMPLETE (interrupted)');
  });

  it('an aborted run is ABORTED, not FAILED or INCOMPLETE', () => {
    const events = journals.interrupted!().map((e) => (e.type === 'run-ended' ? { ...e, status: 'aborted' as const } : e));
    expect(judge(events).outcome).toBe('ABORTED');
  });

  it('a run whose recorded pid is dead is listed as abandoned — run gameday abort, not running', () => {
    const v = judge(journals['multi-az-pass']!().filter((e) => e.type !== 'run-ended'));
    const text = renderHistory({ reportsDir: 'reports', unreadable: [], runs: [{ scenario: v.scenario, runId: v.runId, runDir: 'x', startedAt: '2026-11-26T10:00:00Z', mode: 'sandbox', status: v.status, passed: v.passed, outcome: v.outcome, abandoned: true, rto: v.rto, rpo: v.rpo, gaps: 0, gapsBySeverity: { critical: 0, high: 0, medium: 0, low: 0 }, simulation: true }] });
    expect(text).toContain('INCOMPLETE (abandoned — run gameday abort)');
    expect(text).not.toContain('(running)');
  });

  it('never claims the runbook covers Resilience Hub when Resilience Hub was not queried', () => {
    const events = interruptedBeforeHub();
    const v = judge(events);
    expect(v.notChecked[0]).toBe('Resilience Hub policy and recommendations: never queried (the run ended before it)');
    const md = renderMarkdown(buildReportModel(events, v));
    expect(md).not.toContain('covers what Resilience Hub recommends');
    expect(md).toContain('Not checked: Resilience Hub policy and recommendations: never queried');
    expect(v.notChecked.some((n) => n.startsWith('RTO: the run ended (interrupted)'))).toBe(true);
  });
});

describe('report diff: judged by the verdict, then gap severity', () => {
  const failed = () => judge(journals['single-az-breach']!());
  const passedWithRenamedLowGap = (): Verdict => {
    const v = judge(journals['multi-az-pass']!());
    return { ...v, gaps: [{ kind: 'coverage', severity: 'low', subject: 'alarm checkout-db-replica-lag', title: 'renamed low gap', evidence: 'e', fix: 'f' }] };
  };

  it('FAILED → PASSED with the critical gap closed is better, whatever a low gap was renamed to', () => {
    const d = diffRuns(failed(), passedWithRenamedLowGap());
    expect(d.gapsOpened.map((g) => g.severity)).toEqual(['low']);
    expect(d).toMatchObject({ change: 'better', improved: true, regressed: false });
    expect(d.severities.critical).toEqual({ before: 2, after: 0 });
  });

  it('refuses runs of different scenarios (a usage error: exit 2)', () => {
    const other = { ...judge(journals['late-detection']!()) };
    try {
      diffRuns(failed(), other);
      expect.unreachable();
    } catch (error) {
      expect(GamedayError.is(error) && error.code).toBe('USAGE');
      expect((error as Error).message).toMatch(/runs of different scenarios are not comparable/);
    }
  });

  it('the same verdict and gaps but a worse RTO is worse', () => {
    const a = judge(journals['stop-condition-trip']!());
    const b = { ...a, rto: { ...a.rto, measuredSeconds: a.rto.measuredSeconds! + 60 } };
    expect(diffRuns(a, b).change).toBe('worse');
  });
});
