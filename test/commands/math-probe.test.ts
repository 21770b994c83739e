import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlanReport } from '../../src/core/plan/plan-paths.js';
import { PLANNED_RATE_PROBE, RATE_PROBE, checkoutWithProbes } from '../fixtures/math-probe.js';
import { runCli } from '../helpers/cli.js';

/** The 5xx-rate probe with a label: plan --json keeps it. */
const LABELLED = RATE_PROBE.replace('          expression: 100 * errors / requests\n', '          expression: 100 * errors / requests\n          label: 5xx rate (%)\n');

function scenario(edit: (text: string) => string = (t) => t): { dir: string; file: string; line: number } {
  const { dir, file, steadyLine } = checkoutWithProbes(LABELLED, { edit });
  return { dir, file, line: steadyLine - 1 };
}

describe.concurrent('metric math probes through the CLI', () => {
  it('validate accepts the probe; plan --json and the text plan show the expression and its inputs', async () => {
    const { file } = scenario();
    const validate = await runCli(['validate', file]);
    expect(validate.stdout + validate.stderr).toContain('1 file valid');
    expect(validate.code).toBe(0);

    const plan = await runCli(['plan', file, '--json']);
    expect(plan.code, plan.stderr).toBe(0);
    const outcome = (JSON.parse(plan.stdout) as PlanReport).results[0]!;
    if (!('plan' in outcome)) throw new Error(JSON.stringify(outcome));
    const probe = outcome.plan.probes[0]!;
    const rate = PLANNED_RATE_PROBE.math!.queries[2]!;
    expect(probe).toEqual({ ...PLANNED_RATE_PROBE, math: { ...PLANNED_RATE_PROBE.math, queries: [...PLANNED_RATE_PROBE.math!.queries.slice(0, 2), { ...rate, label: '5xx rate (%)' }] } });

    const text = await runCli(['plan', file]);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      '  p0  checkout-5xx-rate: 100 * errors / requests per 1m < 1, where errors = AWS/ApplicationELB HTTPCode_Target_5XX_Count Sum (LoadBalancer=app/checkout-alb/50dc6c495c0c9188); requests = AWS/ApplicationELB RequestCount Sum (LoadBalancer=app/checkout-alb/50dc6c495c0c9188)\n',
    );
  });

  it('validate names file:line:col for an unknown id, and exits 2', async () => {
    const { file, line } = scenario((t) => t.replace('100 * errors / requests', '100 * errors / reqests'));
    const r = await runCli(['validate', file]);
    expect(r.code).toBe(2);
    expect(r.stdout + r.stderr).toContain(`${file}:${line + 10}:23  error  MATH_UNKNOWN_ID  steadyState[0] "checkout-5xx-rate": expression of rate reads reqests, which is not the id of one of its queries (errors, requests, rate) — did you mean requests?`);
  });

  it('a function CloudWatch evaluates passes validate and plan (a sandbox warning only); run --sandbox refuses it at the expression, exit 2, before anything starts', async () => {
    const { dir, file, line } = scenario((t) => t.replace('100 * errors / requests', '100 * FILL(errors, 0) / requests'));
    const validate = await runCli(['validate', file]);
    expect(validate.code).toBe(0);
    expect(validate.stdout + validate.stderr).toContain(`${file}:${line + 10}:23  warning  SANDBOX_MATH_NOT_EMULATED`);
    expect((await runCli(['plan', file, '--json'])).code).toBe(0);

    const run = await runCli(['run', file, '--sandbox', '--reports-dir', join(dir, 'reports')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${file}:${line + 10}:23: the sandbox cannot evaluate probe checkout-5xx-rate's expression rate (function FILL() is not supported by the sandbox (arithmetic on query ids only)); nothing was started`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('world init publishes every metric a math probe reads, and the scenario validates against that world', async () => {
    // Only the math probe reads the request count: nothing else in the scenario names it.
    const { dir, file } = scenario((t) => t.replace(/world: \S+/, 'world: worlds/generated.yaml'));
    const world = join(dir, 'worlds', 'generated.yaml');
    const init = await runCli(['world', 'init', file, '--out', world]);
    expect(init.code, init.stderr).toBe(0);
    const text = await readFile(world, 'utf8');
    for (const name of ['HTTPCode_Target_5XX_Count', 'RequestCount']) expect(text).toContain(`- namespace: AWS/ApplicationELB\n      name: ${name}\n      dimensions:\n        LoadBalancer: app/checkout-alb/50dc6c495c0c9188\n`);
    const validate = await runCli(['validate', world, file]);
    expect(validate.stdout, validate.stderr).toBe('2 files valid\n');
  });
});
