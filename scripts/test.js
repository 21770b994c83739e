// npm test after the build: the type check (tsc over src and test) and the suite (vitest) at once.
// The suite leaves a core idle whenever its tests wait on CLI processes and sandbox clocks; the type
// check fills those gaps instead of adding its ≈ 25 s in front. Either failing fails the command;
// the type check's report comes after the suite's, so the two never interleave.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
/** A package's command-line script, as npm would link it into node_modules/.bin. */
const bin = (name, command = name) => {
  const manifest = require.resolve(`${name}/package.json`);
  const { bin: entries } = JSON.parse(readFileSync(manifest, 'utf8'));
  return join(dirname(manifest), typeof entries === 'string' ? entries : entries[command]);
};

const typecheck = (async () => {
  const child = spawn(process.execPath, [bin('typescript', 'tsc'), '-p', 'tsconfig.test.json'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const code = await new Promise((resolve) => child.on('close', (c) => resolve(c ?? 1)));
  return { code, output };
})();
const suite = await new Promise((resolve) => spawn(process.execPath, [bin('vitest'), 'run', ...process.argv.slice(2)], { stdio: 'inherit' }).on('close', (code) => resolve({ code: code ?? 1 })));
const checked = await typecheck;
// .ci/run counts a failed type check among the failures of its closing line.
mkdirSync('test-results', { recursive: true });
writeFileSync('test-results/typecheck.json', `${JSON.stringify({ ok: checked.code === 0, errors: (checked.output.match(/error TS\d+/g) ?? []).length })}\n`);
if (checked.code !== 0) process.stderr.write(`\ntype check (tsc -p tsconfig.test.json) failed:\n${checked.output}`);
else process.stdout.write('type check (tsc -p tsconfig.test.json): no errors\n');
process.exitCode = suite.code !== 0 ? suite.code : checked.code;
