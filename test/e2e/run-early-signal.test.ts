import { readdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { reportsDir } from './run-harness.js';

const PRELOAD = fileURLToPath(new URL('../fixtures/signals/sigterm-when-run-loads.cjs', import.meta.url));

describe('a signal before gameday run has loaded (issue 16)', () => {
  it('SIGTERM while the command is still loading: interrupted before anything is injected, exit 130 (not killed, 143)', async () => {
    const dir = await reportsDir();
    const result = await runCli(['run', 'scenarios/orders-ecs-task-kill.yaml', '--sandbox', '--yes', '--reports-dir', dir], {
      env: { NODE_OPTIONS: `--require ${PRELOAD}` },
    });
    expect(result.signal).toBeNull();
    expect(result.code).toBe(130);
    expect(result.stderr).toContain('gameday: SIGTERM: stopping before anything is injected');
    // Nothing was started: no run directory, so no journal claims a run.
    expect(await readdir(dir)).toEqual([]);
  });
});
