import { xmlSafe as x } from './escape.js';
import type { ReportModel } from './report-model.js';
import { timingsProperties } from './sections-timings.js';

/**
 * junit.xml for CI dashboards: one suite of expectations, one of runbook gaps. A failed expectation
 * and every gap are <failure>s; a gap-free run has a passing "no runbook gaps" case, so the suite is never empty.
 */
export function renderJunit(model: ReportModel): string {
  const { verdict: v, run } = model;
  const className = `gameday.${run.scenario}`;
  const expectationCases = v.expectations.map((e) =>
    testcase(`${className}.expectations`, `${e.id}: ${e.description}`, e.passed ? undefined : { type: 'expectation', message: e.evidence, body: e.evidence }, e.passed ? e.evidence : undefined),
  );
  const gapCases =
    v.gaps.length === 0
      ? [testcase(`${className}.gaps`, 'no runbook gaps', undefined, 'the run found no runbook gaps')]
      : v.gaps.map((g, i) => testcase(`${className}.gaps`, `${g.kind} #${i + 1}: ${g.title}`, { type: `${g.kind}/${g.severity}`, message: g.title, body: `Evidence: ${g.evidence}\nChange: ${g.fix}` }));
  const failedExpectations = v.expectations.filter((e) => !e.passed).length;
  // A rehearsal must never pass for production evidence on a CI dashboard: it says so in every name.
  const label = model.people.simulation ? 'SIMULATION ' : '';
  const properties = [
    { name: 'simulation', value: String(model.people.simulation) },
    { name: 'mode', value: run.mode },
    ...timingsProperties(v),
  ];
  const suites = [
    suite(`${label}${run.scenario} expectations`, v.expectations.length, failedExpectations, expectationCases, run.startedAt, properties),
    suite(`${label}${run.scenario} runbook gaps`, gapCases.length, v.gaps.length, gapCases, run.startedAt),
  ];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${x(`${label}gameday ${run.scenario} ${run.runId}`)}" tests="${v.expectations.length + gapCases.length}" failures="${failedExpectations + v.gaps.length}" errors="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

function suite(name: string, tests: number, failures: number, cases: string[], timestamp: string, properties: { name: string; value: string }[] = []): string {
  return [
    `  <testsuite name="${x(name)}" tests="${tests}" failures="${failures}" errors="0" skipped="0" timestamp="${x(timestamp)}">`,
    ...(properties.length > 0 ? ['    <properties>', ...properties.map((p) => `      <property name="${x(p.name)}" value="${x(p.value)}"/>`), '    </properties>'] : []),
    ...cases,
    '  </testsuite>',
  ].join('\n');
}

function testcase(classname: string, name: string, failure?: { type: string; message: string; body: string }, output?: string): string {
  const inner = [
    ...(failure ? [`      <failure type="${x(failure.type)}" message="${x(failure.message)}">${x(failure.body)}</failure>`] : []),
    ...(output ? [`      <system-out>${x(output)}</system-out>`] : []),
  ];
  return [`    <testcase classname="${x(classname)}" name="${x(name)}" time="0">`, ...inner, '    </testcase>'].join('\n');
}
