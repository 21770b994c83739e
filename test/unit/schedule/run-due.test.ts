import { cp, mkdtemp } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GamedayError } from '../../../src/core/errors.js';
import type { RunStarted } from '../../../src/core/journal/events.js';
import { JournalWriter } from '../../../src/core/journal/writer.js';
import { dueEntries } from '../../../src/core/schedule/due.js';
import { readPriorRuns } from '../../../src/core/schedule/prior-runs.js';
import { runDueGameDays, type GameDayRunner, type RunDueOptions } from '../../../src/core/schedule/run-due.js';
import { findScheduledRuns } from '../../../src/core/schedule/scheduled-runs.js';
import { scheduled } from './fixtures.js';

const FIXTURE_REPORTS = fileURLToPath(new URL('../../fixtures/schedule/reports', import.meta.url));
const now = new Date('2026-12-01T09:10:00Z');
const orders = scheduled({ cron: '0 9 * * *' }, 'orders-ecs-task-kill');
const checkout = scheduled({ cron: '0 10 * * 2', timezone: 'Europe/Berlin' }, 'checkout-az-power');
const catalog = scheduled({ cron: '0 9 * * *' }, 'catalog-cpu-stress');

async function freshReports(): Promise<string> {
  const dir = join(await mkdtemp(join(tmpdir(), 'gameday-run-due-')), 'reports');
  await cp(FIXTURE_REPORTS, dir, { recursive: true });
  return dir;
}

function recordingRunner(codes: Record<string, number>): GameDayRunner & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    run: async ({ scenario, scheduledFor, file }) => {
      calls.push(`${scenario} ${scheduledFor} ${file}`);
      return codes[scenario] ?? 0;
    },
  };
}

function options(reportsDir: string, runner: GameDayRunner, extra: Partial<RunDueOptions> = {}): RunDueOptions {
  return {
    reportsDir,
    now,
    clock: () => now,
    yes: true,
    owner: { pid: process.pid, host: hostname(), startedAt: now.toISOString() },
    lock: { isAlive: () => true, waitMs: 0, sleep: async () => undefined },
    runner,
    ...extra,
  };
}

describe('already-run detection from reports/', () => {
  it('finds journals whose run-started has scheduledFor and the same scenario name; ignores manual, torn and renamed runs', async () => {
    const runs = await findScheduledRuns(FIXTURE_REPORTS, ['orders-ecs-task-kill', 'checkout-az-power', 'no-such-scenario']);
    expect(runs.map((r) => [r.scenario, r.scheduledFor, r.runDir.slice(FIXTURE_REPORTS.length + 1)])).toEqual([
      ['orders-ecs-task-kill', '2026-12-01T09:00:00.000Z', 'orders-ecs-task-kill/20261201T090012Z-a1b2c3'],
      ['checkout-az-power', '2026-12-01T09:00:00.000Z', 'checkout-az-power/20261201T090001Z-d4e5f6'], // journaled as 10:00+01:00
    ]);
  });

  it('marks those occurrences already-run in the due listing', async () => {
    const entries = dueEntries([orders, checkout, catalog], now, await readPriorRuns(FIXTURE_REPORTS, ['orders-ecs-task-kill', 'checkout-az-power', 'catalog-cpu-stress']));
    expect(entries.map((e) => [e.scenario, e.state])).toEqual([
      ['catalog-cpu-stress', 'due'],
      ['checkout-az-power', 'already-run'],
      ['orders-ecs-task-kill', 'already-run'],
    ]);
  });

  it('a missing reports dir means nothing has run', async () => {
    expect(await findScheduledRuns('/nonexistent/reports', ['orders-ecs-task-kill'])).toEqual([]);
  });
});

