import { describe, expect, it } from 'vitest';
import { dueEntries, type PriorRuns } from '../../../src/core/schedule/due.js';
import { scheduled } from './fixtures.js';

const none: PriorRuns = { runDir: () => undefined, claimedBy: () => undefined };

describe('due entries', () => {
  const weekly = scheduled({ cron: '0 10 * * 2', timezone: 'Europe/Berlin' }, 'orders-ecs-task-kill');

  it('an occurrence is due from its instant until the end of its window (default PT1H), both inclusive', () => {
    // Tuesday 1 Dec 2026 10:00 Berlin = 09:00Z
    expect(dueEntries([weekly], new Date('2026-12-01T08:59:59Z'), none)).toEqual([]);
    const [atStart] = dueEntries([weekly], new Date('2026-12-01T09:00:00Z'), none);
    expect(atStart).toMatchObject({ scenario: 'orders-ecs-task-kill', state: 'due', windowEndsAt: '2026-12-01T10:00:00.000Z' });
    expect(dueEntries([weekly], new Date('2026-12-01T10:00:00Z'), none)).toHaveLength(1);
    expect(dueEntries([weekly], new Date('2026-12-01T10:00:01Z'), none)).toEqual([]);
  });

  it('honours a custom window', () => {
    const s = scheduled({ cron: '0 10 * * 2', timezone: 'Europe/Berlin', window: 'PT15M' });
    expect(dueEntries([s], new Date('2026-12-01T09:15:00Z'), none)).toHaveLength(1);
    expect(dueEntries([s], new Date('2026-12-01T09:16:00Z'), none)).toEqual([]);
  });

  it('an occurrence already run (journal with that scheduledFor) or claimed is not due', () => {
    const now = new Date('2026-12-01T09:10:00Z');
    const ran: PriorRuns = { runDir: (s, at) => (s === 'orders-ecs-task-kill' && at === '2026-12-01T09:00:00.000Z' ? 'reports/x/1' : undefined), claimedBy: () => undefined };
    expect(dueEntries([weekly], now, ran)[0]).toMatchObject({ state: 'already-run', runDir: 'reports/x/1' });
    const claimed: PriorRuns = { runDir: () => undefined, claimedBy: () => 'pid 1 on a since t' };
    expect(dueEntries([weekly], now, claimed)[0]).toMatchObject({ state: 'claimed', claimedBy: 'pid 1 on a since t' });
  });

  it('a blacked-out occurrence is reported as skipped, never due', () => {
    const s = scheduled({ cron: '0 10 * * 2', timezone: 'Europe/Berlin', blackouts: [{ from: '2026-12-01', to: '2026-12-01', reason: 'release day' }] });
    expect(dueEntries([s], new Date('2026-12-01T09:30:00Z'), none)[0]).toMatchObject({ state: 'blackout', occurrence: { blackout: { reason: 'release day' } } });
  });

  it('several scenarios and several occurrences inside a window come out oldest first', () => {
    const hourly = scheduled({ cron: '*/20 * * * *', window: 'PT45M' }, 'catalog-cpu-stress');
    const entries = dueEntries([weekly, hourly], new Date('2026-12-01T09:30:00Z'), none);
    expect(entries.map((e) => `${e.scenario}@${e.occurrence.at}`)).toEqual([
      'catalog-cpu-stress@2026-12-01T09:00:00.000Z', // 08:40 is older than the 45-minute window
      'orders-ecs-task-kill@2026-12-01T09:00:00.000Z',
      'catalog-cpu-stress@2026-12-01T09:20:00.000Z',
    ]);
  });
});
