import { isAbsolute, relative, resolve, sep } from 'node:path';
import { stringify } from 'yaml';
import { jsonText } from '../control-characters.js';
import { isoDuration } from '../duration.js';
import { GamedayError } from '../errors.js';
import { AwsCronError, toAwsCron } from './aws-cron.js';
import { dueEntries, type DueEntry } from './due.js';
import { eventBridgeTemplate } from './eventbridge-template.js';
import { icsEvents, renderIcs } from './ics.js';
import { nextOccurrences, type Occurrence } from './occurrences.js';
import { liveRefusal, type LiveCheck } from './live-check.js';
import { practiceRunBlackout } from './practice-run-conflicts.js';
import type { PracticeRunWindows } from './practice-run-windows.js';
import type { ScheduledScenario } from './scheduled-scenario.js';
import { readPriorRuns } from './prior-runs.js';
import { runDueGameDays, type RunDueOptions, type RunDueResult } from './run-due.js';
import { loadScheduleSet, type ScenarioLoader, type ScheduleSet } from './schedule-set.js';

/** The schedule commands, one function each: the CLI parses flags, calls one of these, prints. */
export interface ScenarioSources {
  /** Files, directories and globs → scenario files (core/scenario/discover.ts). */
  expand(paths: string[]): Promise<string[]>;
  load: ScenarioLoader;
}

type Problems = ScheduleSet['problems'];
type Warnings = ScheduleSet['warnings'];

export interface ListedSchedule {
  scenario: string;
  file: string;
  cron: string;
  timezone: string;
  window: string;
  blackouts: { from: string; to: string; reason?: string }[];
  /** as written in spec.schedule (UTC), present when given */
  blockedWindows?: string[];
  blockedDates?: string[];
  allowedWindows?: string[];
  /** the live check saw its region's FIS safety lever engaged (or a shift active on a resource it touches): nothing of it starts meanwhile */
  refused?: string;
  next: Occurrence[];
}

export interface ScheduleListing {
  now: string;
  live: LiveCheck;
  schedules: ListedSchedule[];
  unscheduled: string[];
  problems: Problems;
  warnings: Warnings;
}

export async function listSchedules(paths: string[], sources: ScenarioSources, options: { now: Date; count: number; live: LiveChecker }): Promise<ScheduleListing> {
  const set = await loadScheduleSet(await sources.expand(paths), sources.load);
  const live = await options.live(set.scheduled);
  return {
    now: options.now.toISOString(),
    live,
    schedules: set.scheduled.map((s) => ({
      scenario: s.name,
      file: s.file,
      cron: s.cron,
      timezone: s.timeZone,
      window: isoDuration(s.windowSeconds),
      blackouts: s.blackouts.map((b) => ({ from: b.from, to: b.to, ...(b.reason !== undefined ? { reason: b.reason } : {}) })),
      ...practiceRunListing(s.practiceRunWindows),
      ...(liveRefusal(live, s) !== undefined ? { refused: liveRefusal(live, s)! } : {}),
      next: nextOccurrences(s, options.now, options.count).map((o) => (o.blackout ? o : withBlackout(o, practiceRunBlackout(live.practiceRuns, s, new Date(o.at))))),
    })),
    unscheduled: set.unscheduled,
    problems: set.problems,
    warnings: set.warnings,
  };
}

export interface DueListing {
  now: string;
  reportsDir: string;
  entries: DueEntry[];
  live: LiveCheck;
  problems: Problems;
  warnings: Warnings;
}

/** Reads what the schedule must see of the accounts before deciding (FIS safety levers), or says why it is skipped. */
export type LiveChecker = (schedules: readonly ScheduledScenario[]) => Promise<LiveCheck>;

export async function listDue(paths: string[], sources: ScenarioSources, options: { now: Date; reportsDir: string; live: LiveChecker }): Promise<DueListing> {
  const set = await loadScheduleSet(await sources.expand(paths), sources.load);
  const prior = await readPriorRuns(options.reportsDir, set.scheduled.map((s) => s.name));
  const live = await options.live(set.scheduled);
  return { now: options.now.toISOString(), reportsDir: options.reportsDir, entries: dueEntries(set.scheduled, options.now, prior, live), live, problems: set.problems, warnings: set.warnings };
}

export type RunDueReport = Omit<RunDueResult, 'exitCode'> & {
  /** What happened to the game days that were due (130, 3, 1, else 0); 2 when none of that but a scheduled scenario is invalid. */
  exitCode: RunDueResult['exitCode'] | 2;
  live: LiveCheck;
  problems: Problems;
  warnings: Warnings;
};

