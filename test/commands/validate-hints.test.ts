import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';

// Each hint must lead to a valid file when followed: break an example, read the one error, apply its fix, validate again.
function workspace(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gameday-hints-'));
  cpSync(join(ROOT, 'scenarios'), join(dir, 'scenarios'), { recursive: true });
  cpSync(join(ROOT, 'runbooks'), join(dir, 'runbooks'), { recursive: true });
  return dir;
}

async function brokenThenFixed(example: string, broken: (text: string) => string, expected: { error: string; hint: string }, fixed: (text: string) => string) {
  const dir = workspace();
  const file = join(dir, 'scenarios', example);
  const original = readFileSync(file, 'utf8');
  writeFileSync(file, broken(original));
  const r = await runCli(['validate', file, '--json'], { cwd: dir });
  expect(r.code).toBe(2);
  const diagnostics = JSON.parse(r.stdout).files[0].diagnostics as { code: string; message: string; hint?: string }[];
  expect(diagnostics, JSON.stringify(diagnostics)).toHaveLength(1);
  expect(diagnostics[0]!.code).toBe(expected.error);
  expect(diagnostics[0]!.hint ?? diagnostics[0]!.message).toContain(expected.hint);
  writeFileSync(file, fixed(original));
  const again = await runCli(['validate', file], { cwd: dir });
  expect(again.code, again.stdout).toBe(0);
}

describe('validate hints that lead to a valid value', () => {
  it('threshold: 120 → a quoted comparison, "< 120"', () =>
    brokenThenFixed('catalog-cpu-stress.yaml', (t) => t.replace('threshold: "< 95"', 'threshold: 120'), { error: 'WRONG_TYPE', hint: '"< 120"' }, (t) => t.replace('threshold: "< 95"', 'threshold: "< 120"')));

  it('threshold: "120" → "< 120"', () =>
    brokenThenFixed('catalog-cpu-stress.yaml', (t) => t.replace('threshold: "< 95"', 'threshold: "120"'), { error: 'INVALID_FORMAT', hint: '"< 120"' }, (t) => t.replace('threshold: "< 95"', 'threshold: "< 120"')));

  it('duration: 120 → "PT2M" (120 seconds), not "120"', () =>
    brokenThenFixed('catalog-cpu-stress.yaml', (t) => t.replace('    duration: PT10M', '    duration: 120'), { error: 'WRONG_TYPE', hint: '"PT2M"' }, (t) => t.replace('    duration: PT10M', '    duration: PT2M')));

  it('stat: P99 → did you mean "p99"', () =>
    brokenThenFixed('catalog-cpu-stress.yaml', (t) => t.replace('stat: Average', 'stat: P99'), { error: 'INVALID_FORMAT', hint: 'did you mean "p99"' }, (t) => t.replace('stat: Average', 'stat: p99')));

  it('within: 5m → did you mean "PT5M"', () =>
    brokenThenFixed('catalog-cpu-stress.yaml', (t) => t.replace('within: PT5M', 'within: 5m'), { error: 'INVALID_FORMAT', hint: 'did you mean "PT5M"' }, (t) => t));

  it('a 3-space indent is one error saying how far to indent', () =>
    brokenThenFixed('catalog-cpu-stress.yaml', (t) => t.replace('    cores: 0 # every core', '   cores: 0 # every core'), { error: 'YAML_BAD_INDENT', hint: 'indent it 4 spaces' }, (t) => t));

  it('a tab is one error saying how many spaces replace it', () =>
    brokenThenFixed('catalog-cpu-stress.yaml', (t) => t.replace('    cores: 0 # every core', '\tcores: 0 # every core'), { error: 'YAML_TAB_AS_INDENT', hint: 'indent it 4 spaces' }, (t) => t));

  it('a misspelt key (availabilityZoneNmae) is one error, without the knock-on AZ_NAME_REQUIRED', () =>
    brokenThenFixed('checkout-az-power.yaml', (t) => t.replace('availabilityZoneName:', 'availabilityZoneNmae:'), { error: 'UNKNOWN_FIELD', hint: 'did you mean "availabilityZoneName"' }, (t) => t));
});
