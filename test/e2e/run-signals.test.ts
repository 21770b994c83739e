import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { StartExperimentCommand, CreateExperimentTemplateCommand } from '@aws-sdk/client-fis';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../src/core/journal/events.js';
import { BIN, ROOT, runCli } from '../helpers/cli.js';
import { sandboxClients } from '../helpers/aws-clients.js';
import { ACTIVE, WORLDS, fisState, injectFault, journalOf, reportsDir, scaledSandboxFor, type Sandbox, ofType } from './run-harness.js';
import { advanceClock, clearFaults, control } from '../helpers/sandbox-control.js';
import { DescribeAlarmsCommand, PutMetricAlarmCommand, type PutMetricAlarmCommandInput } from '@aws-sdk/client-cloudwatch';

/** The checkout scenario's SLO stops above a burn rate: the stop condition each of its runs creates for itself. */
const SLO_ALARM = 'gameday-checkout-az-power-slo-burn-rate';
async function sloAlarmExists(url: string): Promise<boolean> {
  const out = await sandboxClients(url).cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [SLO_ALARM] }));
  return (out.MetricAlarms ?? []).length === 1;
}

const ENV = { GAMEDAY_AWS_RETRY_DELAY_MS: '0', NO_COLOR: '1' };

let sandbox: Sandbox | undefined;
let child: ChildProcessWithoutNullStreams | undefined;
afterEach(async () => {
  child?.kill('SIGKILL');
  child = undefined;
  await sandbox?.stop();
  sandbox = undefined;
});

