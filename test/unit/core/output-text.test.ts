import { describe, expect, it } from 'vitest';
import { terminalRecord } from '../../../src/core/output-text.js';

describe('terminalRecord', () => {
  it('returns a record with nothing to change as it is, without copying it (every journal event is logged)', () => {
    const record = { journal: 'probe-sample', probe: 'p99-latency', value: 0.42, ok: true, points: [{ at: '2026-06-01T09:00:00.000Z', value: 1 }], none: null };
    expect(terminalRecord(record)).toBe(record);
  });

  it('neutralises control characters and URL credentials at any depth, keys too, and leaves the input alone', () => {
    const record = { journal: 'alarm-state', alarm: 'ok', nested: [{ name: 'a\u001b[31mred' }, 'clean'], 'k\u0007': 1, url: 'http://user:secret@proxy:8080/' };
    const input = structuredClone(record);
    const shown = terminalRecord(record);
    expect(shown).not.toBe(record);
    expect(record).toEqual(input);
    expect(shown.nested[0]).toEqual({ name: 'a\\x1b[31mred' });
    expect(shown.nested[1]).toBe('clean');
    expect(Object.keys(shown)).toContain('k\\x07');
    expect(shown.url).toBe('http://user:***@proxy:8080/');
  });
});
