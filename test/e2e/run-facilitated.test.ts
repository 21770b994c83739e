import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRoomInput } from '../../src/core/run/facilitation.js';
import { runCli } from '../helpers/cli.js';
import { gamedayInTty, type TtyRun } from '../helpers/tty.js';
import { journalOf, reportsDir } from './run-harness.js';

const ENV = { GAMEDAY_AWS_RETRY_DELAY_MS: '0', AWS_PROFILE: undefined, AWS_ENDPOINT_URL: undefined, NO_COLOR: '1' };
const ANSI = /\x1b\[[0-9;]*[A-Za-z]/g;

let runs: TtyRun[] = [];
afterEach(async () => {
  for (const run of runs) run.stop();
  await Promise.all(runs.map((run) => run.exited.catch(() => undefined)));
  runs = [];
});

describe('gameday run --facilitated', () => {
  it('tells the room what to look for, takes the reporter’s marks on the TTY and from another terminal, and its verdict has the human timings', async () => {
    const dir = await reportsDir();
    const run = gamedayInTty(['run', 'scenarios/orders-ecs-task-kill.yaml', '--sandbox', '--facilitated', '--speed', '10', '--yes', '--reports-dir', dir], { env: ENV, columns: 200, timeoutMs: 120_000 });
    runs.push(run);
    await run.waitFor(/next mark: detected \(d\)/);
    const text = () => run.transcript.replace(ANSI, '');
    expect(text()).toContain('FACILITATED game day orders-ecs-task-kill');
    expect(text()).toMatch(/look for: alarms orders-task-count-low \(should fire within 2m\)/);
    expect(text()).toMatch(/runbook: runbooks\/orders-ecs\.md/);
    const runDir = /from another terminal: gameday mark (\S+) detected\|engaged/.exec(text())![1]!;

    await run.waitFor(/experiment completed; watching recovery/);
    run.type('d tasks gone from the dashboard\r');
    await run.waitFor(/marked detected at \S+; next mark: engaged \(e\)/);
    const engaged = await runCli(['mark', runDir, 'engaged', '--by', 'Ana', 'paged the orders on-call']);
    expect(engaged.code, engaged.stderr).toBe(0);
    run.type('m scaled the service by hand\r');
    await run.waitFor(/marked mitigated at/);
    run.type('n the pager went to the wrong rota\r');
    await run.waitFor(/noted at/);
    const exit = await run.exited;
    expect([0, 1]).toContain(exit.code);

    const events = await journalOf(runDir);
    expect(events.find((e) => e.type === 'run-started')).toMatchObject({ facilitated: true });
    const marks = events.filter((e) => e.type === 'mark');
    expect(marks).toEqual([
      expect.objectContaining({ mark: 'detected', timeSource: 'service-clock', text: 'tasks gone from the dashboard' }),
      expect.objectContaining({ mark: 'engaged', timeSource: 'last-observation', by: 'Ana' }),
      expect.objectContaining({ mark: 'mitigated', timeSource: 'service-clock' }),
    ]);
    expect(events.filter((e) => e.type === 'note').map((e) => (e as { text: string }).text)).toEqual(['the pager went to the wrong rota']);

    // The verdict (stdout summary and report) has the human timings, each from its source.
    expect(text()).toMatch(/human timings \(this run’s own, from each disruption’s start\):/);
    expect(text()).toMatch(/Time to detect, by people\s+\d+s\s+detected mark \(on the run’s service clock\)/);
    const report = JSON.parse(await readFile(join(runDir, 'report.json'), 'utf8'));
    expect(report.verdict.facilitated).toBe(true);
    const [fault] = report.verdict.humanTimings;
    expect(fault.detectByPeople.seconds).toBeGreaterThan(0);
    expect(fault.mitigate.seconds).toBeGreaterThanOrEqual(fault.detectByPeople.seconds);
    expect(fault.engage.source).toBe('engaged mark by Ana (at the last service time observed when marked)');
    expect(report.verdict.notChecked.join(' ')).not.toContain("people's timings");
    const md = await readFile(join(runDir, 'report.md'), 'utf8');
    expect(md).toContain('| Time to mitigate |');
    expect(md).toContain('someone marked detected: tasks gone from the dashboard');
  }, 150_000);

  it('reads what the reporter types: keys or words, a few words after them, notes, help', () => {
    expect(parseRoomInput('d pager went off')).toEqual({ kind: 'mark', mark: 'detected', text: 'pager went off' });
    expect(parseRoomInput('Recovered')).toEqual({ kind: 'mark', mark: 'recovered' });
    expect(parseRoomInput('n  wrong rota ')).toEqual({ kind: 'note', text: 'wrong rota' });
    expect(parseRoomInput('?')).toEqual({ kind: 'help' });
    expect(parseRoomInput('x')).toBeUndefined();
    expect(parseRoomInput('   ')).toBeUndefined();
  });
});
