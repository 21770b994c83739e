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
});
