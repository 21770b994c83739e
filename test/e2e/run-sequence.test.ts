import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../src/core/verdict/types.js';
import { runCli } from '../helpers/cli.js';
import { reportsDir } from './run-harness.js';

const ENV = { GAMEDAY_AWS_RETRY_DELAY_MS: '0', AWS_EC2_METADATA_DISABLED: 'true' };

/** `gameday run <scenario> --sandbox` through the real CLI; the verdict and junit.xml it wrote. */
async function playSandbox(scenario: string): Promise<{ code: number | null; verdict: Verdict; junit: string }> {
  const dir = await reportsDir();
  const r = await runCli(['run', scenario, '--sandbox', '--yes', '--json', '--reports-dir', dir], { env: ENV, timeoutMs: 120_000 });
  const { runDir } = JSON.parse(r.stdout) as { runDir: string };
  const report = JSON.parse(await readFile(join(runDir, 'report.json'), 'utf8')) as { verdict: Verdict };
  return { code: r.code, verdict: report.verdict, junit: await readFile(join(runDir, 'junit.xml'), 'utf8') };
}

const action = (v: Verdict, name: string) => v.impact.find((a) => a.action === name)!;
const seconds = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;

describe('game days whose actions run in sequence (startAfter), on the sandbox through the CLI', () => {
  it('a chain that held for 10 minutes and broke when its second action ran: RTO from the impact (met), the alarm judged from its own action', async () => {
    const { code, verdict: v } = await playSandbox('test/fixtures/run/catalog-cpu-chain.yaml');
    expect(code).toBe(0);
    expect(v.outcome).toBe('PASSED');
    const heavy = action(v, 'CPU-Stress-Heavy');
    expect(seconds(v.disruptionStart!, heavy.startTime!)).toBe(600);
    // one impact, begun during the second action, long after the fault started
    expect(v.impactIntervals).toHaveLength(1);
    expect(v.impactIntervals[0]).toMatchObject({ actions: ['CPU-Stress-Heavy'], relapse: false });
    expect(v.rto.timeToImpactSeconds!).toBeGreaterThan(600);
    // RTO runs from the impact: within the 5m target, although recovery came more than 10m after the fault started
    expect(v.rto).toMatchObject({ state: 'measured', met: true, impactStart: v.impactIntervals[0]!.start });
    expect(v.rto.measuredSeconds).toBe(seconds(v.rto.impactStart!, v.recoveredAt!));
    expect(v.rto.measuredSeconds!).toBeLessThanOrEqual(300);
    expect(v.rto.fromFaultSeconds!).toBeGreaterThan(600);
    // per action: the heavy stress's own RTO, and the alarm meant to catch it, timed from its start
    expect(heavy).toMatchObject({ firstImpact: v.impactIntervals[0]!.start, recovered: v.recoveredAt, rtoSeconds: v.rto.measuredSeconds });
    expect(action(v, 'CPU-Stress-Light').firstImpact).toBeUndefined();
    const [detection] = v.detections!;
    expect(detection).toMatchObject({ alarm: 'catalog-cpu-high', after: 'CPU-Stress-Heavy', afterNamed: true, from: heavy.startTime });
    expect(detection!.delaySeconds!).toBeLessThanOrEqual(180);
    expect(seconds(v.disruptionStart!, detection!.firedAt!)).toBeGreaterThan(180);
    expect(v.gaps).toEqual([]);
  });

  it('a second breach after the system had recovered is judged: a relapse, attributed to the action running then, and recovery is its end', async () => {
    const { code, verdict: v, junit } = await playSandbox('test/fixtures/run/catalog-cpu-sequence.yaml');
    expect(code).toBe(1);
    expect(v.outcome).toBe('FAILED');
    expect(v.impactIntervals.map((i) => [i.actions, i.relapse])).toEqual([
      [['CPU-Stress-Heavy'], false],
      [['CPU-Stress-Again'], true],
    ]);
    const [first, relapse] = v.impactIntervals;
    // it had held for longer than the settle window in between
    expect(seconds(first!.end!, relapse!.start)).toBeGreaterThanOrEqual(120);
    expect(v.recoveredAt).toBe(relapse!.end);
    expect(v.rto.measuredSeconds).toBe(seconds(first!.start, relapse!.end!));
    expect(v.expectations.find((e) => e.id === 'no-relapse')).toMatchObject({ passed: false });
    expect(v.gaps.find((g) => g.kind === 'relapse')!.evidence).toMatch(/during CPU-Stress-Again/);
    // each action's own RTO, from the impact it caused
    expect(action(v, 'CPU-Stress-Heavy').rtoSeconds).toBe(first!.durationSeconds);
    expect(action(v, 'CPU-Stress-Again').rtoSeconds).toBe(relapse!.durationSeconds);
    const suites = new XMLParser({ ignoreAttributes: false, isArray: (n) => ['testsuite', 'testcase', 'property'].includes(n) }).parse(junit).testsuites.testsuite as { '@_name': string; properties?: { property: { '@_name': string; '@_value': string }[] } }[];
    const props = Object.fromEntries(suites.find((s) => s['@_name'].endsWith('measurements'))!.properties!.property.map((p) => [p['@_name'], p['@_value']]));
    expect(props).toMatchObject({ 'impact.intervals': '2', 'impact.relapses': '1', 'action.CPU-Stress-Again.rtoSeconds': String(relapse!.durationSeconds) });
  });
});
