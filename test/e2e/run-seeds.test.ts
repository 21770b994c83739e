import { describe, expect, it } from 'vitest';
import type { RunGameDayResult } from '../../src/core/run/run-game-day.js';
import { startSandbox } from '../../src/sandbox/index.js';
import { WORLDS, journalOf, ofType, reportsDir, runOn, stopAfterEach } from './run-harness.js';

/**
 * What docs/sandbox-world.md says the shipped game days give holds for other seeds and clock starts
 * too, not only for each world's own: a verdict must not hang on the noise stream or on where the
 * fault lands against CloudWatch's minutes (issue 12 §1 and §4). The fault lands 5.3 s after the clock
 * start (FIS's start), so 09:00:54 and 09:00:54.9 put it just before and just after a minute boundary.
 */
const stopped = stopAfterEach();

const STARTS: { seed?: number; clockStart?: number }[] = [{ seed: 7_777_777 }, { clockStart: Date.UTC(2026, 5, 1, 9, 0, 54) }, { clockStart: Date.UTC(2026, 5, 1, 9, 0, 54, 900) }];

async function runs(world: string, scenario: string): Promise<{ start: string; result: RunGameDayResult }[]> {
  const out: { start: string; result: RunGameDayResult }[] = [];
  for (const start of STARTS) {
    const sandbox = stopped(await startSandbox({ world, eventClock: true, ...start }));
    out.push({ start: JSON.stringify(start), result: await runOn(sandbox, scenario, { reportsDir: await reportsDir() }) });
  }
  return out;
}

/** shop-platform's payments service: 1,200 requests a minute, 90 % of them writes to payments-db. */
const PAYMENT_WRITES_PER_SECOND = (1200 * 0.9) / 60;

describe('the shipped game days give what the docs say at other seeds and clock starts', () => {
  it('checkout AZ power interruption: passes on multi-az-checkout with RTO ≈ 2 min and no data lost', { timeout: 120_000 }, async () => {
    for (const { start, result } of await runs(WORLDS.multiAz, 'scenarios/checkout-az-power.yaml')) {
      expect([start, result.verdict.outcome, result.verdict.rto.state, result.verdict.rpo.measuredSeconds]).toEqual([start, 'PASSED', 'measured', 0]);
      expect(result.verdict.rto.measuredSeconds!, start).toBeGreaterThanOrEqual(60);
      expect(result.verdict.rto.measuredSeconds!, start).toBeLessThanOrEqual(180);
    }
  });

  it('the same on single-az-db-checkout fails as unrecovered, with the world’s 300 s of writes lost', { timeout: 120_000 }, async () => {
    for (const { start, result } of await runs(WORLDS.singleAzDb, 'scenarios/checkout-az-power.yaml')) {
      expect([start, result.verdict.outcome, result.verdict.rto.state, result.verdict.rpo.measuredSeconds]).toEqual([start, 'FAILED', 'unrecovered', 300]);
    }
  });

  it('payments-db Aurora failover: passes, detected within 2 min, failed writes for the 30 s failover plus the 30 s reconnect', { timeout: 120_000 }, async () => {
    for (const { start, result } of await runs(WORLDS.shop, 'scenarios/payments-aurora-failover.yaml')) {
      expect([start, result.verdict.outcome]).toEqual([start, 'PASSED']);
      for (const detection of result.verdict.detections ?? []) expect(detection.delaySeconds!, `${start} ${detection.alarm}`).toBeLessThanOrEqual(120);
      const outageSeconds = result.verdict.impactCounts[0]!.excess! / PAYMENT_WRITES_PER_SECOND;
      expect(outageSeconds, start).toBeGreaterThanOrEqual(55);
      expect(outageSeconds, start).toBeLessThanOrEqual(90);
    }
  });

  it('storefront cross-AZ packet loss: passes, its p99 alarm holding ALARM through the fault (a true p99 ≈ 280 ms against 270 ms: no relapse, no late detection)', { timeout: 120_000 }, async () => {
    const seen = await runs(WORLDS.storefront, 'scenarios/storefront-cross-az-loss.yaml');
    for (const { start, result } of seen) {
      expect([start, result.verdict.outcome, result.verdict.rto.state]).toEqual([start, 'PASSED', 'measured']);
      // Impact lasts the 10-minute fault, in whole minute periods: 9 to 11 of them, as it starts mid-minute.
      expect(result.verdict.rto.measuredSeconds!, start).toBeGreaterThanOrEqual(540);
      expect(result.verdict.rto.measuredSeconds!, start).toBeLessThanOrEqual(660);
      const states = ofType(await journalOf(result.runDir), 'alarm-state').filter((s) => s.alarm === 'storefront-latency-high');
      expect(states.map((s) => s.state), start).toEqual(['OK', 'ALARM', 'OK']);
    }
  });

  it('shop AZ power interruption: passes against the Resilience Hub policy and the composite stop condition never trips', { timeout: 120_000 }, async () => {
    for (const { start, result } of await runs(WORLDS.shop, 'scenarios/shop-az-power.yaml')) {
      expect([start, result.verdict.outcome, result.verdict.rto.met, result.verdict.rpo.measuredSeconds, result.stops]).toEqual([start, 'PASSED', true, 0, []]);
      const states = ofType(await journalOf(result.runDir), 'alarm-state');
      expect(states.filter((s) => s.alarm === 'shop-outage').map((s) => s.state), start).toEqual(['OK']);
    }
  });
});
