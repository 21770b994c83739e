import { describe, expect, it } from 'vitest';
import { EventClock } from '../../../src/sandbox/clock.js';

const START = Date.UTC(2026, 0, 1, 0, 0, 0);

/** Sleeps through the clock and says at which virtual ms (from START) it woke. */
async function wokeAt(clock: EventClock, sleep: Promise<void>): Promise<number> {
  await sleep;
  return clock.nowMs() - START;
}

describe('EventClock: a poller alone skips the polls that could see nothing new', () => {
  it('sleeps whole intervals on until the first poll instant at or after the next possible change', async () => {
    const clock = new EventClock(START);
    clock.setQuietUntil(() => START + 35_000);
    expect(await wokeAt(clock, clock.sleepWhileQuiet(10_000, Infinity))).toBe(40_000);
  });

  it('never past its own deadline', async () => {
    const clock = new EventClock(START);
    clock.setQuietUntil(() => START + 600_000);
    expect(await wokeAt(clock, clock.sleepWhileQuiet(10_000, START + 15_000))).toBe(20_000);
  });

  it('one interval when a change can come at any time, or its deadline is already here', async () => {
    const clock = new EventClock(START);
    expect(await wokeAt(clock, clock.sleepWhileQuiet(10_000, Infinity))).toBe(10_000);
    clock.setQuietUntil(() => START + 600_000);
    expect(await wokeAt(clock, clock.sleepWhileQuiet(10_000, clock.nowMs()))).toBe(20_000);
  });

  it('one interval while another party sleeps too: it could change the world before the next poll', async () => {
    const clock = new EventClock(START);
    clock.setQuietUntil(() => START + 600_000);
    void clock.sleep(25_000);
    expect(await wokeAt(clock, clock.sleepWhileQuiet(10_000, Infinity))).toBe(10_000);
  });

  it('a plain sleep is never stretched', async () => {
    const clock = new EventClock(START);
    clock.setQuietUntil(() => START + 600_000);
    expect(await wokeAt(clock, clock.sleep(10_000))).toBe(10_000);
  });
});
