import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { alarmRuleChildren } from '../../../src/core/run/alarm-rule-children.js';
import { judge } from '../../../src/core/verdict/judge.js';
import { renderJson } from '../../../src/report/json.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { buildReportModel } from '../../../src/report/report-model.js';
import { catalogRun } from '../../fixtures/journals/catalog-sequence.js';
import { catalogCpuStressPlan } from '../../fixtures/plans.js';
import type { JournalBuilder } from '../../helpers/journal-builder.js';

/**
 * Detection evidence for the alarm kinds that are not one metric: a metric math alarm (its returned
 * expression against the threshold, with its inputs) and a composite (its children: their states when it
 * went to ALARM, which triggered it, and each one's own evidence; nested composites and missing children).
 * The catalog run's detection alarm catalog-cpu-high stands for each kind in turn.
 */
const ajv = new Ajv2020({ allErrors: true, strict: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const validReport = ajv.compile(JSON.parse(await readFile(new URL('../../../schemas/report.schema.json', import.meta.url), 'utf8')));

const minutes = (j: JournalBuilder, values: number[]) => values.map((value, i) => ({ timestamp: j.t(i * 60), value }));

/** The catalog CPU stress game day, its one action running from the start. */
function stressRun(): JournalBuilder {
  const j = catalogRun(catalogCpuStressPlan());
  j.experiment(0, 'running', { 'CPU-Stress': { state: 'running', start: 0 } });
  return j;
}

function finish(j: JournalBuilder) {
  j.experiment(600, 'completed', { 'CPU-Stress': { state: 'completed', start: 0, end: 600 } }, { end: 600 });
  j.restoration([{ subject: 'CPU stress commands', ok: true, message: 'finished' }], 900);
  j.ended('completed', 900, { experimentState: 'completed' });
  const events = j.build();
  const verdict = judge(events);
  const model = buildReportModel(events, verdict);
  // report.json's contract holds for every alarm kind's evidence.
  const doc = JSON.parse(renderJson(model));
  expect(validReport(doc), JSON.stringify(validReport.errors, null, 2)).toBe(true);
  // …and is not vacuous: evidence that is neither a metric's (threshold…) nor a composite's (rule, children) is refused.
  const evidence = doc.verdict.detections[0].evidence;
  for (const key of ['threshold', 'children']) delete evidence[key];
  expect(validReport(doc)).toBe(false);
  return { v: verdict, md: renderMarkdown(model) };
}

function cpuMetric(j: JournalBuilder, alarm: string, values: number[]) {
  j.add(
    {
      type: 'alarm-metric',
      alarm,
      metric: { namespace: 'AWS/EC2', name: 'CPUUtilization', dimensions: { InstanceId: alarm }, stat: 'Average', period: 60 },
      threshold: 70,
      comparison: 'GreaterThanThreshold',
      evaluationPeriods: 1,
      points: minutes(j, values),
    },
    900,
  );
}

describe('detection evidence: metric math alarms', () => {
  it('judges the returned expression against the threshold and names the queries it reads', () => {
    const j = stressRun();
    j.alarm(180, 'catalog-cpu-high', 'ALARM', ['detection']);
    j.add(
      {
        type: 'alarm-metric',
        alarm: 'catalog-cpu-high',
        math: {
          returned: 'busy',
          period: 60,
          queries: [
            { id: 'cpu', metric: { namespace: 'AWS/EC2', name: 'CPUUtilization', dimensions: { AutoScalingGroupName: 'catalog-asg' }, stat: 'Maximum', period: 60 }, points: minutes(j, [40, 90, 95, 97]) },
            { id: 'busy', label: 'CPU over 80', expression: 'IF(cpu > 80, 1, 0)', points: minutes(j, [0, 1, 1, 1]) },
          ],
        },
        threshold: 1,
        comparison: 'GreaterThanOrEqualToThreshold',
        evaluationPeriods: 2,
        datapointsToAlarm: 2,
        points: minutes(j, [0, 1, 1, 1]),
      },
      900,
    );
    const { v, md } = finish(j);
    const evidence = v.detections![0]!.evidence!;
    expect(evidence).toMatchObject({ expression: 'IF(cpu > 80, 1, 0)', inputs: ['cpu = AWS/EC2 CPUUtilization Maximum'], threshold: 1, breaching: 3, datapoints: 4, needed: 2, peak: { value: 1 } });
    expect(evidence.stat).toBeUndefined();
    expect(evidence.summary).toBe('CPU over 80: IF(cpu > 80, 1, 0) (cpu = AWS/EC2 CPUUtilization Maximum) peaked at 1 at 2026-11-26T14:04:00.000Z (alarm threshold >= 1, 2 of 2 datapoints), 3 of 4 datapoint(s) over the threshold');
  });
});

describe('detection evidence: composite alarms', () => {
  const rule = 'ALARM(cpu-a) AND ALARM("arn:aws:cloudwatch:us-east-1:123456789012:alarm:cpu-b")';

  it('a composite that fired: each child’s state at that instant (from the children’s own history), the children that triggered it, and their datapoints', () => {
    const j = stressRun();
    j.alarm(180, 'catalog-cpu-high', 'ALARM', ['detection']);
    j.add(
      {
        type: 'alarm-composite',
        alarm: 'catalog-cpu-high',
        rule,
        children: [
          { alarm: 'cpu-a', kind: 'metric', states: [{ state: 'OK', timestamp: j.t(-60) }, { state: 'ALARM', timestamp: j.t(120) }] },
          { alarm: 'cpu-b', kind: 'metric', states: [{ state: 'OK', timestamp: j.t(-60) }, { state: 'ALARM', timestamp: j.t(180) }, { state: 'OK', timestamp: j.t(300) }] },
        ],
        transitions: [{ state: 'ALARM', timestamp: j.t(180), triggering: ['cpu-b'] }],
      },
      900,
    );
    cpuMetric(j, 'cpu-a', [30, 75, 80, 82]);
    cpuMetric(j, 'cpu-b', [30, 50, 90, 60]);
    const { v, md } = finish(j);
    const evidence = v.detections![0]!.evidence!;
    expect(evidence.rule).toBe(rule);
    expect(evidence.children).toEqual([
      expect.objectContaining({ alarm: 'cpu-a', kind: 'metric', state: 'ALARM', triggered: false, firedAt: j.t(120), evidence: expect.objectContaining({ stat: 'Average', peak: { value: 82, at: j.t(240) } }) }),
      expect.objectContaining({ alarm: 'cpu-b', kind: 'metric', state: 'ALARM', triggered: true, firedAt: j.t(180), evidence: expect.objectContaining({ peak: { value: 90, at: j.t(180) } }) }),
    ]);
    expect(evidence.summary).toMatch(/^rule .* held at 2026-11-26T14:05:00\.000Z: cpu-a ALARM, cpu-b ALARM \(triggered it\); cpu-a: AWS\/EC2 CPUUtilization Average peaked at 82 /);
    expect(md).toContain(`| catalog-cpu-high |`);
    expect(md).toContain(`Composite **catalog-cpu-high** (\`${rule}\`) went to ALARM at 14:05:00Z (+3m):`);
    expect(md).toContain('- **cpu-b**: ALARM, triggered it; ALARM at 14:05:00Z (+3m) — AWS/EC2 CPUUtilization Average peaked at 90');
  });

  it('a composite that never fired says which children were never in ALARM, with each one’s reason; a nested composite and a missing child too', () => {
    const j = stressRun();
    j.add(
      {
        type: 'alarm-composite',
        alarm: 'catalog-cpu-high',
        rule: 'ALARM(cpu-a) AND ALARM(fleet) AND ALARM(gone)',
        children: [
          { alarm: 'cpu-a', kind: 'metric', states: [{ state: 'OK', timestamp: j.t(-60) }, { state: 'ALARM', timestamp: j.t(120) }] },
          { alarm: 'fleet', kind: 'composite', states: [{ state: 'OK', timestamp: j.t(-60) }] },
          { alarm: 'gone', kind: 'missing', states: [] },
        ],
        transitions: [],
      },
      900,
    );
    j.add({ type: 'alarm-composite', alarm: 'fleet', rule: 'ALARM(cpu-b)', children: [{ alarm: 'cpu-b', kind: 'metric', states: [{ state: 'OK', timestamp: j.t(-60) }] }], transitions: [] }, 900);
    cpuMetric(j, 'cpu-a', [30, 75, 80, 82]);
    cpuMetric(j, 'cpu-b', [30, 50, 60, 60]);
    const { v, md } = finish(j);
    const evidence = v.detections![0]!.evidence!;
    expect(evidence.children!.map((c) => [c.alarm, c.kind, c.state, c.firedAt])).toEqual([
      ['cpu-a', 'metric', 'ALARM', j.t(120)],
      ['fleet', 'composite', 'OK', undefined],
      ['gone', 'missing', undefined, undefined],
    ]);
    expect(evidence.children![1]!.evidence!.children![0]).toMatchObject({ alarm: 'cpu-b', state: 'OK', evidence: { why: 'threshold never crossed' } });
    expect(evidence.summary).toMatch(/^rule ALARM\(cpu-a\) AND ALARM\(fleet\) AND ALARM\(gone\) never held: cpu-a ALARM at 2026-11-26T14:04:00\.000Z, fleet never ALARM, gone does not exist; /);
    const [gap] = v.gaps.filter((g) => g.kind === 'detection');
    expect(gap!.evidence).toContain('fleet: rule ALARM(cpu-b) never held: cpu-b never ALARM; cpu-b: AWS/EC2 CPUUtilization Average peaked at 60');
    expect(md).toContain('- **fleet**: OK; never ALARM — rule ALARM(cpu-b)\n  - **cpu-b**: OK; never ALARM — AWS/EC2 CPUUtilization Average peaked at 60');
    expect(md).toContain('- **gone**: does not exist');
  });
});

describe('alarmRuleChildren', () => {
  it('reads the alarms a rule names: bare, quoted, ARNs, AT_LEAST lists; once each, in order', () => {
    expect(alarmRuleChildren('ALARM(a) OR (OK("b c") AND NOT INSUFFICIENT_DATA(arn:aws:cloudwatch:us-east-1:123456789012:alarm:d)) OR ALARM(a)')).toEqual(['a', 'b c', 'd']);
    expect(alarmRuleChildren('AT_LEAST(2, ALARM, (x, "y", arn:aws:cloudwatch:eu-west-1:123456789012:alarm:z)) AND ALARM(w)')).toEqual(['x', 'y', 'z', 'w']);
    expect(alarmRuleChildren('TRUE')).toEqual([]);
  });
});
