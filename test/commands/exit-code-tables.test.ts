import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXIT_CODE_TABLES, exitCodeMarkdown, type TabledCommand } from '../../src/cli/exit-code-tables.js';
import { ROOT, runCli, type CliResult } from '../helpers/cli.js';
import { fixtureReportsDir } from '../helpers/fixture-runs.js';
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
