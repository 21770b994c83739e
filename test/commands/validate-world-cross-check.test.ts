import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { tempDir } from '../unit/scenario/fixtures.js';

/** The shipped worker-kill scenario next to a copy of its world, with `edit` applied to the scenario text. */
function scenarioWith(edit: (text: string) => string): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'worlds'));
  copyFileSync(join(ROOT, 'scenarios/worlds/shop-platform.yaml'), join(dir, 'worlds/shop-platform.yaml'));
  const file = join(dir, 'scenario.yaml');
  writeFileSync(file, edit(readFileSync(join(ROOT, 'scenarios/shop-order-worker-kill.yaml'), 'utf8')));
  return file;
}

const lineOf = (file: string, needle: string) => readFileSync(file, 'utf8').split('\n').findIndex((l) => l.includes(needle)) + 1;

describe('gameday validate: a scenario against its sandbox world (spec.sandbox.world)', () => {
  it('accepts the shipped scenario on its world', async () => {
    const result = await runCli(['validate', scenarioWith((t) => t)]);
    expect(result.stdout).toMatch(/1 file valid/);
    expect(result.code).toBe(0);
  });

  it('an alarm the world does not have is an error at the scenario line that names it', async () => {
    const file = scenarioWith((t) => t.replace('alarm: order-workers-low', 'alarm: order-worker-low'));
    const result = await runCli(['validate', file]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(`${file}:${lineOf(file, 'alarm: order-worker-low')}:`);
    expect(result.stdout).toMatch(/WORLD_MISMATCH\s+alarm order-worker-low is not in the world worlds\/shop-platform\.yaml/);
  });

  it("accepts the world's metric math alarm wherever an alarm is named; a misspelt one is an error at its line", async () => {
    const ok = scenarioWith((t) => t.replace('alarm: order-workers-low', 'alarm: payments-failure-rate-high'));
    const accepted = await runCli(['validate', ok]);
    expect(accepted.stdout).toMatch(/1 file valid/);
    expect(accepted.code).toBe(0);
    const file = scenarioWith((t) => t.replace('alarm: order-workers-low', 'alarm: payments-failure-rates-high'));
    const result = await runCli(['validate', file]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(`${file}:${lineOf(file, 'alarm: payments-failure-rates-high')}:`);
    expect(result.stdout).toMatch(/WORLD_MISMATCH\s+alarm payments-failure-rates-high is not in the world worlds\/shop-platform\.yaml \(spec\.alarms, spec\.compositeAlarms: [^)]*payments-failure-rate-high/);
  });

  it('a probe metric the world does not publish, and a fault target nothing in the world matches, are errors', async () => {
    const file = scenarioWith((t) => t.replace('Service: storefront\n        stat: Sum', 'Service: store\n        stat: Sum').replace('service: order-worker', 'service: order-workers'));
    const result = await runCli(['validate', file, '--json']);
    expect(result.code).toBe(2);
    const report = JSON.parse(result.stdout);
    const problems = report.files[0].diagnostics.filter((d: any) => d.code === 'WORLD_MISMATCH');
    expect(problems.map((d: any) => d.message)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/publishes no Shop OrdersPlaced with dimensions \{"Service":"store"\}/),
        expect.stringMatching(/no resource in the world worlds\/shop-platform\.yaml matches tasks of ECS service pipeline\/order-workers/),
      ]),
    );
    expect(problems.find((d: any) => /order-workers/.test(d.message)).line).toBe(lineOf(file, 'service: order-workers'));
  });
});
