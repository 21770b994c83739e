import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe.concurrent('gameday plan --iam-policy', () => {
  it('prints the FIS role policy document as JSON, byte-identical on every run', async () => {
    const first = await runCli(['plan', 'scenarios/checkout-az-power.yaml', '--iam-policy']);
    const second = await runCli(['plan', 'scenarios/checkout-az-power.yaml', '--iam-policy']);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(second.stdout);
    const policy = JSON.parse(first.stdout) as { Version: string; Statement: { Sid: string; Action: string[] }[] };
    expect(policy.Version).toBe('2012-10-17');
    expect(policy.Statement.find((s) => s.Sid === 'AwsRdsFailoverDbCluster')?.Action).toEqual(['rds:DescribeDBClusters', 'rds:FailoverDBCluster', 'tag:GetResources']);
  });

  it('an invalid scenario: exit 2 with its errors, no policy', async () => {
    const result = await runCli(['plan', 'test/fixtures/run/does-not-exist.yaml', '--iam-policy']);
    expect(result.code).toBe(2);
    expect(result.stdout).not.toContain('"Version"');
  });
});
