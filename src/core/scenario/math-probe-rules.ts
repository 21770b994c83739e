import { closestMatch } from '../yaml/did-you-mean.js';
import { expressionIds, expressionSyntaxProblem } from './metric-math-syntax.js';
import type { MathProbe } from './types.js';

export interface MathProbeProblem {
  code: string;
  message: string;
  path: (string | number)[];
  key?: boolean;
  hint?: string;
}

/**
 * What CloudWatch would refuse in a math probe's queries, found before a run: ids that clash or that
 * no query has, expressions that depend on themselves, and not exactly one query returning data (the
 * probe's value, as in a metric math alarm). A function CloudWatch knows is never refused here.
 */
export function checkMathProbe(probe: MathProbe, path: (string | number)[]): MathProbeProblem[] {
  const problems: MathProbeProblem[] = [];
  const label = `steadyState[${path[path.length - 1]}] "${probe.name}"`;
  const at = (j: number, ...rest: string[]) => [...path, 'metrics', j, ...rest];
  const kind = (q: MathProbe['metrics'][number]) => (q.expression !== undefined ? 'an expression' : 'a metric');

  const firstById = new Map<string, number>();
  probe.metrics.forEach((q, j) => {
    const first = firstById.get(q.id);
    if (first === undefined) firstById.set(q.id, j);
    else {
      const other = probe.metrics[first]!;
      problems.push(
        kind(other) === kind(q)
          ? { code: 'MATH_ID_DUPLICATE', message: `${label}: id ${q.id} is already metrics[${first}]'s; each query needs its own id`, path: at(j, 'id') }
          : { code: 'MATH_ID_BOTH_WAYS', message: `${label}: id ${q.id} is ${kind(other)} in metrics[${first}] and ${kind(q)} here; an id names one query`, path: at(j, 'id'), hint: 'rename one of them (and the expressions that read it)' },
      );
    }
    if (q.metricStat !== undefined && q.expression !== undefined) {
      problems.push({ code: 'MATH_ID_BOTH_WAYS', message: `${label}: query ${q.id} has both metricStat and expression; a query is a metric or an expression, not both`, path: at(j, 'expression'), key: true, hint: `split it into two queries with their own ids` });
    }
  });

  const returned = probe.metrics.flatMap((q, j) => (q.returnData === false ? [] : [j]));
  if (returned.length === 0) {
    problems.push({ code: 'MATH_NONE_RETURNED', message: `${label}: none of its queries returns data, so the probe has no value`, path: [...path, 'metrics'], key: true, hint: 'set returnData: true on the query that is the probe’s value' });
  } else if (returned.length > 1) {
    const second = returned[1]!;
    problems.push({
      code: 'MATH_SEVERAL_RETURNED',
      message: `${label}: ${returned.length} queries return data (${returned.map((j) => probe.metrics[j]!.id).join(', ')}); exactly one is the probe's value`,
      path: probe.metrics[second]!.returnData === undefined ? at(second, 'id') : at(second, 'returnData'),
      hint: 'set returnData: false on the queries the expression only reads (CloudWatch returns every query’s data unless told not to)',
    });
  }

  const ids = [...firstById.keys()];
  const reads = new Map<string, string[]>();
  probe.metrics.forEach((q, j) => {
    if (q.expression === undefined) return;
    const syntax = expressionSyntaxProblem(q.expression);
    if (syntax) {
      problems.push({ code: 'MATH_EXPRESSION_INVALID', message: `${label}: expression of ${q.id} cannot be read: ${syntax}`, path: at(j, 'expression') });
      return;
    }
    const named = expressionIds(q.expression);
    for (const id of named.filter((n) => !firstById.has(n))) {
      const near = closestMatch(id, ids);
      problems.push({ code: 'MATH_UNKNOWN_ID', message: `${label}: expression of ${q.id} reads ${id}, which is not the id of one of its queries (${ids.join(', ')})`, path: at(j, 'expression'), hint: near ? `did you mean ${near}?` : `add a query with id: ${id} under metrics` });
    }
    // A clashing id is reported above; its dependencies would only be guessed at.
    if (firstById.get(q.id) === j) reads.set(q.id, named.filter((n) => firstById.has(n)));
  });

  for (const cycle of cycles(reads)) {
    const j = firstById.get(cycle[0]!)!;
    const loop = cycle.map((id, k) => `${id} reads ${cycle[(k + 1) % cycle.length]}`).join(', ');
    problems.push({ code: 'MATH_CYCLE', message: `${label}: ${loop}; an expression cannot depend on itself`, path: at(j, 'expression') });
  }

  const periods = probe.metrics.flatMap((q, j) => (q.metricStat ? [{ j, period: q.metricStat.period ?? 60 }] : []));
  const first = periods[0];
  for (const other of periods.filter((p) => first && p.period !== first.period)) {
    problems.push({
      code: 'MATH_PERIOD_MISMATCH',
      message: `${label}: ${probe.metrics[other.j]!.id} is per ${other.period} s but ${probe.metrics[first!.j]!.id} per ${first!.period} s; the probe judges one period, so all its metrics share it`,
      path: probe.metrics[other.j]!.metricStat!.period === undefined ? at(other.j, 'metricStat') : at(other.j, 'metricStat', 'period'),
      key: probe.metrics[other.j]!.metricStat!.period === undefined,
    });
  }
  return problems;
}

/** Each cycle of the "reads" graph once, as the ids in it, starting from the one written first. */
function cycles(reads: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const done = new Set<string>();
  const visit = (id: string, stack: string[]): void => {
    const at = stack.indexOf(id);
    if (at >= 0) {
      found.push(stack.slice(at));
      return;
    }
    if (done.has(id)) return;
    for (const next of reads.get(id) ?? []) visit(next, [...stack, id]);
    done.add(id);
  };
  for (const id of reads.keys()) visit(id, []);
  return found;
}
