import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, runCli, type CliResult } from '../helpers/cli.js';
import { clearFaults, control } from '../helpers/sandbox-control.js';
import { WORLDS, injectFault, reportsDir, scaledSandboxFor, stopAfterEach } from './run-harness.js';

/**
 * The standing secret scan (issue 16): dummy credentials with a session token, an endpoint whose URL
 * carries a password, and the commands that print or write the most — a run, a run whose stop FIS
 * never confirms (stop lines, printed abort/halt/AWS CLI commands), abort, report render/show,
 * plan --json, failing calls. None of the secrets, and no request signature, may appear anywhere.
 */
const SECRETS = {
  accessKeyId: 'AKIDSECRETSCAN0001',
  secretKey: 'sEcReTkEy/ScAn+0001wJalrXUtnFEMIK7MDENG',
  sessionToken: 'SeSsIoNtOkEnScAn0001//////////wEaCXVzLWVhc3QtMSJHMEUCIQ',
  urlPassword: 'uRlPaSsWoRd0001',
};
const SIGNATURES = /Signature=|aws4_request|X-Amz-Security-Token|X-Amz-Credential|Authorization:/i;
const ENV = {
  AWS_ACCESS_KEY_ID: SECRETS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: SECRETS.secretKey,
  AWS_SESSION_TOKEN: SECRETS.sessionToken,
  AWS_PROFILE: undefined,
  GAMEDAY_AWS_RETRY_DELAY_MS: '0',
  GAMEDAY_LOG_LEVEL: 'debug',
};

const stopped = stopAfterEach();

/** `gameday run` as a child; `onStarted` runs once the experiment has started (its journal line on stderr). */
function run(args: string[], onStarted?: (kill: (signal: NodeJS.Signals) => void) => Promise<void>): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, 'run', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1', ...ENV }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let started = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!started && onStarted && stderr.includes('"journal":"experiment-started"')) {
        started = true;
        void onStarted((signal) => child.kill(signal));
      }
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 150_000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

function scan(where: string, text: string): string[] {
  const found = Object.entries(SECRETS).filter(([, secret]) => text.includes(secret)).map(([name]) => `${where}: ${name}`);
  const signature = SIGNATURES.exec(text);
  return signature ? [...found, `${where}: ${signature[0]}`] : found;
}

describe('secret scan: keys, session tokens, signatures and URL passwords appear in no output, journal or report', () => {
  it('run, an unconfirmed stop, abort, report render/show, plan --json and failing calls', async () => {
    const sandbox = stopped(await scaledSandboxFor(WORLDS.multiAz, 600));
    const endpoint = sandbox.url.replace('http://', `http://gameday:${SECRETS.urlPassword}@`);
    const dir = await reportsDir();
    const outputs: [string, CliResult][] = [];

    const passed = await run(['scenarios/checkout-az-power.yaml', '--endpoint-url', endpoint, '--yes', '--json', '--reports-dir', dir]);
    outputs.push(['run --json', passed]);
    expect(passed.code, passed.stderr.slice(-2000)).toBe(0);
    const runDir = (JSON.parse(passed.stdout) as { runDir: string }).runDir;
    // The endpoint is still named, without its password.
    expect(passed.stdout).toContain(sandbox.url.replace('http://', 'http://gameday:***@'));

    const url = sandbox.url;
    // Slow enough that the experiment is still running when the stop keeps failing.
    await control(url, 'POST', 'clock', { speed: 10 });
    const unconfirmed = await run(['scenarios/checkout-az-power.yaml', '--endpoint-url', endpoint, '--yes', '--reports-dir', dir], async (kill) => {
      await injectFault(url, { service: 'fis', operation: 'StopExperiment', kind: 'reset' });
      kill('SIGINT');
    });
    outputs.push(['run, stop never confirmed', unconfirmed]);
    expect(unconfirmed.code, unconfirmed.stdout + unconfirmed.stderr.slice(-3000)).toBe(4);
    expect(unconfirmed.stdout).toContain(`--endpoint-url ${sandbox.url.replace('http://', 'http://gameday:***@')}`);
    await clearFaults(sandbox.url);
    await control(url, 'POST', 'clock', { speed: 600 });

    outputs.push(['abort --all', await runCli(['abort', '--all', '--reports-dir', dir, '--endpoint-url', endpoint], { env: ENV })]);
    expect(outputs.at(-1)![1].code).toBe(0);
    outputs.push(['report render', await runCli(['report', 'render', runDir], { env: ENV })]);
    outputs.push(['report show', await runCli(['report', 'show', runDir], { env: ENV })]);
    outputs.push(['report show --json', await runCli(['report', 'show', runDir, '--json'], { env: ENV })]);
    outputs.push(['report index', await runCli(['report', 'index', '--reports-dir', dir], { env: ENV })]);
    outputs.push(['plan --json', await runCli(['plan', 'scenarios/checkout-az-power.yaml', '--json'], { env: ENV })]);
    // Failing calls: every FIS call refused, and an endpoint that does not answer.
    await injectFault(sandbox.url, { service: 'fis', kind: 'error500' });
    outputs.push(['halt, FIS failing', await runCli(['halt', '--yes', '--region', 'us-east-1', '--endpoint-url', endpoint], { env: ENV })]);
    outputs.push(['run, FIS failing', await run(['scenarios/checkout-az-power.yaml', '--endpoint-url', endpoint, '--yes', '--reports-dir', dir])]);
    outputs.push(['halt, unreachable', await runCli(['halt', '--yes', '--region', 'us-east-1', '--endpoint-url', `http://gameday:${SECRETS.urlPassword}@127.0.0.1:9`], { env: ENV })]);
    expect(outputs.at(-1)![1].code).toBe(3);

    const findings = outputs.flatMap(([name, r]) => [...scan(`${name} stdout`, r.stdout), ...scan(`${name} stderr`, r.stderr)]);
    const files = await filesUnder(dir);
    expect(files.filter((f) => f.endsWith('journal.jsonl')).length).toBeGreaterThanOrEqual(3);
    for (const file of files) findings.push(...scan(file, await readFile(file, 'utf8')));
    expect(findings).toEqual([]);
  }, 300_000);
});
