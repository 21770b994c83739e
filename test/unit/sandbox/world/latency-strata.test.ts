import { describe, expect, it } from 'vitest';
import { LatencyStrata, normalQuantile } from '../../../../src/sandbox/world/latency-strata.js';
import { Prng } from '../../../../src/sandbox/world/prng.js';

describe('latency strata: each block takes one value from every slice of [0, 1), per dimension', () => {
  it('a block of 300 draws in 5 dimensions: every slice once in each, in an order that differs by dimension and by block', () => {
    const strata = new LatencyStrata(new Prng(42), 300, 5);
    const blocks = [0, 1].map(() => Array.from({ length: 300 }, () => [...strata.next()]));
    for (const block of blocks) {
      for (let d = 0; d < 5; d++) {
        const values = block.map((u) => u[d]!);
        for (const u of values) expect(u >= 0 && u < 1).toBe(true);
        expect(new Set(values.map((u) => Math.floor(u * 300))).size).toBe(300);
      }
      const order = (d: number) => block.map((u) => Math.floor(u[d]! * 300)).join();
      expect(order(0)).not.toBe(order(1));
    }
    expect(blocks[0]!.map((u) => Math.floor(u[2]! * 300)).join()).not.toBe(blocks[1]!.map((u) => Math.floor(u[2]! * 300)).join());
  });

  it('the same seed, the same draws', () => {
    const a = new LatencyStrata(new Prng(7), 300, 2);
    const b = new LatencyStrata(new Prng(7), 300, 2);
    for (let i = 0; i < 700; i++) expect([...a.next()]).toEqual([...b.next()]);
  });
});

describe('normalQuantile', () => {
  it('inverts the standard normal to 1e-8, in the tails too', () => {
    const cases: [number, number][] = [
      [0.5, 0],
      [0.975, 1.959963984540054],
      [0.99, 2.3263478740408408],
      [0.01, -2.3263478740408408],
      [0.001, -3.090232306167813],
      [0.9999, 3.7190164854556804],
      [0.3, -0.5244005127080407],
    ];
    for (const [p, z] of cases) expect(Math.abs(normalQuantile(p) - z), `p=${p}`).toBeLessThan(1e-8);
  });
});
