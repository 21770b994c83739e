// Builds what `gameday validate` runs on, so it starts fast:
// 1. the schemas documents are checked against at run time (scenario, world), compiled into
//    standalone validators, one module each (dist/generated/<schema>.js): validate never loads or
//    compiles ajv at run time. Other schemas (report.schema.json) are contracts checked in tests.
// 2. the validate command with oclif, yaml and the core bundled into one file
//    (dist/bundle/cli/validate.js, run by bin/run.js): one module to compile instead of ~150 to
//    resolve and read. Runs after tsc, from its output.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import Ajv from 'ajv';
import { build } from 'esbuild';
import standaloneCode from 'ajv/dist/standalone/index.js';

const schemasDir = new URL('../schemas/', import.meta.url);
const outDir = new URL('../dist/generated/', import.meta.url);

// verbose: errors carry the failing schema and data, which the diagnostics use for "did you mean".
const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false, strictTypes: false, code: { source: true, esm: true } });
const exports = {};
const RUNTIME_SCHEMAS = ['scenario', 'world'];
for (const name of RUNTIME_SCHEMAS) {
  const file = `${name}.schema.json`;
  if (!existsSync(new URL(file, schemasDir))) continue;
  const schema = JSON.parse(readFileSync(new URL(file, schemasDir), 'utf8'));
  ajv.addSchema(schema, name);
  exports[name] = name;
}

mkdirSync(outDir, { recursive: true });
// One module per schema, so checking a scenario never compiles the world validator (or the reverse).
// ajv's standalone output still calls require() for its runtime helpers even with esm: true.
for (const name of Object.keys(exports)) {
  const code = `import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n${standaloneCode(ajv, { [name]: name })}`;
  writeFileSync(new URL(`${name}.js`, outDir), code);
}
console.log(`validators: ${Object.keys(exports).map((name) => `dist/generated/${name}.js`).join(', ')}`);

// typescript is oclif's optional loader for .ts commands, never used from dist.
await build({
  entryPoints: [new URL('../dist/cli/validate-bundle-entry.js', import.meta.url).pathname],
  outfile: new URL('../dist/bundle/cli/validate.js', import.meta.url).pathname,
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
console.log('validate bundle → dist/bundle/cli/validate.js');
