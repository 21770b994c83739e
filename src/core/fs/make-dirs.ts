import { mkdir, stat } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { GamedayError } from '../errors.js';

/**
 * `mkdir -p` one level at a time. Node's own recursive mkdir never returns on some pseudo file
 * systems (`mkdir('/proc/self/x', { recursive: true })` spins forever), so a hostile or mistaken
 * --reports-dir could hang gameday. Returns the first directory it created, as mkdir -p does.
 */
export async function makeDirs(path: string): Promise<string | undefined> {
  const missing: string[] = [];
  for (let current = resolve(path); ; current = dirname(current)) {
    const info = await stat(current).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw cannotCreate(path, error);
    });
    if (info?.isDirectory()) break;
    if (info) throw cannotCreate(path, Object.assign(new Error(`${current} is not a directory`), { code: 'ENOTDIR' }));
    missing.push(current);
    if (dirname(current) === current) break;
  }
  for (const dir of missing.reverse()) {
    await mkdir(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw cannotCreate(path, error);
    });
  }
  return missing[0];
}

function cannotCreate(path: string, error: NodeJS.ErrnoException): GamedayError {
  return new GamedayError('USAGE', `cannot create the folder ${path} (${error.code ?? error.message})`, {
    hint: 'give a --reports-dir on a normal, writable file system (it is created when missing)',
    cause: error,
  });
}