/** `gameday run` as a child process; resolves once the experiment has started (its journal line on stderr). */
function startRun(args: string[]): {
  started: Promise<{ runDir: string; experimentId: string }>;
  exited: Promise<{ code: number | null; stdout: string; stderr: string }>;
  stderrShows: (pattern: RegExp) => Promise<void>;
} {
  const proc = spawn(process.execPath, [BIN, 'run', ...args], { cwd: ROOT, env: { ...process.env, ...ENV }, stdio: ['pipe', 'pipe', 'pipe'] });
  child = proc;
  proc.stdin.end();
  let stdout = '';
  let stderr = '';
  let runDir = '';
  let resolveStarted: (value: { runDir: string; experimentId: string }) => void;
  let rejectStarted: (error: Error) => void;
  const started = new Promise<{ runDir: string; experimentId: string }>((resolve, reject) => ((resolveStarted = resolve), (rejectStarted = reject)));
  proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  proc.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    for (const line of stderr.split('\n')) {
      if (!line.startsWith('{')) continue;
      try {
        const event = JSON.parse(line) as { journal?: string; runDir?: string; experimentId?: string };
        if (event.journal === 'run-started' && event.runDir) runDir = event.runDir;
        if (event.journal === 'experiment-started' && event.experimentId) resolveStarted({ runDir, experimentId: event.experimentId });
      } catch {
        // a partial line; the rest arrives with the next chunk
      }
    }
  });
  let closed = false;
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    proc.on('close', (code) => {
      closed = true;
      // A run that ends before its experiment starts fails the test with what it said, not a timeout.
      rejectStarted(new Error(`gameday run exited ${code} before the experiment started:\n${stderr}\n${stdout}`));
      resolve({ code, stdout, stderr });
    }),
  );
  const stderrShows = async (pattern: RegExp): Promise<void> => {
    while (!pattern.test(stderr)) {
      if (closed) throw new Error(`gameday run exited without printing ${pattern}:\n${stderr}\n${stdout}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  };
  return { started, exited, stderrShows };
}

function stopOf(events: JournalEvent[]): Extract<JournalEvent, { type: 'stop-requested' }> | undefined {
  return ofType(events, 'stop-requested')[0];
}

describe('nothing is left running', () => {
  it('SIGINT mid-run stops the experiment on the standalone sandbox, completes the journal, exits 130', async () => {
    sandbox = await scaledSandboxFor(WORLDS.multiAz, 60);
    const dir = await reportsDir();
    const run = startRun(['scenarios/checkout-az-power.yaml', '--endpoint-url', sandbox.url, '--yes', '--reports-dir', dir]);
    const { runDir, experimentId } = await run.started;
    child!.kill('SIGINT');
    const { code, stdout } = await run.exited;
    expect(code).toBe(130);
    expect(stdout).toMatch(/interrupted/);
    const events = await journalOf(runDir);
    const stop = ofType(events, 'stop-requested')[0]!;
    // FIS reports an experiment stopped before it finished initiating as cancelled.
    expect(stop.by).toBe('signal');
    expect(['stopped', 'cancelled']).toContain(stop.stoppedState);
    expect(stop.stopLatencyMs).toBeTypeOf('number');
    // The run ends last, followed only by the action items it updated (issue 14 §4).
    expect(events.map((e) => e.type).slice(-2)).toEqual(['run-ended', 'action-items']);
    expect(events.at(-2)).toMatchObject({ type: 'run-ended', status: 'interrupted', experimentState: stop.stoppedState });
    const fis = await fisState(sandbox.url);
    expect(fis.experiments.find((e) => e.id === experimentId)?.state).toBe(stop.stoppedState);
    expect(fis.templates).toEqual([]);
    // The run's own stop condition goes with its template, once the stop is confirmed.
    expect(ofType(events, 'run-alarm-deleted')).toEqual([expect.objectContaining({ alarm: SLO_ALARM })]);
    expect(await sloAlarmExists(sandbox.url)).toBe(false);
  });

  it('a second signal never skips the stop; a third forces exit and prints how to stop the experiment', async () => {
    sandbox = await scaledSandboxFor(WORLDS.multiAz, 60);
    const dir = await reportsDir();
    const twice = startRun(['scenarios/checkout-az-power.yaml', '--endpoint-url', sandbox.url, '--yes', '--reports-dir', dir]);
    const first = await twice.started;
    await injectFault(sandbox.url, { service: 'fis', operation: 'StopExperiment', kind: 'latency', latencyMs: 1000, count: 1 });
    child!.kill('SIGINT');
    await twice.stderrShows(/SIGINT: stopping/);
    child!.kill('SIGTERM');
    const done = await twice.exited;
    expect(done.code).toBe(130);
    expect(done.stderr).toMatch(/still stopping/);
    expect(stopOf(await journalOf(first.runDir))?.stoppedState).toMatch(/stopped|cancelled/);

    // The first run was stopped mid-fault: let the world recover (alarms back to OK) before the next one.
    await advanceClock(sandbox.url, 900);
    const thrice = startRun(['scenarios/checkout-az-power.yaml', '--endpoint-url', sandbox.url, '--yes', '--reports-dir', await reportsDir()]);
    const second = await thrice.started;
    // A slow StopExperiment keeps the stop in flight however loaded the machine is, so the third
    // signal always lands mid-stop; each signal is sent once the previous one has been seen.
    await injectFault(sandbox.url, { service: 'fis', operation: 'StopExperiment', kind: 'latency', latencyMs: 5000, count: 1 });
    child!.kill('SIGINT');
    await thrice.stderrShows(/SIGINT: stopping/);
    child!.kill('SIGINT');
    await thrice.stderrShows(/still stopping/);
    child!.kill('SIGHUP');
    const forced = await thrice.exited;
    expect(forced.code).toBe(130);
    expect(forced.stderr).toContain(`Experiment ${second.experimentId} may still be running`);
    expect(forced.stderr).toContain(`gameday abort ${second.runDir} --endpoint-url ${sandbox.url}`);
    expect(forced.stderr).toContain(`aws fis stop-experiment --id ${second.experimentId} --region us-east-1 --endpoint-url ${sandbox.url}`);
  }, 150_000); // two game-day processes in a row: on a loaded 2-core CI machine ~40 s, more under the full suite

  it('a signal while StopExperiment keeps failing: never called stopped, the run stays unfinished, exit 4 with the stop commands; abort stops it later', async () => {
    sandbox = await scaledSandboxFor(WORLDS.multiAz, 60);
    const dir = await reportsDir();
    const run = startRun(['scenarios/checkout-az-power.yaml', '--endpoint-url', sandbox.url, '--yes', '--reports-dir', dir]);
    const { runDir, experimentId } = await run.started;
    await injectFault(sandbox.url, { service: 'fis', operation: 'StopExperiment', kind: 'reset' });
    child!.kill('SIGINT');
    const { code, stdout, stderr } = await run.exited;
    expect(code).toBe(4);
    expect(`${stdout}${stderr}`).not.toMatch(/experiment was stopped|stopped in \d+ ms/);
    expect(stdout).toMatch(new RegExp(`experiment ${experimentId} may still be running \\(FIS last reported running\\)`));
    expect(stdout).toContain(`gameday abort ${runDir} --endpoint-url ${sandbox.url}`);
    expect(stdout).toContain(`gameday halt --region us-east-1 --endpoint-url ${sandbox.url}`);
    expect(stdout).toContain(`aws fis stop-experiment --id ${experimentId} --region us-east-1 --endpoint-url ${sandbox.url}`);
    const events = await journalOf(runDir);
    expect(ofType(events, 'run-ended')).toEqual([]);
    expect(ofType(events, 'template-deleted')).toEqual([]);
    // Still running: its stop conditions stay with it, the run's own burn-rate alarm too.
    expect(ofType(events, 'run-alarm-deleted')).toEqual([]);
    expect(await sloAlarmExists(sandbox.url)).toBe(true);
    expect(stopOf(events)).toMatchObject({ by: 'signal', stoppedState: 'running' });
    expect(stopOf(events)?.stopLatencyMs).toBeUndefined();
    expect((await fisState(sandbox.url)).experiments.find((e) => e.id === experimentId)?.state).toBe('running');
    // The reports say what was and was not observed: not FAILED, nothing after the stop request a pass.
    const report = JSON.parse(await readFile(join(runDir, 'report.json'), 'utf8'));
    expect(report.verdict).toMatchObject({ status: 'stop-unconfirmed', outcome: 'INCOMPLETE', stopUnconfirmed: { by: 'signal', lastState: 'running' } });
    const unchecked = report.verdict.expectations.filter((e: { checked?: boolean }) => e.checked === false).map((e: { id: string }) => e.id);
    expect(unchecked).toEqual(expect.arrayContaining(['rto', 'restoration', 'experiment-completed']));
    expect(stdout).toContain('? The experiment ran to completion: not checked: FIS never confirmed the stop');
    expect(await readFile(join(runDir, 'report.md'), 'utf8')).toContain('**Stop not confirmed: FIS never confirmed the stop gameday asked for (signal,');

    await clearFaults(sandbox.url);
    const abort = await runCli(['abort', '--all', '--reports-dir', dir, '--endpoint-url', sandbox.url], { env: ENV });
    expect(abort.code).toBe(0);
    expect(abort.stdout).toMatch(new RegExp(`experiment ${experimentId}: running → stopped`));
    const fis = await fisState(sandbox.url);
    expect(fis.experiments.filter((e) => ACTIVE.includes(e.state))).toEqual([]);
    expect(fis.templates).toEqual([]);
    expect((await journalOf(runDir)).at(-1)).toMatchObject({ type: 'run-ended', status: 'aborted' });
    expect(abort.stdout).toContain(`alarm ${SLO_ALARM} deleted`);
    expect(await sloAlarmExists(sandbox.url)).toBe(false);
  });

  it('a signal while the experiment is pending and FIS never moves: says what FIS last reported, stays unfinished, exit 4', async () => {
    // A sandbox clock this slow never steps during the test: FIS keeps the experiment pending.
    sandbox = await scaledSandboxFor(WORLDS.catalog, 60);
    await control(sandbox.url, 'POST', 'clock', { speed: 0.0001 });
    const dir = await reportsDir();
    const run = startRun(['scenarios/catalog-cpu-stress.yaml', '--endpoint-url', sandbox.url, '--yes', '--reports-dir', dir]);
    const { runDir, experimentId } = await run.started;
    child!.kill('SIGINT');
    const { code, stdout } = await run.exited;
    expect(code).toBe(4);
    // FIS answers StopExperiment with `stopping`; the experiment ends only when FIS next steps it.
    const seen = (await fisState(sandbox.url)).experiments.find((e) => e.id === experimentId)?.state ?? '';
    expect(ACTIVE).toContain(seen);
    expect(stdout).toContain(`experiment ${experimentId} may still be running (FIS last reported ${seen})`);
    expect(stdout).not.toMatch(/was stopped/);
    const events = await journalOf(runDir);
    expect(ofType(events, 'run-ended')).toEqual([]);
    expect(stopOf(events)).toMatchObject({ by: 'signal', stoppedState: seen });
    expect(stopOf(events)?.stopLatencyMs).toBeUndefined();

    const listed = await runCli(['run', 'scenarios/catalog-cpu-stress.yaml', '--endpoint-url', sandbox.url, '--yes', '--reports-dir', dir], { env: ENV });
    expect(listed.code).toBe(2);
    expect(listed.stderr).toContain(runDir);
  });

  it('a signal while the experiment is pending waits for FIS to end it and says what FIS reported (cancelled), exit 130', async () => {
    sandbox = await scaledSandboxFor(WORLDS.catalog, 60);
    await control(sandbox.url, 'POST', 'clock', { speed: 0.0001 });
    const dir = await reportsDir();
    const run = startRun(['scenarios/catalog-cpu-stress.yaml', '--endpoint-url', sandbox.url, '--yes', '--reports-dir', dir]);
    const { runDir, experimentId } = await run.started;
    // A one-shot marker fault on StopExperiment: once it is gone, FIS has received the stop.
    await injectFault(sandbox.url, { service: 'fis', operation: 'StopExperiment', kind: 'latency', latencyMs: 1, count: 1 });
    child!.kill('SIGINT');
    while ((await control<{ faults: unknown[] }>(sandbox.url, 'GET', 'faults')).faults.length) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(ACTIVE).toContain((await fisState(sandbox.url)).experiments.find((e) => e.id === experimentId)?.state);
    await advanceClock(sandbox.url, 20);
    const { code, stdout } = await run.exited;
    expect(code).toBe(130);
    expect(stdout).toContain(`experiment ${experimentId} (cancelled)`);
    const events = await journalOf(runDir);
    expect(stopOf(events)).toMatchObject({ by: 'signal', stoppedState: 'cancelled' });
    // The run ends last, followed only by the action items it updated (issue 14 §4).
    expect(events.map((e) => e.type).slice(-2)).toEqual(['run-ended', 'action-items']);
    expect(events.at(-2)).toMatchObject({ type: 'run-ended', status: 'interrupted', experimentState: 'cancelled' });
  });

  it('kill -9 mid-run, then `gameday abort --all`: nothing left running, no gameday template left', async () => {
    sandbox = await scaledSandboxFor(WORLDS.multiAz, 60);
    const dir = await reportsDir();
    const run = startRun(['scenarios/checkout-az-power.yaml', '--endpoint-url', sandbox.url, '--yes', '--reports-dir', dir]);
    const { runDir, experimentId } = await run.started;
    child!.kill('SIGKILL');
    await run.exited;
    expect((await fisState(sandbox.url)).experiments.find((e) => e.id === experimentId)?.state).toMatch(/running|initiating|pending/);
    expect(await sloAlarmExists(sandbox.url)).toBe(true);

    // The same scenario is locked until the dead run is aborted.
    const locked = await runCli(['run', 'scenarios/checkout-az-power.yaml', '--endpoint-url', sandbox.url, '--yes', '--reports-dir', dir], { env: ENV });
    expect(locked.code).toBe(2);
    expect(locked.stderr).toMatch(/gameday abort/);

    const abort = await runCli(['abort', '--all', '--reports-dir', dir, '--endpoint-url', sandbox.url], { env: ENV });
    expect(abort.code).toBe(0);
    expect(abort.stdout).toMatch(new RegExp(`experiment ${experimentId}: running → stopped`));
    const fis = await fisState(sandbox.url);
    expect(fis.experiments.filter((e) => ACTIVE.includes(e.state))).toEqual([]);
    expect(fis.templates.filter((t) => t.tags['gameday:run'])).toEqual([]);
    const events = await journalOf(runDir);
    expect(ofType(events, 'stop-requested').map((s) => s.by)).toContain('abort');
    // The dead run's burn-rate alarm is deleted once its experiment has stopped, and journalled before run-ended.
    expect(abort.stdout).toContain(`alarm ${SLO_ALARM} deleted`);
    expect(await sloAlarmExists(sandbox.url)).toBe(false);
    expect(events.map((e) => e.type).slice(-2)).toEqual(['run-alarm-deleted', 'run-ended']);
    expect(events.at(-1)).toMatchObject({ type: 'run-ended', status: 'aborted' });
    // abort writes the reports, in the one vocabulary
    expect(abort.stdout).toMatch(/reports written: ABORTED/);
    expect(await readFile(join(runDir, 'report.md'), 'utf8')).toMatch(/^# Game day report: checkout-az-power — ABORTED/);
  });

  it('abort leaves a burn-rate alarm a later run of the scenario has put again (its description names that run)', async () => {
    sandbox = await scaledSandboxFor(WORLDS.multiAz, 60);
    const dir = await reportsDir();
    const run = startRun(['scenarios/checkout-az-power.yaml', '--endpoint-url', sandbox.url, '--yes', '--reports-dir', dir]);
    const { runDir } = await run.started;
    child!.kill('SIGKILL');
    await run.exited;
    // Another machine's run of the scenario puts its own alarm under the same name.
    const cloudwatch = sandboxClients(sandbox.url).cloudwatch;
    const [mine] = (await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [SLO_ALARM] }))).MetricAlarms!;
    expect(mine!.AlarmDescription).toMatch(/ \(run \d{8}T\d{6}Z-[0-9a-f]{6}\)$/);
    const later = mine!.AlarmDescription!.replace(/\(run [^)]+\)$/, '(run 20261204T235959Z-later1)');
    await cloudwatch.send(new PutMetricAlarmCommand({ ...mine, AlarmDescription: later } as PutMetricAlarmCommandInput));
    const abort = await runCli(['abort', '--all', '--reports-dir', dir, '--endpoint-url', sandbox.url], { env: ENV });
    expect(abort.code).toBe(0);
    expect(abort.stdout).toContain(`alarm ${SLO_ALARM} is another run's now (a later run of checkout-az-power put it again): left in place`);
    expect(await sloAlarmExists(sandbox.url)).toBe(true);
    expect(ofType(await journalOf(runDir), 'run-alarm-deleted')).toEqual([]);
  });

  it('abort finds an experiment whose id never reached the journal, by its gameday:run tag', async () => {
    sandbox = await scaledSandboxFor(WORLDS.catalog, 60);
    const dir = await reportsDir();
    const { fis } = sandboxClients(sandbox.url);
    // A process that died right after StartExperiment: start-intent journalled, experiment-started not.
    const runId = '20261126T101500Z-dead01';
    const template = await fis.send(
      new CreateExperimentTemplateCommand({
        clientToken: runId,
        description: 'crashed run',
        roleArn: 'arn:aws:iam::123456789012:role/gameday-fis',
        stopConditions: [{ source: 'none' }],
        targets: { t: { resourceType: 'aws:ec2:instance', resourceTags: { Service: 'catalog' }, selectionMode: 'ALL' } },
        actions: { wait: { actionId: 'aws:fis:wait', parameters: { duration: 'PT30M' } } },
        tags: { 'gameday:run': runId },
      }),
    );
    const started = await fis.send(new StartExperimentCommand({ clientToken: runId, experimentTemplateId: template.experimentTemplate!.id!, tags: { 'gameday:run': runId } }));
    const runDir = join(dir, 'catalog-cpu-stress', runId);
    await mkdir(runDir, { recursive: true });
    const at = new Date().toISOString();
    const lines = [
      { seq: 0, at, type: 'run-started', runId, gamedayVersion: 'e2e', plan: { scenario: { name: 'catalog-cpu-stress' }, target: { region: 'us-east-1' } }, mode: 'endpoint', endpoint: sandbox.url, account: '123456789012', region: 'us-east-1', runDir, pid: 0 },
      { seq: 1, at, type: 'template-created', templateId: template.experimentTemplate!.id },
      { seq: 2, at, type: 'start-intent', templateId: template.experimentTemplate!.id, clientToken: runId },
    ];
    await writeFile(join(runDir, 'journal.jsonl'), lines.map((l) => `${JSON.stringify(l)}\n`).join(''));

    const abort = await runCli(['abort', runDir], { env: ENV });
    expect(abort.code).toBe(0);
    const state = await fisState(sandbox.url);
    expect(state.experiments.find((e) => e.id === started.experiment!.id)?.state).toBe('stopped');
    expect(state.templates).toEqual([]);
    expect((await journalOf(runDir)).at(-1)).toMatchObject({ type: 'run-ended', status: 'aborted' });
  });

  it('`gameday halt --yes` stops every gameday-tagged experiment, whatever started it', async () => {
    sandbox = await scaledSandboxFor(WORLDS.catalog, 60);
    const { fis } = sandboxClients(sandbox.url);
    const template = await fis.send(
      new CreateExperimentTemplateCommand({
        clientToken: 'halt-test',
        description: 'started elsewhere',
        roleArn: 'arn:aws:iam::123456789012:role/gameday-fis',
        stopConditions: [{ source: 'none' }],
        targets: {},
        actions: { wait: { actionId: 'aws:fis:wait', parameters: { duration: 'PT30M' } } },
        tags: {},
      }),
    );
    const tagged = await fis.send(new StartExperimentCommand({ clientToken: 'a', experimentTemplateId: template.experimentTemplate!.id!, tags: { 'gameday:run': 'someone-elses-run' } }));
    const untagged = await fis.send(new StartExperimentCommand({ clientToken: 'b', experimentTemplateId: template.experimentTemplate!.id!, tags: { owner: 'not-gameday' } }));

    const refused = await runCli(['halt', '--endpoint-url', sandbox.url, '--region', 'us-east-1'], { env: ENV });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/--yes/);

    const halt = await runCli(['halt', '--yes', '--endpoint-url', sandbox.url, '--region', 'us-east-1'], { env: ENV });
    expect(halt.code).toBe(0);
    const state = await fisState(sandbox.url);
    expect(state.experiments.find((e) => e.id === tagged.experiment!.id)?.state).toBe('stopped');
    expect(state.experiments.find((e) => e.id === untagged.experiment!.id)?.state).toBe('running');
  });

  it('without a terminal, `gameday run` refuses without --yes (exit 2) and touches nothing', async () => {
    sandbox = await scaledSandboxFor(WORLDS.catalog, 60);
    const result = await runCli(['run', 'scenarios/catalog-cpu-stress.yaml', '--endpoint-url', sandbox.url, '--reports-dir', await reportsDir()], { env: ENV });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/add --yes/);
    expect((await fisState(sandbox.url)).experiments).toEqual([]);
  });
});
