import type { MetricDataQueryInput, MetricSeries, Metrics } from '../../aws/ports.js';
import { calledFunctions } from '../scenario/metric-math-syntax.js';

/** GetMetricData takes at most 500 queries; an ask that would take a shared call past it goes alone. */
const MAX_QUERIES = 500;

interface Ask {
  queries: MetricDataQueryInput[];
  from: Date;
  to: Date;
  resolve(series: MetricSeries[]): void;
  reject(error: unknown): void;
}

/**
 * The metrics port, with the GetMetricData calls asked in one turn of the event loop (the watch's
 * metric probes and its SLO, every poll) sent as one call when they read the same window, their
 * query ids differ and neither's math reads the whole call (METRICS()): half the calls, each answer
 * split back by id. Windows must be equal, not merely overlapping: CloudWatch may align a period's
 * datapoints to the start time, so a wider window could answer an ask with other periods than it
 * asked for. A failed shared call fails every ask in it.
 */
export function sharedMetricReads(metrics: Metrics): Metrics {
  let pending: Ask[] = [];
  const flush = (): void => {
    const asks = pending;
    pending = [];
    for (const group of groupsOf(asks)) void send(metrics, group);
  };
  return {
    describeAlarms: (names) => metrics.describeAlarms(names),
    alarmHistory: (name, from, to) => metrics.alarmHistory(name, from, to),
    putRunAlarm: (alarm) => metrics.putRunAlarm(alarm),
    deleteAlarms: (names) => metrics.deleteAlarms(names),
    getMetricData: (queries, from, to) =>
      new Promise<MetricSeries[]>((resolve, reject) => {
        if (pending.length === 0) queueMicrotask(flush);
        pending.push({ queries, from, to, resolve, reject });
      }),
  };
}

/** METRICS() (and METRICS("errors")) reads every metric of its call: another ask's would change its value. */
const readsWholeCall = (q: MetricDataQueryInput): boolean => 'expression' in q && calledFunctions(q.expression).includes('METRICS');

/**
 * Asks in the order they came, each in the first group it can share (same window, no id in common, room
 * left); an ask with METRICS() in its math is a group of its own.
 */
function groupsOf(asks: readonly Ask[]): Ask[][] {
  const groups: { asks: Ask[]; ids: Set<string>; from: number; to: number; alone: boolean }[] = [];
  for (const ask of asks) {
    const ids = ask.queries.map((q) => q.id);
    const alone = ask.queries.some(readsWholeCall);
    const fits = (g: (typeof groups)[number]) =>
      !alone && !g.alone && g.from === ask.from.getTime() && g.to === ask.to.getTime() && g.ids.size + ids.length <= MAX_QUERIES && ids.every((id) => !g.ids.has(id));
    const group = groups.find(fits);
    if (group) {
      group.asks.push(ask);
      for (const id of ids) group.ids.add(id);
    } else groups.push({ asks: [ask], ids: new Set(ids), from: ask.from.getTime(), to: ask.to.getTime(), alone });
  }
  return groups.map((g) => g.asks);
}

async function send(metrics: Metrics, asks: readonly Ask[]): Promise<void> {
  const [first] = asks;
  let series: MetricSeries[];
  try {
    series = await metrics.getMetricData(
      asks.flatMap((a) => a.queries),
      first!.from,
      first!.to,
    );
  } catch (error) {
    for (const ask of asks) ask.reject(error);
    return;
  }
  for (const ask of asks) {
    const ids = new Set(ask.queries.map((q) => q.id));
    ask.resolve(series.filter((s) => ids.has(s.id)));
  }
}
