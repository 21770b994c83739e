// Start-up of `gameday validate` and `gameday plan` of one scenario (and, for comparison over time, of
// `validate` and `schedule list` over the shipped scenarios/ folder) against a bare `node -e 0`, measured
// in the same run, interleaved (node, validate, plan, node, …) so a shared machine's load falls on all
// three alike. Issue 15's targets: validate ≤ 1.8×, plan ≤ 2×. Wall time (median) is what a user
// waits; CPU time (user+sys of each child, from /proc/self/stat's cutime/cstime) is what the command
// costs, and moves far less with the load of other processes.
import { spawnSync } from 'node:child_process';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childCpuMs } from './child-cpu.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/run.js');
const EXAMPLE = join(ROOT, 'scenarios/checkout-az-power.yaml');
const RUNS = Number(process.env.BENCH_RUNS ?? 21);
const TARGETS = { 'validate 1 file': 1.8, 'plan 1 file': 2.0 };
const cases = {
  'node -e 0': ['-e', '0'],
  'validate 1 file': [BIN, 'validate', EXAMPLE],
  'plan 1 file': [BIN, 'plan', EXAMPLE],
  // The shipped folder: 12 scenarios cross-checked against 7 worlds (each validated once), as a PR check runs it.
  'validate folder': [BIN, 'validate', join(ROOT, 'scenarios')],
  'schedule list': [BIN, 'schedule', 'list', join(ROOT, 'scenarios')],
};


const wall = Object.fromEntries(Object.keys(cases).map((name) => [name, []]));
const cpu = Object.fromEntries(Object.keys(cases).map((name) => [name, 0]));
const loads = [loadavg()[0]];
for (let run = 0; run < RUNS; run++) {
  for (const [name, args] of Object.entries(cases)) {
    const cpuBefore = childCpuMs?.();
    const start = process.hrtime.bigint();
    const result = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    wall[name].push(Number(process.hrtime.bigint() - start) / 1e6);
    if (childCpuMs) cpu[name] += childCpuMs() - cpuBefore;
    if (result.status !== 0) throw new Error(`${name} exited ${result.status}: ${result.stderr}`);
  }
  loads.push(loadavg()[0]);
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const base = { wall: median(wall['node -e 0']), cpu: cpu['node -e 0'] / RUNS };
console.log(`${RUNS} interleaved runs each; load average (1 min) ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)} on ${availableParallelism()} cores`);
console.log(`${''.padEnd(16)} ${'wall median'.padStart(17)}  ${childCpuMs ? 'CPU (user+sys), mean'.padStart(22) : ''}`);
let missed = 0;
for (const name of Object.keys(cases)) {
  const w = median(wall[name]);
  const c = cpu[name] / RUNS;
  const ratios = { wall: w / base.wall, ...(childCpuMs ? { cpu: c / base.cpu } : {}) };
  const target = TARGETS[name];
  const met = target === undefined ? undefined : Object.values(ratios).every((ratio) => ratio <= target);
  if (met === false) missed++;
  console.log(
    `${name.padEnd(16)} ${w.toFixed(0).padStart(6)} ms ${ratios.wall.toFixed(2).padStart(5)}×  ${childCpuMs ? `${c.toFixed(0).padStart(8)} ms ${ratios.cpu.toFixed(2).padStart(5)}×` : ''}` +
      (target === undefined ? '' : `   target ≤ ${target.toFixed(1)}× (issue 15): ${met ? 'met' : 'NOT met'}`),
  );
}
process.exitCode = missed > 0 ? 1 : 0;
