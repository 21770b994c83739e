import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { SDK_LOADED, sdkLoadProbe } from '../helpers/sdk-load-probe.js';
import { tempDir } from '../unit/scenario/fixtures.js';

const SHIPPED = readdirSync(join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml')).map((f) => `scenarios/${f}`);

/** `world init` for `scenarios` into a fresh folder, and copies of the scenarios whose spec.sandbox.world is that world. */
async function generated(scenarios: string[]): Promise<{ dir: string; world: string; copies: string[]; stdout: string; code: number | null }> {
  const dir = tempDir();
  mkdirSync(join(dir, 'worlds'));
  const world = join(dir, 'worlds', 'generated.yaml');
  const result = await runCli(['world', 'init', ...scenarios, '--out', world]);
  const copies = scenarios.map((s) => {
    const copy = join(dir, basename(s));
    writeFileSync(copy, readFileSync(join(ROOT, s), 'utf8').replace(/^(\s+world:) .*$/m, '$1 worlds/generated.yaml'));
    return copy;
  });
  return { dir, world, copies, stdout: result.stdout, code: result.code };
}

describe('gameday world init', () => {
  it.each(SHIPPED)('writes a world for %s that validates, and the scenario validates against it', async (scenario) => {
    const { world, copies, code } = await generated([scenario]);
    expect(code).toBe(0);
    expect(readFileSync(copies[0]!, 'utf8')).toContain('world: worlds/generated.yaml');
    const validate = await runCli(['validate', world, ...copies]);
    expect(validate.stdout, validate.stderr).toBe('2 files valid\n');
    expect(validate.code).toBe(0);
  });

  it('writes one world for every shipped scenario together: all validate against it, commented', async () => {
    const { world, copies, code } = await generated(SHIPPED);
    expect(code).toBe(0);
    const text = readFileSync(world, 'utf8');
    expect(text).toMatch(/^# yaml-language-server: \$schema=\S*schemas\/world\.schema\.json\n# Sandbox world \(a simulation, not AWS\) written by gameday world init/);
    expect(text).toContain('# for checkout-az-power target EC2-Instances');
    expect(text).not.toMatch(/[&*]a\d/);
    const validate = await runCli(['validate', world, ...copies]);
    expect(validate.stdout, validate.stderr).toBe(`${SHIPPED.length + 1} files valid\n`);
  });

  it('run --sandbox of a scenario on its generated world reaches a verdict', async () => {
    const { dir, copies } = await generated(['scenarios/orders-ecs-task-kill.yaml']);
    const run = await runCli(['run', copies[0]!, '--sandbox', '--yes', '--reports-dir', join(dir, 'reports'), '--json'], { timeoutMs: 120_000 });
    expect([0, 1], run.stderr).toContain(run.code);
    const result = JSON.parse(run.stdout);
    expect(result.experimentState).toBe('completed');
    expect(result.verdict.expectations.length).toBeGreaterThan(0);
    expect(run.code).toBe(result.passed ? 0 : 1);
  }, 150_000);

  it("publishes every metric the scenario's SLO reads: on its generated world the SLO is sampled and the RTO measured", async () => {
    const { dir, world, copies } = await generated(['scenarios/checkout-az-power.yaml']);
    expect(readFileSync(world, 'utf8')).toMatch(/namespace: AWS\/ApplicationELB\n\s+name: RequestCount\n\s+dimensions:\n\s+LoadBalancer: app\/checkout-alb\/50dc6c495c0c9188\n\s+source: requestCount/);
    // The stop condition's stand-in trips above half the requests failing: an AZ of three lost fails a third of them by design.
    expect(readFileSync(world, 'utf8')).toMatch(/alarmName: checkout-5xx-critical\n((?!\s+- alarmName)[\s\S])*?metricName: HTTP5xxRate\n((?!\s+- alarmName)[\s\S])*?threshold: 50\n/);
    const run = await runCli(['run', copies[0]!, '--sandbox', '--yes', '--reports-dir', join(dir, 'reports'), '--json'], { timeoutMs: 120_000 });
    const result = JSON.parse(run.stdout);
    expect(result.experimentState, run.stdout).toBe('completed');
    const samples = readFileSync(join(result.runDir, 'journal.jsonl'), 'utf8').split('\n').filter((l) => l.includes('"slo-sample"')).map((l) => JSON.parse(l) as { total: number });
    expect(samples.length).toBeGreaterThan(30);
    expect(Math.min(...samples.map((s) => s.total))).toBeGreaterThan(0);
    expect(result.verdict.rto.state, result.verdict.rto.note).toBe('measured');
  }, 150_000);

  it('a cross-Region scenario: the transit gateways, buckets and global tables it disrupts are in the generated world, each action finds its targets, and the RPO follows the replication lag', async () => {
    const { dir, world, copies } = await generated(['scenarios/storefront-cross-region.yaml']);
    const text = readFileSync(world, 'utf8');
    expect(text).toMatch(/transitGateways:\n\s+# .*\n\s+- id: tgw-[0-9a-f]{17}\n\s+tags:\n\s+CrossRegionConnectivity: DisruptTransitGateway/);
    expect(text).toMatch(/- name: storefront-orders\n\s+kind: dynamodb-global-table\n\s+toRegion: us-west-2/);
    expect(text).toMatch(/kind: s3-bucket\n\s+toRegion: us-west-2/);
    expect(text).toMatch(/name: ReplicationLagSeconds\n\s+dimensions:\n\s+Store: storefront-orders\n\s+source: replicationLagSeconds\n\s+resource: storefront-orders/);
    const run = await runCli(['run', copies[0]!, '--sandbox', '--yes', '--reports-dir', join(dir, 'reports'), '--json'], { timeoutMs: 120_000 });
    const result = JSON.parse(run.stdout);
    expect(result.experimentState, run.stdout).toBe('completed');
    // No action skipped for want of targets (lost coverage), and the lag alarm fires within its budget.
    expect(result.verdict.expectations.filter((e: { passed: boolean }) => !e.passed).map((e: { description: string }) => e.description)).toEqual([]);
    // 30 minutes of paused replication: the lag the RPO reads reaches the pause's length, not a request count.
    expect(result.verdict.rpo.measuredSeconds).toBeGreaterThanOrEqual(1800);
    expect(result.verdict.rpo.measuredSeconds).toBeLessThan(1900);
  }, 150_000);

  it("an alarm named for capacity watches the group's instances in service: the Spot interruption is detected, and the game day passes, on its generated world", async () => {
    const { dir, world, copies } = await generated(['scenarios/storefront-spot-interruption.yaml']);
    expect(readFileSync(world, 'utf8')).toMatch(/alarmName: storefront-capacity-low\n(\s+\w+: .*\n)*?\s+namespace: AWS\/AutoScaling\n\s+metricName: GroupInServiceInstances\n\s+dimensions:\n\s+AutoScalingGroupName: storefront-asg\n\s+statistic: Minimum\n\s+threshold: 6\n\s+comparisonOperator: LessThanThreshold/);
    const run = await runCli(['run', copies[0]!, '--sandbox', '--yes', '--reports-dir', join(dir, 'reports'), '--json'], { timeoutMs: 120_000 });
    const result = JSON.parse(run.stdout);
    expect(result.verdict.expectations.filter((e: { passed: boolean }) => !e.passed).map((e: { description: string }) => e.description)).toEqual([]);
    expect(run.code).toBe(0);
  }, 150_000);

  it.each([
    ['scenarios/storefront-spot-interruption.yaml', /instanceTags:\n\s+Service: storefront\n(\s+\w+: .*\n)*?\s+spot: true/],
    ['scenarios/catalog-cpu-multi-account.yaml', /accounts:\n\s+- account: "111122223333"\n\s+iamRoles:\n\s+- name: gameday-fis-target\n\s+trustsRoles:\n\s+- arn:aws:iam::123456789012:role\/gameday-fis/],
  ])('the experiment of %s runs on its generated world (Spot Instances; resources in the target account, whose role trusts the orchestrator)', async (scenario, holds) => {
    const { dir, world, copies } = await generated([scenario]);
    expect(readFileSync(world, 'utf8')).toMatch(holds);
    const run = await runCli(['run', copies[0]!, '--sandbox', '--yes', '--reports-dir', join(dir, 'reports'), '--json'], { timeoutMs: 120_000 });
    const result = JSON.parse(run.stdout);
    expect(result.experimentState, run.stdout).toBe('completed');
  }, 150_000);

  it('a queue consumer without a load balancer: the SQS metric follows a queue the stopped ECS service consumes, and the alarms watch it and the tasks', async () => {
    const { dir, world, copies } = await generated(['test/fixtures/world-init/order-consumer-kill.yaml']);
    const text = readFileSync(world, 'utf8');
    expect(text).toMatch(/name: ApproximateAgeOfOldestMessage\n\s+dimensions:\n\s+QueueName: order-events\n\s+source: queueOldestMessageAge\n\s+resource: order-events/);
    expect(text).toMatch(/services:\n(.*\n)*?\s+- name: order-consumer\n\s+servedBy:\n\s+ecsService:\n\s+cluster: pipeline\n\s+service: order-consumer\n\s+consumes: order-events/);
    expect(text).toMatch(/alarmName: order-events-age-critical\n(\s+\w+: .*\n)*?\s+namespace: AWS\/SQS\n\s+metricName: ApproximateAgeOfOldestMessage/);
    expect(text).toMatch(/alarmName: order-consumers-low\n(\s+\w+: .*\n)*?\s+namespace: ECS\/ContainerInsights\n\s+metricName: RunningTaskCount/);
    const run = await runCli(['run', copies[0]!, '--sandbox', '--yes', '--reports-dir', join(dir, 'reports'), '--json'], { timeoutMs: 120_000 });
    const result = JSON.parse(run.stdout);
    expect(result.experimentState, run.stdout).toBe('completed');
    expect(run.code, run.stdout).toBe(0);
    const journal = readFileSync(join(result.runDir, 'journal.jsonl'), 'utf8');
    const ages = journal.split('\n').filter((l) => l.includes('"probe-sample"')).map((l) => JSON.parse(l).value as number);
    expect(ages[0]).toBe(0);
    expect(Math.max(...ages)).toBeGreaterThan(0);
  }, 150_000);

  it('names the cache after the node a probe reads (CacheClusterId <group>-00N), so the metric is that group\'s as in AWS', async () => {
    const { world, copies } = await generated(['test/fixtures/world-init/catalog-cache-az.yaml']);
    const text = readFileSync(world, 'utf8');
    expect(text).toMatch(/elastiCacheReplicationGroups:\n(\s+#.*\n)?\s+- id: catalog-redis\n/);
    expect(text).toMatch(/CacheClusterId: catalog-redis-002\n\s+source: cacheReplicationLag\n\s+resource: catalog-redis\n/);
    const validate = await runCli(['validate', world, ...copies]);
    expect(validate.stdout, validate.stderr).toBe('2 files valid\n');
  });

  it('a metric of a second load balancer is a second service\'s (its own group; the cache named after it is its), not the application\'s under another name', async () => {
    const { dir, world, copies } = await generated(['test/fixtures/world-init/search-cache-az.yaml']);
    const text = readFileSync(world, 'utf8');
    expect(text).toMatch(/services:\n(.*\n)*?\s+- name: search\n\s+loadBalancer:\n\s+name: app\/search-alb\/9f8e7d6c5b4a3921\n(.*\n)*?\s+servedBy:\n\s+autoScalingGroup: search-asg\n(.*\n)*?\s+cache: search-cache\n/);
    expect(text).toMatch(/TargetResponseTime\n\s+dimensions:\n\s+LoadBalancer: app\/search-alb\/9f8e7d6c5b4a3921\n\s+source: targetResponseTime\n\s+resource: search\n/);
    expect(text).toMatch(/alarmName: search-5xx-high\n(\s+\w+: .*\n)*?\s+dimensions:\n\s+LoadBalancer: app\/search-alb\/9f8e7d6c5b4a3921/);
    const validate = await runCli(['validate', world, ...copies]);
    expect(validate.stdout, validate.stderr).toBe('2 files valid\n');
    const run = await runCli(['run', copies[0]!, '--sandbox', '--yes', '--reports-dir', join(dir, 'reports'), '--json'], { timeoutMs: 120_000 });
    const result = JSON.parse(run.stdout);
    expect(result.experimentState, run.stdout).toBe('completed');
    // search-5xx-high, on the search service's load balancer, fires as its cache fails over: the game day passes.
    expect(result.passed, run.stdout).toBe(true);
  }, 150_000);

  it('--json names the file and what the world holds', async () => {
    const dir = tempDir();
    const out = join(dir, 'w.yaml');
    const result = await runCli(['world', 'init', 'scenarios/checkout-az-power.yaml', '--out', out, '--json']);
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.file).toBe(out);
    expect(json.resources).toEqual(expect.arrayContaining([{ kind: 'rdsCluster', name: 'checkout-db' }, { kind: 'iamRole', name: 'checkout-app' }]));
    expect(json.alarms).toEqual(expect.arrayContaining(['checkout-5xx-critical', 'checkout-5xx-high', 'checkout-unhealthy-hosts']));
    expect(json.metrics).toContain('Checkout DataLossWindowSeconds');
  });

  it('never overwrites --out (exit 2, the file is kept)', async () => {
    const out = join(tempDir(), 'mine.yaml');
    writeFileSync(out, 'keep me\n');
    const result = await runCli(['world', 'init', 'scenarios/orders-ecs-task-kill.yaml', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${out} already exists; world init never overwrites a world`);
    expect(readFileSync(out, 'utf8')).toBe('keep me\n');
  });

  it('an invalid scenario is exit 2 naming it, without a stack trace', async () => {
    const bad = join(tempDir(), 'bad.yaml');
    writeFileSync(bad, readFileSync(join(ROOT, 'scenarios/catalog-cpu-stress.yaml'), 'utf8').replace('duration: PT10M', 'duration: 10'));
    const result = await runCli(['world', 'init', bad]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(bad);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('scenarios in different accounts are exit 2: one world is one account and Region', async () => {
    const other = join(tempDir(), 'other-account.yaml');
    writeFileSync(other, readFileSync(join(ROOT, 'scenarios/orders-ecs-task-kill.yaml'), 'utf8').replaceAll('123456789012', '210987654321'));
    const result = await runCli(['world', 'init', 'scenarios/orders-ecs-task-kill.yaml', other]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${other} targets 210987654321 us-east-1, scenarios/orders-ecs-task-kill.yaml 123456789012 us-east-1: one world is one account and Region`);
  });

  it('loads no AWS SDK', async () => {
    const result = await runCli(['world', 'init', ...SHIPPED], { env: { NODE_OPTIONS: sdkLoadProbe() } });
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain(SDK_LOADED);
  });

  it('the SDK probe sees a command that loads the SDK (so "loads no AWS SDK" can fail)', async () => {
    const result = await runCli(['halt', '--yes', '--endpoint-url', 'http://127.0.0.1:9'], { env: { NODE_OPTIONS: sdkLoadProbe(), GAMEDAY_AWS_RETRY_DELAY_MS: '0' } });
    expect(result.stderr).toContain(`${SDK_LOADED} @aws-sdk/client-fis`);
  });
});
