import { describe, expect, it } from 'vitest';
import { compileSchedule, type ScheduledScenario } from '../../../src/core/schedule/scheduled-scenario.js';
import { escapeText, foldLine, renderIcs } from '../../../src/core/schedule/ics.js';
import { scenarioWith, scheduled } from './fixtures.js';

/** Unfolds and splits an iCalendar stream into content lines, checking the physical layout on the way. */
function contentLines(ics: string): string[] {
  expect(ics.endsWith('\r\n')).toBe(true);
  const physical = ics.slice(0, -2).split('\r\n');
  for (const line of physical) {
    expect(line).not.toMatch(/[\r\n]/); // no bare CR or LF
    expect(Buffer.byteLength(line, 'utf8')).toBeLessThanOrEqual(75);
  }
  const logical: string[] = [];
  for (const line of physical) {
    if (line.startsWith(' ')) logical[logical.length - 1] += line.slice(1);
    else logical.push(line);
  }
  return logical;
}

function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}

function vevents(lines: string[]): Map<string, string>[] {
  const events: Map<string, string>[] = [];
  let current: Map<string, string> | undefined;
  for (const line of lines) {
    if (line === 'BEGIN:VEVENT') current = new Map();
    else if (line === 'END:VEVENT') {
      events.push(current!);
      current = undefined;
    } else if (current) {
      const colon = line.indexOf(':');
      current.set(line.slice(0, colon), line.slice(colon + 1));
    }
  }
  return events;
}

describe('ICS export', () => {
  const azLoaded = scenarioWith(
    { cron: '0 10 1 * *', timezone: 'Europe/Berlin', blackouts: [{ from: '2027-01-01', to: '2027-01-01', reason: 'New Year' }] },
    'checkout-az-power',
    {
      fault: { type: 'az-power-interruption', availabilityZone: 'use1-az2', availabilityZoneName: 'us-east-1b', duration: 'PT30M' },
      recovery: { disruptionType: 'AZ', rto: 'PT5M', watch: 'PT30M' },
      runbook: { path: 'runbooks/checkout-az.md' },
    },
  );
  azLoaded.scenario.metadata.description = 'AZ power interruption; checkout, payments — Zürich edition';
  azLoaded.scenario.metadata.participants = ['sre-oncall@example.com', 'checkout-team@example.com'];
  const az = compileSchedule(azLoaded)!;
  const orders: ScheduledScenario = scheduled({ cron: '0 10 * * 2', timezone: 'America/New_York' });
  const stamp = new Date('2026-11-26T04:00:00Z');
  const ics = renderIcs([az, orders], { from: new Date('2026-11-26T00:00:00Z'), to: new Date('2027-01-05T00:00:00Z'), stamp });
  const lines = contentLines(ics);

  it('is one VCALENDAR with VERSION and PRODID, and balanced components', () => {
    expect(lines[0]).toBe('BEGIN:VCALENDAR');
    expect(lines[lines.length - 1]).toBe('END:VCALENDAR');
    expect(lines).toContain('VERSION:2.0');
    expect(lines.some((l) => l.startsWith('PRODID:'))).toBe(true);
    expect(lines.filter((l) => l === 'BEGIN:VEVENT').length).toBe(lines.filter((l) => l === 'END:VEVENT').length);
  });

  it('has one VEVENT per occurrence in range, in UTC, leaving out blacked-out ones', () => {
    const events = vevents(lines);
    const starts = events.map((e) => `${e.get('DTSTART')} ${e.get('UID')}`);
    expect(starts).toEqual([
      '20261201T090000Z 20261201T090000Z-checkout-az-power@gameday',
      '20261201T150000Z 20261201T150000Z-orders-ecs-task-kill@gameday',
      '20261208T150000Z 20261208T150000Z-orders-ecs-task-kill@gameday',
      '20261215T150000Z 20261215T150000Z-orders-ecs-task-kill@gameday',
      '20261222T150000Z 20261222T150000Z-orders-ecs-task-kill@gameday',
      '20261229T150000Z 20261229T150000Z-orders-ecs-task-kill@gameday',
    ]); // 1 January 2027 is blacked out
    for (const event of events) {
      expect(event.get('DTSTAMP')).toBe('20261126T040000Z');
      expect(event.get('DTSTART')).toMatch(/^\d{8}T\d{6}Z$/);
    }
  });

  it('lasts the fault plus the recovery watch window', () => {
    const events = vevents(lines);
    // The plan's own length: 30 min power interruption, then its 30-minute EBS phase, + 30 min watch
    // (issue 15: recomputing it here booked PT1H for a 1h30m game day).
    expect(events[0]!.get('DURATION')).toBe('PT1H30M');
    expect(events[1]!.get('DURATION')).toBe('PT10M'); // task kill is instant + 10 min watch
  });

  it('escapes text and folds long lines without splitting characters', () => {
    const event = vevents(lines)[0]!;
    expect(unescapeText(event.get('SUMMARY')!)).toBe('Game day: checkout-az-power — AZ power interruption; checkout, payments — Zürich edition');
    const description = unescapeText(event.get('DESCRIPTION')!);
    expect(description).toContain('Owner: orders-team@example.com');
    expect(description).toContain('Runbook: runbooks/checkout-az.md');
    expect(description).toContain('\nParticipants: sre-oncall@example.com, checkout-team@example.com\n');
    expect(ics).toContain('\r\n '); // something was folded
  });

  it('UIDs are stable across exports', () => {
    const again = renderIcs([az, orders], { from: new Date('2026-12-01T00:00:00Z'), to: new Date('2026-12-02T00:00:00Z'), stamp: new Date() });
    expect(vevents(contentLines(again)).map((e) => e.get('UID'))).toEqual([
      '20261201T090000Z-checkout-az-power@gameday',
      '20261201T150000Z-orders-ecs-task-kill@gameday',
    ]);
  });

  it('escapeText and foldLine follow RFC 5545', () => {
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
    const folded = foldLine(`DESCRIPTION:${'é'.repeat(80)}`);
    for (const part of folded.split('\r\n')) expect(Buffer.byteLength(part)).toBeLessThanOrEqual(75);
    expect(folded.split('\r\n').map((p, i) => (i === 0 ? p : p.slice(1))).join('')).toBe(`DESCRIPTION:${'é'.repeat(80)}`);
  });
});
