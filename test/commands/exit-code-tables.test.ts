import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_CODE_TABLES, exitCodeMarkdown, type TabledCommand } from '../../src/cli/exit-code-tables.js';
import { BIN, ROOT, runCli, type CliResult } from '../helpers/cli.js';
import { fixtureReportsDir, writeRun } from '../helpers/fixture-runs.js';
import { journals } from '../fixtures/journals/index.js';
import { followUpRun } from '../../src/core/actions/follow-up-run.js';

const SCHEDULED = 'test/fixtures/schedule/scenarios';
const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), `gameday-exit-${prefix}-`));

function brokenScheduledFolder(): string {
  const dir = tmp('broken');
  writeFileSync(join(dir, 'bad.yaml'), `${readFileSync(join(ROOT, SCHEDULED, 'unscheduled.yaml'), 'utf8').replace('mode: stop-task', 'mode: nope')}  schedule:\n    cron: "0 9 * * MON"\n`);
  return dir;
}

function invalidScenario(): string {
  const file = join(tmp('invalid'), 'bad.yaml');
  writeFileSync(file, readFileSync(join(ROOT, 'scenarios/catalog-cpu-stress.yaml'), 'utf8').replace('duration: PT10M', 'duration: 10'));
  return file;
}

/** A reports directory whose late-detection run opened action items; the id of the first. */
async function withActionItems(): Promise<{ dir: string; id: string }> {
  const { reportsDir, runDirs } = await fixtureReportsDir(['late-detection']);
  const update = await followUpRun(runDirs['late-detection']!, { reportsDir });
  return { dir: reportsDir, id: update!.opened[0]! };
}

/** A standalone `gameday sandbox --port 0 --json`: its URL once it listens, and how to stop it (SIGINT) for its exit code. */
async function standaloneSandbox(): Promise<{ url: string; stop: () => Promise<number | null> }> {
  const child = spawn(process.execPath, [BIN, 'sandbox', '--port', '0', '--json'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      if (out.includes('\n')) resolve((JSON.parse(out.split('\n')[0]!) as { url: string }).url);
    });
    child.on('exit', (code) => reject(new Error(`sandbox exited ${code}`)));
  });
  return {
    url,
    stop: () =>
      new Promise((resolve) => {
        child.on('close', (code) => resolve(code));
        child.kill('SIGINT');
      }),
  };
}

/** An unfinished run against AWS (us-east-1) whose experiment abort must stop: unreachable offline. */
function unfinishedAwsRun(): { dir: string; runDir: string } {
  const dir = tmp('abort');
  const runDir = join(dir, 'orders-ecs-task-kill', '20261126T101500Z-abcdef');
  mkdirSync(runDir, { recursive: true });
  const started = { seq: 0, at: '2026-11-26T10:15:00.000Z', type: 'run-started', runId: '20261126T101500Z-abcdef', gamedayVersion: 't', plan: { scenario: { name: 'orders-ecs-task-kill' }, target: { region: 'us-east-1' } }, mode: 'aws', account: '123456789012', region: 'us-east-1', runDir, pid: 0 };
  writeFileSync(join(runDir, 'journal.jsonl'), `${JSON.stringify(started)}\n`);
  return { dir, runDir };
}

/** `gameday watch` of a fixture run still going (no run-ended); `act` once the view is up. */
async function watchUnfinished(act: (runDir: string, child: ChildProcess) => Promise<void>): Promise<CliResult> {
  const events = journals['multi-az-pass']!();
  const runDir = await writeRun(tmp('watch'), events.filter((e) => e.type !== 'run-ended'));
  const child = spawn(process.execPath, [BIN, 'watch', runDir], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let acted = false;
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      if (!acted && stdout.includes('live view of')) {
        acted = true;
        void act(runDir, child);
      }
    });
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** The orders scenario with two approvers named (priya, sam). */
function scenarioWithApprovers(): string {
  const dir = tmp('approvers');
  const text = readFileSync(join(ROOT, 'scenarios/orders-ecs-task-kill.yaml'), 'utf8').replace(/world: \S+/, 'world: orders-ecs.yaml').replace('\nspec:\n', '\nspec:\n  gameDay:\n    approvals: [priya, sam]\n');
  writeFileSync(join(dir, 'orders.yaml'), text);
  copyFileSync(join(ROOT, 'scenarios/worlds/orders-ecs.yaml'), join(dir, 'orders-ecs.yaml'));
  return join(dir, 'orders.yaml');
}

