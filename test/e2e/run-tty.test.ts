import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { gamedayInTty, screenOf, type TtyRun } from '../helpers/tty.js';
import { ACTIVE, WORLDS, fisState, journalOf, reportsDir, scaledSandboxFor, type Sandbox } from './run-harness.js';

const SCENARIO = 'scenarios/checkout-az-power.yaml';
// The children inherit vitest's dummy credentials and disabled instance metadata (vitest.config.ts);
// nothing from the caller's shell may point them anywhere but 127.0.0.1.
const ENV = {
  GAMEDAY_AWS_RETRY_DELAY_MS: '0',
  AWS_PROFILE: undefined,
  AWS_ENDPOINT_URL: undefined,
  NO_COLOR: '1',
};
const PROMPT = /Run this game day now\? \[y\/N\] /;
/** One live status line as written: erase the line, then `[phase +elapsed] experiment state | …`, up to the next CR/LF. */
const STATUS = /\r\x1b\[2K(\[(?:fault|recovery) \+[^\]]+\] experiment [^\r\n]*)/g;
const STATUS_ROW = /^\[(?:fault|recovery) \+[^\]]+\] experiment /;
const ANSI_COLOUR = /\x1b\[\d+(?:;\d+)*m/;
const LOG_HEADER = /^\[\d\d:\d\d:\d\d\.\d{3}\] (?:INFO|WARN|ERROR): /;
/** The last log of a completed run, as the report's timeline words it. */
const RUN_COMPLETED = / INFO: (?:\S+Z(?: \([^)]*\))? {2})?run completed$/;

let sandbox: Sandbox | undefined;
let runs: TtyRun[] = [];
afterEach(async () => {
  for (const run of runs) run.stop();
  await Promise.all(runs.map((run) => run.exited.catch(() => undefined)));
  runs = [];
  await sandbox?.stop();
  sandbox = undefined;
});

function inTty(...args: Parameters<typeof gamedayInTty>): TtyRun {
  const run = gamedayInTty(...args);
  runs.push(run);
  return run;
}

function statusLines(transcript: string): string[] {
  return [...transcript.matchAll(STATUS)].map((m) => m[1]!);
}

async function nothingInjected(url: string, dir: string): Promise<void> {
  expect(await fisState(url)).toEqual({ experiments: [], templates: [] });
  // Not even a journal: the question comes before the run exists.
  expect(await readdir(dir)).toEqual([]);
}

