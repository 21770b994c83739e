import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

// The real chain on the sandbox: run-due → `gameday run --scheduled-for` child → journal → already-run.
describe('schedule run-due on the sandbox', () => {
  it('runs the due orders game day once, journals the occurrence, and the next invocation sees it as already run', async () => {
    const reports = await mkdtemp(join(tmpdir(), 'gameday-e2e-schedule-'));
    // orders-ecs-task-kill: "15 9 5 * *" UTC, window PT1H
    const args = ['schedule', 'run-due', 'scenarios/orders-ecs-task-kill.yaml', '--sandbox', '--yes', '--now', '2026-12-05T09:20:00Z', '--reports-dir', reports, '--json'];
    const first = await runCli(args, { timeoutMs: 300_000, env: { GAMEDAY_AWS_RETRY_DELAY_MS: '0' } });
    const report = JSON.parse(first.stdout) as { exitCode: number; entries: { state: string; outcome?: string; exitCode?: number; runDir?: string }[] };
    expect(report.entries).toHaveLength(1);
    const [entry] = report.entries;
    expect(entry).toMatchObject({ state: 'due', outcome: 'passed', exitCode: 0 });
    expect(first.code, first.stderr).toBe(0);
    const started = JSON.parse((await readFile(join(entry!.runDir!, 'journal.jsonl'), 'utf8')).split('\n')[0]!);
    expect(started).toMatchObject({ type: 'run-started', scheduledFor: '2026-12-05T09:15:00.000Z', plan: { scenario: { name: 'orders-ecs-task-kill' } } });

    const second = await runCli(args, { timeoutMs: 60_000 });
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout).entries).toEqual([expect.objectContaining({ state: 'already-run', runDir: entry!.runDir })]);
  });
});
