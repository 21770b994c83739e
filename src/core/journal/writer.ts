import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { redactUrlCredentials } from '../url-credentials.js';
import type { JournalEvent, JournalEventBody } from './events.js';
import { makeDirs } from '../fs/make-dirs.js';

/**
 * Append-only journal.jsonl. Each event is written and fsync'd before append() resolves, so a
 * crash (even kill -9) loses at most the event being written and never an earlier one.
 * Appends are serialised: concurrent callers keep their order.
 */
export class JournalWriter {
  private seq = 0;
  private tail: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly handle: FileHandle,
    readonly path: string,
    private readonly wallClock: () => Date,
    startSeq: number,
  ) {
    this.seq = startSeq;
  }

  /**
   * Opens (creating the directory) for appending; `startSeq` continues an existing journal. Never
   * through a symlink (O_NOFOLLOW). A torn last line (kill -9 mid-write) is cut off first: appended
   * to, it would become a corrupt line in the middle.
   */
  static async open(path: string, options: { wallClock?: () => Date; startSeq?: number } = {}): Promise<JournalWriter> {
    await makeDirs(dirname(path));
    const handle = await open(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o644);
    try {
      await cutTornTail(handle, path);
    } catch (error) {
      await handle.close();
      throw error;
    }
    return new JournalWriter(handle, path, options.wallClock ?? (() => new Date()), options.startSeq ?? 0);
  }

  append(body: JournalEventBody): Promise<JournalEvent> {
    const event = { seq: this.seq++, at: this.wallClock().toISOString(), ...body } as JournalEvent;
    // An error message or endpoint may quote a URL with credentials; the journal keeps none.
    const line = `${redactUrlCredentials(JSON.stringify(event))}\n`;
    const write = this.tail.then(async () => {
      await this.handle.write(line);
      await this.handle.sync();
      return event;
    });
    this.tail = write.catch(() => undefined);
    return write;
  }

  async close(): Promise<void> {
    await this.tail;
    await this.handle.close();
  }
}

async function cutTornTail(handle: FileHandle, path: string): Promise<void> {
  const { size } = await handle.stat();
  if (size === 0) return;
  const reader = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW);
  try {
    const { buffer } = await reader.read(Buffer.alloc(size), 0, size, 0);
    const keep = buffer.lastIndexOf(0x0a) + 1;
    if (keep < size) await handle.truncate(keep);
  } finally {
    await reader.close();
  }
}
