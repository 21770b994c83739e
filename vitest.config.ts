import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const WORKERS = Math.max(3, availableParallelism() + 1);

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Test files share a worker's module cache: a fresh process per file spent more on importing the
    // SDK, the sandbox and vitest again (≈ 25 % of the suite's CPU) than most files spend on tests.
    // The tests keep no state between files (each starts its own sandboxes, temp dirs and fake timers).
    isolate: false,
    // Most tests wait on a CLI process or a real-time sandbox: one more worker than cores fills those
    // waits (vitest's default is one fewer than cores). On 2 cores: npm test 4m40s with 2 workers,
    // 3m41s with 3, 4m11s with 4 (their processes then only contend for the cores).
    maxWorkers: WORKERS,
    // As many kept as started: with fewer, the pool stops an idle extra worker while it may still be
    // handed a file, and the run ends in "Error: Terminating worker thread" (seen here with 3 workers and fewer kept;
    // vitest-dev/vitest#8133, #8564).
    minWorkers: WORKERS,
    // CI reads the JSON summary to print its closing line (.ci/run).
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    env: {
      AWS_ACCESS_KEY_ID: 'AKIDSANDBOXTEST',
      AWS_SECRET_ACCESS_KEY: 'sandbox-secret-not-real',
      AWS_REGION: 'us-east-1',
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      NO_COLOR: '1',
    },
  },
});
