import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../../src/core/plan/compile.js';
import { probeWords } from '../../../src/core/plan/render-shared.js';
import { probeQueries } from '../../../src/core/run/metric-data-queries.js';
import { loadScenarioFile } from '../../../src/core/scenario/load.js';
import { calledFunctions, expressionIds, renameExpressionIds } from '../../../src/core/scenario/metric-math-syntax.js';
import { PLANNED_RATE_PROBE, RATE_PROBE, checkoutWithProbes } from '../../fixtures/math-probe.js';

const RATE = RATE_PROBE;
const ERRORS = RATE.split('\n')[3]!.trim();
const REQUESTS = RATE.split('\n')[6]!.trim();

/** Diagnostics with lines counted from the probe's first line (1). */
async function diagnose(probes: string, options: { world?: boolean } = {}) {
  const { file, steadyLine } = checkoutWithProbes(probes, { world: options.world ?? false });
  const result = await loadScenarioFile(file);
  return result.diagnostics.map((d) => ({ code: d.code, severity: d.severity, line: d.line - steadyLine + 1, col: d.col, message: d.message, ...(d.hint ? { hint: d.hint } : {}) }));
}

describe('metric math probes: validate', () => {
  it('accepts a 5xx rate written as CloudWatch MetricDataQueries, exactly one returned', async () => {
    expect(await diagnose(RATE)).toEqual([]);
  });

  it('refuses zero returned queries, at the metrics key', async () => {
    expect(await diagnose(RATE.replace('        - id: rate\n', '        - id: rate\n          returnData: false\n'))).toEqual([
      { code: 'MATH_NONE_RETURNED', severity: 'error', line: 2, col: 7, message: 'steadyState[0] "checkout-5xx-rate": none of its queries returns data, so the probe has no value', hint: 'set returnData: true on the query that is the probe’s value' },
    ]);
  });

  it('refuses two returned queries (returnData defaults to true, as in CloudWatch), at the second one', async () => {
    const [d] = await diagnose(RATE.replace('          returnData: false\n        - id: rate', '        - id: rate'));
    expect(d).toMatchObject({ code: 'MATH_SEVERAL_RETURNED', line: 8, col: 15, message: 'steadyState[0] "checkout-5xx-rate": 2 queries return data (requests, rate); exactly one is the probe\'s value' });
    expect(d!.hint).toMatch(/returnData: false on the queries the expression only reads/);
  });

  it('refuses an id the expression reads that no query has, at the expression, with a suggestion', async () => {
    expect(await diagnose(RATE.replace('100 * errors / requests', '100 * erors / requests'))).toEqual([
      { code: 'MATH_UNKNOWN_ID', severity: 'error', line: 10, col: 23, message: 'steadyState[0] "checkout-5xx-rate": expression of rate reads erors, which is not the id of one of its queries (errors, requests, rate)', hint: 'did you mean errors?' },
    ]);
  });

  it('refuses expressions that depend on themselves, directly or through another', async () => {
    const cycle = RATE.replace('        - id: rate\n          expression: 100 * errors / requests\n', '        - id: ratio\n          expression: errors / rate\n          returnData: false\n        - id: rate\n          expression: 100 * ratio\n');
    expect(await diagnose(cycle)).toEqual([{ code: 'MATH_CYCLE', severity: 'error', line: 10, col: 23, message: 'steadyState[0] "checkout-5xx-rate": ratio reads rate, rate reads ratio; an expression cannot depend on itself' }]);
    const self = await diagnose(RATE.replace('100 * errors / requests', 'rate + errors'));
    expect(self.map((d) => [d.code, d.line, d.message])).toEqual([['MATH_CYCLE', 10, 'steadyState[0] "checkout-5xx-rate": rate reads rate; an expression cannot depend on itself']]);
  });

  it('refuses an id used both ways: a metric and an expression of the same id, or one query with both', async () => {
    const twice = await diagnose(RATE.replace('        - id: rate\n', '        - id: errors\n          expression: errors * 2\n          returnData: false\n        - id: rate\n'));
    expect(twice.map((d) => [d.code, d.line, d.col, d.message])).toEqual([
      ['MATH_ID_BOTH_WAYS', 9, 15, 'steadyState[0] "checkout-5xx-rate": id errors is a metric in metrics[0] and an expression here; an id names one query'],
    ]);
    const both = await diagnose(RATE.replace(`        - id: errors\n          ${ERRORS}\n`, `        - id: errors\n          ${ERRORS}\n          expression: requests / 2\n`));
    expect(both.map((d) => [d.code, d.line, d.col])).toEqual([['MATH_ID_BOTH_WAYS', 5, 11]]);
    const duplicate = await diagnose(RATE.replace('        - id: requests\n', '        - id: errors\n'));
    expect(duplicate.map((d) => d.code)).toEqual(['MATH_ID_DUPLICATE', 'MATH_UNKNOWN_ID']);
  });

  it('refuses an expression with a bracket or string that is not closed (nothing else about its syntax)', async () => {
    const closing = await diagnose(RATE.replace('100 * errors / requests', '100 * errors / requests)'));
    expect(closing.map((d) => [d.code, d.line, d.message])).toEqual([['MATH_EXPRESSION_INVALID', 10, 'steadyState[0] "checkout-5xx-rate": expression of rate cannot be read: ")" at position 24 closes nothing']]);
    const string = await diagnose(RATE.replace('100 * errors / requests', `"100 * errors / requests + SEARCH('x"`));
    expect(string.map((d) => d.message)).toEqual(['steadyState[0] "checkout-5xx-rate": expression of rate cannot be read: the string starting at position 34 is not closed']);
  });

  it('asks every metric of a probe for one period', async () => {
    const d = await diagnose(RATE.replace(`${REQUESTS}`, REQUESTS.replace('stat: Sum }', 'stat: Sum, period: 300 }')));
    expect(d.map((x) => [x.code, x.line, x.message])).toEqual([['MATH_PERIOD_MISMATCH', 7, 'steadyState[0] "checkout-5xx-rate": requests is per 300 s but errors per 60 s; the probe judges one period, so all its metrics share it']]);
  });

  it('accepts CloudWatch functions, keywords and strings the sandbox does not emulate (CloudWatch evaluates them)', async () => {
    for (const expression of ['100 * FILL(errors, 0) / FILL(requests, REPEAT)', 'IF(requests > 0, 100 * errors / requests, 0)', "SUM(SEARCH('{AWS/ApplicationELB,LoadBalancer} MetricName=\"HTTPCode_Target_5XX_Count\"', 'Sum', 60)) + 0 * errors + 0 * requests"]) {
      expect(await diagnose(RATE.replace('100 * errors / requests', JSON.stringify(expression))), expression).toEqual([]);
    }
  });

  it('with a sandbox world, warns (does not refuse) when the sandbox cannot evaluate the expression; every input metric must be in the world', async () => {
    expect(await diagnose(RATE, { world: true })).toEqual([]);
    const fill = await diagnose(RATE.replace('100 * errors / requests', '100 * FILL(errors, 0) / requests'), { world: true });
    expect(fill).toEqual([
      expect.objectContaining({ code: 'SANDBOX_MATH_NOT_EMULATED', severity: 'warning', line: 10, col: 23, message: expect.stringContaining('the sandbox cannot evaluate rate\'s expression (function FILL() is not supported by the sandbox') }),
    ]);
    const missing = await diagnose(RATE.replace('name: RequestCount', 'name: RequestCountPerTarget'), { world: true });
    expect(missing.map((d) => [d.code, d.line, d.col, d.message])).toEqual([
      ['WORLD_MISMATCH', 7, 23, 'the world worlds/multi-az-checkout.yaml publishes no AWS/ApplicationELB RequestCountPerTarget with dimensions {"LoadBalancer":"app/checkout-alb/50dc6c495c0c9188"} (spec.metrics)'],
    ]);
  });

  it('refuses a math probe as an impact count: impact totals one count metric', async () => {
    const { file } = checkoutWithProbes(RATE, { world: false, edit: (t) => t.replace(/^ {2}impact:\n(?: {4}.*\n)+/m, '  impact:\n    - name: failed requests\n      probe: checkout-5xx-rate\n') });
    const result = await loadScenarioFile(file);
    expect(result.diagnostics.map((d) => d.code)).toEqual(['IMPACT_NOT_A_COUNT']);
  });

  it('refuses a query with neither metricStat nor expression (schema)', async () => {
    const d = await diagnose(RATE.replace(`          ${ERRORS}\n`, ''));
    expect(d.map((x) => [x.code, x.line])).toEqual([['MISSING_FIELD', 3]]);
  });
});

