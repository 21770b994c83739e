import { describe, expect, it } from 'vitest';
import { WORLDS, journalOf, reportsDir, runOn, sandboxFor, stopAfterEach } from './run-harness.js';

const stopped = stopAfterEach();

describe('detection evidence on the sandbox', () => {
  it('journals what each detection alarm’s metric did (GetMetricData, the alarm’s statistic and its extreme) and the verdict judges it against the threshold', async () => {
    const sandbox = stopped(await sandboxFor(WORLDS.catalog));
    const result = await runOn(sandbox, 'scenarios/catalog-cpu-stress.yaml', { reportsDir: await reportsDir() });
    const events = await journalOf(result.runDir);
    const evidence = events.filter((e) => e.type === 'alarm-metric');
    expect(evidence.map((e) => e.type === 'alarm-metric' && e.alarm)).toEqual(['catalog-cpu-high']);
    const journalled = evidence[0]!;
    if (journalled.type !== 'alarm-metric') throw new Error('unreachable');
    expect(journalled.points.length).toBeGreaterThan(0);
    expect(journalled.threshold).toBeTypeOf('number');
    const d = result.verdict.detections!.find((x) => x.alarm === 'catalog-cpu-high')!;
    expect(d.evidence).toMatchObject({ stat: journalled.metric!.stat, threshold: journalled.threshold, comparison: journalled.comparison });
    expect(d.evidence!.peak!.value).toBeGreaterThan(0);
    expect(d.evidence!.summary).toMatch(/AWS\/EC2 CPUUtilization/);
  });
});
