import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { GamedayError } from '../errors.js';

/**
 * Appends whole lines to a file in one O_APPEND write (lines from two processes never interleave),
 * then fsyncs. O_NOFOLLOW: a symlink planted where the file belongs is refused, never written through.
 */
export async function appendLines(path: string, text: string, options: { create: boolean }): Promise<void> {
  const flags = constants.O_WRONLY | constants.O_APPEND | constants.O_NOFOLLOW | (options.create ? constants.O_CREAT : 0);
  const handle = await open(path, flags, 0o644).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ELOOP') throw new GamedayError('FILE_UNREADABLE', `${path} is a symbolic link: gameday does not write through links`, { hint: 'replace the link with the file itself', cause: error });
    throw error;
  });
  try {
    await handle.write(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}
