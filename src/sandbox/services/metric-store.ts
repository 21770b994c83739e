import type { MetricDatum } from '../contracts.js';

/** One PutMetricData entry as stored: a single value, or pre-aggregated statistics, or values with counts. */
export interface StoredSample {
  t: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  /** individual values (weighted by counts) when known, for percentiles */
  values?: readonly number[];
  counts?: number[];
  unit?: string;
}

export interface MetricId {
  namespace: string;
  metricName: string;
  dimensions: Record<string, string>;
}

/** Statistics of the samples in one period. */
export interface PeriodAggregate {
  start: number;
  count: number;
  sum: number;
  min: number;
  max: number;
  unit?: string;
  /** the individual values, for percentiles */
  values: number[];
  /** each value's weight, when some sample gave counts (a rollup does); else every weight is 1 */
  weights?: number[];
  /** the values sorted, computed once (percentiles): numbers, or (value, weight) pairs when weighted */
  sorted?: Float64Array | [number, number][];
}

/** Every world metric is put each minute, so this runs tens of thousands of times a game day: no JSON, no copies. */
export function metricKey(id: MetricId): string {
  const names = Object.keys(id.dimensions);
  if (names.length > 1) names.sort();
  let key = keyPart(id.namespace) + keyPart(id.metricName);
  for (const name of names) key += keyPart(name) + keyPart(id.dimensions[name] as string);
  return key;
}

/** Length-prefixed, so no part can run into the next one (two metrics never share a key). */
function keyPart(text: string): string {
  return `${text.length}:${text}`;
}

/**
 * Retention, as CloudWatch keeps it and at most what a game day needs: samples at their own resolution
 * (exact percentiles) for 3 hours, as CloudWatch keeps high-resolution data; then one rollup per
 * minute (count, sum, min, max and a 16-point percentile digest) for 15 days, as CloudWatch keeps
 * 1-minute data; nothing older. A sandbox left running for days stays bounded.
 */
export const RAW_RETENTION_MS = 3 * 3_600_000;
export const MINUTE_RETENTION_MS = 15 * 86_400_000;
/** Compaction runs when this much older data than RAW_RETENTION_MS has piled up (amortised). */
const COMPACT_EVERY_MS = 3_600_000;
const MINUTE_MS = 60_000;
const DIGEST_POINTS = 16;

interface Series {
  id: MetricId;
  samples: StoredSample[];
  /** samples before this time are per-minute rollups */
  rolledUntil: number;
  /** complete periods already aggregated, by `${periodMs}|${unit}`; null = no data in that period */
  cache: Map<string, { periodMs: number; periods: Map<number, PeriodAggregate | null> }>;
}

/** All samples per metric (exact dimension set, as CloudWatch identifies metrics), in time order. */
export class MetricStore {
  private readonly series = new Map<string, Series>();

  put(id: MetricId, sample: StoredSample): void {
    addSample(this.seriesOf(id), sample);
  }

  putDatum(d: MetricDatum): void {
    this.put(d, sampleOf(d));
  }

  /**
   * The world's minute of datapoints: consecutive ones of one metric (the same namespace, name and
   * dimensions object) find their series once. Nothing can change their dimensions during the call.
   */
  putData(data: readonly MetricDatum[]): void {
    let previous: MetricDatum | undefined;
    let series: Series | undefined;
    for (const d of data) {
      if (series === undefined || d.dimensions !== previous?.dimensions || d.metricName !== previous.metricName || d.namespace !== previous.namespace) series = this.seriesOf(d);
      addSample(series, sampleOf(d));
      previous = d;
    }
  }

  private seriesOf(id: MetricId): Series {
    const key = metricKey(id);
    let s = this.series.get(key);
    if (!s) {
      s = { id: { namespace: id.namespace, metricName: id.metricName, dimensions: { ...id.dimensions } }, samples: [], rolledUntil: Number.NEGATIVE_INFINITY, cache: new Map() };
      this.series.set(key, s);
    }
    return s;
  }

  metrics(): MetricId[] {
    return [...this.series.values()].map((s) => s.id);
  }

  /** Samples held for one metric (tests measure retention with it). */
  sampleCount(id: MetricId): number {
    return this.series.get(metricKey(id))?.samples.length ?? 0;
  }

