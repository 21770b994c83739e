import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../src/core/journal/events.js';
import { WORLDS, injectFault, journalOf, ofType, recordingHost, reportsDir, runOn, sandboxFor, stopAfterEach } from './run-harness.js';

const stopped = stopAfterEach();

/** The AZ game day with CloudWatch's API answering 500 from the moment gameday starts the experiment (`count` calls, or to the end). */
async function gameDayBlindedAtStart(count?: number) {
  const sandbox = stopped(await sandboxFor(WORLDS.multiAz));
  let injected: Promise<void> | undefined;
  const host = recordingHost((event: JournalEvent) => {
    if (event.type === 'start-intent') injected = injectFault(sandbox.url, { service: 'monitoring', kind: 'error500', ...(count === undefined ? {} : { count }) });
  });
  const result = await runOn(sandbox, 'scenarios/checkout-az-power.yaml', { reportsDir: await reportsDir() }, host);
  await injected;
  const report = JSON.parse(await readFile(join(result.runDir, 'report.json'), 'utf8')) as { verdict: { expectations: { id: string; passed: boolean; checked?: false; evidence: string }[]; gaps: { kind: string; title: string }[] } };
  return { result, report, journal: await journalOf(result.runDir) };
}

describe('a game day whose CloudWatch reads fail claims nothing it did not see (the verdict is the product)', () => {
  it('reads failing from the start to the end: RTO not measured, no "no impact", detection not checked, not passed', async () => {
    const { result, report, journal } = await gameDayBlindedAtStart();
    expect(result.status).toBe('completed');
    const gaps = ofType(journal, 'observation-gap');
    expect(gaps.map((g) => g.reads).sort()).toEqual(['alarms', 'probes', 'slo']);
    for (const gap of gaps) expect(gap.until).toBeUndefined();
    // It said "no impact: every steady-state probe held from the fault start through the 120s settle window", RTO 0 s met.
    expect(result.verdict.rto).toMatchObject({ state: 'not-measured' });
    expect(result.verdict.rto.note).toMatch(/could not be read from .*failed cloudwatch:(GetMetricData|DescribeAlarms) polls? until the watch ended.*RTO unknown/);
    const byId = new Map(report.verdict.expectations.map((e) => [e.id, e]));
    expect(byId.get('rto')).toMatchObject({ passed: false, checked: false });
    expect(byId.get('no-relapse')).toMatchObject({ passed: false, checked: false });
    for (const alarm of ['checkout-5xx-high', 'checkout-unhealthy-hosts']) {
      expect(byId.get(`detection:${alarm}`)).toMatchObject({ passed: false, checked: false, evidence: expect.stringMatching(/could not be read from/) });
      // Not a runbook gap "never fired": nobody saw whether it did.
      expect(report.verdict.gaps.filter((g) => g.kind === 'detection' && g.title.includes(alarm))).toEqual([]);
    }
    expect(result.verdict.passed).toBe(false);
  }, 120_000);

  it('reads failing for a while after the start: the gaps close, and the verdict is the one of a run that never lost them', async () => {
    const blinded = await gameDayBlindedAtStart(10);
    const gaps = ofType(blinded.journal, 'observation-gap');
    expect(gaps.length).toBeGreaterThan(0);
    for (const gap of gaps) expect(gap.until).toBeDefined();
    const sandbox = stopped(await sandboxFor(WORLDS.multiAz));
    const clean = await runOn(sandbox, 'scenarios/checkout-az-power.yaml', { reportsDir: await reportsDir() });
    expect(blinded.result.verdict.rto).toEqual(clean.verdict.rto);
    expect(blinded.result.verdict.passed).toBe(clean.verdict.passed);
  }, 120_000);
});
