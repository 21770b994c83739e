import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { Script } from 'node:vm';

export interface CachedScript {
  exports: Record<string, unknown>;
  /** After the work: keep the bytecode of every function this run compiled, unless the cache read was accepted. */
  saveCache(): void;
}

/**
 * Runs a CommonJS bundle with V8's code cache kept next to it (<name>.v8cache): with the bytecode of
 * the last run's functions, a start-up parses and compiles almost nothing — most of what validate and
 * plan cost before their work. A missing or rejected cache (another Node, a rebuilt bundle) costs one
 * ordinary compile and is written afresh where the folder is writable.
 */
export function loadCachedScript(file: string): CachedScript {
  const cacheFile = file.replace(/\.cjs$/, '.v8cache');
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const script = new Script(Module.wrap(readFileSync(file, 'utf8')), { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = { exports: {} as Record<string, unknown> };
  (script.runInThisContext() as (...args: unknown[]) => void)(module.exports, createRequire(file), module, file, dirname(file));
  return {
    exports: module.exports,
    saveCache: () => {
      if (cachedData && !script.cachedDataRejected) return;
      const partial = `${cacheFile}.${process.pid}`;
      try {
        writeFileSync(partial, script.createCachedData());
        renameSync(partial, cacheFile);
      } catch {
        // A read-only install runs without the cache: slower to start, otherwise the same.
      }
    },
  };
}
