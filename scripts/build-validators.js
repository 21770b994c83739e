// Compiles the schemas the CLI checks documents against at run time into one ESM module of
// standalone validators (dist/generated/validators.js), so `gameday validate` never loads or
// compiles ajv at run time. Other schemas (report.schema.json) are contracts checked in tests.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import Ajv from 'ajv';
import { build } from 'esbuild';
import standaloneCode from 'ajv/dist/standalone/index.js';

const schemasDir = new URL('../schemas/', import.meta.url);
const outFile = new URL('../dist/generated/validators.js', import.meta.url);

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

mkdirSync(new URL('.', outFile), { recursive: true });
// ajv's standalone output still calls require() for its runtime helpers even with esm: true.
const code = `import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);\n${standaloneCode(ajv, exports)}`;
writeFileSync(outFile, code);
console.log(`validators: ${Object.keys(exports).join(', ')} → dist/generated/validators.js`);

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
