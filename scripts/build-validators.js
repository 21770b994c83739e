// Compiles the schemas documents are checked against at run time (scenario, world) into standalone
// validators, one module each (dist/generated/<schema>.js): validate never loads or compiles ajv at
// run time. Other schemas (report.schema.json) are contracts checked in tests.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import Ajv from 'ajv';
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
// A loader for each, for the command bundles (scripts/build-bundles.js), which hold them inline and load one only when asked.
writeFileSync(new URL('index.js', outDir), `export const loaders = {\n${Object.keys(exports).map((name) => `  ${JSON.stringify(name)}: () => import('./${name}.js'),\n`).join('')}};\n`);
console.log(`validators: ${Object.keys(exports).map((name) => `dist/generated/${name}.js`).join(', ')}`);
