import { humanDuration } from '../core/duration.js';
import { xmlSafe as x } from './escape.js';
import type { ReportModel } from './report-model.js';
import { timingsProperties } from './sections-timings.js';
import { clockText, secondsText } from './wording.js';

interface Case {
  name: string;
  failure?: { type: string; message: string; body: string };
  skipped?: string;
  output?: string;
}

/**
 * junit.xml for CI dashboards: one suite of expectations, one of runbook gaps, one of measurements. A failed
 * expectation and every gap are <failure>s; an expectation the run could not observe is <skipped>, never a
 * pass; a gap-free run has a passing "no runbook gaps" case, so the suite is never empty. The measurements
 * suite carries the numbers as <properties> and one passing case per action and per impact interval, so a
 * CI dashboard shows them without reading report.json.
 */
export function renderJunit(model: ReportModel): string {
  const { verdict: v, run } = model;
  const className = `gameday.${run.scenario}`;
  const evidenceOf = (id: string) => v.detections?.find((d) => `detection:${d.alarm}` === id)?.evidence?.summary;
  const expectationCases: Case[] = v.expectations.map((e) => {
    const evidence = [e.evidence, ...(evidenceOf(e.id) && !e.evidence.includes(evidenceOf(e.id)!) ? [evidenceOf(e.id)!] : [])].join('\n');
    if (e.passed) return { name: `${e.id}: ${e.description}`, output: evidence };
    if (e.checked === false) return { name: `${e.id}: ${e.description}`, skipped: e.evidence };
    return { name: `${e.id}: ${e.description}`, failure: { type: 'expectation', message: e.evidence, body: evidence } };
  });
  const gapCases: Case[] =
    v.gaps.length === 0
      ? [{ name: 'no runbook gaps', output: 'the run found no runbook gaps' }]
      : v.gaps.map((g, i) => ({ name: `${g.kind} #${i + 1}: ${g.title}`, failure: { type: `${g.kind}/${g.severity}`, message: g.title, body: `Evidence: ${g.evidence}\nChange: ${g.fix}` } }));
  const measurementCases = measurements(model);
  // A rehearsal must never pass for production evidence on a CI dashboard: it says so in every name.
  const label = model.people.simulation ? 'SIMULATION ' : '';
  const runProperties = [
    { name: 'simulation', value: String(model.people.simulation) },
    { name: 'mode', value: run.mode },
    ...timingsProperties(v),
  ];
  const suites = [
    suite(`${label}${run.scenario} expectations`, `${className}.expectations`, expectationCases, run.startedAt, runProperties),
    suite(`${label}${run.scenario} runbook gaps`, `${className}.gaps`, gapCases, run.startedAt),
    suite(`${label}${run.scenario} measurements`, `${className}.measurements`, measurementCases, run.startedAt, measuredProperties(model)),
  ];
  const all = [...expectationCases, ...gapCases, ...measurementCases];
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${x(`${label}gameday ${run.scenario} ${run.runId}`)}" tests="${all.length}" failures="${all.filter((c) => c.failure).length}" errors="0" skipped="${all.filter((c) => c.skipped !== undefined).length}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}

/** The verdict's numbers, one property each (seconds unless the name says otherwise); none for what was not measured. */
function measuredProperties(model: ReportModel): { name: string; value: string }[] {
  const v = model.verdict;
  const all: [string, string | number | undefined][] = [
    ['outcome', v.outcome],
    ['rto.rule', v.recoveryRules.rule],
    ['rto.state', v.rto.state],
    ['rto.seconds', v.rto.measuredSeconds],
    ['rto.fromFaultSeconds', v.rto.fromFaultSeconds],
    ['rto.targetSeconds', v.rto.targetSeconds],
    ['rto.resilienceHubV2.seconds', v.recoveryRules.resilienceHubV2.measuredSeconds],
    ['impact.timeToImpactSeconds', v.rto.timeToImpactSeconds],
    ['impact.seconds', v.rto.impactSeconds],
    ['impact.intervals', v.impactIntervals.length],
    ['impact.relapses', v.impactIntervals.filter((i) => i.relapse).length],
    ['rpo.state', v.rpo.state],
    ['rpo.seconds', v.rpo.measuredSeconds],
    ['rpo.targetSeconds', v.rpo.targetSeconds],
    ...(v.detections ?? []).flatMap((d): [string, string | number | undefined][] => [
      [`detection.${d.alarm}.delaySeconds`, d.delaySeconds],
      [`detection.${d.alarm}.peak`, d.evidence?.peak?.value],
      [`detection.${d.alarm}.why`, d.evidence?.why],
      // A composite's children as "alarm=STATE", "*" marking those CloudWatch says triggered it.
      [`detection.${d.alarm}.children`, d.evidence?.children?.map((c) => `${c.alarm}=${c.kind === 'missing' ? 'missing' : (c.state ?? '?')}${c.triggered ? '*' : ''}`).join(' ')],
    ]),
    ...v.impact.map((a): [string, number | undefined] => [`action.${a.action}.rtoSeconds`, a.rtoSeconds]),
    ...v.impactCounts.flatMap((c): [string, number | undefined][] => [
      [`impact.count.${c.name}.total`, c.total],
      [`impact.count.${c.name}.baselinePerMinute`, c.baseline?.perMinute],
      [`impact.count.${c.name}.excess`, c.excess],
    ]),
  ];
  return all.flatMap(([name, value]) => (value === undefined ? [] : [{ name, value: String(value) }]));
}

