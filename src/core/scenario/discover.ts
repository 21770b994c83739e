import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { GamedayError } from '../errors.js';

const YAML_FILE = /\.ya?ml$/i;
const GLOB_CHARS = /[*?[\]{}]/;

/**
 * The files a command line names: files as given, directories searched recursively for *.yaml and
 * *.yml, and quoted globs (*, **, ?, [..], {a,b}) expanded here because no shell did. Sorted and
 * without duplicates. Paths that name nothing are all reported together.
 */
export async function expandScenarioPaths(paths: string[]): Promise<string[]> {
  const found = new Set<string>();
  const missing: string[] = [];
  for (const path of paths) {
    const before = found.size;
    if (GLOB_CHARS.test(path)) {
      for (const file of await expandGlob(path)) found.add(file);
      if (found.size === before) missing.push(`${path} (matches no file)`);
      continue;
    }
    const info = await stat(path).catch((error: NodeJS.ErrnoException) => error);
    if (info instanceof Error) {
      if (info.code === 'ENOENT' || info.code === 'ENOTDIR') missing.push(path);
      else throw new GamedayError('FILE_UNREADABLE', `${path}: cannot read (${info.code ?? info.message})`);
      continue;
    }
    if (info.isDirectory()) {
      for (const file of await walk(path)) if (YAML_FILE.test(file)) found.add(file);
      if (found.size === before) missing.push(`${path} (no *.yaml or *.yml files in it)`);
    } else {
      found.add(path);
    }
  }
  if (missing.length > 0) {
    throw new GamedayError('FILE_NOT_FOUND', `no such file or directory: ${missing.join(', ')}`, { hint: 'pass scenario files, directories or quoted globs' });
  }
  return [...found].sort();
}

/** Every file under dir; symlinked directories are not followed (no loops), hidden ones and node_modules skipped. */
async function walk(dir: string): Promise<string[]> {
  const files: string[] = [];
  const pending = [dir];
  while (pending.length > 0) {
    const current = pending.pop()!;
    let entries: Dirent[];
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch (error) {
      throw new GamedayError('FILE_UNREADABLE', `${current}: cannot list the directory (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
    for (const entry of entries) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) {
        if (!entry.name.startsWith('.') && entry.name !== 'node_modules') pending.push(path);
      } else if (entry.isFile() || (entry.isSymbolicLink() && (await stat(path).catch(() => undefined))?.isFile())) {
        files.push(path);
      }
    }
  }
  return files;
}

async function expandGlob(pattern: string): Promise<string[]> {
  const parts = pattern.split(/[\\/]/);
  const firstGlob = parts.findIndex((part) => GLOB_CHARS.test(part));
  const base = parts.slice(0, firstGlob).join('/') || (pattern.startsWith('/') ? '/' : '.');
  const info = await stat(base).catch(() => undefined);
  if (!info?.isDirectory()) return [];
  const matcher = globToRegExp(parts.slice(firstGlob).join('/'));
  const prefix = base === '.' && !pattern.startsWith('./') ? '' : `${base}/`;
  return (await walk(base))
    .map((file) => (base === '.' ? file : file.slice(base.length + 1)).split(sep).join('/'))
    .filter((relative) => matcher.test(relative))
    .map((relative) => `${prefix}${relative}`.replace(/^\/\//, '/'));
}

export function globToRegExp(glob: string): RegExp {
  let source = '';
  let inClass = false;
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (inClass) {
      source += c === ']' ? ']' : c === '\\' ? '\\\\' : c;
      if (c === ']') inClass = false;
    } else if (c === '*') {
      if (glob[i + 1] === '*') {
        const slash = glob[i + 2] === '/';
        source += slash ? '(?:.*/)?' : '.*';
        i += slash ? 2 : 1;
      } else {
        source += '[^/]*';
      }
    } else if (c === '?') source += '[^/]';
    else if (c === '[') {
      inClass = true;
      source += glob[i + 1] === '!' ? (i++, '[^') : '[';
    } else if (c === '{') {
      braces++;
      source += '(?:';
    } else if (c === '}' && braces > 0) {
      braces--;
      source += ')';
    } else if (c === ',' && braces > 0) source += '|';
    else source += c.replace(/[.+^$()|\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}