const fixtureRuns = () => fixtureReportsDir(['multi-az-pass', 'single-az-breach', 'stop-condition-trip']);

const usage = (command: string[]) => () => runCli([...command, '--sandbx']);
const offline = { AWS_ACCESS_KEY_ID: 'AKIDEXAMPLE', AWS_SECRET_ACCESS_KEY: 'secret', AWS_ENDPOINT_URL: 'http://127.0.0.1:1', GAMEDAY_AWS_RETRY_DELAY_MS: '0' };

/**
 * One case per row: what makes the command exit with that code. Rows a CLI call cannot reach
 * quickly name the test that covers them instead.
 */
const CASES: Record<TabledCommand, Record<string, (() => Promise<CliResult>) | string>> = {
  validate: {
    'every file is valid': () => runCli(['validate', 'scenarios/']),
    'a file is invalid': () => runCli(['validate', invalidScenario()]),
    'usage error': usage(['validate']),
  },
  plan: {
    'every scenario compiles': () => runCli(['plan', 'scenarios/catalog-cpu-stress.yaml']),
    'a scenario is invalid': () => runCli(['plan', invalidScenario()]),
    'usage error': usage(['plan']),
  },
  init: {
    'the scenario was printed': () => runCli(['init', 'ec2-cpu-stress']),
    '--out exists': async () => {
      const out = join(tmp('init'), 'x.yaml');
      writeFileSync(out, 'taken');
      return runCli(['init', 'ec2-cpu-stress', '--out', out]);
    },
    'usage error': usage(['init', 'ec2-cpu-stress']),
  },
  'world init': {
    'the world was printed': () => runCli(['world', 'init', 'scenarios/orders-ecs-task-kill.yaml']),
    '--out exists': async () => {
      const out = join(tmp('world-init'), 'world.yaml');
      writeFileSync(out, 'taken');
      return runCli(['world', 'init', 'scenarios/orders-ecs-task-kill.yaml', '--out', out]);
    },
    'usage error': usage(['world', 'init', 'scenarios/orders-ecs-task-kill.yaml']),
  },
  note: {
    'the note was appended': async () => {
      const { runDirs } = await fixtureReportsDir(['multi-az-pass']);
      return runCli(['note', runDirs['multi-az-pass']!, 'hello']);
    },
    'no such run': async () => runCli(['note', 'no-such-run', 'hello', '--reports-dir', tmp('note')]),
    'usage error': usage(['note', 'x', 'y']),
  },
  mark: {
    'the mark was appended': async () => {
      const { runDirs } = await fixtureReportsDir(['multi-az-pass']);
      return runCli(['mark', runDirs['multi-az-pass']!, 'detected', '--at', '+1m']);
    },
    'no such run': async () => runCli(['mark', 'no-such-run', 'detected', '--reports-dir', tmp('mark')]),
    'usage error': usage(['mark', 'x', 'detected']),
  },
  review: {
    'the review was recorded': async () => {
      const { runDirs } = await fixtureReportsDir(['multi-az-pass']);
      return runCli(['review', runDirs['multi-az-pass']!, '--by', 'Ana']);
    },
    'no such run': async () => runCli(['review', 'no-such-run', '--by', 'Ana', '--reports-dir', tmp('review')]),
    'usage error': usage(['review', 'x', '--by', 'Ana']),
  },
  'actions list': {
    'the items were listed': async () => runCli(['actions', 'list', '--reports-dir', (await withActionItems()).dir]),
    'the scenario has no action items': () => runCli(['actions', 'list', 'no-such-scenario', '--reports-dir', tmp('actions')]),
    'usage error': usage(['actions', 'list']),
  },
  'actions show': {
    'the item was shown': async () => {
      const { dir, id } = await withActionItems();
      return runCli(['actions', 'show', id, '--reports-dir', dir]);
    },
    'no item has that id': async () => runCli(['actions', 'show', 'detection-00000000', '--reports-dir', (await withActionItems()).dir]),
    'usage error': usage(['actions', 'show', 'x']),
  },
  'actions close': {
    'the item is closed': async () => {
      const { dir, id } = await withActionItems();
      return runCli(['actions', 'close', id, '--by', 'ana', '--reports-dir', dir]);
    },
    'no item has that id': () => runCli(['actions', 'close', 'detection-00000000', '--reports-dir', tmp('actions')]),
    'usage error': usage(['actions', 'close', 'x']),
  },
  'actions assign': {
    'the item has that owner': async () => {
      const { dir, id } = await withActionItems();
      return runCli(['actions', 'assign', id, '@ravi', '--reports-dir', dir]);
    },
    'no item has that id': () => runCli(['actions', 'assign', 'detection-00000000', '@ravi', '--reports-dir', tmp('actions')]),
    'usage error': usage(['actions', 'assign', 'x', 'y']),
  },
  'schedule list': {
    'every scheduled scenario is listed': () => runCli(['schedule', 'list', SCHEDULED]),
    'a scheduled scenario is invalid': () => runCli(['schedule', 'list', SCHEDULED, brokenScheduledFolder()]),
    'usage error': usage(['schedule', 'list']),
  },
  'schedule due': {
    'whether or not something is due': () => runCli(['schedule', 'due', SCHEDULED, '--now', '2026-10-25T00:45:00Z', '--reports-dir', tmp('due')]),
    'a scheduled scenario is invalid': () => runCli(['schedule', 'due', SCHEDULED, brokenScheduledFolder(), '--reports-dir', tmp('due')]),
    'usage error': usage(['schedule', 'due']),
  },
  'schedule run-due': {
    'every due game day passed': () => runCli(['schedule', 'run-due', SCHEDULED, '--now', '2026-10-25T06:00:00Z', '--reports-dir', tmp('rd'), '--sandbox']),
    // catalog-daily-newyork is due at 15:00Z; on the default sandbox world its probes never hold, so the game day fails.
    'a due game day failed': () =>
      runCli(['schedule', 'run-due', `${SCHEDULED}/catalog-daily-newyork.yaml`, '--now', '2026-11-02T15:10:00Z', '--reports-dir', tmp('rd'), '--sandbox', '--yes'], { timeoutMs: 120_000 }),
    'none of the above, but a scheduled scenario is invalid': () => runCli(['schedule', 'run-due', brokenScheduledFolder(), '--reports-dir', tmp('rd'), '--yes']),
    'a due game day hit an AWS or sandbox error': () =>
      runCli(['schedule', 'run-due', `${SCHEDULED}/catalog-daily-newyork.yaml`, '--now', '2026-11-02T15:10:00Z', '--reports-dir', tmp('rd'), '--yes'], { env: offline, timeoutMs: 120_000 }),
    'FIS never confirmed the stop': 'test/unit/schedule/run-due.test.ts "a stop FIS never confirmed (child exit 4)…"',
    'interrupted': 'test/unit/schedule/run-due.test.ts "an interrupted game day stops the ones after it (exit 130)"',
    'usage error': usage(['schedule', 'run-due']),
  },
  'schedule export': {
    'the calendar or template was written': () => runCli(['schedule', 'export', SCHEDULED, '--eventbridge']),
    'a scheduled scenario is invalid': () => runCli(['schedule', 'export', SCHEDULED, brokenScheduledFolder(), '--ics']),
    'usage error': usage(['schedule', 'export', '--ics']),
  },
  run: {
    'the game day passed': () => runCli(['run', 'scenarios/orders-ecs-task-kill.yaml', '--sandbox', '--reports-dir', tmp('run')], { timeoutMs: 150_000 }),
    'a finding': () =>
      runCli(['run', 'scenarios/checkout-az-power.yaml', '--sandbox', '--world', 'scenarios/worlds/single-az-db-checkout.yaml', '--reports-dir', tmp('run')], { timeoutMs: 150_000 }),
    'refused before anything was injected': () => runCli(['run', invalidScenario(), '--sandbox', '--reports-dir', tmp('run')]),
    'an AWS or sandbox error': () => runCli(['run', 'scenarios/orders-ecs-task-kill.yaml', '--yes', '--reports-dir', tmp('run')], { env: offline, timeoutMs: 120_000 }),
    'the game day ended but FIS would not delete its experiment template': 'test/e2e/run-template-left.test.ts (exit 3: DeleteExperimentTemplate failing)',
    'FIS never confirmed a stop': 'test/e2e/run-signals.test.ts (exit 4: a stop FIS never confirms)',
    'interrupted': 'test/e2e/run-signals.test.ts (exit 130 on SIGINT/SIGTERM/SIGHUP)',
    'usage error': usage(['run', 'scenarios/orders-ecs-task-kill.yaml']),
  },
  'report list': {
    'the runs were listed': () => runCli(['report', 'list', '--reports-dir', 'test/fixtures/schedule/reports']),
    '--reports-dir is not a directory': () => runCli(['report', 'list', '--reports-dir', 'README.md']),
    'usage error': usage(['report', 'list']),
  },
  'report show': {
    'the game day passed': async () => runCli(['report', 'show', (await fixtureRuns()).runDirs['multi-az-pass']!]),
    'the game day did not pass': async () => runCli(['report', 'show', (await fixtureRuns()).runDirs['single-az-breach']!]),
    'no such run': () => runCli(['report', 'show', '20261201T090001Z-d4e5f6', '--reports-dir', 'test/fixtures/schedule/reports']),
    'usage error': usage(['report', 'show', 'x']),
  },
  'report render': {
    'the reports were written; the game day passed': async () => runCli(['report', 'render', (await fixtureRuns()).runDirs['multi-az-pass']!]),
    'the reports were written; the game day did not pass': async () => runCli(['report', 'render', (await fixtureRuns()).runDirs['single-az-breach']!]),
    'no such run': async () => runCli(['report', 'render', (await fixtureRuns()).runDirs['multi-az-pass']!, '--format', 'pdf']),
    'usage error': usage(['report', 'render', 'x']),
  },
  'report diff': {
    'the later run is better': async () => {
      const { runDirs } = await fixtureRuns();
      return runCli(['report', 'diff', runDirs['single-az-breach']!, runDirs['multi-az-pass']!]);
    },
    'the later run is worse': async () => {
      const { runDirs } = await fixtureRuns();
      return runCli(['report', 'diff', runDirs['multi-az-pass']!, runDirs['stop-condition-trip']!]);
    },
    'the runs are of different scenarios': async () => {
      const { runDirs } = await fixtureReportsDir(['multi-az-pass', 'late-detection']);
      return runCli(['report', 'diff', runDirs['multi-az-pass']!, runDirs['late-detection']!]);
    },
    'usage error': usage(['report', 'diff', 'x', 'y']),
  },
  'report index': {
    'the index was written': () => runCli(['report', 'index', '--reports-dir', 'test/fixtures/schedule/reports', '--out', join(tmp('index'), 'index.html')]),
    '--reports-dir is not a directory': () => runCli(['report', 'index', '--reports-dir', 'README.md']),
    'usage error': usage(['report', 'index']),
  },
  watch: {
    'the run’s journal ended': () =>
      watchUnfinished(async (runDir) => {
        const ended = journals['multi-az-pass']!().find((e) => e.type === 'run-ended')!;
        appendFileSync(join(runDir, 'journal.jsonl'), `${JSON.stringify(ended)}\n`);
      }),
    'no such run': async () => runCli(['watch', (await fixtureReportsDir(['multi-az-pass'])).runDirs['multi-az-pass']!]),
    'Ctrl-C (SIGTERM, SIGHUP) ended the view': () => watchUnfinished(async (_runDir, child) => void child.kill('SIGINT')),
    'usage error': usage(['watch', 'x']),
  },
  abort: {
    'every selected run was closed': () => runCli(['abort', '--all', '--reports-dir', tmp('abort')]),
    'no run named': () => runCli(['abort', '--reports-dir', tmp('abort')]),
    'something could not be stopped or reached': () => {
      const { dir, runDir } = unfinishedAwsRun();
      return runCli(['abort', runDir, '--reports-dir', dir], { env: offline, timeoutMs: 120_000 });
    },
    'usage error': usage(['abort', '--all']),
  },
  halt: {
    'every running gameday experiment was stopped': async () => {
      const sandbox = await standaloneSandbox();
      try {
        return await runCli(['halt', '--region', 'us-east-1', '--endpoint-url', sandbox.url, '--yes'], { env: { ...offline, AWS_ENDPOINT_URL: sandbox.url } });
      } finally {
        await sandbox.stop();
      }
    },
    'not confirmed': () => runCli(['halt', '--region', 'us-east-1']),
    'an experiment could not be stopped': () => runCli(['halt', '--region', 'us-east-1', '--yes'], { env: offline, timeoutMs: 120_000 }),
    'usage error': usage(['halt', '--yes']),
  },
  approve: {
    'the approval was recorded': () => runCli(['approve', scenarioWithApprovers(), '--by', 'priya', '--reports-dir', tmp('approve')]),
    'not one of the approvers': () => runCli(['approve', scenarioWithApprovers(), '--by', 'mallory', '--reports-dir', tmp('approve')]),
    'usage error': usage(['approve', 'scenarios/orders-ecs-task-kill.yaml', '--by', 'priya']),
  },
  sandbox: {
    'it served until Ctrl-C or SIGTERM': async () => {
      const sandbox = await standaloneSandbox();
      return { code: await sandbox.stop(), signal: null, stdout: '', stderr: '' };
    },
    'an invalid world file': () => runCli(['sandbox', '--port', '0', '--world', 'scenarios/catalog-cpu-stress.yaml']),
    'the port is in use': async () => {
      const sandbox = await standaloneSandbox();
      try {
        return await runCli(['sandbox', '--port', new URL(sandbox.url).port]);
      } finally {
        await sandbox.stop();
      }
    },
    'usage error': usage(['sandbox']),
  },
};