describe('metric math probes: plan', () => {
  it('compiles the queries as written, and the watch asks for them under the probe id (its inputs renamed under it)', async () => {
    const result = await loadScenarioFile(checkoutWithProbes(RATE, { world: false }).file);
    if (!result.ok) throw new Error(JSON.stringify(result.diagnostics));
    const plan = compilePlan(result.loaded);
    const probe = plan.probes[0]!;
    const alb = { LoadBalancer: 'app/checkout-alb/50dc6c495c0c9188' };
    expect(probe).toEqual(PLANNED_RATE_PROBE);
    expect(probeWords(probe)).toBe(
      '100 * errors / requests per 1m < 1, where errors = AWS/ApplicationELB HTTPCode_Target_5XX_Count Sum (LoadBalancer=app/checkout-alb/50dc6c495c0c9188); requests = AWS/ApplicationELB RequestCount Sum (LoadBalancer=app/checkout-alb/50dc6c495c0c9188)',
    );
    expect(probeQueries(probe)).toEqual([
      { id: 'p0_errors', namespace: 'AWS/ApplicationELB', name: 'HTTPCode_Target_5XX_Count', dimensions: alb, stat: 'Sum', returnData: false, period: 60 },
      { id: 'p0_requests', namespace: 'AWS/ApplicationELB', name: 'RequestCount', dimensions: alb, stat: 'Sum', returnData: false, period: 60 },
      { id: 'p0', expression: '100 * p0_errors / p0_requests', period: 60 },
    ]);
    // Preflight also reads each input, to say which metric has no data.
    expect(probeQueries(probe, { inputs: true }).map((q) => [q.id, q.returnData ?? true])).toEqual([['p0_errors', true], ['p0_requests', true], ['p0', true]]);
    expect(plan.preflight.find((c) => c.id === 'steady-state:p0')?.description).toBe(`steady state holds: ${probeWords(probe)}; each metric it reads has datapoints`);
  });

  it('reads ids outside strings and function names only, and renames exactly those', () => {
    const expression = "IF(m1 > 0, 100 * FILL(e_1, REPEAT) / m1, 0) + 0 * SUM(SEARCH('{AWS/EC2,x} MetricName=\"y\"', 'Sum', 60)) + 1e3 * errors";
    expect(expressionIds(expression)).toEqual(['m1', 'e_1', 'errors']);
    expect(renameExpressionIds(expression, (id) => `p3_${id}`)).toBe("IF(p3_m1 > 0, 100 * FILL(p3_e_1, REPEAT) / p3_m1, 0) + 0 * SUM(SEARCH('{AWS/EC2,x} MetricName=\"y\"', 'Sum', 60)) + 1e3 * p3_errors");
    expect(expressionIds('SELECT AVG(CPUUtilization) FROM SCHEMA("AWS/EC2", InstanceId) WHERE env = \'prod\'')).toEqual([]);
  });

  it('tells arithmetic from an expression that calls a function (the watch reads those over the whole run)', () => {
    // A call written inside a string is text, not a call.
    for (const arithmetic of ['100 * errors / requests', '(a + b) / (c - 1e3)', "errors * 2 + 0 * 'DIFF(x)'"]) expect(calledFunctions(arithmetic), arithmetic).toEqual([]);
    expect(calledFunctions('DIFF(errors) + RATE (m1) * 60 + RUNNING_SUM(errors) + FILL(m1, REPEAT) + diff(m2)')).toEqual(['DIFF', 'RATE', 'RUNNING_SUM', 'FILL']);
    expect(calledFunctions('MIN(METRICS())')).toEqual(['MIN', 'METRICS']);
    expect(calledFunctions("SUM(SEARCH('{AWS/EC2} MetricName=\"METRICS(x)\"', 'Average', 60))")).toEqual(['SUM', 'SEARCH']);
  });
});
