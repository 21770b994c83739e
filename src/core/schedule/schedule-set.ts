import { GamedayError } from '../errors.js';
import type { LoadedScenario } from '../scenario/types.js';
import { compileSchedule, type ScheduledScenario } from './scheduled-scenario.js';

/** What loading one file gave: the scenario, or its problems (core/scenario/load.ts `loadScenarioFile`). */
export type ScenarioLoadOutcome =
  | { ok: true; loaded: LoadedScenario }
  | {
      ok: false;
      diagnostics: { severity: string; code: string; message: string; line?: number; col?: number }[];
      /** Whether the broken file still has spec.schedule (declares-schedule.ts); unknown counts as yes. */
      declaresSchedule?: boolean;
    };

export type ScenarioLoader = (file: string) => Promise<ScenarioLoadOutcome>;

export interface ScheduleSet {
  scheduled: ScheduledScenario[];
  /** Valid scenarios without spec.schedule. */
  unscheduled: string[];
  /** Scheduled files that cannot be used, each with what is wrong (file:line:col: message): errors. */
  problems: { file: string; message: string }[];
  /** Invalid files without spec.schedule: no game day of theirs is due, so only a warning. */
  warnings: { file: string; message: string }[];
}

/**
 * Loads every scenario file and compiles its schedule. A broken file is reported, not fatal, so one
 * bad scenario does not stop every other team's game day; a broken file that is not scheduled is
 * only a warning. Files of another kind (sandbox worlds
 * under scenarios/worlds/) are skipped silently. Two files with the same metadata.name are a
 * problem: reports, claims and already-run detection are keyed by that name.
 */
export async function loadScheduleSet(files: readonly string[], load: ScenarioLoader): Promise<ScheduleSet> {
  const set: ScheduleSet = { scheduled: [], unscheduled: [], problems: [], warnings: [] };
  const byName = new Map<string, string>();
  for (const file of files) {
    const outcome = await load(file);
    if (!outcome.ok) {
      if (outcome.diagnostics.some((d) => d.code === 'NOT_A_SCENARIO')) continue;
      const errors = outcome.diagnostics.filter((d) => d.severity === 'error');
      (outcome.declaresSchedule === false ? set.warnings : set.problems).push({ file, message: errors.map((d) => `${file}${d.line ? `:${d.line}:${d.col ?? 1}` : ''}: ${d.message}`).join('\n') || `${file}: not a valid scenario` });
      continue;
    }
    let schedule: ScheduledScenario | undefined;
    try {
      schedule = compileSchedule(outcome.loaded);
    } catch (error) {
      if (!GamedayError.is(error)) throw error;
      set.problems.push({ file, message: error.message });
      continue;
    }
    if (!schedule) {
      set.unscheduled.push(file);
      continue;
    }
    const other = byName.get(schedule.name);
    if (other !== undefined) {
      set.problems.push({ file, message: `${file}: metadata.name "${schedule.name}" is also the name of ${other}; scheduled scenarios need distinct names` });
      continue;
    }
    byName.set(schedule.name, file);
    set.scheduled.push(schedule);
  }
  return set;
}
