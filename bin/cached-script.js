const { existsSync, readFileSync, renameSync, writeFileSync } = require('node:fs');
const { isAscii } = require('node:buffer');
const Module = require('node:module');
const { dirname } = require('node:path');
const { Script } = require('node:vm');

/**
 * Runs a CommonJS bundle with V8's code cache kept next to it (<name>.v8cache): with the bytecode of
 * the last run's functions, a start-up parses and compiles almost nothing — most of what validate and
 * plan cost before their work. A missing or rejected cache (another Node, a rebuilt bundle) costs one
 * ordinary compile and is written afresh where the folder is writable.
 *
 * @param {string} file the bundle (dist/bundle/commands/<command>.cjs, dist/bundle/cli.cjs)
 * @param {{ register?: boolean }} [options] register: a later require() of the file returns this module
 * @returns {{ exports: Record<string, unknown>, saveCache(): void }} saveCache, after the work, keeps the
 *   bytecode of every function this run compiled, unless the cache read was accepted.
 */
function loadCachedScript(file, options = {}) {
  const cacheFile = file.replace(/\.cjs$/, '.v8cache');
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  const script = new Script(Module.wrap(sourceOf(readFileSync(file))), { filename: file, ...(cachedData ? { cachedData } : {}) });
  const module = new Module(file);
  module.filename = file;
  script.runInThisContext()(module.exports, Module.createRequire(file), module, file, dirname(file));
  module.loaded = true;
  if (options.register) require.cache[file] = module;
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

/**
 * The bundle's text. esbuild escapes nearly everything outside ASCII, and ASCII decodes as latin1 (a copy)
 * exactly as it does as UTF-8, ≈ 10 ms faster for `run`'s 4 MB; a bundle with raw UTF-8 in it (a regex
 * literal esbuild leaves as written) is decoded as UTF-8.
 */
function sourceOf(bytes) {
  return isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8');
}

module.exports = { loadCachedScript };
