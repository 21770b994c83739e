import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { judge } from '../../../src/core/verdict/judge.js';
import { renderJunit } from '../../../src/report/junit.js';
import { buildReportModel } from '../../../src/report/report-model.js';
import { journals } from '../../fixtures/journals/index.js';
import { relapsingSequence } from '../../fixtures/journals/catalog-sequence.js';

type Case = { '@_name': string; failure?: { '@_type': string; '@_message': string }; 'system-out'?: string; skipped?: unknown };
type Suite = { '@_name': string; '@_tests': string; '@_failures': string; testcase: Case[]; properties?: { property: { '@_name': string; '@_value': string }[] } };

function parse(xml: string): Suite[] {
  const valid = XMLValidator.validate(xml);
  expect(valid).toBe(true);
  const doc = new XMLParser({ ignoreAttributes: false, isArray: (name) => name === 'testsuite' || name === 'testcase' }).parse(xml);
  return doc.testsuites.testsuite as Suite[];
}

function junitOf(name: string, edit: (e: ReturnType<(typeof journals)[string]>) => ReturnType<(typeof journals)[string]> = (e) => e): string {
  const events = edit(journals[name]!());
  return renderJunit(buildReportModel(events, judge(events)));
}

describe('junit.xml', () => {
  it('is well-formed XML with one testcase per expectation and per gap, failures for failed ones', () => {
    const [expectations, gaps] = parse(junitOf('stop-condition-trip'));
    expect(expectations!.testcase).toHaveLength(8); // one per expectation, no-relapse included
    expect(expectations!['@_failures']).toBe('2');
    expect(expectations!.testcase.filter((c) => c.failure).map((c) => c['@_name'])).toEqual([
      'rto: Recovered within the RTO target 5m (resilience-hub)',
      'experiment-completed: The experiment ran to completion',
    ]);
    expect(gaps!.testcase).toHaveLength(3);
    expect(gaps!.testcase.every((c) => c.failure)).toBe(true);
    expect(gaps!.testcase[1]!.failure!['@_type']).toBe('safety/high');
  });

  it('a gap-free run has a passing "no runbook gaps" case and no failures', () => {
    const [expectations, gaps] = parse(junitOf('multi-az-pass'));
    expect(expectations!.testcase.some((c) => c.failure)).toBe(false);
    expect(gaps!.testcase.map((c) => c['@_name'])).toEqual(['no runbook gaps']);
    expect(gaps!.testcase[0]!.failure).toBeUndefined();
  });

  it('escapes markup and drops control characters from journal text', () => {
    const xml = junitOf('single-az-breach', (events) =>
      events.map((e) => (e.type === 'restoration' ? { ...e, checks: e.checks.map((c) => (c.ok ? c : { ...c, message: 'gone <b>&"\'\u0007</b>' })) } : e)),
    );
    expect(xml).toContain('gone &lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;');
    parse(xml);
  });

  it('carries the measurements: RTO by both rules, time to impact, relapses, per-action RTO and detection evidence', () => {
    const events = relapsingSequence();
    const suites = parse(renderJunit(buildReportModel(events, judge(events))));
    const measurements = suites.find((s) => s['@_name'].endsWith('catalog-cpu-stress measurements'))!;
    const props = Object.fromEntries(measurements.properties!.property.map((p) => [p['@_name'], p['@_value']]));
    expect(props).toMatchObject({
      outcome: 'FAILED',
      'rto.seconds': '350',
      'rto.fromFaultSeconds': '960',
      'rto.resilienceHubV2.seconds': '960',
      'impact.timeToImpactSeconds': '610',
      'impact.intervals': '2',
      'impact.relapses': '1',
      'detection.catalog-cpu-high.delaySeconds': '180',
      'detection.catalog-cpu-high.peak': '88',
      'action.CPU-Stress-Heavy.rtoSeconds': '350',
    });
    expect(props['action.CPU-Stress-Light.rtoSeconds']).toBeUndefined();
    const cases = Object.fromEntries(measurements.testcase.map((c) => [c['@_name'], c]));
    expect(cases['action CPU-Stress-Heavy']!['system-out']).toBe(
      'started 14:12:00Z (+10m), completed at 14:22:00Z (+20m); first impact 14:12:10Z (+10m 10s); detected by catalog-cpu-high 14:15:00Z (+13m); recovered 14:18:00Z (+16m); RTO from its first impact 5m 50s',
    );
    expect(cases['action CPU-Stress-Light']!['system-out']).toMatch(/no impact began while it ran/);
    expect(cases['impact #2 (relapse)']!['system-out']).toMatch(/^14:17:00Z \(\+15m\) → 14:18:00Z \(\+16m\) \(1m\): catalog-healthy ALARM; began during CPU-Stress-Heavy$/);
    expect(measurements.testcase.every((c) => c.failure === undefined)).toBe(true);
    // the detection expectation carries the metric evidence behind "fired"
    const detection = suites[0]!.testcase.find((c) => c['@_name'].startsWith('detection:catalog-cpu-high'))!;
    expect(detection['system-out']).toMatch(/AWS\/EC2 CPUUtilization Average peaked at 88/);
  });

  it('an expectation the run could not observe is skipped, not a failure or a pass', () => {
    const xml = junitOf('interrupted');
    const [expectations] = parse(xml);
    const skipped = expectations!.testcase.filter((c) => c.skipped !== undefined).map((c) => c['@_name'].split(':')[0]);
    // the unhealthy-hosts budget had not run out, recovery was never seen, restoration never checked
    expect(skipped).toEqual(['detection', 'rto', 'no-relapse', 'restoration']);
    expect(xml).toMatch(/<testsuite name="SIMULATION checkout-az-power expectations" tests="7" failures="1" errors="0" skipped="4"/);
  });
});
