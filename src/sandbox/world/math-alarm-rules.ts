import { ServiceError, type MetricMathAlarm } from '../contracts.js';
import { mathAlarmMembers } from '../services/math-alarm-input.js';
import { parseMetricQueries, querySeries } from '../services/metric-queries.js';
import { MetricStore } from '../services/metric-store.js';

/**
 * What the sandbox's PutMetricAlarm would refuse in a world's math alarm, each at the query it is about
 * (`at`: under the alarm's `metrics`): ids used twice, not exactly one query returning data, and each
 * expression the sandbox cannot evaluate (an unknown id, a function it does not emulate, a self-reference).
 */
export function mathAlarmProblems(a: MetricMathAlarm): { at: (string | number)[]; message: string }[] {
  const problems: { at: (string | number)[]; message: string }[] = [];
  const first = new Map<string, number>();
  a.metrics.forEach((q, j) => {
    if (first.has(q.id)) problems.push({ at: [j, 'id'], message: `id ${q.id} is already metrics[${first.get(q.id)}]'s; each query needs its own id` });
    else first.set(q.id, j);
  });
  const returned = a.metrics.flatMap((q, j) => (q.returnData === false ? [] : [j]));
  if (returned.length !== 1) {
    // At the second query that returns data (its returnData, or its id when it says nothing: the default is true).
    const second = returned[1];
    problems.push({
      at: second === undefined ? [] : [second, a.metrics[second]!.returnData === undefined ? 'id' : 'returnData'],
      message: `exactly one query returns data, the value the alarm compares with its threshold (${returned.length === 0 ? 'none does' : `${returned.map((j) => a.metrics[j]!.id).join(', ')} do`}): set returnData: false on the queries the expression only reads`,
    });
  }
  if (problems.length > 0) return problems;
  let parsed;
  try {
    parsed = parseMetricQueries(mathAlarmMembers(a)['Metrics'] as unknown[], 'Metrics');
  } catch (error) {
    if (error instanceof ServiceError) return [{ at: [], message: error.message }];
    throw error;
  }
  const series = querySeries(parsed, new MetricStore(), 0, 60_000);
  a.metrics.forEach((q, j) => {
    if (q.expression === undefined) return;
    try {
      series(q.id);
    } catch (error) {
      if (!(error instanceof ServiceError)) throw error;
      problems.push({ at: [j, 'expression'], message: error.message });
    }
  });
  return problems;
}
