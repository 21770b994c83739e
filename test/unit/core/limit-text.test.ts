import { describe, expect, it } from 'vitest';
import { limitText } from '../../../src/core/number-text.js';

const intl = new Intl.NumberFormat('en-US', { maximumFractionDigits: 20 });

describe('limitText: a limit as written, with thousands separators (as Intl.NumberFormat writes it)', () => {
  it('matches Intl on written limits, their signs and magnitudes, and the forms String() writes otherwise', () => {
    const values = [0, -0, 1, -1, 0.1, 0.5, 1 / 3, 0.1 + 0.2, 99.9, 99.995, 999, 1000, 5000, 12345.678, -1234567.891, 2 ** 53, 1e20, 123456789012345680000, 1e21, 1e-6, 1e-7, 1.5e-9, 0.000123, Infinity, -Infinity, NaN];
    // Seeded (a linear congruential generator), so a failure names the same values every run.
    let seed = 12345;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 3000; i++) {
      const magnitude = 10 ** Math.floor(next() * 16 - 6);
      const value = (next() - 0.3) * magnitude;
      values.push(value, Number(value.toPrecision(1 + Math.floor(next() * 6))));
    }
    for (const value of values) expect(limitText(value), String(value)).toBe(intl.format(value === 0 ? 0 : value));
  });
});
