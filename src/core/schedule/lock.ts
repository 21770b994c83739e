import { randomBytes } from 'node:crypto';
import { link, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GamedayError } from '../errors.js';
import { makeDirs } from '../fs/make-dirs.js';

/**
 * The scheduler's lock and claims, under <reportsDir>/.schedule/:
 *  - lock: created exclusively (linked into place already written), so exactly one `run-due` decides what to run at a time.
 *    It is held only while deciding and claiming (milliseconds), not while game days run: a game
 *    day can last an hour, and a later invocation must still be able to start other scenarios.
 *  - claims/<scenario>/<occurrence>.json: also created exclusively, one per occurrence. A claim is
 *    never removed; it is what stops a second invocation from starting the same game day again,
 *    even if the first died before its journal said so.
 * Both files hold their owner (pid, host, start time) so people can see who holds them.
 */
export interface LockOwner {
  pid: number;
  host: string;
  startedAt: string;
}

export interface LockEnvironment {
  /** Whether a pid on this host is alive (process.kill(pid, 0) in production). */
  isAlive(pid: number): boolean;
  /** How long to wait for a live holder to finish deciding. */
  waitMs: number;
  sleep(ms: number): Promise<void>;
}

export interface HeldLock {
  path: string;
  /** Set when a lock left by a dead process was removed to take this one. */
  brokeStale?: LockOwner;
  release(): Promise<void>;
}

/** Whether a process on this host is alive. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function scheduleStateDir(reportsDir: string): string {
  return join(reportsDir, '.schedule');
}

export function lockPath(reportsDir: string): string {
  return join(scheduleStateDir(reportsDir), 'lock');
}

export function describeOwner(owner: LockOwner): string {
  return `pid ${owner.pid} on ${owner.host} since ${owner.startedAt}`;
}

/** How a refusal names a lock: whose it is, and what to do about a live or a dead holder. */
export interface LockWording {
  kind: string;
  /** e.g. "another `gameday schedule run-due` holds the schedule lock" */
  held: string;
  liveHint: string;
  /** what probably left an empty lock file behind */
  died: string;
}

export async function acquireScheduleLock(reportsDir: string, owner: LockOwner, env: LockEnvironment): Promise<HeldLock> {
  await makeDirs(scheduleStateDir(reportsDir));
  return acquireLockFile(lockPath(reportsDir), owner, env, {
    kind: 'schedule',
    held: 'another `gameday schedule run-due` holds the schedule lock',
    liveHint: 'wait for it to finish, or pass --lock-wait with more time',
    died: 'a run-due probably died while creating it; if no run-due is running',
  });
}

/**
 * A lock file created with O_EXCL ('wx') holding its owner; a dead holder's lock (same host) is
 * broken, a live one waited for up to env.waitMs, then refused with RUN_LOCKED.
 */
export async function acquireLockFile(path: string, owner: LockOwner, env: LockEnvironment, wording: LockWording): Promise<HeldLock> {
  const content = `${JSON.stringify(owner)}\n`;
  let brokeStale: LockOwner | undefined;
  let waitedMs = 0;
  for (let attempt = 0; ; attempt++) {
    if (await createWithContent(path, content)) return { path, ...(brokeStale ? { brokeStale } : {}), release: () => releaseLock(path, content) };
    const holder = await readOwner(path);
    if (holder === 'missing') continue; // released between our attempt and the read: try again
    if (holder !== 'unreadable' && holder.host === owner.host && !env.isAlive(holder.pid)) {
      if (await breakStaleLock(path, holder)) brokeStale = holder;
      continue;
    }
    if (waitedMs >= env.waitMs) {
      // An unreadable lock is one being written right now, or left empty by a process killed
      // between creating and writing it; after the wait it is the latter.
      throw holder === 'unreadable'
        ? new GamedayError('RUN_LOCKED', `${path}: the ${wording.kind} lock file is empty or unreadable`, {
            hint: `${wording.died}, delete ${path}`,
          })
        : new GamedayError('RUN_LOCKED', `${path}: ${wording.held} (${describeOwner(holder)})`, {
            hint: holder.host === owner.host ? wording.liveHint : `it runs on another host; if ${holder.host} is gone, delete ${path}`,
          });
    }
    const pause = Math.min(50 * 2 ** Math.min(attempt, 4), 500);
    await env.sleep(pause);
    waitedMs += pause;
  }
}

/**
 * Creates a file (a lock, a claim) already holding its owner, or false when it exists. Written in place with
 * O_EXCL, it would be empty between the create and the write, and a second process starting at that
 * instant would read a lock "left empty by a process that died" from one that is alive: the owner is
 * written to a file of our own and hard-linked into place, which fails if the lock exists. A file
 * system without hard links gets the O_EXCL create (and that window) instead.
 */
export async function createWithContent(path: string, content: string): Promise<boolean> {
  const own = `${path}.${process.pid}-${randomBytes(4).toString('hex')}`;
  await writeFile(own, content, { flag: 'wx' });
  try {
    await link(own, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
  } finally {
    await unlink(own).catch(() => undefined);
  }
  try {
    await writeFile(path, content, { flag: 'wx' });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/**
 * Moves a dead holder's lock aside, then checks that what moved is still that holder's: if a live
 * process took the lock in between, its lock is put back (link fails rather than overwrite).
 */
async function breakStaleLock(path: string, stale: LockOwner): Promise<boolean> {
  const aside = `${path}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  const moved = await readOwner(aside);
  const same = typeof moved === 'object' && moved.pid === stale.pid && moved.host === stale.host && moved.startedAt === stale.startedAt;
  if (!same) {
    await link(aside, path).catch(() => undefined);
  }
  await unlink(aside).catch(() => undefined);
  return same;
}

async function releaseLock(path: string, content: string): Promise<void> {
  // Only remove our own lock: if it was (wrongly) broken and retaken, the new holder keeps it.
  const current = await readFile(path, 'utf8').catch(() => undefined);
  if (current === content) await unlink(path).catch(() => undefined);
}

async function readOwner(path: string): Promise<LockOwner | 'missing' | 'unreadable'> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.startedAt === 'string') {
      return { pid: value.pid, host: value.host, startedAt: value.startedAt };
    }
  } catch {
    // fall through: half-written or corrupt
  }
  return 'unreadable';
}
