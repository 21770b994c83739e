import { describe, expect, it } from 'vitest';
import { DateHeaderClock, MIN_POLL_REAL_MS, pollIntervalMs } from '../../../src/core/run/service-clock.js';
import { deadManSeconds } from '../../../src/core/run/watch.js';

describe('pollIntervalMs', () => {
  it('polls every 10 service seconds: 10 s real against AWS, 1/speed of it against a fast sandbox', () => {
    expect(pollIntervalMs(1)).toBe(10_000);
    expect(pollIntervalMs(100)).toBe(100);
  });
  it('never busy-loops, however fast the clock', () => {
    expect(pollIntervalMs(1_000_000)).toBe(MIN_POLL_REAL_MS);
  });
});

describe('deadManSeconds', () => {
  it('gives a long fault 50% more time', () => {
    expect(deadManSeconds(1800)).toBe(2700);
  });
  it('gives a short fault at least 5 more minutes', () => {
    expect(deadManSeconds(60)).toBe(360);
  });
});

describe('DateHeaderClock', () => {
  it('runs on from the last Date header at its speed, and never backwards', () => {
    let real = 1_000_000;
    const clock = new DateHeaderClock(1, () => real);
    const service = Date.UTC(2026, 10, 26, 10, 0, 0);
    clock.observe(new Date(service));
    expect(clock.now().getTime()).toBe(service + 500);
    real += 2000;
    expect(clock.now().getTime()).toBe(service + 2500);
    clock.observe(new Date(service));
    expect(clock.now().getTime()).toBe(service + 2500);
  });
});
