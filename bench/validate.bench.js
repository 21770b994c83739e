// `gameday validate` start-up and throughput against a bare `node -e 0`, measured in the same run
// so the ratios hold on any machine: median wall time of several interleaved runs.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/run.js');
const EXAMPLE = join(ROOT, 'scenarios/checkout-az-power.yaml');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const COPIES = 200;

const copies = mkdtempSync(join(tmpdir(), 'gameday-bench-'));
for (let i = 0; i < COPIES; i++) copyFileSync(EXAMPLE, join(copies, `scenario-${String(i).padStart(3, '0')}.yaml`));

const cases = {
  'node -e 0': ['-e', '0'],
  'import @oclif/core': ['--input-type=module', '-e', "await import('@oclif/core')"],
  'import yaml': ['--input-type=module', '-e', "await import('yaml')"],
  // Where validate's start-up goes: loading its bundle (yaml and the core, no oclif) from V8's code
  // cache without running it, and the precompiled scenario schema (ajv standalone code; nothing is
  // compiled at run time).
  'load validate bundle': [
    '-e',
    `require(${JSON.stringify(join(ROOT, 'bin/cached-script.js'))}).loadCachedScript(${JSON.stringify(join(ROOT, 'dist/bundle/commands/validate.cjs'))});`,
  ],
  'import scenario validator': ['--input-type=module', '-e', `await import(${JSON.stringify(join(ROOT, 'dist/generated/scenario.js'))})`],
  'validate 1 file': [BIN, 'validate', EXAMPLE],
  // The same command loaded the ordinary way (oclif resolving dist/commands/validate.js), to show what the bundle saves.
  'validate 1 file, oclif': [
    '--input-type=module',
    '-e',
    `import { execute } from '@oclif/core'; await execute({ dir: ${JSON.stringify(ROOT)}, args: ['validate', ${JSON.stringify(EXAMPLE)}] });`,
  ],
  [`validate ${COPIES} files`]: [BIN, 'validate', copies],
};

const times = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
for (let run = 0; run < RUNS; run++) {
  for (const [name, args] of Object.entries(cases)) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (result.status !== 0) throw new Error(`${name} exited ${result.status}: ${result.stderr}`);
    times[name].push(ms);
  }
}
rmSync(copies, { recursive: true, force: true });

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const base = median(times['node -e 0']);
// The machine is shared: the minimum of N is the least disturbed run of each, the median the typical one.
const min = (values) => Math.min(...values);
const minBase = min(times['node -e 0']);
console.log(`median and min of ${RUNS} runs (ms), ratios to node -e 0`);
for (const [name, values] of Object.entries(times)) {
  const m = median(values);
  console.log(`${name.padEnd(26)} median ${m.toFixed(0).padStart(6)} ms ${(m / base).toFixed(2)}x   min ${min(values).toFixed(0).padStart(6)} ms ${(min(values) / minBase).toFixed(2)}x`);
}
const perFile = (median(times[`validate ${COPIES} files`]) - median(times['validate 1 file'])) / (COPIES - 1);
console.log(`per additional file     ${perFile.toFixed(2)} ms`);
