import type { AlarmInfo, AlarmTransition, MetricDataQueryInput, Metrics } from '../../aws/ports.js';
import type { AlarmCompositeSampled, AlarmMetricSampled } from '../journal/events.js';
import { alarmRuleChildren } from './alarm-rule-children.js';

type Evidence = AlarmMetricSampled | AlarmCompositeSampled;
type Point = { timestamp: string; value: number };

/** What the detection alarms did over the run, and the calls that failed (the rest is still evidence). */
export interface SampledEvidence {
  events: Evidence[];
  problems: { operation: string; error: unknown }[];
}

/**
 * The evidence behind each detection alarm's "fired" or "did not fire", read once after the watch, from
 * `since` (the watch's start) to `now`: a metric alarm's datapoints (GetMetricData of its metric, or of
 * every query of a metric math alarm's `Metrics`); a composite alarm's rule, the state of every alarm it
 * names over the run and its own transitions with their triggering children (DescribeAlarmHistory), and
 * the same evidence for each of those children, at any depth.
 */
export async function sampleDetectionEvidence(metrics: Metrics, names: string[], since: Date, now: Date, historyUntil: Date): Promise<SampledEvidence> {
  const problems: SampledEvidence['problems'] = [];
  const alarms = new Map<string, AlarmInfo>();
  const order: string[] = [];
  let wanted = [...new Set(names)];
  const asked = new Set(wanted);
  try {
    // A composite's children are described after it, level by level; each alarm once, whatever cycles the rules make.
    while (wanted.length) {
      for (const a of await metrics.describeAlarms(wanted)) alarms.set(a.name, a);
      order.push(...wanted.filter((n) => alarms.has(n)));
      wanted = [...new Set(wanted.flatMap((n) => alarmRuleChildren(alarms.get(n)?.rule ?? '')))].filter((n) => !asked.has(n));
      for (const n of wanted) asked.add(n);
    }
  } catch (error) {
    problems.push({ operation: 'cloudwatch:DescribeAlarms (detection evidence)', error });
  }
  const byAlarm = new Map<string, Evidence>();
  for (const [operation, step] of [
    ['cloudwatch:GetMetricData (detection evidence)', () => metricEvidence(metrics, order.map((n) => alarms.get(n)!), since, now, byAlarm)],
    ['cloudwatch:DescribeAlarmHistory (detection evidence)', () => compositeEvidence(metrics, order.map((n) => alarms.get(n)!), alarms, since, historyUntil, byAlarm)],
  ] as const) {
    try {
      await step();
    } catch (error) {
      problems.push({ operation, error });
    }
  }
  return { events: order.flatMap((n) => (byAlarm.has(n) ? [byAlarm.get(n)!] : [])), problems };
}

const extremeStat = (comparison: string) => (comparison.startsWith('Less') ? 'Minimum' : 'Maximum');
const pointsOf = (series: Map<string, { timestamp: Date; value: number }[]>, id: string): Point[] => (series.get(id) ?? []).map((p) => ({ timestamp: p.timestamp.toISOString(), value: p.value }));

async function metricEvidence(metrics: Metrics, alarms: AlarmInfo[], since: Date, now: Date, out: Map<string, Evidence>): Promise<void> {
  const singles = alarms.filter((a) => a.metric);
  const maths = alarms.filter((a) => !a.metric && a.math);
  if (singles.length + maths.length === 0) return;
  const maxPeriod = Math.max(...singles.map((a) => a.metric!.period), ...maths.map((a) => a.math!.period));
  const from = new Date(since.getTime() - 2 * maxPeriod * 1000);
  if (singles.length) {
    const queries = singles.flatMap((a, i) => {
      const m = a.metric!;
      const base = { namespace: m.namespace, name: m.name, dimensions: m.dimensions, period: m.period };
      return [
        { id: `d${i}stat`, ...base, stat: m.stat },
        { id: `d${i}extreme`, ...base, stat: extremeStat(m.comparison) },
      ];
    });
    const series = new Map((await metrics.getMetricData(queries, from, now)).map((s) => [s.id, s.points]));
    for (const [i, a] of singles.entries()) {
      const m = a.metric!;
      out.set(a.name, {
        type: 'alarm-metric',
        alarm: a.name,
        metric: { namespace: m.namespace, name: m.name, dimensions: m.dimensions, stat: m.stat, period: m.period },
        threshold: m.threshold,
        comparison: m.comparison,
        evaluationPeriods: m.evaluationPeriods,
        ...(m.datapointsToAlarm !== undefined ? { datapointsToAlarm: m.datapointsToAlarm } : {}),
        points: pointsOf(series, `d${i}stat`),
        ...(m.stat !== extremeStat(m.comparison) ? { extreme: { stat: extremeStat(m.comparison), points: pointsOf(series, `d${i}extreme`) } } : {}),
      });
    }
  }
  // One call per math alarm: its expressions name its own query ids, which another alarm's may repeat.
  for (const a of maths) {
    const math = a.math!;
    const queries: MetricDataQueryInput[] = math.queries.map((q) =>
      'expression' in q ? { id: q.id, expression: q.expression, period: q.period ?? math.period } : { id: q.id, ...q.metric, returnData: true },
    );
    const series = new Map((await metrics.getMetricData(queries, from, now)).map((s) => [s.id, s.points]));
    const returned = math.queries.find((q) => q.returnData)!;
    out.set(a.name, {
      type: 'alarm-metric',
      alarm: a.name,
      math: {
        returned: returned.id,
        period: math.period,
        queries: math.queries.map((q) => ({
          id: q.id,
          ...(q.label ? { label: q.label } : {}),
          ...('expression' in q ? { expression: q.expression } : { metric: q.metric }),
          points: pointsOf(series, q.id),
        })),
      },
      threshold: math.threshold,
      comparison: math.comparison,
      evaluationPeriods: math.evaluationPeriods,
      ...(math.datapointsToAlarm !== undefined ? { datapointsToAlarm: math.datapointsToAlarm } : {}),
      points: pointsOf(series, returned.id),
    });
  }
}

async function compositeEvidence(metrics: Metrics, ordered: AlarmInfo[], alarms: Map<string, AlarmInfo>, since: Date, until: Date, out: Map<string, Evidence>): Promise<void> {
  const composites = ordered.filter((a) => a.rule);
  if (composites.length === 0) return;
  const histories = new Map<string, AlarmTransition[]>();
  const historyOf = async (name: string) => {
    if (!histories.has(name)) histories.set(name, await metrics.alarmHistory(name, since, until));
    return histories.get(name)!;
  };
  for (const composite of composites) {
    const children: AlarmCompositeSampled['children'] = [];
    for (const name of alarmRuleChildren(composite.rule!)) {
      const child = alarms.get(name);
      if (!child) {
        children.push({ alarm: name, kind: 'missing', states: [] });
        continue;
      }
      const history = await historyOf(name);
      // The state at the start: what the first change moved away from, or (no change since) the state now.
      const initial = history.length ? history[0]!.oldState : child.state;
      children.push({
        alarm: name,
        kind: child.rule ? 'composite' : 'metric',
        states: [...(initial ? [{ state: initial, timestamp: since.toISOString() }] : []), ...history.map((t) => ({ state: t.newState, timestamp: t.timestamp.toISOString() }))],
      });
    }
    out.set(composite.name, {
      type: 'alarm-composite',
      alarm: composite.name,
      rule: composite.rule!,
      children,
      transitions: (await historyOf(composite.name)).map((t) => ({ state: t.newState, timestamp: t.timestamp.toISOString(), ...(t.triggering ? { triggering: t.triggering } : {}) })),
    });
  }
}
