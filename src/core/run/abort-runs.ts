import type { AwsPorts } from '../../aws/ports.js';
import type { RunStarted } from '../journal/events.js';
import { journalPath } from '../journal/run-dir.js';
import { JournalWriter } from '../journal/writer.js';
import { GamedayError } from '../errors.js';
import { isNotFound } from '../../aws/call.js';
import { TAG_RUN } from './execute-run.js';
import type { RunHost } from './host.js';
import { ACTIVE_EXPERIMENT_STATES } from './preflight.js';
import { deleteRunAlarms, ownRunAlarms, runAlarmsLeft } from './run-alarms.js';
import { FINISHED_STATES, stopExperiment } from './stop-experiment.js';
import { readUnfinishedRun, findUnfinishedRuns, type UnfinishedRun, type UnreadableJournal } from './unfinished-runs.js';

export interface AbortedRun {
  runDir: string;
  runId: string;
  scenario: string;
  /** experiments found for the run, with the state each was left in */
  experiments: { id: string; before: string; after: string }[];
  templatesDeleted: string[];
  /** templates FIS would not delete: journalled (template-delete-failed), so abort finds the run again */
  templatesLeft: string[];
  /** the run's own alarms (the SLO's burn-rate stop condition) deleted once its experiments ended */
  alarmsDeleted: string[];
  notes: string[];
  /** false when something could not be stopped: the run stays unfinished so abort can be retried */
  closed: boolean;
  /** the run had already ended: abort only deleted the templates it left */
  cleanupOnly?: boolean;
}

export interface AbortDeps {
  /** AWS ports for a run (its region, and endpoint unless overridden). */
  portsFor(run: { region: string; endpoint?: string; mode?: RunStarted['mode'] }): AwsPorts;
  host: RunHost;
  wallClock?: () => Date;
  stopWaitMs?: number;
  pollMs?: number;
}

const message = (error: unknown): string => (GamedayError.is(error) ? error.message : String(error));

/** The unfinished runs to abort: one run directory, or every one under the reports directory. */
export async function selectRunsToAbort(target: { runDir?: string; all?: boolean; reportsDir: string }, onUnreadable?: (journal: UnreadableJournal) => void): Promise<UnfinishedRun[]> {
  if (target.runDir) {
    const run = await readUnfinishedRun(target.runDir);
    if (!run) throw new GamedayError('USAGE', `${target.runDir}: this run already ended (its journal has run-ended); nothing to abort`, { hint: 'list unfinished runs with `gameday abort --all`' });
    return [run];
  }
  if (!target.all) throw new GamedayError('USAGE', 'say which run to abort: a run directory, or --all', { hint: 'gameday abort reports/<scenario>/<run-id>   or   gameday abort --all' });
  return findUnfinishedRuns(target.reportsDir, undefined, onUnreadable);
}

/**
 * Aborts one unfinished run: finds its experiments (by the id in the journal, and by the gameday:run
 * tag in case the process died between StartExperiment and writing the id), stops them, deletes its
 * templates, and closes the journal with stop-requested(by: abort) and run-ended(aborted).
 */
export async function abortRun(run: UnfinishedRun, deps: AbortDeps): Promise<AbortedRun> {
  const wall = deps.wallClock ?? (() => new Date());
  const started = run.started;
  const outcome: AbortedRun = { runDir: run.runDir, runId: run.runId, scenario: run.scenario, experiments: [], templatesDeleted: [], templatesLeft: [], alarmsDeleted: [], notes: [], closed: false };
  const region = started?.region ?? started?.plan.target.region;
  if (run.templatesLeft && region) {
    // The run ended and nothing runs: only its templates are left, and its journal stays closed.
    await deleteTemplates(run, run.templatesLeft, portsOf(run, region, deps), outcome);
    return { ...outcome, closed: true, cleanupOnly: true };
  }
  if (!region) {
    outcome.notes.push('the journal has no run-started: nothing was started by this run');
  } else if (started?.mode === 'sandbox') {
    outcome.notes.push('the run used an embedded sandbox, which ended with its process: nothing is left running');
  } else {
    const ports = portsOf(run, region, deps);
    const ids = new Set(run.events.flatMap((e) => (e.type === 'experiment-started' ? [e.experimentId] : [])));
    const startIntent = run.events.some((e) => e.type === 'start-intent');
    if (startIntent || ids.size === 0) {
      for (const e of await ports.experiments.findByTag({ [TAG_RUN]: run.runId })) ids.add(e.id);
    }
    let failed = false;
    for (const id of ids) {
      let before = 'unknown';
      try {
        before = (await ports.experiments.get(id)).state;
      } catch (error) {
        if (isNotFound(error)) {
          outcome.notes.push(`experiment ${id} no longer exists`);
          continue;
        }
        outcome.notes.push(`could not read experiment ${id}: ${message(error)}`);
      }
      if (FINISHED_STATES.has(before)) {
        outcome.experiments.push({ id, before, after: before });
        continue;
      }
      const event = await stopExperiment(ports.experiments, id, {
        by: 'abort',
        reason: `gameday abort: the run's process is gone (${before === 'unknown' ? 'state unknown' : before})`,
        waitMs: deps.stopWaitMs ?? 60_000,
        pollMs: deps.pollMs ?? 500,
        wallClock: wall,
        onProblem: (operation, text) => deps.host.notify({ level: 'warn', code: 'ABORT_API_PROBLEM', message: `${operation}: ${text}` }),
      });
      const after = event.stoppedState ?? 'unknown';
      outcome.experiments.push({ id, before, after });
      if (!FINISHED_STATES.has(after)) failed = true;
      await append(run, { ...event });
    }
    const deleted = new Set(run.events.flatMap((e) => (e.type === 'template-deleted' ? [e.templateId] : [])));
    const templates = new Set(run.events.flatMap((e) => (e.type === 'template-created' ? [e.templateId] : [])));
    try {
      for (const t of await ports.experiments.listTemplatesByTag({ [TAG_RUN]: run.runId })) templates.add(t.id);
    } catch (error) {
      outcome.notes.push(`could not list templates: ${message(error)}`);
    }
    await deleteTemplates(run, [...templates].filter((id) => !deleted.has(id)), ports, outcome);
    if (failed) {
      outcome.notes.push('an experiment did not reach a finished state; the run stays unfinished — run abort again, or `aws fis stop-experiment --id <id>`');
      return outcome;
    }
    // Only now: while an experiment runs, its stop conditions must stay.
    await deleteOwnAlarms(run, ports, outcome);
  }
  if (outcome.experiments.length === 0) {
    await append(run, { type: 'stop-requested', by: 'abort', reason: outcome.notes[0] ?? 'no experiment was found for this run', requestedAt: wall().toISOString() });
  }
  await append(run, { type: 'run-ended', status: 'aborted', reason: 'gameday abort', ...(outcome.experiments[0] ? { experimentState: outcome.experiments[0].after } : {}) });
  outcome.closed = true;
  return outcome;
}

