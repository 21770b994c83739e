import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { tempDir } from '../unit/scenario/fixtures.js';

// Classic cron ORs restricted day-of-month and day-of-week: "0 10 1-7 * 2" is ~11 days a month, not "first Tuesday".
function scenarioWith(schedule: string): string {
  const dir = tempDir();
  const base = readFileSync(join(ROOT, 'test/fixtures/schedule/scenarios/unscheduled.yaml'), 'utf8');
  writeFileSync(join(dir, 'monthly.yaml'), `${base}  schedule:\n${schedule}`);
  return dir;
}

describe('validate: cron restricting both day fields', () => {
  it('"0 10 1-7 * 2" is CRON_DAY_FIELDS_OR (exit 2) and suggests TUE#1; the suggestion validates', async () => {
    const dir = scenarioWith('    cron: "0 10 1-7 * 2"\n');
    const r = await runCli(['validate', 'monthly.yaml'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('monthly.yaml:24:11  error  CRON_DAY_FIELDS_OR');
    expect(r.stdout).toContain('"0 10 * * TUE#1"');
    const fixed = scenarioWith('    cron: "0 10 * * TUE#1"\n');
    expect((await runCli(['validate', 'monthly.yaml'], { cwd: fixed })).code).toBe(0);
  });

  it('a scenario that means either day says so with dayFieldsOr: true, and validates', async () => {
    const dir = scenarioWith('    cron: "0 10 1,15 * MON"\n    dayFieldsOr: true\n');
    const r = await runCli(['validate', 'monthly.yaml'], { cwd: dir });
    expect(r.code, r.stdout).toBe(0);
    const other = scenarioWith('    cron: "0 10 1,15 * MON"\n');
    const refused = await runCli(['validate', 'monthly.yaml'], { cwd: other });
    expect(refused.code).toBe(2);
    expect(refused.stdout).toContain('dayFieldsOr: true');
  });

  it('only one day field restricted is fine', async () => {
    expect((await runCli(['validate', 'monthly.yaml'], { cwd: scenarioWith('    cron: "0 10 1-7 * *"\n') })).code).toBe(0);
  });
});
