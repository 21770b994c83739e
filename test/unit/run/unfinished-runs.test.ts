import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasEventOfType } from '../../../src/core/journal/reader.js';
import { findUnfinishedRuns } from '../../../src/core/run/unfinished-runs.js';

const line = (seq: number, body: Record<string, unknown>) => JSON.stringify({ seq, at: `2026-11-26T10:00:0${seq}.000Z`, ...body });
const started = line(0, { type: 'run-started', runId: 'r', mode: 'aws', plan: { scenario: { name: 'checkout' } } });

async function reports(runs: Record<string, string[]>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gameday-unfinished-'));
  for (const [runId, lines] of Object.entries(runs)) {
    await mkdir(join(dir, 'checkout', runId), { recursive: true });
    await writeFile(join(dir, 'checkout', runId, 'journal.jsonl'), `${lines.join('\n')}\n`);
  }
  return dir;
}

describe('hasEventOfType: an event of the type, not a line that only quotes it', () => {
  it('a top-level type counts, wherever its line is; the same words nested in another event, escaped in a note or on a torn line do not', () => {
    const has = (text: string) => hasEventOfType(Buffer.from(text), 'run-ended');
    const ended = line(1, { type: 'run-ended', status: 'completed', reason: 'ünïcode ✓' });
    expect(has(`${started}\n${ended}\n`)).toBe(true);
    expect(has(`${ended}\n${started}`)).toBe(true);
    expect(has(`${started}\n${ended}`)).toBe(true);
    const nested = line(1, { type: 'note', author: 'a', text: 'see "type":"run-ended"', data: { type: 'run-ended' } });
    expect(nested).toContain('"type":"run-ended"');
    expect(has(`${started}\n${nested}\n`)).toBe(false);
    expect(has(`${started}\n${nested}\n${nested}\n${ended}\n`)).toBe(true);
    expect(has(`${started}\n{"seq":1,"at":"x","type":"run-ended","sta`)).toBe(false);
  });
});

describe('findUnfinishedRuns: the runs abort has to clean up, from a scenario’s whole history', () => {
  it('an ended run is not one, even with a corrupt line; a run without run-ended, or whose template FIS would not delete, is', async () => {
    const history = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`20261125T${String(i).padStart(6, '0')}Z-eeeeee`, [started, line(1, { type: 'run-ended', status: 'completed' })]]));
    const dir = await reports({
      ...history,
      '20261126T100000Z-aaaaaa': [started, line(1, { type: 'note', author: 'a', text: 'b', data: { type: 'run-ended' } })],
      '20261126T110000Z-bbbbbb': [started, '{"seq":1,"type":"no', line(2, { type: 'run-ended', status: 'completed' })],
      '20261126T120000Z-cccccc': [started, line(1, { type: 'template-delete-failed', templateId: 'EXT1' }), line(2, { type: 'run-ended', status: 'completed' })],
      '20261126T130000Z-dddddd': [started, line(1, { type: 'template-deleted', templateId: 'EXT2' }), line(2, { type: 'run-ended', status: 'completed' })],
      '20261126T140000Z-ffffff': [started, '{"seq":1,"type":"no', line(2, { type: 'note', author: 'a', text: 'b' })],
    });
    const unreadable: string[] = [];
    const found = await findUnfinishedRuns(dir, 'checkout', (j) => unreadable.push(j.runDir));
    expect(found.map((r) => [r.runId, r.templatesLeft])).toEqual([
      ['r', undefined],
      ['r', ['EXT1']],
    ]);
    expect(found.map((r) => r.runDir.slice(-23))).toEqual(['20261126T100000Z-aaaaaa', '20261126T120000Z-cccccc']);
    // Unreadable journals are named, in order, among ended ones read at the same time.
    expect(unreadable.map((d) => d.slice(-23))).toEqual(['20261126T140000Z-ffffff']);
  });
});