/** One case per action (started, first impact, detected by, recovered, its RTO), per impact interval (relapses named) and per impact count. */
function measurements(model: ReportModel): Case[] {
  const v = model.verdict;
  const at = (iso: string | undefined) => clockText(iso, v.disruptionStart);
  const actions: Case[] = v.impact.map((a) => {
    const name = `action ${a.action}`;
    if (!a.startTime) return { name, skipped: `${a.action} never started (${a.state})` };
    const detected = a.detectedBy?.map((d) => `${d.alarm} ${d.firedAt ? at(d.firedAt) : 'never'}`).join(', ');
    return {
      name,
      output: [
        `started ${at(a.startTime)}, ${a.state}${a.endTime ? ` at ${at(a.endTime)}` : ''}`,
        a.firstImpact ? `first impact ${at(a.firstImpact)}` : 'no impact began while it ran',
        ...(detected ? [`detected by ${detected}`] : []),
        ...(a.recovered ? [`recovered ${at(a.recovered)}`] : []),
        ...(a.rtoSeconds !== undefined ? [`RTO from its first impact ${humanDuration(a.rtoSeconds)}`] : []),
      ].join('; '),
    };
  });
  const intervals: Case[] = v.impactIntervals.map((i, n) => ({
    name: `impact #${n + 1}${i.relapse ? ' (relapse)' : ''}`,
    output: `${at(i.start)} → ${i.end ? at(i.end) : 'still impacted'} (${secondsText(i.durationSeconds)}): ${i.deviations.map((d) => `${d.probe} ${d.worst}`).join(', ')}; began during ${i.actions.join(', ') || 'no action'}`,
  }));
  const counts: Case[] = v.impactCounts.map((c) => (c.state === 'measured' ? { name: `impact in numbers: ${c.headline}`, output: c.summary } : { name: `impact in numbers: ${c.name}`, skipped: c.summary }));
  return [...actions, ...intervals, ...counts];
}

function suite(name: string, classname: string, cases: Case[], timestamp: string, properties: { name: string; value: string }[] = []): string {
  const failures = cases.filter((c) => c.failure).length;
  const skipped = cases.filter((c) => c.skipped !== undefined).length;
  return [
    `  <testsuite name="${x(name)}" tests="${cases.length}" failures="${failures}" errors="0" skipped="${skipped}" timestamp="${x(timestamp)}">`,
    ...(properties.length > 0 ? ['    <properties>', ...properties.map((p) => `      <property name="${x(p.name)}" value="${x(p.value)}"/>`), '    </properties>'] : []),
    ...cases.map((c) => testcase(classname, c)),
    '  </testsuite>',
  ].join('\n');
}

function testcase(classname: string, c: Case): string {
  const inner = [
    ...(c.failure ? [`      <failure type="${x(c.failure.type)}" message="${x(c.failure.message)}">${x(c.failure.body)}</failure>`] : []),
    ...(c.skipped !== undefined ? [`      <skipped message="${x(c.skipped)}"/>`] : []),
    ...(c.output ? [`      <system-out>${x(c.output)}</system-out>`] : []),
  ];
  return [`    <testcase classname="${x(classname)}" name="${x(c.name)}" time="0">`, ...inner, '    </testcase>'].join('\n');
}
