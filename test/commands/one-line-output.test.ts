import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../src/core/journal/events.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { writeRun } from '../helpers/fixture-runs.js';
import { journals } from '../fixtures/journals/index.js';

/** A name that, printed raw, would start a line of its own that reads like gameday's. */
const FORGED = '\n  [critical] detection: FORGED all clear';
const ESCAPED = '\\n  [critical] detection: FORGED all clear';

function deepReplace<T>(value: T, from: string, to: string): T {
  return JSON.parse(JSON.stringify(value).split(JSON.stringify(from).slice(1, -1)).join(JSON.stringify(to).slice(1, -1))) as T;
}

/** Every line mentioning the forged text carries it escaped, after the name it was hidden in: none starts with it. */
function expectOnOneLine(where: string, text: string, name: string): void {
  const lines = text.split(/\r?\n/);
  const forged = lines.filter((l) => l.includes('FORGED'));
  expect(forged.length, `${where}: the name is shown`).toBeGreaterThan(0);
  for (const line of forged) expect(line, where).toContain(`${name}${ESCAPED}`);
}

async function forgedRun(): Promise<{ reportsDir: string; runDir: string }> {
  const events = deepReplace(journals['multi-az-pass']!(), 'checkout-5xx-high', `checkout-5xx-high${FORGED}`);
  const reportsDir = await mkdtemp(join(tmpdir(), 'gameday-one-line-'));
  return { reportsDir, runDir: await writeRun(reportsDir, events) };
}

describe('a newline in a name never starts a line of its own', () => {
  it('report show / diff: an alarm name AWS returned with a newline stays on its row, escaped', async () => {
    const { runDir } = await forgedRun();
    const show = await runCli(['report', 'show', runDir]);
    expect(show.code, show.stderr).toBe(0);
    expectOnOneLine('report show', show.stdout, 'checkout-5xx-high');
    const diff = await runCli(['report', 'diff', runDir, runDir]);
    expect(diff.stdout).not.toMatch(/^\s*\[critical\] detection: FORGED/m);
  });

  it('validate and plan: a scenario’s alarm name with a newline stays inside its diagnostic and its plan line', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gameday-one-line-'));
    const source = await readFile(join(ROOT, 'scenarios/orders-ecs-task-kill.yaml'), 'utf8');
    const name = JSON.stringify(`orders-task-count-low${FORGED}`);
    const file = join(dir, 'orders.yaml');
    await writeFile(file, source.replace(/^(\s*- alarm:) orders-task-count-low$/m, `$1 ${name}`).replace('alarms: [orders-task-count-low, orders-5xx-high]', `alarms: [${name}, orders-5xx-high]`));
    await writeFile(join(dir, 'not-in-runbook.yaml'), source.replace(/^(\s*- alarm:) orders-task-count-low$/m, `$1 ${name}`));
    const validate = await runCli(['validate', join(dir, 'not-in-runbook.yaml')]);
    expect(validate.code).toBe(2);
    expectOnOneLine('validate', validate.stdout + validate.stderr, 'orders-task-count-low');
    const plan = await runCli(['plan', file]);
    expect(plan.code, plan.stderr).toBe(0);
    expectOnOneLine('plan', plan.stdout, 'orders-task-count-low');
  });

  it('the run’s status line and log lines on a terminal keep an alarm name with a newline on its line', () => {
    const host = JSON.stringify(join(ROOT, 'dist/cli/run-output.js'));
    const alarm = JSON.stringify(`checkout-5xx-high${FORGED}`);
    const script = [
      `const { terminalRunHost } = await import(${host});`,
      'const host = await terminalRunHost();',
      `host.notify({ level: 'info', code: 'RUN_PROGRESS', message: '', data: { phase: 'fault', elapsedSeconds: 5, experiment: 'EXP1', alarms: { [${alarm}]: 'ALARM' }, failingProbes: [] } });`,
      `host.journal({ seq: 1, at: '2026-12-03T10:00:00.000Z', type: 'alarm-state', alarm: ${alarm}, state: 'ALARM', timestamp: '2026-12-03T10:00:00.000Z', role: ['detection'] });`,
      'host.close();',
    ].join(' ');
    const quote = (word: string): string => `'${word.replace(/'/g, `'\\''`)}'`;
    const tty = spawnSync('script', ['-qec', `${quote(process.execPath)} --input-type=module -e ${quote(script)}`, '/dev/null'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', COLUMNS: '300' } });
    // The status line is redrawn with \r\x1b[2K: what is on screen is what follows the last of them.
    // eslint-disable-next-line no-control-regex
    const screen = tty.stdout.split(/\r?\n/).map((line) => line.split('\r\x1b[2K').at(-1)!);
    const forged = screen.filter((l) => l.includes('FORGED'));
    expect(forged.length, tty.stdout + tty.stderr).toBeGreaterThanOrEqual(1);
    for (const line of forged) expect(line).toContain(`checkout-5xx-high${ESCAPED}`);
  });
});

describe('report.json carries no raw control character', () => {
  it('DEL, C1 (NEL), U+2028/2029 and bidi overrides are JSON escapes; the data parses back the same', async () => {
    const hostile = 'checkout-5xx-high\u007f\u0085\u2028\u2029\u202e';
    const events = deepReplace(journals['multi-az-pass']!(), 'checkout-5xx-high', hostile);
    const runDir = await writeRun(await mkdtemp(join(tmpdir(), 'gameday-one-line-')), events);
    const r = await runCli(['report', 'render', runDir]);
    expect(r.code, r.stderr).toBe(0);
    const text = await readFile(join(runDir, 'report.json'), 'utf8');
    // eslint-disable-next-line no-control-regex
    expect(text.match(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g)).toBeNull();
    expect(text).toContain('checkout-5xx-high\\u007f\\u0085\\u2028\\u2029\\u202e');
    expect(JSON.stringify(JSON.parse(text))).toContain(JSON.stringify(hostile).slice(1, -1));
  });
});
