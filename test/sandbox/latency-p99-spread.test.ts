import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../src/sandbox/index.js';
import { sandboxClients } from '../helpers/aws-clients.js';
import { WORLD_START, worldPath } from './worlds.js';

/**
 * A minute's p99 in CloudWatch is over all of the minute's requests: on storefront-regional's ALB
 * (9,000 a minute, baseline p99 200 ms) it would wander by ≈ 4 ms. The sandbox's stand-in, a few
 * hundred samples a minute, wandered by ≈ 18 ms (144–235 ms), so an alarm a few tens of ms from the
 * fault's p99 flapped and the verdict hung on the seed (docs/sandbox-world.md).
 */
describe('minute p99 latency on the sandbox: as steady as an ALB’s over thousands of requests', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ world: worldPath('storefront-regional.yaml'), eventClock: true, clockStart: WORLD_START });
    await sandbox.waits!.sleep(121 * 60_000);
  });
  afterAll(() => sandbox.stop());

  it('120 baseline minutes of TargetResponseTime p99: standard deviation under 6 ms, every minute within 15 ms of the mean', async () => {
    const now = sandbox.waits!.nowMs();
    const out = await sandboxClients(sandbox.url).cloudwatch.send(
      new GetMetricDataCommand({
        StartTime: new Date(now - 120 * 60_000),
        EndTime: new Date(now),
        MetricDataQueries: [{ Id: 'p99', MetricStat: { Metric: { Namespace: 'AWS/ApplicationELB', MetricName: 'TargetResponseTime', Dimensions: [{ Name: 'LoadBalancer', Value: 'app/storefront-alb/5f0e1a2b3c4d5e6f' }] }, Period: 60, Stat: 'p99' } }],
      }),
    );
    const ms = out.MetricDataResults![0]!.Values!.map((v) => v * 1000);
    expect(ms).toHaveLength(120);
    const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
    const sd = Math.sqrt(ms.reduce((a, b) => a + (b - mean) ** 2, 0) / ms.length);
    // The world's baseline p99 is 200 ms; the samples' own model puts the minute's p99 just under it.
    expect(mean).toBeGreaterThan(185);
    expect(mean).toBeLessThan(205);
    expect(sd).toBeLessThan(6);
    for (const v of ms) expect(Math.abs(v - mean)).toBeLessThan(15);
  });
});
