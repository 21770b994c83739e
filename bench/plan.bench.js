// `gameday plan` cost: the pure compiler in-process (per plan), and the CLI over 1 and 200 scenario
// files next to `gameday validate` of the same files, measured in the same run so the ratios hold.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/run.js');
const EXAMPLES = ['checkout-az-power', 'catalog-cpu-stress', 'orders-ecs-task-kill', 'checkout-reboot-fis-template'].map((n) => join(ROOT, 'scenarios', `${n}.yaml`));
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const COPIES = 200;
const COMPILES = 2000;

const { requireScenario } = await import(pathToFileURL(join(ROOT, 'dist/core/scenario/load.js')).href);
const { compilePlan } = await import(pathToFileURL(join(ROOT, 'dist/core/plan/compile.js')).href);
const loaded = await Promise.all(EXAMPLES.map((file) => requireScenario(file)));
for (const scenario of loaded) compilePlan(scenario);
console.log(`compilePlan, ${COMPILES} times each (µs per plan)`);
for (const scenario of loaded) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < COMPILES; i++) compilePlan(scenario);
  const us = Number(process.hrtime.bigint() - start) / 1e3 / COMPILES;
  console.log(`  ${scenario.scenario.metadata.name.padEnd(30)} ${us.toFixed(1).padStart(8)} µs`);
}

const copies = mkdtempSync(join(tmpdir(), 'gameday-bench-'));
for (let i = 0; i < COPIES; i++) copyFileSync(EXAMPLES[i % EXAMPLES.length], join(copies, `scenario-${String(i).padStart(3, '0')}.yaml`));
const cases = {
  'node -e 0': ['-e', '0'],
  'validate 1 file': [BIN, 'validate', EXAMPLES[0]],
  'plan 1 file': [BIN, 'plan', EXAMPLES[0]],
  [`validate ${COPIES} files`]: [BIN, 'validate', copies],
  [`plan ${COPIES} files`]: [BIN, 'plan', copies, '--json'],
};
const times = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
for (let run = 0; run < RUNS; run++) {
  for (const [name, args] of Object.entries(cases)) {
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 28 });
    times[name].push(Number(process.hrtime.bigint() - start) / 1e6);
    if (result.status !== 0) throw new Error(`${name} exited ${result.status}: ${result.stderr}`);
  }
}
rmSync(copies, { recursive: true, force: true });

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const base = median(times['node -e 0']);
console.log(`median of ${RUNS} runs (ms), ratio to node -e 0`);
for (const [name, values] of Object.entries(times)) {
  const m = median(values);
  console.log(`  ${name.padEnd(22)} ${m.toFixed(0).padStart(6)} ms  ${(m / base).toFixed(2)}x`);
}
const perFile = (median(times[`plan ${COPIES} files`]) - median(times['plan 1 file'])) / (COPIES - 1);
console.log(`  plan, per additional file ${perFile.toFixed(2)} ms`);
