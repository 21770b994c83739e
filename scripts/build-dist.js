import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { build } from 'esbuild';

// src/**/*.ts → dist/, one module per file, as tsc would emit them (tsconfig.json: isolatedModules and
// verbatimModuleSyntax guarantee a file compiles alone, with the same meaning). Type checking is
// `npm run typecheck` (src and test together, which `npm test` runs): a second, emitting tsc over src
// would check src twice and cost a fresh clone's test run ≈ 20 s.
const src = new URL('../src/', import.meta.url).pathname;
const files = readdirSync(src, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
  .map((f) => join(src, f));
await build({
  entryPoints: files,
  outdir: new URL('../dist/', import.meta.url).pathname,
  outbase: src,
  bundle: false,
  format: 'esm',
  platform: 'node',
  target: 'es2022',
  logLevel: 'warning',
});
console.log(`dist/: ${files.length} modules from ${relative(process.cwd(), src) || 'src'}`);
