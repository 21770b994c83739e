import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../src/core/verdict/types.js';
import { runCli } from '../helpers/cli.js';
import { reportsDir } from './run-harness.js';

const env = { GAMEDAY_AWS_RETRY_DELAY_MS: '0', AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined };

async function play(scenario: string): Promise<{ code: number | null; verdict: Verdict }> {
  const dir = await reportsDir();
  const result = await runCli(['run', `scenarios/${scenario}.yaml`, '--sandbox', '--json', '--reports-dir', dir], { env, timeoutMs: 240_000 });
  return { code: result.code, verdict: (JSON.parse(result.stdout) as { verdict: Verdict }).verdict };
}

const detection = (v: Verdict, alarm: string) => v.detections?.find((d) => d.alarm === alarm);

describe.concurrent('scenario-library game days on the sandbox, through the CLI', () => {
  it('az-application-slowdown: 200 ms inside us-east-1b raises the p99 until the alarm fires; the storefront is fast again after', { timeout: 300_000 }, async () => {
    const { code, verdict } = await play('storefront-az-slowdown');
    expect(code).toBe(0);
    expect(verdict.impact.map((row) => [row.action, row.state, row.resources.length])).toEqual([['Instance-Network-Latency', 'completed', 2]]);
    expect(detection(verdict, 'storefront-latency-high')).toMatchObject({ firedAt: expect.any(String) });
    expect(verdict.impactIntervals.length).toBeGreaterThan(0);
    expect(verdict.rto.state).toBe('measured');
  });

  it('cross-az-traffic-slowdown: 15 % loss from us-east-1b shows as retransmission latency; the p99 alarm catches it and holds, and the game day passes', { timeout: 300_000 }, async () => {
    const { code, verdict } = await play('storefront-cross-az-loss');
    expect(verdict.impact[0]).toMatchObject({ action: 'Instance-Network-Packet-Loss', state: 'completed' });
    expect(detection(verdict, 'storefront-latency-high')?.firedAt).toBeDefined();
    expect(verdict.impactIntervals).toHaveLength(1);
    expect(code).toBe(0);
  });

  it('cross-region-connectivity: replication paused for 30 minutes; the RPO is the replication lag it leaves', { timeout: 300_000 }, async () => {
    const { code, verdict } = await play('storefront-cross-region');
    expect(code).toBe(0);
    expect(verdict.impact.map((row) => [row.action, row.state])).toEqual([
      ['Disrupt-Subnet-Connectivity', 'completed'],
      ['Disrupt-TransitGateway-Connectivity', 'completed'],
      ['Pause-S3-Replication', 'completed'],
      ['Pause-DynamoDB-Replication', 'completed'],
    ]);
    expect(verdict.rpo.state).toBe('measured');
    expect(verdict.rpo.measuredSeconds).toBeGreaterThanOrEqual(1700);
    expect(verdict.rpo.measuredSeconds).toBeLessThanOrEqual(1900);
    expect(detection(verdict, 'storefront-replication-lag-high')?.firedAt).toBeDefined();
  });

  it('ec2-spot-interruption: the notice, then one Spot Instance interrupted; the capacity alarm fires while the group replaces it', { timeout: 300_000 }, async () => {
    const { code, verdict } = await play('storefront-spot-interruption');
    expect(code).toBe(0);
    expect(verdict.impact[0]).toMatchObject({ action: 'Interrupt-Spot-Instances', state: 'completed', rollback: 'not rolled back' });
    expect(verdict.impact[0]!.resources).toHaveLength(1);
    expect(detection(verdict, 'storefront-capacity-low')?.firedAt).toBeDefined();
  });

  it('an action the sandbox cannot simulate: exit 2 naming it, before anything starts', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gameday-unsimulated-'));
    const file = join(dir, 'lambda-delay.yaml');
    await writeFile(
      file,
      `apiVersion: gameday/v1
kind: GameDay
metadata: { name: lambda-delay }
spec:
  target: { account: "123456789012", region: us-east-1, roleArn: "arn:aws:iam::123456789012:role/gameday-fis" }
  fault:
    type: fis-template
    actions:
      Delay:
        actionId: aws:lambda:invocation-add-delay
        parameters: { duration: PT5M, startupDelayMilliseconds: "1000" }
        targets: { Functions: fns }
    targets:
      fns: { resourceType: "aws:lambda:function", resourceTags: { Service: checkout }, selectionMode: ALL }
  allowNoStopConditions: a sandbox check
  steadyState: [{ name: ok, alarm: checkout-5xx-high }]
  recovery: { disruptionType: Software }
`,
    );
    const result = await runCli(['run', file, '--sandbox', '--reports-dir', await reportsDir()], { env });
    expect(result.code).toBe(2);
    expect(result.stderr + result.stdout).toContain('the sandbox cannot simulate the FIS action aws:lambda:invocation-add-delay');
    expect(result.stderr + result.stdout).not.toMatch(/\n\s+at .*\.js:\d+/);
  });
});
