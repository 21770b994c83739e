// `gameday run` speed on the sandbox:
//  1. a full AZ power game day (30-minute interruption, 60 minutes of FIS experiment with the EBS pause
//     chained after it, then the recovery watch) through the real CLI with --sandbox (event clock), as a
//     ratio to `gameday validate` of the same scenario measured in the same run: goal ≤ 5×;
//  2. preflight with 100 ms of latency injected on every AWS call: it should take about the slowest
//     dependent chain (identity, then everything else in parallel ≈ 2 calls), not the sum of the calls.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { childCpuMs } from './child-cpu.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = join(ROOT, 'bin/run.js');
const dist = (path) => join(ROOT, 'dist', path);
const ENV = {
  ...process.env,
  GAMEDAY_AWS_RETRY_DELAY_MS: '0',
  AWS_EC2_METADATA_DISABLED: 'true',
  AWS_CONFIG_FILE: '/dev/null',
  AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
  NO_COLOR: '1',
};

// 1. The AZ game day, end to end on the embedded sandbox (event clock), as a ratio to `gameday validate`
//    of the same scenario measured in this run (issue 12: goal ≤ 5×).
const reports = mkdtempSync(join(tmpdir(), 'gameday-bench-run-'));
const timed = (args) => {
  const cpuBefore = childCpuMs?.();
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, env: ENV, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  return { result, wallMs: Number(process.hrtime.bigint() - start) / 1e6, ...(childCpuMs ? { cpuMs: childCpuMs() - cpuBefore } : {}) };
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const ROUNDS = Number(process.env.BENCH_RUNS ?? 3);
const validateMs = [];
const runMs = [];
const validateCpuMs = [];
const runCpuMs = [];
const loads = [loadavg()[0]];
let output;
let events;
for (let i = 0; i < ROUNDS; i++) {
  const validate = timed(['validate', 'scenarios/checkout-az-power.yaml', '--json']);
  if (validate.result.status !== 0) throw new Error(`gameday validate exited ${validate.result.status}: ${validate.result.stderr}`);
  validateMs.push(validate.wallMs);
  validateCpuMs.push(validate.cpuMs);
  const run = timed(['run', 'scenarios/checkout-az-power.yaml', '--sandbox', '--yes', '--json', '--reports-dir', reports]);
  if (run.result.status !== 0) throw new Error(`gameday run exited ${run.result.status}: ${run.result.stdout}\n${run.result.stderr.toString().slice(-2000)}`);
  runMs.push(run.wallMs);
  runCpuMs.push(run.cpuMs);
  loads.push(loadavg()[0]);
  output = JSON.parse(run.result.stdout.toString());
  events = readFileSync(join(output.runDir, 'journal.jsonl'), 'utf8').trim().split('\n').map((line) => JSON.parse(line));
}
const at = (type) => Date.parse(events.find((e) => e.type === type).at);
const ms = (from, to) => (typeof to === 'string' ? at(to) : Date.parse(to.at)) - (typeof from === 'string' ? at(from) : Date.parse(from.at));
const states = events.filter((e) => e.type === 'experiment-state');
const last = states[states.length - 1];
const virtualMinutes = (Date.parse(last.endTime) - Date.parse(last.startTime)) / 60000;
const ratio = median(runMs) / median(validateMs);
// CPU (user+sys) moves far less than wall time with the load of other processes on a shared machine.
const cpuRatio = childCpuMs ? median(runCpuMs) / median(validateCpuMs) : undefined;
console.log(
  `AZ game day --sandbox: median ${(median(runMs) / 1000).toFixed(2)} s wall; gameday validate of the same scenario: median ${(median(validateMs) / 1000).toFixed(2)} s; ` +
    `ratio ${ratio.toFixed(1)}× wall (goal ≤ 5×: ${ratio <= 5 ? 'met' : 'not met'})` +
    (cpuRatio === undefined ? '' : `, ${(median(runCpuMs) / 1000).toFixed(2)} s / ${(median(validateCpuMs) / 1000).toFixed(2)} s CPU = ${cpuRatio.toFixed(1)}× (${cpuRatio <= 5 ? 'met' : 'not met'})`) +
    `; load average (1 min) ${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}; run-started → run-ended ${((at('run-ended') - at('run-started')) / 1000).toFixed(2)} s; ` +
    `experiment ${virtualMinutes.toFixed(0)} virtual min; RTO ${output.verdict.rto.measuredSeconds} s; passed ${output.passed}; ${events.length} journal events (${ROUNDS} rounds); ` +
    // The last round's phases, from its journal's wall-clock instants: where a change moved the time.
    `phases: preflight and start ${ms('run-started', 'experiment-started')} ms, watch ${ms('experiment-started', last)} ms, after the watch ${ms(last, 'run-ended')} ms`,
);
if (ratio > 5) process.exitCode = 1;
rmSync(reports, { recursive: true, force: true });

// 2. Preflight under 100 ms latency per call.
const { startSandbox } = await import(dist('sandbox/index.js'));
const { requireScenario } = await import(dist('core/scenario/load.js'));
const { compilePlan } = await import(dist('core/plan/compile.js'));
const { connectTarget } = await import(dist('core/run/connect-target.js'));
const { runPreflight } = await import(dist('core/run/preflight.js'));
const { probeQueries } = await import(dist('core/run/metric-data-queries.js'));
const plan = compilePlan(await requireScenario(join(ROOT, 'scenarios/checkout-az-power.yaml')));
// Fast enough that the alarms have been evaluated (a fresh sandbox starts INSUFFICIENT_DATA).
const sandbox = await startSandbox({ speed: 150 });
const target = await connectTarget({ region: 'us-east-1', sandbox });
await runPreflight(plan, target.ports, () => target.clock.now()); // loads the SDK clients: not what is measured
const LATENCY_MS = 100;
for (const service of ['fis', 'monitoring', 'resiliencehub', 'sts']) {
  const response = await fetch(`${sandbox.url}/_sandbox/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ service, kind: 'latency', latencyMs: LATENCY_MS }) });
  if (!response.ok) throw new Error(`latency injection refused: ${await response.text()}`);
}
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const times = [];
let result;
for (let i = 0; i < RUNS; i++) {
  const start = process.hrtime.bigint();
  // As `gameday run` does: the account guard's GetCallerIdentity first, then the preflight.
  const caller = await target.ports.identity.caller();
  result = await runPreflight(plan, target.ports, () => target.clock.now(), { caller });
  times.push(Number(process.hrtime.bigint() - start) / 1e6);
}
// The same calls one after another, for comparison: identity, then DescribeAlarms (shared by the alarm
// checks), GetMetricData (shared by the metric probes), DescribeApp, ListExperiments.
const sequential = [];
const metricProbes = plan.probes.filter((p) => p.kind === 'metric' && p.metric);
for (let i = 0; i < RUNS; i++) {
  const start = process.hrtime.bigint();
  await target.ports.identity.caller();
  await target.ports.metrics.describeAlarms(['checkout-5xx-critical', 'checkout-5xx-high', 'checkout-unhealthy-hosts']);
  const now = target.clock.now();
  await target.ports.metrics.getMetricData(
    metricProbes.flatMap((p) => probeQueries(p)),
    new Date(now.getTime() - 300_000),
    now,
  );
  await target.ports.resilience.describeApp(plan.target.resilienceHubAppArn);
  await target.ports.experiments.list();
  sequential.push(Number(process.hrtime.bigint() - start) / 1e6);
}
console.log(
  `preflight, ${result.checks.length} checks, ${LATENCY_MS} ms added to every call: median ${median(times).toFixed(0)} ms; ` +
    `the same 5 calls in sequence: median ${median(sequential).toFixed(0)} ms (guard + preflight; slowest dependent chain: 2 calls)`,
);
await target.close();

