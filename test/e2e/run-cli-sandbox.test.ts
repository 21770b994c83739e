import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { reportsDir } from './run-harness.js';

describe('gameday run --sandbox', () => {
  it('runs the ECS task-kill game day against an embedded sandbox from the scenario’s own world, with --json and without --yes (nothing real to confirm)', async () => {
    const dir = await reportsDir();
    const result = await runCli(['run', 'scenarios/orders-ecs-task-kill.yaml', '--sandbox', '--speed', '600', '--json', '--reports-dir', dir], {
      env: { GAMEDAY_AWS_RETRY_DELAY_MS: '0', AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined },
    });
    expect(result.code).toBe(0);
    const output = JSON.parse(result.stdout) as { mode: string; passed: boolean; runDir: string; verdict: { rto: { state: string } } };
    expect(output).toMatchObject({ mode: 'sandbox', passed: true, verdict: { rto: { state: 'measured' } } });
    expect(await readdir(output.runDir)).toEqual(expect.arrayContaining(['journal.jsonl', 'report.md', 'report.html', 'report.json', 'junit.xml']));
    expect(output.runDir.startsWith(join(dir, 'orders-ecs-task-kill'))).toBe(true);
    // No credentials, session tokens or signed headers anywhere in what the run wrote or logged.
    expect(result.stderr + result.stdout).not.toMatch(/AKID|aws4_request|Signature=|X-Amz-Security-Token|secretAccessKey/i);
  });

  it('runs with AWS_USE_FIPS_ENDPOINT and AWS_USE_DUALSTACK_ENDPOINT set in the shell: the sandbox is its own endpoint, not an AWS one with variants', async () => {
    const dir = await reportsDir();
    const result = await runCli(['run', 'scenarios/orders-ecs-task-kill.yaml', '--sandbox', '--json', '--reports-dir', dir], {
      env: { GAMEDAY_AWS_RETRY_DELAY_MS: '0', AWS_USE_FIPS_ENDPOINT: 'true', AWS_USE_DUALSTACK_ENDPOINT: 'true' },
    });
    // It failed at the first call: "EndpointError: Invalid Configuration: FIPS and custom endpoint are not supported", exit 3.
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ mode: 'sandbox', passed: true });
  });
});