describe('exit-code tables: every row, through the CLI', () => {
  for (const [command, rows] of Object.entries(EXIT_CODE_TABLES) as [TabledCommand, (typeof EXIT_CODE_TABLES)[TabledCommand]][]) {
    for (const row of rows) {
      const key = Object.keys(CASES[command]).find((k) => row.when.startsWith(k));
      it(`${command}: ${row.code} — ${row.when}`, async () => {
        expect(key, `no case for this row of ${command}`).toBeDefined();
        const run = CASES[command][key!]!;
        if (typeof run === 'string') {
          expect(run).toMatch(/^test\//);
          return;
        }
        const r = await run();
        expect(r.code, `${r.stdout}\n${r.stderr}`).toBe(row.code);
      }, 180_000);
    }
  }

  it('every case belongs to a row (no stale cases)', () => {
    for (const [command, cases] of Object.entries(CASES) as [TabledCommand, Record<string, unknown>][]) {
      for (const key of Object.keys(cases)) expect(EXIT_CODE_TABLES[command].some((row) => row.when.startsWith(key)), `${command}: ${key}`).toBe(true);
    }
  });

  it('each table is in the README and at the end of the command’s --help', async () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const command of Object.keys(EXIT_CODE_TABLES) as TabledCommand[]) {
      expect(readme).toContain(exitCodeMarkdown(command));
      const help = await runCli([...command.split(' '), '--help'], { env: { COLUMNS: '400' } });
      expect(help.stdout).toContain('Exit codes:');
      for (const row of EXIT_CODE_TABLES[command]) expect(help.stdout.replace(/\s+/g, ' ')).toContain(`${row.code} ${row.when}`.replace(/\s+/g, ' '));
    }
  }, 120_000);
});
