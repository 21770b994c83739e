import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GamedayError } from '../../../../src/core/errors.js';
import { validateFile } from '../../../../src/core/validate/validate-file.js';
import { DEFAULT_WORLD_PATH, loadWorld } from '../../../../src/sandbox/world/load-world.js';

const worlds = new URL('../../../../scenarios/worlds/', import.meta.url);

async function withText(text: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'world-'));
  const file = join(dir, 'world.yaml');
  await writeFile(file, text);
  return file;
}

async function failure(text: string): Promise<GamedayError> {
  const error = await loadWorld(await withText(text)).catch((e: unknown) => e);
  expect(GamedayError.is(error)).toBe(true);
  return error as GamedayError;
}

const defaultText = () => readFile(DEFAULT_WORLD_PATH, 'utf8');

describe('loadWorld', () => {
  it.each(['multi-az-checkout', 'single-az-db-checkout', 'catalog-cpu', 'orders-ecs'])('loads scenarios/worlds/%s.yaml, which gameday validate accepts', async (name) => {
    const file = new URL(`${name}.yaml`, worlds).pathname;
    const world = await loadWorld(file);
    expect(world.kind).toBe('World');
    expect(world.metadata.name).toBe(name);
    expect(world.spec.account).toBe('123456789012');
    expect(world.spec.availabilityZones).toEqual([
      { name: 'us-east-1a', id: 'use1-az1' },
      { name: 'us-east-1b', id: 'use1-az2' },
      { name: 'us-east-1c', id: 'use1-az4' },
    ]);
    const validation = await validateFile(file);
    expect(validation).toMatchObject({ kind: 'World', valid: true, diagnostics: [] });
  });

  it('defaults to the multi-AZ checkout world', () => {
    expect(DEFAULT_WORLD_PATH.endsWith('scenarios/worlds/multi-az-checkout.yaml')).toBe(true);
  });

  it('names the file, line and column of an unknown property', async () => {
    const text = (await defaultText()).replace('    requestsPerMinute: 12000', '    requestsPerMinute: 12000\n    requestPerMinute: 5');
    const error = await failure(text);
    expect(error.code).toBe('SCENARIO_INVALID');
    expect(error.exitCode).toBe(2);
    const line = text.split('\n').findIndex((l) => l.startsWith('    requestPerMinute')) + 1;
    expect(error.message).toMatch(new RegExp(`world\\.yaml:${line}:5 +error +UNKNOWN_FIELD .*requestPerMinute`));
  });

  it('reports enum violations at their place', async () => {
    const text = (await defaultText()).replace('engine: aurora-postgresql', 'engine: oracle');
    const error = await failure(text);
    const line = text.split('\n').findIndex((l) => l.includes('engine: oracle')) + 1;
    expect(error.message).toContain(`world.yaml:${line}:`);
    expect(error.message).toMatch(/oracle/);
  });

  it('a practice-run configuration is only for an ARC zonal shift managed resource (one with zonalAutoshift)', async () => {
    const text = (await defaultText()).replace(
      "      zonalAutoshift: enabled\n      tags: { AzImpairmentPower: RecoverAutoshiftResources, Service: checkout }",
      "      practiceRun: { outcomeAlarms: [checkout-5xx-high], blockedWindows: ['Tue:08:00-Tue:11:00'] }\n      tags: { AzImpairmentPower: RecoverAutoshiftResources, Service: checkout }",
    );
    const error = await failure(text);
    expect(error.message).toContain('WORLD_REFERENCE  a practice-run configuration is for an ARC zonal shift managed resource: add zonalAutoshift (enabled or disabled)');
  });

  it.each([
    ['interval: PT0S', 'healthCheck.interval PT0S is outside what a target group takes: 5–300 s'],
    ['interval: PT10M', 'healthCheck.interval PT10M is outside what a target group takes: 5–300 s'],
    ['interval: PT10S, unhealthyThreshold: 2, healthyThreshold: 3 }\n      deregistrationDelay: PT2H', 'deregistrationDelay PT2H is outside what a target group takes: 0–3600 s'],
  ])('refuses a load balancer setting ELB does not take (%s): its timings would be outside AWS’s range', async (setting, message) => {
    const text = (await defaultText()).replace('interval: PT10S, unhealthyThreshold: 2, healthyThreshold: 3 }', setting.includes('deregistrationDelay') ? setting : `${setting}, unhealthyThreshold: 2, healthyThreshold: 3 }`);
    const error = await failure(text);
    expect(error.message).toContain(`WORLD_REFERENCE  ${message}`);
  });

  it('a value that does not match its field\'s pattern says the pattern when the field has no description (what to write)', async () => {
    const file = await withText((await defaultText()).replace(/subnet-0a1[0-9a-f]*/, 'subnet-0a1'));
    const validation = await validateFile(file);
    const problem = validation.diagnostics.find((d) => d.code === 'INVALID_FORMAT');
    expect(problem?.message).toContain('"subnet-0a1" is not in the expected format');
    expect(problem?.hint).toBe('it must match ^subnet-[0-9a-f]{8,17}$');
  });

  it.each([
    ['.nan', '.nan (not a number)'],
    ['-.inf', '-.inf (infinite)'],
  ])('names YAML\'s %s as itself, not as "the number null"', async (value, shown) => {
    const file = await withText((await defaultText()).replace('requestsPerMinute: 12000', `requestsPerMinute: ${value}`));
    const problem = (await validateFile(file)).diagnostics.find((d) => d.message.includes('requestsPerMinute'));
    expect(problem?.message).toContain(shown);
    expect(problem?.message).not.toContain('null');
  });

  it.each([
    ['{ QueueName: order-events }, unit: Seconds, source: queueOldestMessageAge', '{ Queue: order-events }, unit: Seconds, source: queueOldestMessageAge', 'AWS/SQS ApproximateAgeOfOldestMessage follows queue order-events: AWS publishes it by QueueName=order-events, not {"Queue":"order-events"}'],
    ['{ DBClusterIdentifier: payments-db }, unit: Count, source: databaseConnections, resource: payments-db', '{ DBClusterIdentifier: orders-db }, unit: Count, source: databaseConnections, resource: payments-db', 'AWS/RDS DatabaseConnections follows cluster payments-db: AWS publishes it by DBClusterIdentifier=payments-db (or DBInstanceIdentifier=payments-db-instance-1 | payments-db-instance-2), not {"DBClusterIdentifier":"orders-db"}'],
    ['{ CacheClusterId: search-cache-002 }, unit: Seconds', '{ CacheClusterId: checkout-cache-002 }, unit: Seconds', 'AWS/ElastiCache ReplicationLag follows replication group search-cache: AWS publishes it by CacheClusterId=search-cache-001 | search-cache-002, not {"CacheClusterId":"checkout-cache-002"}'],
    ['{ ClusterName: payments, ServiceName: payments-api }, unit: Count, source: runningTaskCount, resource: payments', '{ ClusterName: payments, ServiceName: payments-api }, unit: Count, source: runningTaskCount, resource: search', 'ECS/ContainerInsights RunningTaskCount follows service search, which runs on Auto Scaling group search-asg, not on ECS'],
    ['{ QueueName: order-events }, unit: Count, source: queueMessagesVisible', '{ QueueName: order-events }, unit: Count, source: requestCount', 'AWS/SQS ApproximateNumberOfMessagesVisible: AWS/SQS metrics are queue metrics, but source requestCount reads a service'],
    ['{ AutoScalingGroupName: search-asg }, unit: None, source: groupDesiredCapacity, resource: search-asg', '{ AutoScalingGroupName: storefront-asg }, unit: None, source: groupDesiredCapacity, resource: search-asg', 'AWS/AutoScaling GroupDesiredCapacity follows group search-asg: AWS publishes it by AutoScalingGroupName=search-asg, not {"AutoScalingGroupName":"storefront-asg"}'],
  ])('a metric in an AWS namespace is named as AWS publishes it for the resource it follows (%#)', async (from, to, message) => {
    const text = (await readFile(new URL('shop-platform.yaml', worlds), 'utf8')).replace(from, to);
    expect(text).toContain(to);
    const validation = await validateFile(await withText(text));
    expect(validation.diagnostics.map((d) => `${d.code} ${d.message}`)).toContain(`WORLD_METRIC_NAME ${message}`);
  });

  it('a metric of a worker without a load balancer cannot be an AWS/ApplicationELB one', async () => {
    const text = (await readFile(new URL('shop-platform.yaml', worlds), 'utf8')).replace(
      '  metrics:\n',
      '  metrics:\n    - { namespace: AWS/ApplicationELB, name: RequestCount, dimensions: { LoadBalancer: app/storefront-alb/5f0a1b2c3d4e5f60 }, source: requestCount, resource: order-pipeline }\n',
    );
    const validation = await validateFile(await withText(text));
    expect(validation.diagnostics.map((d) => d.message)).toContain('AWS/ApplicationELB RequestCount follows service order-pipeline, which has no load balancer: AWS/ApplicationELB has no metrics for it');
  });

  it('checks cross-references: AZs, the serving group and the database', async () => {
    const text = (await defaultText())
      .replace('servedBy: { autoScalingGroup: checkout-web-asg }', 'servedBy: { autoScalingGroup: web-asg }')
      .replace('database: checkout-db', 'database: orders-db')
      .replace('primaryAvailabilityZone: us-east-1b', 'primaryAvailabilityZone: us-east-1d');
    const error = await failure(text);
    expect(error.message).toContain('WORLD_REFERENCE  Auto Scaling group web-asg is not in spec.autoScalingGroups');
    expect(error.message).toContain('WORLD_REFERENCE  RDS cluster orders-db is not in spec.rdsClusters');
    expect(error.message).toContain('WORLD_REFERENCE  availability zone us-east-1d is not in spec.availabilityZones');
  });

  it('checks composite alarms: the rule parses, references the world’s alarms, and the name is not taken', async () => {
    const shop = await readFile(new URL('shop-platform.yaml', worlds), 'utf8');
    const world = await loadWorld(new URL('shop-platform.yaml', worlds).pathname);
    expect(world.spec.compositeAlarms?.map((c) => c.alarmName)).toEqual(['payments-impaired', 'shop-outage']);
    const text = shop
      .replace('alarmRule: ALARM(payments-failures-high) OR ALARM(payments-db-connections-low)', 'alarmRule: ALARM(payments-failures-high) OR ALARM(payments-db-down)')
      .replace('alarmRule: ALARM(storefront-5xx-critical) AND ALARM("payments-failures-high")', 'alarmRule: AT_LEAST(2, ALARM, (storefront-5xx-critical, payments-failures-high))')
      .replace('    - alarmName: shop-outage', `    - alarmName: order-workers-low\n      alarmRule: "TRUE"\n    - alarmName: deeply-nested\n      alarmRule: ${'('.repeat(3000)}TRUE${')'.repeat(3000)}\n    - alarmName: shop-outage`);
    const error = await failure(text);
    const line = (needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
    expect(error.message).toMatch(new RegExp(`world\\.yaml:${line('ALARM(payments-db-down)')}:\\d+ +error +WORLD_REFERENCE  payments-db-down is not one of the world's alarms`));
    expect(error.message).toMatch(new RegExp(`world\\.yaml:${line('AT_LEAST(2')}:\\d+ +error +WORLD_REFERENCE  the function AT_LEAST\\(\\) is not emulated by the sandbox`));
    expect(error.message).toContain('duplicate alarm name order-workers-low (metric and composite alarms share one namespace)');
    expect(error.message).toMatch(new RegExp(`world\\.yaml:${line('((((')}:\\d+ +error +WORLD_REFERENCE  parentheses nested deeper than 100 levels`));
  });

  it('checks metric math alarms at the query: one id per query, exactly one returned, expressions the sandbox evaluates, a metric or an expression', async () => {
    const shop = await readFile(new URL('shop-platform.yaml', worlds), 'utf8');
    const world = await loadWorld(new URL('shop-platform.yaml', worlds).pathname);
    const math = world.spec.alarms.find((a) => a.alarmName === 'payments-failure-rate-high');
    expect(math && 'metrics' in math ? math.metrics.map((q) => q.id) : undefined).toEqual(['failed', 'requests', 'rate']);
    const line = (text: string, needle: string, after = 0) => text.split('\n').findIndex((l, i) => i >= after && l.includes(needle)) + 1;
    const start = line(shop, 'alarmName: payments-failure-rate-high');

    const unknown = shop.replace('expression: 100 * failed / requests', 'expression: 100 * failures / requests');
    expect((await failure(unknown)).message).toMatch(new RegExp(`world\\.yaml:${line(unknown, 'expression: 100 * failures')}:\\d+ +error +WORLD_METRIC_MATH  metric math alarm payments-failure-rate-high: Error in expression: Unknown metric or expression id failures`));
    const fn = shop.replace('expression: 100 * failed / requests', 'expression: 100 * RATE(failed) / requests');
    expect((await failure(fn)).message).toMatch(new RegExp(`world\\.yaml:${line(fn, 'RATE(failed)')}:\\d+ +error +WORLD_METRIC_MATH  .*RATE\\(\\) is not supported`));
    const two = shop.replace(/(- id: requests\n(?:.*\n)*?\s+)returnData: false/, '$1returnData: true');
    expect((await failure(two)).message).toMatch(new RegExp(`world\\.yaml:${line(two, 'id: rate')}:\\d+ +error +WORLD_METRIC_MATH  metric math alarm payments-failure-rate-high: exactly one query returns data, .*\\(requests, rate do\\)`));
    const dup = shop.replace('- id: requests', '- id: failed');
    expect((await failure(dup)).message).toMatch(new RegExp(`world\\.yaml:${line(dup, '- id: failed', line(dup, '- id: failed'))}:\\d+ +error +WORLD_METRIC_MATH  metric math alarm payments-failure-rate-high: id failed is already metrics\\[0\\]'s`));
    // The schema: a query is a metric or an expression; a math alarm has no single-metric fields.
    const both = shop.replace('expression: 100 * failed / requests', 'expression: 100 * failed / requests\n          metricStat: { metric: { namespace: Shop, metricName: FailedPayments }, period: 60, stat: Sum }');
    expect((await failure(both)).message).toMatch(new RegExp(`world\\.yaml:${line(both, '- id: rate')}:\\d+ +error`));
    const mixed = shop.replace('      alarmDescription: More than 5 % of payment requests failed in a minute.', '      alarmDescription: More than 5 % of payment requests failed in a minute.\n      namespace: Shop');
    expect((await failure(mixed)).message).toMatch(new RegExp(`world\\.yaml:${line(mixed, 'namespace: Shop', start)}:\\d+ +error +\\S+ +.*namespace`));
  });

  it('refuses a scenario passed as a world', async () => {
    const error = await loadWorld(new URL('../../../../scenarios/checkout-az-power.yaml', import.meta.url).pathname).catch((e: unknown) => e);
    expect((error as GamedayError).message).toMatch(/is a GameDay document, not a sandbox world/);
  });

  it('says when the file does not exist', async () => {
    const error = await loadWorld('/nonexistent/world.yaml').catch((e: unknown) => e);
    expect((error as GamedayError).code).toBe('FILE_NOT_FOUND');
  });
});
