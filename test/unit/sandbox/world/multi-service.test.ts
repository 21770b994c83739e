import { describe, expect, it } from 'vitest';
import { harness, type Harness } from '../harness.js';

const MINUTE = 60_000;
const metric = (namespace: string, metricName: string, dimensions: Record<string, string>, statistic: string) => ({ namespace, metricName, dimensions, statistic });
const rate5xx = metric('Shop', 'HTTP5xxRate', { Service: 'storefront' }, 'Average');
const failedPayments = metric('Shop', 'FailedPayments', { Service: 'payments' }, 'Sum');
const orders = metric('Shop', 'OrdersPlaced', { Service: 'storefront' }, 'Sum');
const dbConnections = metric('AWS/RDS', 'DatabaseConnections', { DBClusterIdentifier: 'payments-db' }, 'Minimum');
const writer = metric('Shop', 'WriterAvailable', { DBClusterIdentifier: 'payments-db' }, 'Minimum');
const queueAge = metric('AWS/SQS', 'ApproximateAgeOfOldestMessage', { QueueName: 'order-events' }, 'Maximum');
const visible = metric('AWS/SQS', 'ApproximateNumberOfMessagesVisible', { QueueName: 'order-events' }, 'Maximum');
const jobsFailed = metric('Shop', 'JobsFailed', { Service: 'order-pipeline' }, 'Sum');
const desired = metric('AWS/AutoScaling', 'GroupDesiredCapacity', { AutoScalingGroupName: 'search-asg' }, 'Maximum');

async function start(h: Harness, targets: Record<string, unknown>, actions: Record<string, unknown>): Promise<number> {
  const template = await h.call('fis', 'CreateExperimentTemplate', { description: 'multi-service', roleArn: 'arn:aws:iam::123456789012:role/gameday-fis', stopConditions: [{ source: 'none' }], targets, actions });
  await h.call('fis', 'StartExperiment', { experimentTemplateId: template.experimentTemplate.id });
  return h.clock.nowMs();
}

const lastMinute = (h: Harness) => Math.floor(h.clock.nowMs() / MINUTE) * MINUTE - MINUTE;
const worst = (h: Harness, m: ReturnType<typeof metric>, from: number, pick: (values: number[]) => number) =>
  pick(h.cloudwatch.series(m, Math.floor(from / MINUTE) * MINUTE, lastMinute(h) + MINUTE).map((s) => s.value ?? NaN).filter((v) => !Number.isNaN(v)));

