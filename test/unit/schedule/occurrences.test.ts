import { describe, expect, it } from 'vitest';
import { GamedayError } from '../../../src/core/errors.js';
import { nextOccurrences, occurrencesBetween } from '../../../src/core/schedule/occurrences.js';
import { compileSchedule } from '../../../src/core/schedule/scheduled-scenario.js';
import { scenarioWith, scheduled } from './fixtures.js';

const at = (list: { at: string }[]): string[] => list.map((o) => o.at);

describe('next occurrences in the scenario time zone', () => {
  it('reads the cron in UTC when no zone is given', () => {
    const s = scheduled({ cron: '0 10 * * 2' });
    expect(at(nextOccurrences(s, new Date('2026-11-26T04:00:00Z'), 2))).toEqual(['2026-12-01T10:00:00.000Z', '2026-12-08T10:00:00.000Z']);
  });

  it('counts an occurrence exactly at the reference instant', () => {
    const s = scheduled({ cron: '0 10 * * *' });
    expect(at(nextOccurrences(s, new Date('2026-11-26T10:00:00Z'), 1))).toEqual(['2026-11-26T10:00:00.000Z']);
  });

  it('Europe/Berlin spring-forward: 02:30 does not exist on 29 March, the run moves to 03:00 CEST', () => {
    const s = scheduled({ cron: '30 2 * * *', timezone: 'Europe/Berlin' });
    const list = nextOccurrences(s, new Date('2026-03-28T00:00:00Z'), 3);
    expect(at(list)).toEqual(['2026-03-28T01:30:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-30T00:30:00.000Z']);
    expect(list.map((o) => o.local)).toEqual(['2026-03-28T02:30:00+01:00', '2026-03-29T03:00:00+02:00', '2026-03-30T02:30:00+02:00']);
  });

  it('Europe/Berlin fall-back: 02:30 happens twice on 25 October, the game day runs once', () => {
    const s = scheduled({ cron: '30 2 * * *', timezone: 'Europe/Berlin' });
    const list = nextOccurrences(s, new Date('2026-10-24T12:00:00Z'), 2);
    expect(at(list)).toEqual(['2026-10-25T00:30:00.000Z', '2026-10-26T01:30:00.000Z']);
    expect(list.map((o) => o.local)).toEqual(['2026-10-25T02:30:00+02:00', '2026-10-26T02:30:00+01:00']);
  });

  it('America/New_York keeps 10:00 local across the November DST change (15:00Z → 15:00Z+1h)', () => {
    const s = scheduled({ cron: '0 10 * * 2', timezone: 'America/New_York' });
    const list = nextOccurrences(s, new Date('2026-10-26T00:00:00Z'), 2);
    expect(at(list)).toEqual(['2026-10-27T14:00:00.000Z', '2026-11-03T15:00:00.000Z']);
    expect(list.map((o) => o.local)).toEqual(['2026-10-27T10:00:00-04:00', '2026-11-03T10:00:00-05:00']);
  });

  it('America/New_York spring-forward: 02:15 on 8 March 2026 does not exist and runs at 03:00 EDT', () => {
    const s = scheduled({ cron: '15 2 * * *', timezone: 'America/New_York' });
    expect(at(nextOccurrences(s, new Date('2026-03-08T00:00:00Z'), 2))).toEqual(['2026-03-08T07:00:00.000Z', '2026-03-09T06:15:00.000Z']);
  });

  it('lists occurrences between two instants, both ends inclusive', () => {
    const s = scheduled({ cron: '0 * * * *' });
    expect(at(occurrencesBetween(s, new Date('2026-11-26T10:00:00Z'), new Date('2026-11-26T12:00:00Z')))).toEqual([
      '2026-11-26T10:00:00.000Z',
      '2026-11-26T11:00:00.000Z',
      '2026-11-26T12:00:00.000Z',
    ]);
  });
});

describe('invalid schedules name the file', () => {
  it.each([
    [{ cron: '0 10 * *' }, /scenarios\/orders-ecs-task-kill.yaml: spec.schedule: cron "0 10 \* \*"/],
    [{ cron: '0 10 * * * *' }, /requires exactly 5 parts/],
    [{ cron: '0 25 * * *' }, /hour/],
    [{ cron: '0 10 * * *', timezone: 'Mars/Olympus' }, /unknown time zone "Mars\/Olympus"/],
    [{ cron: '0 10 * * *', window: 'soon' }, /window "soon"/],
    [{ cron: '0 10 * * *', blackouts: [{ from: '2026-12-24', to: '2026-12-20' }] }, /ends before it starts/],
    [{ cron: '0 10 * * *', blackouts: [{ from: '2026-02-30', to: '2026-03-02' }] }, /not a calendar date/],
    [{ cron: '0 10 * * *', blackouts: [{ from: 'christmas', to: '2026-12-26' }] }, /neither a date/],
  ])('%j', (schedule, message) => {
    let error: unknown;
    try {
      compileSchedule(scenarioWith(schedule));
    } catch (e) {
      error = e;
    }
    expect(GamedayError.is(error) && error.code).toBe('SCENARIO_INVALID');
    expect((error as Error).message).toMatch(message);
  });

  it('a scenario without a schedule is not scheduled', () => {
    expect(compileSchedule(scenarioWith(undefined))).toBeUndefined();
  });
});

describe('sub-second reference instants', () => {
  it('an occurrence half a second before the reference is not "next", nor inside a window starting after it', () => {
    const s = scheduled({ cron: '0 10 * * *' });
    expect(at(nextOccurrences(s, new Date('2026-11-26T10:00:00.500Z'), 1))).toEqual(['2026-11-27T10:00:00.000Z']);
    expect(occurrencesBetween(s, new Date('2026-11-26T10:00:00.500Z'), new Date('2026-11-26T11:00:00Z'))).toEqual([]);
  });
});
