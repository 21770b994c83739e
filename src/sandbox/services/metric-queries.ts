import { ServiceError } from '../contracts.js';
import { dimensions, missing, optionalBoolean, optionalInteger, optionalString, requiredString, structure } from './members.js';
import { MetricMathError, type Series, evaluate } from './metric-math.js';
import { type MetricId, type MetricStore, isSupportedStatistic, statisticOf } from './metric-store.js';

/**
 * MetricDataQuery lists, as GetMetricData takes them and PutMetricAlarm's `Metrics` does: each query a
 * MetricStat (metric, period, statistic, optional unit) or a metric math Expression over the others' ids.
 */
export type MetricQuery =
  | { id: string; label: string; returnData: boolean; expression: string; period?: number }
  | { id: string; label: string; returnData: boolean; metricId: MetricId; period: number; statName: string; unit?: string | undefined };

/** MetricExpression's length limit in CloudWatch's API model (botocore cloudwatch/2010-08-01 service-2.json). */
export const MAX_EXPRESSION_LENGTH = 2048;

export function parseMetricQueries(rawQueries: unknown[], member: string): MetricQuery[] {
  const ids = new Set<string>();
  return rawQueries.map((raw, i): MetricQuery => {
    const where = `${member}.member.${i + 1}`;
    const q = structure(raw, where);
    const id = requiredString(q, 'Id');
    if (!/^[a-z][a-zA-Z0-9_]*$/.test(id)) throw new ServiceError('ValidationError', `The value ${id} for parameter ${where}.Id is invalid: it must start with a lowercase letter and contain only letters, numbers and underscores.`);
    if (ids.has(id)) throw new ServiceError('ValidationError', `The values for parameter id in ${member} are not unique: ${id}.`);
    ids.add(id);
    const expression = optionalString(q, 'Expression');
    if (expression !== undefined) {
      // The API model's MetricExpression (1 to 2,048 characters); longer ones could also nest deep enough to exhaust the evaluator's stack.
      if (expression.length > MAX_EXPRESSION_LENGTH) throw new ServiceError('ValidationError', `The value for parameter ${where}.Expression is ${expression.length} characters long; it must be at most ${MAX_EXPRESSION_LENGTH}.`);
      if (q.MetricStat !== undefined && q.MetricStat !== '') throw new ServiceError('ValidationError', `Query ${id} must have exactly one of MetricStat and Expression.`);
      const period = optionalInteger(q, 'Period', 1);
      if (period !== undefined) checkPeriod(period, `${where}.Period`);
      return { id, label: optionalString(q, 'Label') ?? id, returnData: optionalBoolean(q, 'ReturnData') ?? true, expression, ...(period === undefined ? {} : { period }) };
    }
    const stat = structure(q.MetricStat, `${where}.MetricStat`);
    if (Object.keys(stat).length === 0) throw new ServiceError('ValidationError', `Query ${id} must have a MetricStat or an Expression.`);
    const metric = structure(stat.Metric, `${where}.MetricStat.Metric`);
    const period = optionalInteger(stat, 'Period', 1);
    if (period === undefined) throw missing(`${where}.MetricStat.Period`);
    checkPeriod(period, `${where}.MetricStat.Period`);
    const statName = requiredString(stat, 'Stat');
    if (!isSupportedStatistic(statName)) throw new ServiceError('ValidationError', `The statistic ${statName} in query ${id} is not supported by the sandbox (Average, Sum, Minimum, Maximum, SampleCount, pNN, pNN.N).`);
    const metricId: MetricId = { namespace: requiredString(metric, 'Namespace'), metricName: requiredString(metric, 'MetricName'), dimensions: dimensions(metric) };
    const unit = optionalString(stat, 'Unit');
    return { id, label: optionalString(q, 'Label') ?? metricId.metricName, returnData: optionalBoolean(q, 'ReturnData') ?? true, metricId, period, statName, unit };
  });
}

/** The series of each query id over [startMs, endMs): period start → value; expressions resolved on demand. */
export function querySeries(queries: readonly MetricQuery[], metrics: MetricStore, startMs: number, endMs: number): (id: string) => Series {
  const values = new Map<string, Series>();
  const resolving = new Set<string>();
  const seriesOf = (id: string): Series => {
    const known = values.get(id);
    if (known) return known;
    const q = queries.find((x) => x.id === id);
    if (!q) throw new ServiceError('ValidationError', `Error in expression: Unknown metric or expression id ${id}.`);
    if (resolving.has(id)) throw new ServiceError('ValidationError', `Error in expression ${id}: it refers to itself.`);
    resolving.add(id);
    let out: Series;
    if ('expression' in q) {
      let value;
      try {
        value = evaluate(q.expression, seriesOf);
      } catch (error) {
        if (error instanceof MetricMathError) throw new ServiceError('ValidationError', `Error in expression ${id}: ${error.message}.`);
        throw error;
      }
      if (typeof value === 'number') throw new ServiceError('ValidationError', `Error in expression ${id}: the expression must refer to at least one metric.`);
      out = value;
    } else {
      out = new Map(
        metrics
          .aggregate(q.metricId, startMs, endMs, q.period, q.unit)
          .map((a) => [a.start, statisticOf(a, q.statName)] as const)
          .filter((p): p is readonly [number, number] => p[1] !== undefined),
      );
    }
    resolving.delete(id);
    values.set(id, out);
    return out;
  };
  return seriesOf;
}

/** Standard resolution periods are multiples of 60; high resolution allows 10 and 30 (1 for GetMetricData). */
export function checkPeriod(period: number, name: string): void {
  if (!(period % 60 === 0 || [1, 5, 10, 30].includes(period))) {
    throw new ServiceError('InvalidParameterValue', `The parameter ${name} must be 1, 5, 10, 30 or a multiple of 60.`);
  }
}
