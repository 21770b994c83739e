import { DescribeAlarmsCommand, GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { ListActionsCommand } from '@aws-sdk/client-fis';
import { ListAppsCommand } from '@aws-sdk/client-resiliencehub';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GamedayError } from '../../src/core/errors.js';
import { DEFAULT_SANDBOX_SPEED, type Sandbox, startSandbox } from '../../src/sandbox/index.js';
import { sandboxClients } from '../helpers/aws-clients.js';
import { advanceClock, control } from '../helpers/sandbox-control.js';

/** startSandbox: the default world behind all four services, as `gameday run --sandbox` uses it. */
describe('startSandbox with the default world', () => {
  let sandbox: Sandbox;
  let clients: ReturnType<typeof sandboxClients>;
  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, speed: 1, clockStart: Date.UTC(2026, 10, 26, 4, 0, 0) });
    clients = sandboxClients(sandbox.url);
  });
  afterAll(() => sandbox.stop());

  it('serves on 127.0.0.1 as the world account', async () => {
    expect(sandbox.url).toBe(`http://127.0.0.1:${sandbox.port}`);
    expect(sandbox).toMatchObject({ account: '123456789012', region: 'us-east-1' });
    expect((await clients.sts.send(new GetCallerIdentityCommand({}))).Account).toBe('123456789012');
  });

  it("publishes the world's metrics and evaluates its alarms on the virtual clock", async () => {
    await advanceClock(sandbox.url, 180);
    const { MetricAlarms } = await clients.cloudwatch.send(new DescribeAlarmsCommand({}));
    expect(MetricAlarms?.map((a) => a.AlarmName)).toContain('checkout-5xx-critical');
    expect(MetricAlarms?.find((a) => a.AlarmName === 'checkout-5xx-critical')?.StateValue).toBe('OK');
    const now = sandbox.clock.nowMs();
    const data = await clients.cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(now - 3600_000),
        EndTime: new Date(now),
        MetricDataQueries: [{ Id: 'rc', MetricStat: { Metric: { Namespace: 'AWS/ApplicationELB', MetricName: 'RequestCount', Dimensions: [{ Name: 'LoadBalancer', Value: 'app/checkout-alb/50dc6c495c0c9188' }] }, Period: 60, Stat: 'Sum' } }],
      }),
    );
    expect(data.MetricDataResults?.[0]?.Values?.length).toBeGreaterThanOrEqual(5);
    expect(data.MetricDataResults?.[0]?.Values?.every((v) => v > 0)).toBe(true);
  });

  it('routes FIS and Resilience Hub to the world backends, and shows the world in the control API', async () => {
    expect((await clients.fis.send(new ListActionsCommand({}))).actions?.length).toBeGreaterThan(0);
    expect((await clients.resiliencehub.send(new ListAppsCommand({}))).appSummaries?.length).toBeGreaterThan(0);
    const state = await control<{ speed: number; simulation: { world: string }; alarms: unknown[] }>(sandbox.url, 'GET', 'state');
    expect(state.speed).toBe(1);
    expect(state.simulation.world).toBe('multi-az-checkout');
    expect(state.alarms.length).toBeGreaterThan(0);
  });

  it('refuses a port in use and a bad speed with gameday errors', async () => {
    const busy = await startSandbox({ port: sandbox.port }).catch((e: unknown) => e);
    expect(busy).toBeInstanceOf(GamedayError);
    expect((busy as GamedayError).code).toBe('SANDBOX_ERROR');
    const slow = await startSandbox({ speed: 0 }).catch((e: unknown) => e);
    expect((slow as GamedayError).code).toBe('USAGE');
  });
});

it('runs at 150× by default', () => {
  expect(DEFAULT_SANDBOX_SPEED).toBe(150);
});
