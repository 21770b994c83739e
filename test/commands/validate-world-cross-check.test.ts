import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { tempDir } from '../unit/scenario/fixtures.js';

/** A shipped scenario (default the worker kill) next to a copy of its world, with `edit` applied to the scenario text. */
function scenarioWith(edit: (text: string) => string, scenario = 'shop-order-worker-kill.yaml', world = 'shop-platform.yaml'): string {
  const dir = tempDir();
  mkdirSync(join(dir, 'worlds'));
  copyFileSync(join(ROOT, 'scenarios/worlds', world), join(dir, 'worlds', world));
  const file = join(dir, 'scenario.yaml');
  writeFileSync(file, edit(readFileSync(join(ROOT, 'scenarios', scenario), 'utf8')));
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

  it('a Spot interruption whose tags match no Spot Instance of the world is an error at fault.targets, not "no resources found" at run time', async () => {
    const spot = (edit: (t: string) => string) => scenarioWith(edit, 'storefront-spot-interruption.yaml', 'storefront-regional.yaml');
    const accepted = await runCli(['validate', spot((t) => t)]);
    expect(accepted.stdout).toMatch(/1 file valid/);
    const file = spot((t) => t.replace('Service: storefront\n    selection', 'Service: store-front\n    selection'));
    const result = await runCli(['validate', file]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(`${file}:${lineOf(file, 'Service: store-front') - 1}:`);
    expect(result.stdout).toMatch(/WORLD_MISMATCH\s+no resource in the world worlds\/storefront-regional\.yaml matches the Spot Instances \{"Service":"store-front"\}/);
  });

  it("a FIS template target is resolved as FIS resolves it: its parameters (an ECS task's cluster/service) and filters too", async () => {
    const tasks = (parameters: string, filters = '') =>
      scenarioWith((t) =>
        t.replace(
          /  fault:\n[\s\S]*?\n  stopConditions:/,
          `  fault:\n    type: fis-template\n    actions:\n      Stop:\n        actionId: aws:ecs:stop-task\n        targets: { Tasks: workers }\n    targets:\n      workers:\n        resourceType: aws:ecs:task\n        parameters: ${parameters}\n${filters}        selectionMode: COUNT(1)\n  stopConditions:`,
        ),
      );
    const accepted = await runCli(['validate', tasks('{ cluster: pipeline, service: order-worker }')]);
    expect(accepted.stdout).toMatch(/1 file valid/);
    const misspelt = tasks('{ cluster: pipeline, service: order-workers }');
    const result = await runCli(['validate', misspelt]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(`${misspelt}:${lineOf(misspelt, 'resourceType: aws:ecs:task')}:`);
    expect(result.stdout).toMatch(/WORLD_MISMATCH\s+no resource in the world worlds\/shop-platform\.yaml matches target workers \(aws:ecs:task with parameters \{"cluster":"pipeline","service":"order-workers"\}\)/);
    const filtered = tasks('{ cluster: pipeline, service: order-worker }', '        filters: [{ path: AvailabilityZone, values: [us-east-1d] }]\n');
    const byFilter = await runCli(['validate', filtered]);
    expect(byFilter.code).toBe(2);
    expect(byFilter.stdout).toMatch(/WORLD_MISMATCH\s+no resource in the world worlds\/shop-platform\.yaml matches target workers \(aws:ecs:task with parameters .* where AvailabilityZone is us-east-1d\)/);
  });

  it('a world that is not a valid world is an error at spec.sandbox.world, not "valid" until run --sandbox refuses it', async () => {
    const file = scenarioWith((t) => t);
    const world = join(dirname(file), 'worlds/shop-platform.yaml');
    writeFileSync(world, readFileSync(world, 'utf8').replace('region: us-east-1\n', 'region: us-east-1\n  sed: 1\n'));
    const result = await runCli(['validate', file]);
    expect(result.code).toBe(2);
    expect(result.stdout).toContain(`${file}:${lineOf(file, 'world: worlds/shop-platform.yaml')}:`);
    expect(result.stdout).toMatch(/WORLD_INVALID\s+sandbox world "worlds\/shop-platform\.yaml" is not a valid world: \S*shop-platform\.yaml:\d+:\d+ UNKNOWN_FIELD unknown field "sed" in spec/);
    expect(result.stdout).toMatch(/gameday validate worlds\/shop-platform\.yaml/);
  });
  it("a metric the SLO reads that the world does not publish is an error at its line (its reads would return nothing and the RTO go unmeasured)", async () => {
    const edit = (t: string) => t.replace(/total: \{ namespace: AWS\/ApplicationELB, name: RequestCount,/, 'total: { namespace: AWS/ApplicationELB, name: RequestsCount,').replace(/errors: \{ namespace: AWS\/ApplicationELB, name: HTTPCode_Target_5XX_Count,/, 'errors: { namespace: AWS/ApplicationELB, name: HTTPCode_Target_5xx_Count,');
    const file = scenarioWith(edit, 'checkout-az-power.yaml', 'multi-az-checkout.yaml');
    const result = await runCli(['validate', file]);
    expect(result.code, result.stdout).toBe(2);
    expect(result.stdout).toContain(`${file}:${lineOf(file, 'name: RequestsCount')}:`);
    expect(result.stdout).toContain(`${file}:${lineOf(file, 'name: HTTPCode_Target_5xx_Count')}:`);
    expect(result.stdout).toMatch(/WORLD_MISMATCH\s+the world worlds\/multi-az-checkout\.yaml publishes no AWS\/ApplicationELB RequestsCount/);
    const shipped = await runCli(['validate', scenarioWith((t) => t, 'checkout-az-power.yaml', 'multi-az-checkout.yaml')]);
    expect(shipped.stdout, shipped.stdout).toMatch(/1 file valid/);
  });
});
