import { fileURLToPath } from 'node:url';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../../src/core/journal/events.js';
import { readJournal } from '../../../src/core/journal/reader.js';
import { limitText, numberText, withRoundedValues } from '../../../src/core/number-text.js';
import { judge } from '../../../src/core/verdict/judge.js';
import { liveView } from '../../../src/live/live-view.js';
import { renderHtml } from '../../../src/report/html.js';
import { renderJson } from '../../../src/report/json.js';
import { renderJunit } from '../../../src/report/junit.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { runDirs } from '../../../src/report/find-run.js';
import { buildReportModel } from '../../../src/report/report-model.js';
import { renderTerminal } from '../../../src/report/terminal.js';
import { cpuAlarmMetric, sequenceRun } from '../../fixtures/journals/catalog-sequence.js';
import { singleAzBreach } from '../../fixtures/journals/single-az-breach.js';

// CloudWatch statistics come back with float noise; people should never read it.
const NOISE = /\d\.0*[1-9]\d{4,}/;

/** single-az-breach as CloudWatch would really report it: p99 4.8333333…, data loss 240.142857… */
function noisyBreach(): JournalEvent[] {
  return singleAzBreach().map((e) => (e.type === 'probe-sample' ? { ...e, value: e.role === 'data-loss' ? e.value + 1 / 7 : e.value + 1 / 30 } : e));
}

/** The catalog alarm as a small rate (0.0042345… against > 0.005), the way an error-ratio alarm reports. */
function smallAlarmValues(): JournalEvent[] {
  return sequenceRun(undefined, (j) => void cpuAlarmMetric(j, [0.0011, 0.0031234567, 0.0042345678, 0.0040000001, 0.0039], 1290)).map((e) =>
    e.type === 'alarm-metric' ? { ...e, threshold: 0.005 } : e,
  );
}

function renders(events: JournalEvent[]) {
  const model = buildReportModel(events, judge(events));
  const junit = new XMLParser({ ignoreAttributes: false }).parse(renderJunit(model));
  const cases = [junit.testsuites.testsuite].flat().flatMap((s: { testcase: unknown }) => [s.testcase].flat()) as { failure?: { '@_message': string; '#text'?: string }; 'system-out'?: string }[];
  const live = liveView(events);
  return {
    model,
    people: {
      markdown: renderMarkdown(model),
      html: renderHtml(model),
      terminal: renderTerminal(model),
      junitMessages: cases.map((c) => [c.failure?.['@_message'], c.failure?.['#text'], c['system-out']].filter(Boolean).join('\n')).join('\n'),
      timeline: model.timeline.map((t) => t.text).join('\n'),
      live: JSON.stringify({ entries: live.entries, probes: live.probes.map((p) => `${p.name} ${p.valueText} ${p.threshold}`), svg: live.timelineSvg }),
    },
    json: JSON.parse(renderJson(model)),
    junitXml: renderJunit(model),
  };
}

describe('numbers for people', () => {
  it('a measured value: four significant digits, the whole part never rounded away, thousands separators', () => {
    expect([226.35328801901213, 51.67937013150473, 2.471450485767994, 0.000123456, 1613.7, 744230, 5, 0, -0, 99.87].map(numberText)).toEqual([
      '226.4',
      '51.68',
      '2.471',
      '0.0001235',
      '1,614',
      '744,230',
      '5',
      '0',
      '0',
      '99.87',
    ]);
  });

  it('a service’s words: each measured value in them rounded, ids, addresses, versions and times untouched', () => {
    expect(withRoundedValues('Threshold Crossed: 1 datapoint [1.917785374802077 (22/05/26 02:15:00)] was not greater than the threshold (100.0).')).toBe(
      'Threshold Crossed: 1 datapoint [1.918 (22/05/26 02:15:00)] was not greater than the threshold (100.0).',
    );
    expect(withRoundedValues('[-0.000123456789 (x), 84.05333333333334]')).toBe('[-0.0001235 (x), 84.05]');
    for (const kept of ['10.0.12345.1', 'v1.234567', 'i-0c0ffee00000000b1', 'app/x/5f0e1a2b3c4d5e6f', '1.2345', 'a1.234567']) expect(withRoundedValues(kept)).toBe(kept);
  });

  it('a limit someone wrote keeps every digit they wrote', () => {
    expect([99.995, 14.4, 5000, 0.0005].map(limitText)).toEqual(['99.995', '14.4', '5,000', '0.0005']);
  });
});