  /**
   * Aggregates per period (aligned to multiples of `period` seconds since the epoch) in [startMs, endMs).
   * With `unit`, only the samples published with that unit count (no unit is "None"), as in CloudWatch.
   * Complete periods are computed once and kept until a sample lands in them.
   */
  aggregate(id: MetricId, startMs: number, endMs: number, periodSeconds: number, unit?: string): PeriodAggregate[] {
    const s = this.series.get(metricKey(id));
    if (!s) return [];
    const periodMs = periodSeconds * 1000;
    const from = Math.floor(startMs / periodMs) * periodMs;
    const lo = lowerBound(s.samples, from);
    const hi = lowerBound(s.samples, endMs);
    // Sparse data over many periods: one pass over the samples is cheaper than visiting every period.
    if ((endMs - from) / periodMs > hi - lo) return aggregateRange(s.samples, lo, hi, periodMs, unit);
    const cacheKey = `${periodMs}|${unit ?? ''}`;
    let periods = s.cache.get(cacheKey)?.periods;
    if (!periods) s.cache.set(cacheKey, { periodMs, periods: (periods = new Map()) });
    const out: PeriodAggregate[] = [];
    for (let start = from; start < endMs; start += periodMs) {
      const complete = start + periodMs <= endMs;
      let agg = complete ? periods.get(start) : undefined;
      if (agg === undefined) {
        agg = aggregateRange(s.samples, lowerBound(s.samples, start), lowerBound(s.samples, Math.min(start + periodMs, endMs)), periodMs, unit)[0] ?? null;
        if (complete) periods.set(start, agg);
      }
      if (agg) out.push(agg);
    }
    return out;
  }
}

function sampleOf(d: MetricDatum): StoredSample {
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < d.values.length; i++) {
    const v = d.values[i] as number;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { t: d.timestamp.getTime(), count: d.values.length, sum, min, max, values: d.values, ...(d.unit ? { unit: d.unit } : {}) };
}

function addSample(s: Series, sample: StoredSample): void {
  const samples = s.samples;
  const newest = samples.length === 0 ? Number.NEGATIVE_INFINITY : (samples[samples.length - 1] as StoredSample).t;
  if (sample.t < newest - MINUTE_RETENTION_MS) return;
  if (newest <= sample.t) samples.push(sample);
  else samples.splice(lowerBound(samples, sample.t + 1), 0, sample);
  for (const { periodMs, periods } of s.cache.values()) periods.delete(Math.floor(sample.t / periodMs) * periodMs);
  const latest = Math.max(newest, sample.t);
  if (latest - RAW_RETENTION_MS - Math.max(s.rolledUntil, samples[0]!.t) >= COMPACT_EVERY_MS) compact(s, latest);
}

function aggregateRange(samples: StoredSample[], lo: number, hi: number, periodMs: number, unit: string | undefined): PeriodAggregate[] {
  const out: PeriodAggregate[] = [];
  let current: PeriodAggregate | undefined;
  for (let i = lo; i < hi; i++) {
    const s = samples[i] as StoredSample;
    if (unit !== undefined && (s.unit ?? 'None') !== unit) continue;
    const start = Math.floor(s.t / periodMs) * periodMs;
    if (!current || current.start !== start) {
      current = { start, count: 0, sum: 0, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY, values: [] };
      out.push(current);
    }
    current.count += s.count;
    current.sum += s.sum;
    current.min = Math.min(current.min, s.min);
    current.max = Math.max(current.max, s.max);
    if (s.unit) current.unit = s.unit;
    if (s.values !== undefined) addValues(current, s.values, s.counts);
  }
  return out;
}

/** Flat arrays, weights only once some sample has counts: a minute of latency is hundreds of values. */
function addValues(agg: PeriodAggregate, values: readonly number[], counts: readonly number[] | undefined): void {
  const into = agg.values;
  if (counts !== undefined && agg.weights === undefined) agg.weights = into.map(() => 1);
  const weights = agg.weights;
  for (let j = 0; j < values.length; j++) {
    into.push(values[j] as number);
    if (weights !== undefined) weights.push(counts?.[j] ?? 1);
  }
}

