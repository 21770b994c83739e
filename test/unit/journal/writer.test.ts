import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JournalEventBody } from '../../../src/core/journal/events.js';
import { JournalWriter, type JournalSync } from '../../../src/core/journal/writer.js';

const dirs: string[] = [];
afterEach(async () => {
  vi.useRealTimers();
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function journalFile(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gameday-writer-'));
  dirs.push(dir);
  return join(dir, 'journal.jsonl');
}

const probe = (value: number): JournalEventBody => ({ type: 'probe-sample', probe: 'p', probeId: 'p', timestamp: '2026-01-01T00:00:00.000Z', value, ok: true, role: 'steady-state' });
const intent: JournalEventBody = { type: 'start-intent', clientToken: 'run-1', templateId: 'EXT1' } as JournalEventBody;
const lines = async (path: string): Promise<number> => (await readFile(path, 'utf8')).split('\n').filter(Boolean).length;

/** An fsync the test releases by hand, recording how many lines the file held when each began. */
function heldSync(path: string): { sync: JournalSync; began: Promise<number>[]; release(): void } {
  const began: Promise<number>[] = [];
  let releases: (() => void)[] = [];
  return {
    sync: () => {
      began.push(lines(path));
      return new Promise<void>((resolve) => releases.push(resolve));
    },
    began,
    release: () => {
      releases.forEach((r) => r());
      releases = [];
    },
  };
}

describe('the journal writer: every event written before append() resolves, durable events fsync’d first', () => {
  it('a durable event (start-intent) resolves only after an fsync that began once its line was written', async () => {
    const path = await journalFile();
    const held = heldSync(path);
    const writer = await JournalWriter.open(path, { sync: held.sync });
    let resolved = false;
    const append = writer.append(intent).then(() => (resolved = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(resolved).toBe(false);
    expect(held.began).toHaveLength(1);
    expect(await held.began[0]).toBe(1);
    held.release();
    await append;
    expect(resolved).toBe(true);
    held.release();
    const closing = writer.close();
    await new Promise((r) => setTimeout(r, 0));
    held.release();
    await closing;
  });

  it('observations (probe samples) are on file when append() resolves, without waiting for an fsync; the next durable event’s fsync carries them', async () => {
    const path = await journalFile();
    const held = heldSync(path);
    const writer = await JournalWriter.open(path, { sync: held.sync });
    for (let i = 0; i < 50; i++) await writer.append(probe(i));
    expect(await lines(path)).toBe(50);
    expect(held.began).toHaveLength(0);
    const durable = writer.append(intent);
    await vi.waitFor(() => expect(held.began).toHaveLength(1));
    expect(await held.began[0]).toBe(51);
    held.release();
    const event = await durable;
    expect(event.seq).toBe(50);
    const closing = writer.close();
    await new Promise((r) => setTimeout(r, 0));
    held.release();
    await closing;
  });

  it('observations alone reach the disk within a second: one fsync for all of them', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const path = await journalFile();
    const syncs: number[] = [];
    const writer = await JournalWriter.open(path, { sync: async () => void syncs.push(await lines(path)) });
    for (let i = 0; i < 5; i++) await writer.append(probe(i));
    await vi.advanceTimersByTimeAsync(999);
    expect(syncs).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(syncs).toEqual([5]));
    await writer.close();
    expect(syncs).toEqual([5, 5]);
  });

  it('close() syncs observations not yet synced', async () => {
    const path = await journalFile();
    const syncs: number[] = [];
    const writer = await JournalWriter.open(path, { sync: async () => void syncs.push(await lines(path)) });
    await writer.append(probe(1));
    await writer.append(probe(2));
    await writer.close();
    expect(syncs).toEqual([2]);
  });

  it('a deferred fsync that failed fails the next append and is never lost', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const path = await journalFile();
    const writer = await JournalWriter.open(path, { sync: () => Promise.reject(Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' })) });
    await writer.append(probe(1));
    await vi.advanceTimersByTimeAsync(1000);
    await expect(writer.append(probe(2))).rejects.toThrow(/EIO/);
    expect(await lines(path)).toBe(1);
    await expect(writer.close()).rejects.toThrow(/EIO/);
  });

  it('kill -9 right after observations were appended: every one of them is in the journal', async () => {
    const path = await journalFile();
    const writerModule = new URL('../../../dist/core/journal/writer.js', import.meta.url).href;
    const script = `
      const { JournalWriter } = await import(${JSON.stringify(writerModule)});
      const writer = await JournalWriter.open(${JSON.stringify(path)});
      await writer.append(${JSON.stringify(intent)});
      for (let i = 0; i < 200; i++) await writer.append({ ...${JSON.stringify(probe(0))}, value: i });
      process.kill(process.pid, 'SIGKILL');`;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(child.signal).toBe('SIGKILL');
    const events = (await readFile(path, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as { seq: number; value?: number });
    expect(events).toHaveLength(201);
    expect(events.map((e) => e.seq)).toEqual([...Array(201).keys()]);
    expect(events[200]!.value).toBe(199);
  });
});