describe('probe values are rounded wherever people read them; report.json keeps them exact', () => {
  it('a p99 of 4.8333333… and a data loss of 240.142857…: report.md, report.html (SVG titles and labels), the terminal, JUnit messages, the timeline, the live page', () => {
    const { people, json, junitXml } = renders(noisyBreach());
    for (const [where, text] of Object.entries(people)) expect(text, where).not.toMatch(NOISE);

    expect(people.timeline).toContain('p99-latency breached (4.833, the 60s period from');
    expect(people.markdown).toContain('| p99-latency | steady-state | < 1.5 | 13 | 4.833 | 12 |');
    expect(people.markdown).toContain('Checkout DataLossWindowSeconds peaked at 240.1s at');
    expect(people.markdown).toContain('worst data-loss value 240.1s at');
    expect(people.html).toContain('<title>p99-latency 4.833 at 2026-11-26T11:08:00.000Z (breached)</title>');
    expect(people.html).toMatch(/class="axis">4\.833<\/text>/);
    expect(people.terminal).toMatch(/p99-latency 4\.833/);
    expect(people.live).toContain('p99-latency 4.833 < 1.5');

    // Tools read the exact values: the samples, the worst value of each deviation, the JUnit properties.
    const p99 = json.series.probes.find((p: { name: string }) => p.name === 'p99-latency');
    expect(p99.points.map((p: { value: number }) => p.value)).toContain(4.8 + 1 / 30);
    const deviation = json.verdict.impactIntervals[0].deviations.find((d: { probe: string }) => d.probe === 'p99-latency');
    expect(deviation).toMatchObject({ probe: 'p99-latency', worst: '4.833', worstValue: 4.8 + 1 / 30 });
    expect(junitXml).toContain(`<property name="rpo.seconds" value="${240 + 1 / 7}"/>`);
  });

  it('detection evidence: an alarm metric that peaked at 0.004235 against > 0.005 (two decimals said "peaked at 0 … > 0.01")', () => {
    const { people, model } = renders(smallAlarmValues());
    for (const [where, text] of Object.entries(people)) expect(text, where).not.toMatch(NOISE);
    const evidence = model.verdict.detections![0]!.evidence!;
    expect(evidence.summary).toMatch(/^AWS\/EC2 CPUUtilization Average peaked at 0\.004235 at .* \(alarm threshold > 0\.005, 2 of 2 datapoints\), 0 of 5 datapoint\(s\) over the threshold$/);
    expect(evidence.peak!.value).toBe(0.0042345678);
  });

  it('the committed example, whose journal holds the burn rate 226.35328801901213: every rendering says 226.4', async () => {
    const run = (await runDirs(fileURLToPath(new URL('../../../reports/examples', import.meta.url)))).filter((r) => r.scenario === 'checkout-az-power').at(-1)!;
    const { events } = await readJournal(run.runDir);
    const burn = events.find((e): e is Extract<JournalEvent, { type: 'slo-sample' }> => e.type === 'slo-sample' && e.burnRate > 100)!.burnRate;
    const { people } = renders(events);
    for (const [where, text] of Object.entries(people)) expect(text, where).not.toMatch(NOISE);
    expect(people.markdown).toContain(`slo-burn-rate ${numberText(burn)}`);
    expect(people.markdown).toContain(`slo-burn-rate breached (${numberText(burn)}, the 60s period`);
    expect(people.markdown).toContain(`Burn rate: peak ${numberText(burn)}×`);
    expect(people.html).toContain(`<title>slo-burn-rate ${numberText(burn)} at`);
  });
});
