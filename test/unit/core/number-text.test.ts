import { describe, expect, it } from 'vitest';
import { approximately, numberText } from '../../../src/core/number-text.js';

// What numberText and approximately wrote before they stopped loading ICU: the reference they must match.
const measured = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 4, maximumFractionDigits: 0, roundingPriority: 'morePrecision' });

/** Seeded (a linear congruential generator), so a failure names the same values every run. */
function seededValues(count: number): number[] {
  let seed = 20261203;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const values: number[] = [];
  for (let i = 0; i < count; i++) {
    const magnitude = 10 ** Math.floor(next() * 30 - 12);
    const value = (next() - 0.3) * magnitude;
    // Raw float noise, and values cut to a few digits (where a 5 in the fifth digit decides the rounding).
    values.push(value, Number(value.toPrecision(1 + Math.floor(next() * 6))));
  }
  return values;
}

describe('numberText: a measured value to four significant digits, as Intl.NumberFormat writes it', () => {
  it('matches Intl on the documented examples, halves, carries, signs, magnitudes and the forms String() writes in exponents', () => {
    const values = [
      0, -0, 5, -5, 226.35328801901213, 0.000123456, 1613.7, 1.0005, 1.00049999, 99.995, 999.95, 999.949, 9999.5, 9999.4999, 99995, 0.1 + 0.2, 2.5, -2.5, 0.00099995,
      123456789.5, 2 ** 53, 1e20, 1e21, 1.5e21, 1e-6, 1e-7, 1.5e-7, 9.9995e-7, 5e-324, Number.MAX_VALUE, Infinity, -Infinity, NaN,
    ];
    for (const value of [...values, ...seededValues(4000)]) expect(numberText(value), String(value)).toBe(measured.format(value === 0 ? 0 : value));
  });
});

describe('approximately: two significant figures, with thousands separators', () => {
  it('matches what toLocaleString wrote', () => {
    const values = [0, 1, 47, 99.4, 99.5, 100, 1613, 1650, 99_950, 123_456_789, 1e20];
    for (const value of seededValues(500)) values.push(Math.abs(value));
    for (const value of values) {
      const rounded = value < 100 ? Math.round(value) : Number(value.toPrecision(2));
      expect(approximately(value), String(value)).toBe(rounded.toLocaleString('en-US'));
    }
  });
});
