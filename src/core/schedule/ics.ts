import { neutraliseControls } from '../control-characters.js';
import { isoDuration } from '../duration.js';
import { occurrencesBetween } from './occurrences.js';
import type { ScheduledScenario } from './scheduled-scenario.js';

/**
 * iCalendar (RFC 5545) for participants' calendars: one VEVENT per upcoming occurrence.
 * Blacked-out occurrences are left out: they will not happen.
 */
export interface IcsOptions {
  from: Date;
  to: Date;
  /** DTSTAMP: when this calendar was produced (RFC 5545 §3.8.7.2 requires it on every VEVENT). */
  stamp: Date;
}

export interface IcsEvent {
  uid: string;
  scenario: string;
  start: string;
  durationSeconds: number;
}

export function icsEvents(schedules: readonly ScheduledScenario[], options: IcsOptions): IcsEvent[] {
  const events: IcsEvent[] = [];
  for (const schedule of schedules) {
    const durationSeconds = schedule.gameDaySeconds;
    for (const occurrence of occurrencesBetween(schedule, options.from, options.to)) {
      if (occurrence.blackout) continue;
      events.push({
        // Stable per scenario and occurrence, so re-importing an export updates rather than duplicates.
        uid: `${utcStamp(new Date(occurrence.at))}-${schedule.name}@gameday`,
        scenario: schedule.name,
        start: occurrence.at,
        durationSeconds,
      });
    }
  }
  return events.sort((a, b) => a.start.localeCompare(b.start) || a.scenario.localeCompare(b.scenario));
}

export function renderIcs(schedules: readonly ScheduledScenario[], options: IcsOptions): string {
  const byName = new Map(schedules.map((s) => [s.name, s]));
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//gameday//schedule export//EN', 'CALSCALE:GREGORIAN', 'METHOD:PUBLISH', 'X-WR-CALNAME:Game days'];
  for (const event of icsEvents(schedules, options)) {
    const schedule = byName.get(event.scenario)!;
    const { metadata, spec } = schedule.loaded.scenario;
    lines.push(
      'BEGIN:VEVENT',
      `UID:${escapeText(event.uid)}`,
      `DTSTAMP:${utcStamp(options.stamp)}`,
      `DTSTART:${utcStamp(new Date(event.start))}`,
      `DURATION:${isoDuration(Math.ceil(event.durationSeconds / 60) * 60)}`,
      `SUMMARY:${escapeText(`Game day: ${metadata.name}${metadata.description ? ` — ${metadata.description}` : ''}`)}`,
      `DESCRIPTION:${escapeText(description(schedule))}`,
      ...(spec.runbook ? [`X-GAMEDAY-RUNBOOK:${escapeText(spec.runbook.path)}`] : []),
      'STATUS:CONFIRMED',
      'TRANSP:OPAQUE',
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return lines.map(foldLine).join('\r\n') + '\r\n';
}

function description(schedule: ScheduledScenario): string {
  const { metadata, spec } = schedule.loaded.scenario;
  return [
    metadata.description,
    `Owner: ${metadata.owner ?? 'not set (metadata.owner)'}`,
    metadata.participants?.length ? `Participants: ${metadata.participants.join(', ')}` : undefined,
    `Runbook: ${spec.runbook?.path ?? 'none (spec.runbook)'}`,
    `Fault: ${spec.fault.type}; recovery target ${spec.recovery.disruptionType}${spec.recovery.rto ? `, RTO ${spec.recovery.rto}` : ''}`,
    `Scenario: ${schedule.file}`,
    `Schedule: ${schedule.cron} (${schedule.timeZone}); a run may start up to ${isoDuration(schedule.windowSeconds)} late`,
  ]
    .filter((line): line is string => line !== undefined)
    .join('\n');
}

/** 20261201T090000Z */
export function utcStamp(instant: Date): string {
  return instant.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}

/** TEXT escaping, RFC 5545 §3.3.11: backslash, semicolon, comma, newline; TEXT allows no other control characters. */
export function escapeText(text: string): string {
  return neutraliseControls(text).replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/**
 * Content lines longer than 75 octets are folded (RFC 5545 §3.1): CRLF then one space, never
 * inside a UTF-8 sequence. The space at the start of a continuation counts toward its 75.
 */
export function foldLine(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let start = 0;
  let limit = 75;
  while (start < bytes.length) {
    let end = Math.min(start + limit, bytes.length);
    while (end < bytes.length && (bytes[end]! & 0xc0) === 0x80) end--; // back off to a character boundary
    parts.push(bytes.subarray(start, end).toString('utf8'));
    start = end;
    limit = 74;
  }
  return parts.join('\r\n ');
}