describe('run-due', () => {
  it('runs only what is due and not yet run, passing the occurrence; exit 0 when all pass', async () => {
    const reports = await freshReports();
    const runner = recordingRunner({});
    const result = await runDueGameDays([orders, checkout, catalog], options(reports, runner));
    expect(runner.calls).toEqual(['catalog-cpu-stress 2026-12-01T09:00:00.000Z scenarios/catalog-cpu-stress.yaml']);
    expect(result.exitCode).toBe(0);
    expect(result.entries.find((e) => e.scenario === 'catalog-cpu-stress')).toMatchObject({ state: 'due', outcome: 'passed', exitCode: 0 });
  });

  it('a second invocation skips what the first claimed', async () => {
    const reports = await freshReports();
    await runDueGameDays([catalog], options(reports, recordingRunner({})));
    const second = recordingRunner({});
    const result = await runDueGameDays([catalog], options(reports, second));
    expect(second.calls).toEqual([]);
    expect(result.entries[0]).toMatchObject({ state: 'claimed' });
    expect(result.entries[0]!.claimedBy).toContain(`pid ${process.pid}`);
    expect(result.exitCode).toBe(0);
  });

  it('one failure does not stop the rest; AWS errors outrank findings in the exit code', async () => {
    const a = scheduled({ cron: '0 9 * * *' }, 'a');
    const b = scheduled({ cron: '0 9 * * *' }, 'b');
    const c = scheduled({ cron: '0 9 * * *' }, 'c');
    const runner = recordingRunner({ a: 1, b: 3 });
    const result = await runDueGameDays([a, b, c], options(await freshReports(), runner));
    expect(runner.calls.map((call) => call.split(' ')[0])).toEqual(['a', 'b', 'c']);
    expect(result.entries.map((e) => e.outcome)).toEqual(['failed', 'aws-error', 'passed']);
    expect(result.exitCode).toBe(3);
    const onlyFinding = await runDueGameDays([a, c], options(await freshReports(), recordingRunner({ a: 1 })));
    expect(onlyFinding.exitCode).toBe(1);
  });

  it('an interrupted game day stops the ones after it (exit 130)', async () => {
    const a = scheduled({ cron: '0 9 * * *' }, 'a');
    const b = scheduled({ cron: '0 9 * * *' }, 'b');
    const runner = recordingRunner({ a: 130 });
    const result = await runDueGameDays([a, b], options(await freshReports(), runner));
    expect(runner.calls).toHaveLength(1);
    expect(result.entries.map((e) => e.outcome)).toEqual(['interrupted', 'not-started']);
    expect(result.exitCode).toBe(130);
  });

  it('a stop FIS never confirmed (child exit 4) is exit 4, above an AWS error: the experiment may still be running', async () => {
    const a = scheduled({ cron: '0 9 * * *' }, 'a');
    const b = scheduled({ cron: '0 9 * * *' }, 'b');
    const result = await runDueGameDays([a, b], options(await freshReports(), recordingRunner({ a: 4, b: 3 })));
    expect(result.entries.map((e) => e.outcome)).toEqual(['stop-unconfirmed', 'aws-error']);
    expect(result.exitCode).toBe(4);
  });

  it('does not start a game day whose window closed while earlier ones ran', async () => {
    const a = scheduled({ cron: '0 9 * * *', window: 'PT15M' }, 'a');
    const b = scheduled({ cron: '0 9 * * *', window: 'PT15M' }, 'b');
    let clock = now;
    const runner: GameDayRunner = {
      run: async () => {
        clock = new Date(now.getTime() + 30 * 60_000); // the first game day took 30 minutes
        return 0;
      },
    };
    const result = await runDueGameDays([a, b], options(await freshReports(), runner, { clock: () => clock }));
    expect(result.entries.map((e) => e.outcome)).toEqual(['passed', 'window-passed']);
    expect(result.exitCode).toBe(1);
  });

  it('does not start a game day that, started late after earlier ones, would run into a blackout', async () => {
    const a = scheduled({ cron: '0 9 * * *' }, 'a');
    const b = scheduled({ cron: '0 9 * * *', blackouts: [{ from: '2026-12-01T09:45:00Z', to: '2026-12-01T10:30:00Z', reason: 'deploy' }] }, 'b');
    let clock = now;
    const runner = recordingRunner({});
    const slow: GameDayRunner = {
      run: async (request) => {
        clock = new Date(now.getTime() + 30 * 60_000); // the first game day took 30 minutes: b would start at 09:40
        return runner.run(request);
      },
    };
    const result = await runDueGameDays([a, b], options(await freshReports(), slow, { clock: () => clock }));
    expect(runner.calls.map((c) => c.split(' ')[0])).toEqual(['a']);
    expect(result.entries[1]).toMatchObject({ scenario: 'b', state: 'blackout', occurrence: { blackout: { from: '2026-12-01T09:45:00Z', to: '2026-12-01T10:30:00Z', reason: expect.stringMatching(/^deploy; the game day would run into it: it takes up to PT\d+M/) } } });
    expect(result.entries[1]!.outcome).toBeUndefined();
    expect(result.exitCode).toBe(0);
  });

  it('skips blacked-out occurrences and refuses to start anything without --yes', async () => {
    const frozen = scheduled({ cron: '0 9 * * *', blackouts: [{ from: '2026-12-01', to: '2026-12-01', reason: 'release freeze' }] }, 'frozen');
    const runner = recordingRunner({});
    const quiet = await runDueGameDays([frozen], options(await freshReports(), runner, { yes: false }));
    expect(quiet.entries[0]).toMatchObject({ state: 'blackout' });
    expect(quiet.exitCode).toBe(0);
    const error = await runDueGameDays([catalog], options(await freshReports(), runner, { yes: false })).catch((e: unknown) => e);
    expect(GamedayError.is(error) && error.code).toBe('GUARD_REFUSED');
    expect(runner.calls).toEqual([]);
  });

  it('records the run directory the game day journaled to', async () => {
    const reports = await freshReports();
    const runner: GameDayRunner = {
      run: async ({ scenario, scheduledFor }) => {
        // what `gameday run --scheduled-for` journals first
        const journal = await JournalWriter.open(join(reports, scenario, 'r1', 'journal.jsonl'));
        await journal.append({ type: 'run-started', plan: { scenario: { name: scenario } }, scheduledFor } as unknown as RunStarted);
        await journal.close();
        return 0;
      },
    };
    const result = await runDueGameDays([catalog], options(reports, runner));
    expect(result.entries[0]!.runDir).toBe(join(reports, 'catalog-cpu-stress', 'r1'));
  });
});
