import type { DueEntry } from './due.js';
import type { LiveCheck } from './live-check.js';
import type { Occurrence } from './occurrences.js';
import type { DueListing, RunDueReport, ScheduleListing } from './operations.js';
import type { RunDueEntry } from './run-due.js';

/** Plain text for people (the commands print these; --json prints the results themselves). */

export function scheduleListingText(listing: ScheduleListing): string {
  const lines: string[] = [...liveCheckText(listing.live)];
  if (listing.schedules.length === 0) lines.push('No scheduled scenarios (none has spec.schedule).');
  for (const s of listing.schedules) {
    lines.push(`${s.scenario}  ${s.file}`, `  cron "${s.cron}" in ${s.timezone}, window ${s.window}`);
    for (const b of s.blackouts) lines.push(`  blackout ${b.from} → ${b.to}${b.reason ? ` (${b.reason})` : ''}`);
    if (s.blockedWindows) lines.push(`  blocked weekly (UTC): ${s.blockedWindows.join(', ')}`);
    if (s.blockedDates) lines.push(`  blocked dates (UTC): ${s.blockedDates.join(', ')}`);
    if (s.allowedWindows) lines.push(`  allowed only (UTC): ${s.allowedWindows.join(', ')}`);
    if (s.refused) lines.push(`  REFUSED: ${s.refused}; no occurrence starts ${s.refused.startsWith('FIS safety lever') ? 'until it is disengaged' : 'while it lasts'}`);
    for (const o of s.next) lines.push(`  ${occurrenceText(o)}`);
  }
  if (listing.unscheduled.length > 0) lines.push(`Not scheduled: ${listing.unscheduled.join(', ')}`);
  return withProblems(lines, listing);
}

export function dueListingText(listing: DueListing): string {
  const lines = [`At ${listing.now} (reports in ${listing.reportsDir}):`, ...liveCheckText(listing.live)];
  if (listing.entries.length === 0) lines.push('  nothing is due');
  for (const entry of listing.entries) lines.push(`  ${dueText(entry)}`);
  return withProblems(lines, listing);
}

export function runDueText(report: RunDueReport): string {
  const lines = [`At ${report.now}:`, ...liveCheckText(report.live)];
  if (report.brokeStaleLock) lines.push(`  removed a stale schedule lock (${report.brokeStaleLock})`);
  if (report.entries.length === 0) lines.push('  nothing is due');
  for (const entry of report.entries) lines.push(`  ${runDueEntryText(entry)}`);
  return withProblems(lines, report);
}

export function runDueEntryText(entry: RunDueEntry): string {
  if (entry.outcome === undefined) return dueText(entry);
  const head = `${entry.scenario} @ ${entry.occurrence.local}`;
  switch (entry.outcome) {
    case 'passed':
      return `${head}: passed${entry.runDir ? ` (${entry.runDir})` : ''}`;
    case 'failed':
      return `${head}: FAILED, exit ${entry.exitCode}${entry.runDir ? ` (${entry.runDir})` : ''}`;
    case 'aws-error':
      return `${head}: AWS error, exit 3${entry.runDir ? ` (${entry.runDir})` : ''}`;
    case 'stop-unconfirmed':
      return `${head}: STOP NOT CONFIRMED, exit 4 — the experiment may still be running; see \`gameday abort\`${entry.runDir ? ` (${entry.runDir})` : ''}`;
    case 'interrupted':
      return `${head}: interrupted`;
    case 'window-passed':
      return `${head}: not started, its window closed at ${entry.windowEndsAt} while earlier game days ran`;
    case 'not-started':
      return `${head}: not started (interrupted before it)`;
  }
}

function dueText(entry: DueEntry): string {
  const head = `${entry.scenario} @ ${entry.occurrence.local}`;
  switch (entry.state) {
    case 'due':
      return `${head}: DUE (until ${entry.windowEndsAt})`;
    case 'blackout':
      return `${head}: skipped, blackout ${entry.occurrence.blackout!.from} → ${entry.occurrence.blackout!.to}${entry.occurrence.blackout!.reason ? ` (${entry.occurrence.blackout!.reason})` : ''}`;
    case 'already-run':
      return `${head}: already run (${entry.runDir})`;
    case 'claimed':
      return `${head}: claimed by ${entry.claimedBy}`;
  }
}

function occurrenceText(o: Occurrence): string {
  const when = `${o.local}  (${o.at})`;
  return o.blackout ? `${when}  SKIPPED: blackout ${o.blackout.from} → ${o.blackout.to}${o.blackout.reason ? ` (${o.blackout.reason})` : ''}` : when;
}

type Reported = { message: string }[];

function withProblems(lines: string[], { problems, warnings }: { problems: Reported; warnings: Reported }): string {
  const indented = (list: Reported) => list.map((p) => `  ${p.message.replace(/\n/g, '\n  ')}`);
  if (problems.length > 0) lines.push('Problems (scheduled, cannot run):', ...indented(problems));
  if (warnings.length > 0) lines.push('Warnings (not scheduled, not run):', ...indented(warnings));
  return `${lines.join('\n')}\n`;
}

/** What the live check saw, or that it was skipped and why. */
function liveCheckText(live: LiveCheck): string[] {
  if (live.skipped !== undefined) return [`  live check skipped: ${live.skipped}`];
  return [
    ...live.safetyLevers.map((l) => `  live check: FIS safety lever ${l.id} in ${l.region} is ${l.status}${l.reason ? ` (${l.reason})` : ''}`),
    ...live.practiceRuns.map((r) => `  live check: ARC ${r.name ?? r.arn} (${r.scenarios.join(', ')}): ${practiceRunText(r.practiceRunConfiguration)}`),
    ...live.failed.map((f) => `  live check failed in ${f.region}: ${f.message}`),
  ];
}

function practiceRunText(config: LiveCheck['practiceRuns'][number]['practiceRunConfiguration']): string {
  if (!config) return 'no practice-run configuration (ARC starts no practice runs on it)';
  const parts = [
    config.blockedWindows.length > 0 ? `blocked ${config.blockedWindows.join(' ')}` : undefined,
    config.blockedDates.length > 0 ? `blocked dates ${config.blockedDates.join(' ')}` : undefined,
    config.allowedWindows.length > 0 ? `allowed only ${config.allowedWindows.join(' ')}` : undefined,
  ].filter((p): p is string => p !== undefined);
  return `practice runs weekly, ${parts.length > 0 ? parts.join('; ') : 'at any time (nothing blocked)'} (UTC)`;
}
