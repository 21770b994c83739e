import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { judge } from '../../../src/core/verdict/judge.js';
import { renderJunit } from '../../../src/report/junit.js';
import { buildReportModel } from '../../../src/report/report-model.js';
import { journals } from '../../fixtures/journals/index.js';

type Case = { '@_name': string; failure?: { '@_type': string; '@_message': string } };
type Suite = { '@_name': string; '@_tests': string; '@_failures': string; testcase: Case[] };

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
});
