import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { WORLD_START, worldPath } from './worlds.js';

/**
 * Issue 16 item 8: a sandbox left running keeps what CloudWatch keeps at each resolution (3 hours of
 * samples, then per-minute rollups) rather than every sample forever. Measured: the heap after virtual
 * day 1 and after day 3 of an idle world (before the fix ≈ 118 MiB per virtual day, never released).
 */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMiB = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 1024 / 1024;
};

describe('sandbox memory under a long virtual run', () => {
  it('grows by at most a few MiB per virtual day once past the raw retention', async () => {
    const sandbox = await startSandbox({ world: worldPath('multi-az-checkout.yaml'), eventClock: true, clockStart: WORLD_START });
    const advanceDay = async () => {
      const response = await fetch(`${sandbox.url}/_sandbox/clock`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advanceSeconds: 86_400 }) });
      expect(response.status).toBe(200);
    };
    try {
      await advanceDay();
      const afterDay1 = heapMiB();
      await advanceDay();
      await advanceDay();
      const afterDay3 = heapMiB();
      const perDay = (afterDay3 - afterDay1) / 2;
      console.log(`sandbox heap: ${afterDay1.toFixed(1)} MiB after virtual day 1, ${afterDay3.toFixed(1)} MiB after day 3 (${perDay.toFixed(1)} MiB per virtual day)`);
      expect(perDay).toBeLessThan(15);
    } finally {
      await sandbox.stop();
    }
  }, 120_000);
});
