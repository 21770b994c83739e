import { appendFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GamedayError } from '../../../src/core/errors.js';
import { appendNote } from '../../../src/core/journal/human-entries.js';
import { readJournal } from '../../../src/core/journal/reader.js';
import { judge } from '../../../src/core/verdict/judge.js';
import { fixtureReportsDir } from '../../helpers/fixture-runs.js';

const clock = () => new Date('2026-11-26T10:09:00.000Z');

describe('appendNote', () => {
  it('appends one note event after the last seq, readable by the journal reader and in the verdict', async () => {
    const { runDirs } = await fixtureReportsDir(['late-detection']);
    const dir = runDirs['late-detection']!;
    const { events } = await readJournal(dir);
    const event = await appendNote(dir, { text: 'CPU alarm too slow; tune it', author: 'Jo' }, clock);
    expect(event).toEqual({ seq: events.length, at: '2026-11-26T10:09:00.000Z', type: 'note', text: 'CPU alarm too slow; tune it', author: 'Jo' });
    const after = await readJournal(dir);
    expect(after.events).toHaveLength(events.length + 1);
    expect(judge(after.events).notes).toEqual([expect.objectContaining({ text: 'CPU alarm too slow; tune it', author: 'Jo' })]);
  });

  it('refuses a journal whose last line is cut off, leaving it as it was', async () => {
    const { runDirs } = await fixtureReportsDir(['interrupted']);
    const dir = runDirs.interrupted!;
    await appendFile(join(dir, 'journal.jsonl'), '{"seq":99,"at":"2026-11-26T13:0');
    const before = await readFile(join(dir, 'journal.jsonl'), 'utf8');
    await expect(appendNote(dir, { text: 'x' }, clock)).rejects.toThrow(GamedayError);
    expect(await readFile(join(dir, 'journal.jsonl'), 'utf8')).toBe(before);
  });

  it('starts a new line when the last whole event lacks its newline', async () => {
    const { runDirs } = await fixtureReportsDir(['interrupted']);
    const dir = runDirs.interrupted!;
    const path = join(dir, 'journal.jsonl');
    const text = await readFile(path, 'utf8');
    const { writeFile } = await import('node:fs/promises');
    await writeFile(path, text.trimEnd());
    await appendNote(dir, { text: 'after a missing newline' }, clock);
    const { events } = await readJournal(dir);
    expect(events.at(-1)).toMatchObject({ type: 'note', text: 'after a missing newline' });
  });
});
