import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { judge } from '../../../src/core/verdict/judge.js';
import { renderHtml } from '../../../src/report/html.js';
import { renderJunit } from '../../../src/report/junit.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { buildReportModel } from '../../../src/report/report-model.js';
import { renderHistory, renderTerminal } from '../../../src/report/terminal.js';
import { checkoutRun } from '../../fixtures/journals/checkout-common.js';

/**
 * Ctrl-C at +6m40s while StopExperiment kept failing (exit 4): FIS last reported the experiment running;
 * no run-ended, no restoration, no Resilience Hub. Until then the system had dipped and come back, and
 * the data-loss probe was within its target — but the fault may still be injecting.
 */
function unconfirmedRun() {
  const j = checkoutRun('20261126T150000Z-0d0e0f', { currentRto: 240, currentRpo: 30, status: 'PolicyMet' }, {}, '2026-11-26T15:02:00Z');
  j.series('p99-latency', 0, [0.41, 2.3, 0.52, 0.47, 0.45, 0.44, 0.43]);
  j.alarm(60, 'checkout-5xx-high', 'ALARM', ['steady-state', 'detection']);
  j.alarm(90, 'checkout-unhealthy-hosts', 'ALARM', ['detection']);
  j.alarm(150, 'checkout-5xx-high', 'OK', ['steady-state', 'detection']);
  j.dataLoss(60, 4);
  j.dataLoss(120, 0);
  j.add({ type: 'stop-requested', by: 'signal', reason: 'interrupted by a signal', requestedAt: j.t(400), stoppedState: 'running' }, 400);
  return j.build().filter((e) => e.type !== 'resilience-hub');
}

describe('a stop FIS never confirmed (exit 4): say what was and was not observed', () => {
  it('is INCOMPLETE with the stop named; nothing after the stop request is a pass or a failure', () => {
    const v = judge(unconfirmedRun());
    expect(v.outcome).toBe('INCOMPLETE');
    expect(v.status).toBe('stop-unconfirmed');
    expect(v.stopUnconfirmed).toMatchObject({ by: 'signal', requestedAt: '2026-11-26T15:08:40.000Z', lastState: 'running', experimentId: 'EXP9z8y7x6w5v4u3' });
    const byId = Object.fromEntries(v.expectations.map((e) => [e.id, e]));
    // observed before the stop request: these stand
    expect(byId['steady-state-before']).toMatchObject({ passed: true });
    expect(byId['detection:checkout-5xx-high']).toMatchObject({ passed: true });
    // whatever the experiment did after it is unknown: the RTO (a relapse may follow), the RPO (data may still be lost), restoration, completion
    for (const id of ['rto', 'no-relapse', 'rpo', 'restoration', 'experiment-completed']) {
      expect(byId[id], id).toMatchObject({ passed: false, checked: false });
      expect(byId[id]!.evidence, id).toMatch(/FIS never confirmed the stop gameday asked for \(signal, 2026-11-26T15:08:40.000Z; it last reported the experiment running\)/);
    }
    expect(v.rto.state).toBe('not-measured');
    expect(v.rpo.met).toBeUndefined();
    expect(v.rpo.note).toMatch(/so far: FIS never confirmed the stop/);
    expect(v.notChecked).toHaveLength(2);
    expect(v.notChecked[1]).toBe('Resilience Hub policy and recommendations: never queried (the run ended before it)');
    expect(v.notChecked[0]).toBe('everything after 2026-11-26T15:08:40.000Z: FIS never confirmed the stop gameday asked for (signal, 2026-11-26T15:08:40.000Z; it last reported the experiment running), so the fault may still be injecting');
  });

  it('report.md, report.html, the terminal and junit.xml say "not checked" and "stop not confirmed", never FAILED or a pass for them', () => {
    const events = unconfirmedRun();
    const model = buildReportModel(events, judge(events));
    const md = renderMarkdown(model);
    expect(md).toContain('# Game day report: checkout-az-power — INCOMPLETE');
    expect(md).toContain('run stop-unconfirmed; 3 of 8 expectations met, 5 not checked');
    expect(md).toMatch(/\*\*Stop not confirmed: FIS never confirmed the stop .*Observed: everything up to the stop request; not observed: whatever followed it\. Stop the experiment with gameday abort 20261126T150000Z-0d0e0f, gameday halt, or aws fis stop-experiment --id EXP9z8y7x6w5v4u3\.\*\*/);
    expect(md).not.toContain('FAIL');
    expect(md).not.toContain('FAILED');
    expect(md).toContain('| not checked | Data loss within the RPO target 1m (scenario) |');
    expect(md).toContain('| RPO | 4s | 1m (scenario) | — | — |');
    const html = renderHtml(model);
    expect(html).toContain('<td class="unchecked">not checked</td><td>The experiment ran to completion</td>');
    expect(html).toContain('Stop not confirmed: FIS never confirmed the stop');
    const text = renderTerminal(model);
    expect(text).toContain('Stop not confirmed:');
    expect(text).toContain('  not checked  Everything the fault touched was restored');
    expect(text).not.toMatch(/FAIL/);
    const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testsuite' || name === 'testcase' }).parse(renderJunit(model));
    const expectations = doc.testsuites.testsuite[0];
    expect(expectations['@_failures']).toBe('0');
    expect(expectations['@_skipped']).toBe('5');
    const skipped = expectations.testcase.filter((c: { skipped?: unknown }) => c.skipped !== undefined).map((c: { '@_name': string }) => c['@_name'].split(':')[0]);
    expect(skipped).toEqual(['rto', 'no-relapse', 'rpo', 'restoration', 'experiment-completed']);
  });

  it('report list says the stop was not confirmed and what to do, not "running" or "abandoned"', () => {
    const v = judge(unconfirmedRun());
    const text = renderHistory({ reportsDir: 'reports', unreadable: [], runs: [{ scenario: v.scenario, runId: v.runId, runDir: 'x', startedAt: '2026-11-26T15:00:00Z', mode: 'sandbox', simulation: true, status: v.status, passed: v.passed, outcome: v.outcome, rto: v.rto, rpo: v.rpo, gaps: 0, gapsBySeverity: { critical: 0, high: 0, medium: 0, low: 0 } }] });
    expect(text).toContain('INCOMPLETE (stop not confirmed — run gameday abort)');
  });

  it('once FIS reports the experiment ended (a later observation), the stop counts as confirmed', () => {
    const j = checkoutRun('20261126T150000Z-0d0e0f', { currentRto: 240, currentRpo: 30, status: 'PolicyMet' }, {}, '2026-11-26T15:02:00Z');
    j.add({ type: 'stop-requested', by: 'signal', reason: 'interrupted by a signal', requestedAt: j.t(400), stoppedState: 'stopping' }, 400);
    j.experiment(410, 'stopped', j.allActions('stopped', { end: 410 }), { end: 410 });
    const v = judge(j.build());
    expect(v.stopUnconfirmed).toBeUndefined();
    expect(v.status).toBe('running');
  });
});
