import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';

/** Commands bin/run.js starts from a bundle (keep in step with FAST_COMMANDS there). */
const FAST_COMMANDS = ['validate', 'plan', 'run'];
const bundleDir = new URL('../dist/bundle/commands/', import.meta.url).pathname;
rmSync(bundleDir, { recursive: true, force: true });

// The hot commands (validate and plan, run on every save and in every PR) start from one pre-bundled
// file each, without oclif (src/cli/fast/): loading oclif, yaml and the core as separate modules costs
// more than the work itself. Each bundle is a CommonJS script bin/run.js compiles with V8's code cache
// (bin/cached-script.js); it sits three levels below the root, as dist/core/*/ modules do, so paths
// relative to import.meta.url resolve the same.
await build({
  entryPoints: FAST_COMMANDS.map((name) => new URL(`../dist/cli/fast/${name}.js`, import.meta.url).pathname),
  outdir: bundleDir,
  outExtension: { '.js': '.cjs' },
  bundle: true,
  minify: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // A script run from a code cache has no module loader for import(): `import('node:readline')` and the
  // like become require() calls.
  supported: { 'dynamic-import': false },
  define: { 'import.meta.url': '__gamedayModuleUrl' },
  banner: { js: "const __gamedayModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [
    {
      // The schema validators inline (dist/generated/index.js), not imported by path at run time:
      // a script run from a code cache has no module loader for a dynamic import().
      name: 'inline-schema-validators',
      setup(bundle) {
        bundle.onLoad({ filter: /[\\/]dist[\\/]core[\\/]yaml[\\/]validators\.js$/ }, () => ({
          contents: "import { loaders } from '../../generated/index.js';\nexport function schemaValidator(name) { return Object.hasOwn(loaders, name) ? loaders[name]().then((m) => m[name]) : Promise.resolve(undefined); }\n",
          resolveDir: new URL('../dist/core/yaml/', import.meta.url).pathname,
        }));
      },
    },
  ],
  logLevel: 'warning',
});

// The code cache is written by the first run of each command (and again whenever V8 rejects it, e.g.
// under another Node); run each once here, so an installed package starts warm. `run` plays the AZ
// game day on the embedded sandbox, so the cache holds the whole game day's code, not an error path's.
const reports = mkdtempSync(join(tmpdir(), 'gameday-warm-'));
for (const name of FAST_COMMANDS) {
  const args = [name, new URL('../scenarios/checkout-az-power.yaml', import.meta.url).pathname, ...(name === 'run' ? ['--sandbox', '--yes', '--json', '--reports-dir', reports] : [])];
  const run = spawnSync(process.execPath, [new URL('../bin/run.js', import.meta.url).pathname, ...args], { stdio: 'ignore' });
  if (run.status !== 0) throw new Error(`warming the ${name} bundle: exit ${run.status}`);
}
rmSync(reports, { recursive: true, force: true });
console.log(`command bundles: ${FAST_COMMANDS.map((name) => `dist/bundle/commands/${name}.cjs (+ .v8cache)`).join(', ')}`);