describe('world: several services (shop-platform)', () => {
  it('publishes every service and resource metric in steady state, with every alarm OK', async () => {
    const h = await harness('shop-platform.yaml');
    for (const name of h.world.spec.alarms.map((a) => a.alarmName)) expect(h.cloudwatch.alarmState(name)?.state, name).toBe('OK');
    const m = lastMinute(h);
    // 12 000 requests/min × 5 % are orders; every order becomes an SQS message the pipeline consumes.
    expect(h.cloudwatch.statistic(orders, m, m + MINUTE)).toBeGreaterThan(550);
    expect(h.cloudwatch.statistic(orders, m, m + MINUTE)).toBeLessThan(650);
    expect(h.cloudwatch.statistic(visible, m, m + MINUTE)).toBeLessThan(200);
    expect(h.cloudwatch.statistic(queueAge, m, m + MINUTE)).toBeLessThanOrEqual(10);
    // Three payments tasks × 10 pooled connections.
    expect(h.cloudwatch.statistic(dbConnections, m, m + MINUTE)).toBe(30);
    expect(h.cloudwatch.statistic(metric('AWS/RDS', 'AuroraReplicaLag', { DBClusterIdentifier: 'payments-db' }, 'Average'), m, m + MINUTE)).toBeGreaterThan(0);
    expect(h.cloudwatch.statistic(metric('AWS/ElastiCache', 'CurrConnections', { CacheClusterId: 'search-cache-001' }, 'Minimum'), m, m + MINUTE)).toBe(30);
    expect(h.cloudwatch.statistic(metric('ECS/ContainerInsights', 'RunningTaskCount', { ClusterName: 'payments', ServiceName: 'payments-api' }, 'Minimum'), m, m + MINUTE)).toBe(3);
    expect(h.cloudwatch.statistic(rate5xx, m, m + MINUTE)).toBeLessThan(1);
  });

  it('starts in steady state: no payment fails in the first minute of the world (clients were connected before it began)', async () => {
    const h = await harness('shop-platform.yaml');
    const first = h.cloudwatch.data.filter((d) => d.metricName === 'FailedPayments').sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime())[0]!;
    // baseline 0.1 % of 1,200 requests a minute; a reconnect delay counted from the world's start failed 530
    expect(first.value).toBeLessThan(10);
    expect(h.cloudwatch.statistic(dbConnections, first.timestamp.getTime(), first.timestamp.getTime() + MINUTE)).toBe(30);
  });

  it('propagates an Aurora failover: payments fail writes, the storefront sees 5xx, and clients lag 30 s behind the new writer', async () => {
    const h = await harness('shop-platform.yaml');
    h.advance(25_000);
    const startedAt = await start(
      h,
      { Db: { resourceType: 'aws:rds:cluster', resourceArns: ['arn:aws:rds:us-east-1:123456789012:cluster:payments-db'], selectionMode: 'ALL' } },
      { Failover: { actionId: 'aws:rds:failover-db-cluster', targets: { Clusters: 'Db' } } },
    );
    h.advance(20_000);
    const failing = h.simulation.snapshot() as any;
    expect(failing.databases.find((d: any) => d.identifier === 'payments-db')).toMatchObject({ status: 'failing-over', writerAvailabilityZone: 'us-east-1a' });
    h.advance(6 * MINUTE);
    expect(worst(h, writer, startedAt, (v) => Math.min(...v))).toBe(0);
    expect(worst(h, dbConnections, startedAt, (v) => Math.min(...v))).toBe(0);
    expect(worst(h, failedPayments, startedAt, (v) => Math.max(...v))).toBeGreaterThan(20);
    expect(h.cloudwatch.transitions.some((t) => t.alarm === 'payments-failures-high' && t.to === 'ALARM' && t.at.getTime() > startedAt)).toBe(true);
    // 10 % of storefront requests call payments, 90 % of those write: the storefront's 5xx rate rises above 2 %.
    expect(worst(h, rate5xx, startedAt, (v) => Math.max(...v))).toBeGreaterThan(2);
    // …and is back to baseline once the failover and the client reconnect are over.
    const m = lastMinute(h);
    expect(h.cloudwatch.statistic(rate5xx, m, m + MINUTE)).toBeLessThan(1);
    expect(h.cloudwatch.statistic(dbConnections, m, m + MINUTE)).toBe(30);
  });

  it('a worker without a load balancer: stopped consumers age the SQS backlog until ECS replaces them, then it drains', async () => {
    const h = await harness('shop-platform.yaml');
    h.advance(25_000);
    const startedAt = await start(
      h,
      { Tasks: { resourceType: 'aws:ecs:task', resourceTags: { Service: 'order-pipeline' }, parameters: { cluster: 'pipeline', service: 'order-worker' }, selectionMode: 'ALL' } },
      { Stop: { actionId: 'aws:ecs:stop-task', targets: { Tasks: 'Tasks' } } },
    );
    h.advance(3 * MINUTE);
    expect(worst(h, queueAge, startedAt, (v) => Math.max(...v))).toBeGreaterThan(60);
    expect(worst(h, visible, startedAt, (v) => Math.max(...v))).toBeGreaterThan(500);
    expect(h.cloudwatch.transitions.some((t) => t.alarm === 'order-workers-low' && t.to === 'ALARM')).toBe(true);
    h.advance(8 * MINUTE);
    const m = lastMinute(h);
    expect(h.cloudwatch.statistic(queueAge, m, m + MINUTE)).toBeLessThanOrEqual(10);
    expect(h.cloudwatch.alarmState('order-workers-low')?.state).toBe('OK');
  });

  it('a failing downstream database makes the workers fail jobs; the messages stay queued', async () => {
    const h = await harness('shop-platform.yaml');
    h.advance(25_000);
    const startedAt = await start(
      h,
      { Db: { resourceType: 'aws:rds:cluster', resourceArns: ['arn:aws:rds:us-east-1:123456789012:cluster:orders-db'], selectionMode: 'ALL' } },
      { Failover: { actionId: 'aws:rds:failover-db-cluster', targets: { Clusters: 'Db' } } },
    );
    h.advance(4 * MINUTE);
    expect(worst(h, jobsFailed, startedAt, (v) => Math.max(...v))).toBeGreaterThan(0);
    expect(worst(h, queueAge, startedAt, (v) => Math.max(...v))).toBeGreaterThanOrEqual(20);
  });

  it('target tracking: CPU stress on the search group raises its desired capacity', async () => {
    const h = await harness('shop-platform.yaml');
    h.advance(25_000);
    const startedAt = await start(
      h,
      { Search: { resourceType: 'aws:ec2:instance', resourceTags: { Service: 'search' }, filters: [{ path: 'State.Name', values: ['running'] }], selectionMode: 'ALL' } },
      {
        Stress: {
          actionId: 'aws:ssm:send-command',
          parameters: { documentArn: 'arn:aws:ssm:us-east-1::document/AWSFIS-Run-CPU-Stress', documentParameters: '{"DurationSeconds":"600","LoadPercent":"60"}', duration: 'PT10M' },
          targets: { Instances: 'Search' },
        },
      },
    );
    h.advance(8 * MINUTE);
    expect(worst(h, desired, startedAt, (v) => Math.max(...v))).toBeGreaterThan(3);
  });
});
