import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { tempDir } from '../unit/scenario/fixtures.js';

/** The AZ game day in a repository of its own (world, runbook), its SLO's good count written as FILL(…) – errors. */
function sloWithFunction(): { dir: string; file: string; line: number } {
  const dir = tempDir();
  mkdirSync(join(dir, '.git'));
  mkdirSync(join(dir, 'scenarios', 'worlds'), { recursive: true });
  mkdirSync(join(dir, 'runbooks'));
  copyFileSync(join(ROOT, 'scenarios/worlds/multi-az-checkout.yaml'), join(dir, 'scenarios/worlds/multi-az-checkout.yaml'));
  copyFileSync(join(ROOT, 'runbooks/checkout-az.md'), join(dir, 'runbooks/checkout-az.md'));
  const text = readFileSync(join(ROOT, 'scenarios/checkout-az-power.yaml'), 'utf8').replace('expression: requests - errors', 'expression: FILL(requests, 0) - errors');
  const file = join(dir, 'scenarios', 'checkout-az-power.yaml');
  writeFileSync(file, text);
  return { dir, file, line: text.split('\n').findIndex((l) => l.includes('FILL(requests')) + 1 };
}

describe('an SLO expression the sandbox cannot evaluate', () => {
  it('is a SANDBOX_MATH_NOT_EMULATED warning at the expression, and run --sandbox refuses it before anything starts (it failed every GetMetricData, probes included, and PASSED "no impact")', async () => {
    const { dir, file, line } = sloWithFunction();
    const validate = await runCli(['validate', file]);
    expect(validate.code, validate.stdout).toBe(0);
    expect(validate.stdout).toMatch(new RegExp(`${file}:${line}:\\d+  warning  SANDBOX_MATH_NOT_EMULATED  spec\\.slo\\.good: the sandbox cannot evaluate its expression \\(function FILL\\(\\) is not supported`));
    const run = await runCli(['run', file, '--sandbox', '--reports-dir', join(dir, 'reports')], { cwd: dir });
    expect(run.code, run.stdout + run.stderr).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`${file}:${line}:\\d+: the sandbox cannot evaluate the SLO's good expression \\(function FILL\\(\\) is not supported by the sandbox \\(arithmetic on query ids only\\)\\); nothing was started`));
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
