import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import { build } from 'esbuild';

/** Commands bin/run.js starts from a bundle of their own (keep in step with FAST_COMMANDS there). */
const FAST_COMMANDS = ['validate', 'plan', 'run'];
const dist = new URL('../dist/', import.meta.url).pathname;
const bundleDir = join(dist, 'bundle');
rmSync(bundleDir, { recursive: true, force: true });

/**
 * For the bundles that hold the SDK (validate, plan and run; oclif's leaves it outside): the SDK client
 * packages' index re-exports every command of the service (EC2: hundreds, with their serialisers) and
 * an aggregated client that holds them all, which tree shaking cannot drop. src/aws/sdk/<service>.ts
 * names the client and commands an adapter uses: in a bundle each comes from its own module of the
 * package's ES build, so only those and what they use are bundled (run: 4.5 → 2.2 MB).
 */
const sdkClientSlices = {
  name: 'sdk-client-slices',
  setup(bundle) {
    const slice = /[\\/]dist[\\/]aws[\\/]sdk[\\/][a-z0-9-]+\.js$/;
    bundle.onLoad({ filter: slice }, ({ path }) => {
      const text = readFileSync(path, 'utf8');
      const match = /import\s*\{([^}]*)\}\s*from\s*"(@aws-sdk\/client-[a-z0-9-]+)"/.exec(text);
      if (!match) throw new Error(`${path}: not an SDK client slice (import { … } from "@aws-sdk/client-…")`);
      const [, names, pkg] = match;
      const exported = names.split(',').map((n) => n.trim()).filter(Boolean);
      const lines = exported.map((name) => `export { ${name} } from ${JSON.stringify(`${pkg}/dist-es/${name.endsWith('Command') ? `commands/${name}` : name}.js`)};`);
      return { contents: lines.join('\n'), loader: 'js', resolveDir: dirname(path) };
    });
  },
};

/**
 * What every bundle (written to `outdir`) shares. Each is a CommonJS script bin/run.js compiles with V8's code cache
 * (bin/cached-script.js): loading oclif, yaml, the SDK and the core as hundreds of separate modules
 * costs more than most commands' work.
 */
const common = (outdir) => ({
  outdir,
  bundle: true,
  minify: true,
  platform: 'node',
  // The ES builds of packages that ship both (the SDK's @smithy and @aws-sdk modules): esbuild joins their
  // modules directly, where a CommonJS build reaches every import through a getter and copies each
  // module's exports on load (run: 2.20 → 2.03 MB, ≈ 2 % of a game day's CPU).
  mainFields: ['module', 'main'],
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
  target: 'node20',
  // A script run from a code cache has no module loader for import(): `import('node:readline')` and the
  // like become require() calls.
  supported: { 'dynamic-import': false },
  banner: { js: "const __gamedayUrlOf = (path) => require('node:url').pathToFileURL(require('node:path').join(__dirname, path)).href;" },
  logLevel: 'warning',
  plugins: [
    {
      // The schema validators inline (dist/generated/index.js), not imported by path at run time:
      // a script run from a code cache has no module loader for a dynamic import().
      name: 'inline-schema-validators',
      setup(bundle) {
        bundle.onLoad({ filter: /[\\/]dist[\\/]core[\\/]yaml[\\/]validators\.js$/ }, () => ({
          contents: "import { loaders } from '../../generated/index.js';\nexport function schemaValidator(name) { return Object.hasOwn(loaders, name) ? loaders[name]().then((m) => m[name]) : Promise.resolve(undefined); }\n",
          resolveDir: join(dist, 'core/yaml'),
        }));
      },
    },
    {
      // A module finds files next to the package (schemas/, scenarios/, bin/) relative to its own
      // import.meta.url: each keeps the URL of the file it was built from, wherever the bundle sits.
      name: 'module-urls',
      setup(bundle) {
        bundle.onLoad({ filter: /[\\/]dist[\\/].*\.js$/ }, ({ path }) => {
          const text = readFileSync(path, 'utf8');
          if (!text.includes('import.meta.url')) return undefined;
          return { contents: text.replaceAll('import.meta.url', `__gamedayUrlOf(${JSON.stringify(relative(outdir, path))})`), loader: 'js', resolveDir: dirname(path) };
        });
      },
    },
  ],
});

// validate, plan and run (on every save, in every PR, and on the sandbox) start from one bundle each
// without oclif (src/cli/fast/); what they do not understand falls back to oclif.
const fast = common(join(bundleDir, 'commands'));
await build({ ...fast, plugins: [sdkClientSlices, ...fast.plugins], entryPoints: FAST_COMMANDS.map((name) => join(dist, `cli/fast/${name}.js`)) });

// Every other command runs through oclif from one bundle of oclif and all the commands: oclif's
// "explicit" command discovery (package.json oclif.commands) reads them from its COMMANDS export.
const commandsDir = join(dist, 'commands');
const commandFiles = readdirSync(commandsDir, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.js'))
  .sort();
const commandId = (file) => file.replace(/\.js$/, '').replace(/(^|[\\/])index$/, '').split(sep).join(':');
const entry = join(dist, 'cli/oclif-entry.js');
writeFileSync(
  entry,
  [
    "export { execute } from '@oclif/core';",
    ...commandFiles.map((f, i) => `import C${i} from ${JSON.stringify(`../commands/${f.split(sep).join('/')}`)};`),
    `export const COMMANDS = { ${commandFiles.map((f, i) => `${JSON.stringify(commandId(f))}: C${i}`).join(', ')} };`,
    '',
  ].join('\n'),
);
// The SDK stays outside it, loaded from node_modules by the commands that call AWS: a command that does
// not (report, schedule list, world init, …) must not load it, and a test can see that it does not.
await build({ ...common(bundleDir), entryPoints: { cli: entry }, external: ['@aws-sdk/*', '@smithy/*', '@aws-crypto/*'] });
rmSync(entry);

// The code cache is written by the first run of each bundle (and again whenever V8 rejects it, e.g.
// under another Node); run each once here, so an installed package starts warm. `run` plays the AZ
// game day on the embedded sandbox, so the cache holds the whole game day's code, not an error path's;
// the oclif bundle lists past runs, the path most commands share (config, flags, a command's run).
const reports = mkdtempSync(join(tmpdir(), 'gameday-warm-'));
const scenario = new URL('../scenarios/checkout-az-power.yaml', import.meta.url).pathname;
const warm = [...FAST_COMMANDS.map((name) => [name, scenario, ...(name === 'run' ? ['--sandbox', '--yes', '--json', '--reports-dir', reports] : [])]), ['report', 'list', '--reports-dir', reports]];
for (const args of warm) {
  const run = spawnSync(process.execPath, [new URL('../bin/run.js', import.meta.url).pathname, ...args], { stdio: 'ignore' });
  if (run.status !== 0) throw new Error(`warming the bundle of \`gameday ${args[0]}\`: exit ${run.status}`);
}
rmSync(reports, { recursive: true, force: true });
console.log(`bundles: ${FAST_COMMANDS.map((name) => `dist/bundle/commands/${name}.cjs`).join(', ')}, dist/bundle/cli.cjs (oclif and ${commandFiles.length} commands), each + .v8cache`);
