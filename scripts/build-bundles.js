import { build } from 'esbuild';

/** Commands bin/run.js starts from a bundle (keep in step with FAST_COMMANDS there). */
const FAST_COMMANDS = ['validate', 'plan'];

// The hot commands (validate and plan, run on every save and in every PR) start from one pre-bundled
// file each: loading oclif, yaml and the core as separate modules costs more than the work itself.
// Each bundle sits three levels below the root, as dist/core/*/ modules do, so paths relative to
// import.meta.url (the schema validators) resolve the same. typescript is oclif's optional loader for
// .ts commands, never used from dist.
await build({
  entryPoints: FAST_COMMANDS.map((name) => new URL(`../dist/commands/${name}.js`, import.meta.url).pathname),
  outdir: new URL('../dist/bundle/commands/', import.meta.url).pathname,
  bundle: true,
  minify: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: ['typescript'],
  // oclif and yaml are CommonJS; their require() calls need a require in the ESM bundle.
  banner: { js: "import { createRequire as __gamedayRequire } from 'node:module'; const require = __gamedayRequire(import.meta.url);" },
  logLevel: 'warning',
});
console.log(`command bundles: ${FAST_COMMANDS.map((name) => `dist/bundle/commands/${name}.js`).join(', ')}`);
