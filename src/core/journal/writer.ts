import { mkdir, open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { JournalEvent, JournalEventBody } from './events.js';

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

  /** Opens (creating the directory) for appending; `startSeq` continues an existing journal. */
  static async open(path: string, options: { wallClock?: () => Date; startSeq?: number } = {}): Promise<JournalWriter> {
    await mkdir(dirname(path), { recursive: true });
    const handle = await open(path, 'a');
    return new JournalWriter(handle, path, options.wallClock ?? (() => new Date()), options.startSeq ?? 0);
  }

  append(body: JournalEventBody): Promise<JournalEvent> {
    const event = { seq: this.seq++, at: this.wallClock().toISOString(), ...body } as JournalEvent;
    const line = `${JSON.stringify(event)}\n`;
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