export async function runDue(paths: string[], sources: ScenarioSources, options: Omit<RunDueOptions, 'live'> & { live: LiveChecker }): Promise<RunDueReport> {
  const set = await loadScheduleSet(await sources.expand(paths), sources.load);
  const live = await options.live(set.scheduled);
  const result = await runDueGameDays(set.scheduled, { ...options, live });
  const exitCode = result.exitCode === 0 && set.problems.length > 0 ? 2 : result.exitCode;
  return { ...result, exitCode, live, problems: set.problems, warnings: set.warnings };
}

export interface CalendarExport {
  format: 'ics';
  from: string;
  to: string;
  events: number;
  text: string;
}

export async function exportIcs(paths: string[], sources: ScenarioSources, options: { from: Date; days: number; stamp: Date }): Promise<CalendarExport> {
  const set = requireAll(await loadScheduleSet(await sources.expand(paths), sources.load));
  const to = new Date(options.from.getTime() + options.days * 86_400_000);
  const window = { from: options.from, to, stamp: options.stamp };
  return { format: 'ics', from: options.from.toISOString(), to: to.toISOString(), events: icsEvents(set.scheduled, window).length, text: renderIcs(set.scheduled, window) };
}

export interface TemplateExport {
  format: 'cloudformation';
  schedules: { scenario: string; scheduleExpression: string; timezone: string }[];
  text: string;
}

/**
 * `cwd`: the repository root, which is the container's working directory; the task's command
 * names each scenario relative to it.
 */
export async function exportEventBridge(paths: string[], sources: ScenarioSources, options: { json: boolean; cwd: string }): Promise<TemplateExport> {
  const set = requireAll(await loadScheduleSet(await sources.expand(paths), sources.load));
  const schedules = set.scheduled.map((s) => {
    try {
      return { scenario: s.name, scheduleExpression: toAwsCron(s.cron), timezone: s.timeZone };
    } catch (error) {
      if (!(error instanceof AwsCronError)) throw error;
      throw new GamedayError('SCENARIO_INVALID', `${s.file}: spec.schedule.cron: ${error.message}`, {
        hint: 'EventBridge cron takes either a day of the month or a day of the week; split the scenario or pick one',
      });
    }
  });
  const inImage = set.scheduled.map((s) => {
    const file = relative(options.cwd, resolve(options.cwd, s.file)).split(sep).join('/');
    if (file.startsWith('../') || isAbsolute(file)) {
      throw new GamedayError('USAGE', `${s.file}: outside ${options.cwd}; the task runs scenarios by their path in the repository`, {
        hint: 'run the export from the repository root that the container image holds',
      });
    }
    return { ...s, file };
  });
  const template = eventBridgeTemplate(inImage);
  // Every string quoted: CloudFormation's YAML 1.1 parser would read 2010-09-09 and 2012-10-17 as dates.
  return { format: 'cloudformation', schedules, text: options.json ? `${jsonText(template, 2)}\n` : stringify(template, { lineWidth: 0, defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN' }) };
}

/** An export must be complete: a silently missing scenario would mean a game day nobody scheduled. */
function requireAll(set: ScheduleSet): ScheduleSet {
  if (set.problems.length > 0) {
    throw new GamedayError('SCENARIO_INVALID', `cannot export while scenarios are invalid:\n${set.problems.map((p) => `  ${p.message}`).join('\n')}`, {
      hint: 'fix them (see `gameday validate`) or pass only the scenarios to export',
    });
  }
  if (set.scheduled.length === 0) {
    throw new GamedayError('USAGE', 'no scheduled scenarios to export (none has spec.schedule)', { hint: 'add spec.schedule.cron to a scenario, or pass other paths' });
  }
  return set;
}

function practiceRunListing(windows: PracticeRunWindows): Pick<ListedSchedule, 'blockedWindows' | 'blockedDates' | 'allowedWindows'> {
  return {
    ...(windows.blockedWindows.length > 0 ? { blockedWindows: windows.blockedWindows.map((w) => w.text) } : {}),
    ...(windows.blockedDates.length > 0 ? { blockedDates: windows.blockedDates } : {}),
    ...(windows.allowedWindows.length > 0 ? { allowedWindows: windows.allowedWindows.map((w) => w.text) } : {}),
  };
}

function withBlackout(occurrence: Occurrence, blackout: Occurrence['blackout']): Occurrence {
  return blackout ? { ...occurrence, blackout } : occurrence;
}