describe('gameday run on a terminal, against a standalone sandbox (--endpoint-url)', () => {
  it.each([
    ['n', 'n\r', 'Run this game day now? [y/N] n'],
    ['just Enter', '\r', 'Run this game day now? [y/N]'],
  ])('shows the plan and asks; answering %s injects nothing and exits 2 (refused)', async (_, keys, answeredRow) => {
    sandbox = await scaledSandboxFor(WORLDS.multiAz);
    const dir = await reportsDir();
    const run = inTty(['run', SCENARIO, '--endpoint-url', sandbox.url, '--reports-dir', dir], { env: ENV, columns: 100 });
    await run.waitFor(PROMPT);
    // However long the question waits, nothing exists yet.
    await nothingInjected(sandbox.url, dir);
    const asked = screenOf(run.transcript, 100);
    expect(asked).toContainEqual(expect.stringMatching(/^Game day checkout-az-power \(az-power-interruption\), plan [0-9a-f]{12}$/));
    expect(asked).toContain(`  account 123456789012, region us-east-1 — endpoint ${sandbox.url}`);
    expect(asked).toContain('  injects for 1h 00m, then watches recovery for up to 30m:');
    expect(run.transcript).toContain('    - Stop-Instances (aws:ec2:stop-instances) at +0s for 30m: ');
    expect(run.transcript).toContain('[NOT rolled back]');
    expect(asked).toContain('  stop conditions: checkout-5xx-critical');
    expect(asked.at(-1)).toBe('Run this game day now? [y/N]');

    run.type(keys);
    const { code, transcript } = await run.exited;
    expect(code).toBe(2);
    const screen = screenOf(transcript, 100);
    const at = screen.indexOf(answeredRow);
    expect(at).toBeGreaterThan(0);
    expect(screen.slice(at + 1, at + 3)).toEqual(['gameday: not confirmed: nothing was injected', '  hint: answer y to run, or pass --yes']);
    await nothingInjected(sandbox.url, dir);
  });

  it.each([
    // Readline holds the terminal in raw mode, so Ctrl-C arrives as a key, not as SIGINT.
    ['Ctrl-C', '\x03', 130, ['gameday: SIGINT: stopping before anything is injected. (Two more signals force exit.)', 'gameday: interrupted before anything was injected']],
    ['Ctrl-D (end of input)', '\x04', 2, ['gameday: not confirmed: nothing was injected', '  hint: answer y to run, or pass --yes']],
  ])('%s at the question injects nothing and says so on its own lines', async (_, keys, exitCode, rows) => {
    sandbox = await scaledSandboxFor(WORLDS.multiAz);
    const dir = await reportsDir();
    const run = inTty(['run', SCENARIO, '--endpoint-url', sandbox.url, '--reports-dir', dir], { env: ENV, columns: 100 });
    await run.waitFor(PROMPT);
    run.type(keys);
    const { code, transcript } = await run.exited;
    expect(code).toBe(exitCode);
    expect(screenOf(transcript, 100).slice(-3)).toEqual(['Run this game day now? [y/N]', ...rows]);
    await nothingInjected(sandbox.url, dir);
  });

  it('a SIGTERM while the question waits ends the run at once (exit 130), nothing injected', async () => {
    sandbox = await scaledSandboxFor(WORLDS.multiAz);
    const dir = await reportsDir();
    const run = inTty(['run', SCENARIO, '--endpoint-url', sandbox.url, '--reports-dir', dir], { env: ENV, columns: 100 });
    await run.waitFor(PROMPT);
    process.kill(await run.pid(), 'SIGTERM');
    const { code, transcript } = await run.exited;
    expect(code).toBe(130);
    expect(screenOf(transcript, 100).slice(-3)).toEqual([
      'Run this game day now? [y/N]',
      'gameday: SIGTERM: stopping before anything is injected. (Two more signals force exit.)',
      'gameday: interrupted before anything was injected',
    ]);
    await nothingInjected(sandbox.url, dir);
  });

  it('answering y runs the game day to the end: live status line and readable logs on the terminal, the summary on stdout, exit 0', async () => {
    sandbox = await scaledSandboxFor(WORLDS.multiAz);
    const dir = await reportsDir();
    const out = join(await mkdtemp(join(tmpdir(), 'gameday-tty-')), 'stdout.txt');
    // Colours on: what a person sees by default.
    const run = inTty(['run', SCENARIO, '--endpoint-url', sandbox.url, '--reports-dir', dir], { env: { ...ENV, NO_COLOR: undefined }, columns: 100, stdoutFile: out, timeoutMs: 80_000 });
    await run.waitFor(PROMPT);
    run.type('y\r');
    const { code, transcript } = await run.exited;
    const stdout = await readFile(out, 'utf8');
    expect({ code, stdout }).toMatchObject({ code: 0, stdout: expect.stringMatching(/^SIMULATION — a sandbox rehearsal, not production evidence\nPASSED: game day checkout-az-power completed\n/) });

    const runDir = /^ {2}reports: (.+)\/$/m.exec(stdout)?.[1];
    expect(runDir?.startsWith(join(dir, 'checkout-az-power'))).toBe(true);
    expect(stdout).toMatch(/^ {2}RTO: .+ — met$/m);
    expect(stdout).not.toMatch(/\x1b|\r|\] INFO: |\[fault \+/);
    expect(transcript).not.toContain('PASSED:');

    const status = statusLines(transcript);
    expect(status.length).toBeGreaterThan(0);
    expect(status).toContainEqual(expect.stringMatching(/^\[fault \+[^\]]+\] experiment running \| actions Pause-Instance-Launches:running /));
    // Never wider than the terminal, or the in-place rewrite leaves wrapped rows behind.
    expect(status.find((line) => line.length > 99)).toBeUndefined();

    // pino-pretty, not JSON lines, and one readable line per timeline entry (the report's wording,
    // on the service clock with the offset from the experiment's start), not every field of each event.
    const plain = transcript.replace(/\x1b\[\d+(?:;\d+)*m/g, '');
    expect(plain).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: run \d{8}T\d{6}Z-\w+ started \(endpoint http:\/\/127\.0\.0\.1:\d+, account 123456789012, us-east-1\)\r$/m);
    expect(plain).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: preflight: \d+ checks ok\r$/m);
    expect(plain).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: experiment EXP\w+ started; journal in .+; Ctrl-C \(or SIGTERM\) stops the experiment before exiting\r$/m);
    // Entries logged while the status line shows come after its erase sequence in the byte stream, so
    // they are checked on the rendered terminal, as the reader sees them.
    const screen = screenOf(transcript, 100);
    expect(screen).toContainEqual(expect.stringMatching(/^\[\d\d:\d\d:\d\d\.\d{3}\] WARN: \d\d:\d\d:\d\dZ \(\+[^)]+\) {2}checkout-5xx-high → ALARM \[steady-state, detection\]/));
    expect(screen).toContainEqual(expect.stringMatching(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: \d\d:\d\d:\d\dZ \(\+[^)]+\) {2}action Stop-Instances completed/));
    expect(plain).not.toMatch(/^ {4}\w+: /m);
    expect(plain).not.toMatch(/^\{"level"/m);
    expect(transcript).toMatch(ANSI_COLOUR);

    expect(screen.find((row) => STATUS_ROW.test(row))).toBeUndefined();
    // The terminal ends on the last log, not on a status line.
    expect(screen.at(-1)).toMatch(LOG_HEADER);
    expect(screen.at(-1)).toMatch(RUN_COMPLETED);

    // The run ends last, followed only by the action items it updated (issue 14 §4).
    const ended = await journalOf(runDir!);
    expect(ended.map((e) => e.type).slice(-2)).toEqual(['run-ended', 'action-items']);
    expect(ended.at(-2)).toMatchObject({ type: 'run-ended', status: 'completed' });
    const fis = await fisState(sandbox.url);
    expect(fis.experiments.map((e) => e.state)).toEqual(['completed']);
    expect(fis.templates).toEqual([]);
  }, 90_000);

  it('Ctrl-C typed mid-run stops the experiment (the terminal is back in cooked mode after the question), exit 130', async () => {
    // Slow enough that the fault is still running whatever the machine's load.
    sandbox = await scaledSandboxFor(WORLDS.multiAz, 60);
    const dir = await reportsDir();
    const run = inTty(['run', SCENARIO, '--endpoint-url', sandbox.url, '--reports-dir', dir], { env: ENV, columns: 100 });
    await run.waitFor(PROMPT);
    run.type('y\r');
    await run.waitFor(/\r\x1b\[2K\[fault \+/);
    run.type('\x03');
    const { code, transcript } = await run.exited;
    expect(code).toBe(130);
    expect(transcript).toMatch(/gameday: SIGINT: stopping experiment EXP\w+; the journal and report follow/);
    expect(screenOf(transcript, 100)).toContainEqual(expect.stringMatching(/^INCOMPLETE: game day checkout-az-power interrupted/));
    const fis = await fisState(sandbox.url);
    expect(fis.experiments).toHaveLength(1);
    expect(ACTIVE).not.toContain(fis.experiments[0]!.state);
    expect(fis.templates).toEqual([]);
  }, 90_000);

  it('--json on a terminal: stdout is the JSON result only; the question, progress and logs stay on the terminal', async () => {
    sandbox = await scaledSandboxFor(WORLDS.multiAz);
    const dir = await reportsDir();
    const out = join(await mkdtemp(join(tmpdir(), 'gameday-tty-')), 'stdout.json');
    const run = inTty(['run', SCENARIO, '--endpoint-url', sandbox.url, '--reports-dir', dir, '--json'], { env: { ...ENV, NO_COLOR: undefined }, columns: 100, stdoutFile: out, timeoutMs: 80_000 });
    await run.waitFor(PROMPT);
    run.type('y\r');
    const { code, transcript } = await run.exited;
    const stdout = await readFile(out, 'utf8');
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { scenario: string; status: string; passed: boolean; exitCode: number; runDir: string };
    expect(result).toMatchObject({ scenario: 'checkout-az-power', status: 'completed', passed: true, exitCode: 0 });
    expect(result.runDir.startsWith(join(dir, 'checkout-az-power'))).toBe(true);
    expect(stdout).not.toMatch(/\x1b|\r|\[y\/N\]|\] INFO: |\[fault \+/);
    expect(statusLines(transcript).length).toBeGreaterThan(0);
    expect(transcript.replace(/\x1b\[\d+(?:;\d+)*m/g, '')).toMatch(/INFO: .*run completed\r$/m);
  }, 90_000);
});

describe('gameday run --sandbox on a terminal', () => {
  it('asks nothing, and one terminal (stdout and stderr together, width unknown) ends clean: no status rows left, the summary on its own rows', async () => {
    const dir = await reportsDir();
    // No input at all: a question would read end-of-input and refuse instead of running.
    const run = inTty(['run', SCENARIO, '--sandbox', '--speed', '600', '--reports-dir', dir], { env: ENV, noInput: true, timeoutMs: 80_000 });
    const { code, transcript } = await run.exited;
    expect({ code, asked: /\[y\/N\]/.test(transcript) }).toEqual({ code: 0, asked: false });

    const status = statusLines(transcript);
    expect(status.length).toBeGreaterThan(0);
    // A pty nobody sized reports 0 columns: the line must still fit a standard 80-column terminal.
    expect(status.find((line) => line.length > 79)).toBeUndefined();
    // NO_COLOR turns colours off, not the human-readable logs.
    expect(transcript).not.toMatch(ANSI_COLOUR);
    expect(transcript).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: .*run completed\r$/m);
    expect(transcript).not.toMatch(/^\{"level"/m);

    const screen = screenOf(transcript, 80);
    expect(screen.find((row) => STATUS_ROW.test(row))).toBeUndefined();
    const summary = screen.findIndex((row) => row === 'PASSED: game day checkout-az-power completed');
    expect(summary).toBeGreaterThan(0);
    // Straight after the last log: no status line between them, none over the summary, which opens
    // with the SIMULATION label (issue 14 §5: a sandbox run is labelled wherever it appears).
    expect(screen[summary - 1]).toBe('SIMULATION — a sandbox rehearsal, not production evidence');
    expect(screen[summary - 2]).toMatch(LOG_HEADER);
    expect(screen[summary - 2]).toMatch(RUN_COMPLETED);
    expect(screen[summary + 1]).toMatch(/^ {2}run \d{8}T\d{6}Z-\w+, experiment EXP\w+ \(completed\)$/);
    expect(screen.at(-1)).toMatch(/^ {2}reports: .+\/$/);
  }, 90_000);
});