/** Rolls samples older than the raw retention into one sample per minute and unit, and drops what is past the minute retention. */
function compact(s: Series, latest: number): void {
  const rollBefore = Math.floor((latest - RAW_RETENTION_MS) / MINUTE_MS) * MINUTE_MS;
  const dropBefore = latest - MINUTE_RETENTION_MS;
  const keptFrom = lowerBound(s.samples, Math.max(s.rolledUntil, dropBefore));
  const rollTo = lowerBound(s.samples, rollBefore);
  const rolled: StoredSample[] = s.samples.slice(lowerBound(s.samples, dropBefore), Math.min(keptFrom, rollTo));
  const byMinute = new Map<string, StoredSample[]>();
  for (let i = keptFrom; i < rollTo; i++) {
    const sample = s.samples[i] as StoredSample;
    const key = `${Math.floor(sample.t / MINUTE_MS)}|${sample.unit ?? ''}`;
    const list = byMinute.get(key);
    if (list) list.push(sample);
    else byMinute.set(key, [sample]);
  }
  for (const group of byMinute.values()) rolled.push(rollup(group));
  rolled.sort((a, b) => a.t - b.t);
  s.samples = [...rolled, ...s.samples.slice(rollTo)];
  s.rolledUntil = rollBefore;
  s.cache.clear();
}

function rollup(group: StoredSample[]): StoredSample {
  const first = group[0] as StoredSample;
  const agg = aggregateRange(group, 0, group.length, MINUTE_MS, undefined)[0] as PeriodAggregate;
  const sample: StoredSample = { t: Math.floor(first.t / MINUTE_MS) * MINUTE_MS, count: agg.count, sum: agg.sum, min: agg.min, max: agg.max, ...(first.unit ? { unit: first.unit } : {}) };
  if (agg.values.length > 0) {
    const total = totalWeight(agg);
    const points = Math.min(DIGEST_POINTS, agg.values.length);
    const values: number[] = [];
    for (let k = 0; k < points; k++) values.push(valueAtRank(agg, Math.max(1, Math.ceil(((k + 0.5) / points) * total))));
    sample.values = values;
    sample.counts = values.map(() => total / points);
  }
  return sample;
}

/** First index whose t >= value. */
function lowerBound(samples: StoredSample[], value: number): number {
  let lo = 0;
  let hi = samples.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((samples[mid] as StoredSample).t < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const PERCENTILE = /^p(\d{1,2}(\.\d{1,10})?|100)$/;

export function isSupportedStatistic(stat: string): boolean {
  return ['Average', 'Sum', 'Minimum', 'Maximum', 'SampleCount'].includes(stat) || isPercentile(stat);
}

export function isPercentile(stat: string): boolean {
  return PERCENTILE.test(stat);
}

/**
 * One statistic of a period. Percentiles use the nearest-rank method over the individual values;
 * a period that only has pre-aggregated StatisticValues has no percentile (undefined), as in CloudWatch.
 */
export function statisticOf(agg: PeriodAggregate, stat: string): number | undefined {
  switch (stat) {
    case 'Average':
      return agg.count > 0 ? agg.sum / agg.count : undefined;
    case 'Sum':
      return agg.sum;
    case 'Minimum':
      return agg.min;
    case 'Maximum':
      return agg.max;
    case 'SampleCount':
      return agg.count;
  }
  if (!isPercentile(stat) || agg.values.length === 0) return undefined;
  const p = Number(stat.slice(1));
  return valueAtRank(agg, Math.max(1, Math.ceil((p / 100) * totalWeight(agg))));
}

function totalWeight(agg: PeriodAggregate): number {
  return agg.weights === undefined ? agg.values.length : agg.weights.reduce((n, w) => n + w, 0);
}

/** Nearest rank over the period's values sorted (each counted by its weight). */
function valueAtRank(agg: PeriodAggregate, rank: number): number {
  if (agg.weights === undefined) {
    const sorted = (agg.sorted ??= Float64Array.from(agg.values).sort()) as Float64Array;
    return sorted[Math.min(rank, sorted.length) - 1] as number;
  }
  const weights = agg.weights;
  const sorted = (agg.sorted ??= agg.values.map((v, j): [number, number] => [v, weights[j] as number]).sort((a, b) => a[0] - b[0])) as [number, number][];
  let seen = 0;
  for (const [value, count] of sorted) {
    seen += count;
    if (seen >= rank) return value;
  }
  return (sorted[sorted.length - 1] as [number, number])[0];
}
