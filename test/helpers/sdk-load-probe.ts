import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** What the probe writes to stderr for every AWS SDK module a process loads. */
export const SDK_LOADED = 'SDK LOADED';

/**
 * NODE_OPTIONS for a CLI process that reports on stderr every AWS SDK module it loads, whether through
 * the ES module loader (an import) or through require() (the command bundles load the SDK that way).
 */
export function sdkLoadProbe(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gameday-sdk-probe-'));
  const pattern = '/@aws-sdk|@smithy/';
  const hook = join(dir, 'hook.mjs');
  writeFileSync(hook, `export async function resolve(s, c, next) { const f = await next(s, c); if (${pattern}.test(f.url)) process.stderr.write('${SDK_LOADED} ' + f.url + '\\n'); return f; }\n`);
  const register = join(dir, 'register.mjs');
  writeFileSync(register, `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hook).href)});\n`);
  const requireHook = join(dir, 'require-hook.cjs');
  writeFileSync(
    requireHook,
    `const Module = require('node:module');\nconst load = Module._load;\nModule._load = function (request, ...rest) { if (${pattern}.test(request)) process.stderr.write('${SDK_LOADED} ' + request + '\\n'); return load.call(this, request, ...rest); };\n`,
  );
  return `--require=${requireHook} --import=${pathToFileURL(register).href}`;
}