/** Deletes the alarms the run created and still owns, saying why any other is left. */
async function deleteOwnAlarms(run: UnfinishedRun, ports: AwsPorts, outcome: AbortedRun): Promise<void> {
  const left = runAlarmsLeft(run.events);
  let owned: { own: string[]; others: string[] };
  try {
    owned = await ownRunAlarms(left, run.runId, ports.metrics);
  } catch (error) {
    for (const alarm of left) outcome.notes.push(`could not read alarm ${alarm}: ${message(error)}; delete it with \`aws cloudwatch delete-alarms --alarm-names ${alarm}\` once no run of ${run.scenario} is under way`);
    return;
  }
  for (const alarm of owned.others) outcome.notes.push(`alarm ${alarm} is another run's now (a later run of ${run.scenario} put it again): left in place`);
  const kept = await deleteRunAlarms(owned.own, ports.metrics, (body) => append(run, body));
  outcome.alarmsDeleted.push(...owned.own.filter((a) => !kept.includes(a)));
  for (const alarm of kept) outcome.notes.push(`could not delete alarm ${alarm}: delete it with \`aws cloudwatch delete-alarms --alarm-names ${alarm}\``);
}

function portsOf(run: UnfinishedRun, region: string, deps: AbortDeps): AwsPorts {
  const started = run.started;
  return deps.portsFor({ region, ...(started?.endpoint ? { endpoint: started.endpoint } : {}), ...(started?.mode ? { mode: started.mode } : {}) });
}

/**
 * Deletes the run's templates, journalling each: template-deleted (also for one already gone), or
 * template-delete-failed, which keeps the run on abort's list until a later abort deletes it.
 */
async function deleteTemplates(run: UnfinishedRun, ids: string[], ports: AwsPorts, outcome: AbortedRun): Promise<void> {
  for (const id of ids) {
    try {
      await ports.experiments.deleteTemplate(id);
      outcome.templatesDeleted.push(id);
    } catch (error) {
      if (isNotFound(error)) {
        outcome.notes.push(`template ${id} no longer exists`);
      } else {
        outcome.templatesLeft.push(id);
        outcome.notes.push(`could not delete template ${id}: ${message(error)}; run abort again, or \`aws fis delete-experiment-template --id ${id}\``);
        await append(run, { type: 'template-delete-failed', templateId: id, message: message(error) });
        continue;
      }
    }
    await append(run, { type: 'template-deleted', templateId: id });
  }
}

async function append(run: UnfinishedRun, body: Parameters<JournalWriter['append']>[0]): Promise<void> {
  const lastSeq = run.events.reduce((max, e) => Math.max(max, e.seq), -1);
  const writer = await JournalWriter.open(journalPath(run.runDir), { startSeq: lastSeq + 1 });
  try {
    const event = await writer.append(body);
    run.events.push(event);
  } finally {
    await writer.close();
  }
}

export interface HaltedExperiment {
  id: string;
  runId: string;
  scenario?: string;
  before: string;
  after: string;
}

/** Stops every active experiment gameday tagged in this account and region, whatever started it. */
export async function haltAll(ports: AwsPorts, options: { stopWaitMs?: number; pollMs?: number; host: RunHost }): Promise<HaltedExperiment[]> {
  const active = (await ports.experiments.findByTag({ [TAG_RUN]: undefined })).filter((e) => ACTIVE_EXPERIMENT_STATES.has(e.state));
  return Promise.all(
    active.map(async (e) => {
      const event = await stopExperiment(ports.experiments, e.id, {
        by: 'halt',
        reason: 'gameday halt',
        waitMs: options.stopWaitMs ?? 60_000,
        pollMs: options.pollMs ?? 500,
        onProblem: (operation, text) => options.host.notify({ level: 'warn', code: 'HALT_API_PROBLEM', message: `${operation}: ${text}` }),
      });
      return { id: e.id, runId: e.tags[TAG_RUN] ?? '', ...(e.tags['gameday:scenario'] ? { scenario: e.tags['gameday:scenario'] } : {}), before: e.state, after: event.stoppedState ?? 'unknown' };
    }),
  );
}
