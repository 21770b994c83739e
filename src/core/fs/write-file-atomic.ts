import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { GamedayError } from '../errors.js';

/**
 * Writes `path` so a reader never sees half a file and nothing is written through a symlink: the
 * content goes to a new temporary file beside it (unique name, O_CREAT|O_EXCL|O_NOFOLLOW, so a
 * planted file or symlink is never opened), which is then renamed over `path`. rename replaces a
 * symlink at `path` itself instead of writing where it points.
 */
export async function writeFileAtomic(path: string, content: string): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o644).catch((error: NodeJS.ErrnoException) => {
    // Where the file goes is the user's choice (--reports-dir, --out): say so, not "a bug in gameday".
    throw new GamedayError('USAGE', `cannot write ${path} (${error.code ?? error.message})`, { hint: 'write to a folder on a normal, writable file system', cause: error });
  });
  try {
    await handle.writeFile(content);
    await handle.sync();
  } catch (error) {
    await handle.close().catch(() => undefined);
    await unlink(temp).catch(() => undefined);
    throw error;
  }
  await handle.close();
  try {
    await rename(temp, path);
  } catch (error) {
    await unlink(temp).catch(() => undefined);
    throw error;
  }
}
