import { constants, writeSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { dirname } from 'node:path';
import { redactUrlCredentials } from '../url-credentials.js';
import type { JournalEvent, JournalEventBody } from './events.js';
import { makeDirs } from '../fs/make-dirs.js';

/**
 * What the watch writes every poll: observations of the experiment, alarms and metrics. A crash of
 * gameday loses none of them (each is written before append() resolves, so the kernel holds it); only
 * the fsync that carries them through a power cut or kernel crash is shared, and comes at most
 * OBSERVATION_SYNC_MS later or with the next event of any other type. Every other event (run-started,
 * start-intent, experiment-started, stop-requested, template-deleted, run-ended, …) says what gameday
 * did or is about to do in AWS: abort and the verdict depend on it, so append() resolves only once it
 * (and everything before it) is on disk. New event types are durable until listed here.
 */
const OBSERVATIONS: ReadonlySet<JournalEventBody['type']> = new Set(['experiment-state', 'alarm-state', 'probe-sample', 'alarm-metric', 'impact-metric', 'slo-sample']);
const OBSERVATION_SYNC_MS = 1000;

/** How the writer reaches the disk; tests substitute `sync` to see which appends wait for it. */
export interface JournalSync {
  (handle: FileHandle): Promise<void>;
}

/**
 * Append-only journal.jsonl. Each event is one write of one whole line before append() resolves (a
 * crash, even kill -9, loses at most the event being written, never an earlier one); durable events
 * are also fsync'd before it resolves (see OBSERVATIONS). Appends keep their call order.
 */
export class JournalWriter {
  private seq = 0;
  /** the fsync under way (or the last one): later syncs queue behind it */
  private syncing: Promise<void> = Promise.resolve();
  private syncTimer: NodeJS.Timeout | undefined;
  /** a deferred fsync that failed: reported by the next append or close */
  private syncError: unknown;

  private constructor(
    private readonly handle: FileHandle,
    readonly path: string,
    private readonly wallClock: () => Date,
    startSeq: number,
    private readonly fsync: JournalSync,
  ) {
    this.seq = startSeq;
  }

  /**
   * Opens (creating the directory) for appending; `startSeq` continues an existing journal. Never
   * through a symlink (O_NOFOLLOW). A torn last line (kill -9 mid-write) is cut off first: appended
   * to, it would become a corrupt line in the middle.
   */
  static async open(path: string, options: { wallClock?: () => Date; startSeq?: number; sync?: JournalSync } = {}): Promise<JournalWriter> {
    await makeDirs(dirname(path));
    const handle = await open(path, constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW, 0o644);
    try {
      await cutTornTail(handle, path);
    } catch (error) {
      await handle.close();
      throw error;
    }
    return new JournalWriter(handle, path, options.wallClock ?? (() => new Date()), options.startSeq ?? 0, options.sync ?? ((h) => h.sync()));
  }

  append(body: JournalEventBody): Promise<JournalEvent> {
    try {
      this.throwSyncError();
      const event = { seq: this.seq, at: this.wallClock().toISOString(), ...body } as JournalEvent;
      // An error message or endpoint may quote a URL with credentials; the journal keeps none.
      writeWhole(this.handle.fd, `${redactUrlCredentials(JSON.stringify(event))}\n`);
      this.seq++;
      if (OBSERVATIONS.has(body.type)) {
        this.syncTimer ??= setTimeout(() => void this.syncNow().catch((error: unknown) => (this.syncError ??= error)), OBSERVATION_SYNC_MS).unref();
        return Promise.resolve(event);
      }
      return this.syncNow().then(() => event);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  async close(): Promise<void> {
    try {
      await this.syncNow();
      this.throwSyncError();
    } finally {
      await this.handle.close();
    }
  }

  /** One fsync covering every line written so far (lines are written synchronously, before this). */
  private syncNow(): Promise<void> {
    clearTimeout(this.syncTimer);
    this.syncTimer = undefined;
    const sync = this.syncing.catch(() => undefined).then(() => this.fsync(this.handle));
    this.syncing = sync;
    return sync;
  }

  private throwSyncError(): void {
    if (this.syncError === undefined) return;
    const error = this.syncError;
    this.syncError = undefined;
    throw error;
  }
}

/** write(2) to a regular file writes everything or fails, but nothing in POSIX promises it: loop. */
function writeWhole(fd: number, line: string): void {
  const bytes = Buffer.from(line, 'utf8');
  for (let offset = 0; offset < bytes.length; ) offset += writeSync(fd, bytes, offset);
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
