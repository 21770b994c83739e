import type { AwsPorts, ExperimentState } from '../../aws/ports.js';
import { approvalsFor, missingApprovals } from '../people/approvals.js';
import { facilitateRoom, lookFor } from './facilitation.js';
import { journalledRunbookLocation, type RunbookFound } from './runbook-location.js';
import type { Approval, JournalEvent, JournalEventBody, RunEnded, StopRequested, TargetsResolved } from '../journal/events.js';
import { dirname } from 'node:path';
import { readJournal } from '../journal/reader.js';
import { JournalWriter } from '../journal/writer.js';
import { journalPath, newRunId, runDirFor } from '../journal/run-dir.js';
import type { Plan } from '../plan/types.js';
import { GamedayError } from '../errors.js';
import { interruptReason, type Interrupts, type RunHost } from './host.js';
import { planSummary } from './plan-summary.js';
import { ACTIVE_EXPERIMENT_STATES, runPreflight } from './preflight.js';
import { captureResilienceHub } from './resilience-capture.js';
import { awaitExperimentReport, failureText, leverEnding, leverThatEnded } from './experiment-outcome.js';
import { inspectRestoration } from './inspect-restoration.js';
import { checkRestoration, restorationNeeds } from './restoration.js';
import { pollIntervalMs, type ServiceClock } from './service-clock.js';
import { FINISHED_STATES, stopConfirmed, stopExperiment } from './stop-experiment.js';
import { findUnfinishedRuns } from './unfinished-runs.js';
import { takeStartLock } from './start-lock.js';
import { deleteRunAlarms, putRunAlarms, runAlarms } from './run-alarms.js';
import { configureTargetAccounts } from './target-accounts.js';
import type { HeldLock } from '../schedule/lock.js';
import { realWaits, type Waits } from './waits.js';
import { ExperimentWatch, defaultBounds, type WatchBounds, type WatchOutcome } from './watch.js';

export interface RunRequest {
  plan: Plan;
  reportsDir: string;
  mode: 'aws' | 'sandbox' | 'endpoint';
  endpoint?: string;
  /** --region, when given: must match the plan's region */
  region?: string;
  yes: boolean;
  keepTemplate: boolean;
  gamedayVersion: string;
  scheduledFor?: string;
  /** `run --facilitated`: tell the room what to look for and take the reporter's marks from the terminal. */
  facilitated?: boolean;
  runbookLocation?: RunbookFound;
}

export interface RunDeps {
  ports: AwsPorts;
  clock: ServiceClock;
  host: RunHost;
  interrupts: Interrupts;
  wallClock?: () => Date;
  /** How to wait (default: real time; the embedded sandbox's event clock when there is one). */
  waits?: Waits;
  /** Overrides of the watch's bounds (tests); the rest come from the clock's speed. */
  bounds?: Partial<WatchBounds>;
}

export interface ExecutedRun {
  runId: string;
  runDir: string;
  scenario: string;
  status: RunEnded['status'];
  reason?: string;
  experimentId?: string;
  experimentState?: string;
  templateId?: string;
  templateDeleted: boolean;
  /** FIS's error when the template could not be deleted: it is left in the account until `gameday abort` deletes it. */
  templateDeleteFailed?: string;
  stops: StopRequested[];
  ending?: WatchOutcome['ending'];
  /**
   * Set when gameday asked FIS to stop the experiment and FIS never reported it finished within the
   * bound: the journal has no run-ended (abort finds the run) and the template is kept for abort.
   */
  unconfirmedStop?: { experimentId: string; lastState: string };
}

/** Tag keys gameday puts on its templates and experiments; abort and halt find them by these. */
export const TAG_SCENARIO = 'gameday:scenario';
export const TAG_RUN = 'gameday:run';
export const TAG_PLAN_HASH = 'gameday:plan-hash';

function refuse(message: string, hint: string): GamedayError {
  return new GamedayError('GUARD_REFUSED', message, { hint });
}

/**
 * Consent guards against injecting real faults by accident. An embedded sandbox (--sandbox) lives and
 * dies with this process and reaches nothing real, so it needs none; any endpoint might be AWS.
 */
function needsConsent(request: RunRequest): boolean {
  return !request.yes && request.mode !== 'sandbox';
}

/**
 * Guards that cost nothing and must hold before any AWS call: a person (or --yes) agrees, the region
 * matches, and no unfinished run of this scenario is waiting to be aborted.
 */
async function localGuards(request: RunRequest, host: RunHost): Promise<Approval[]> {
  const { plan } = request;
  if (needsConsent(request) && !host.interactive) {
    throw refuse(`refusing to run ${plan.scenario.name} without confirmation: this injects real faults`, 'add --yes to run without a terminal (CI, schedules)');
  }
  if (request.region && request.region !== plan.target.region) {
    throw refuse(`--region ${request.region} differs from the scenario's region ${plan.target.region}`, 'drop --region, or fix spec.target.region in the scenario');
  }
  await unfinishedGuard(request, (journal) =>
    host.notify({ level: 'warn', code: 'RUN_JOURNAL_UNREADABLE', message: `skipped an unreadable journal in ${journal.runDir}: ${journal.message}` }),
  );
  return approvalGuard(request);
}

async function unfinishedGuard(request: RunRequest, onUnreadable?: Parameters<typeof findUnfinishedRuns>[2]): Promise<void> {
  const { plan } = request;
  // A run that ended leaving only a template runs nothing: abort cleans it, it does not lock the scenario.
  const unfinished = (await findUnfinishedRuns(request.reportsDir, plan.scenario.name, onUnreadable)).filter((u) => !u.templatesLeft);
  if (unfinished.length) {
    throw new GamedayError('RUN_LOCKED', `an unfinished run of ${plan.scenario.name} is in ${unfinished.map((u) => u.runDir).join(', ')} (its journal has no run-ended)`, {
      hint: `if it is not running any more: gameday abort ${unfinished[0]!.runDir} (stops its experiment and closes its journal)`,
    });
  }
}

/** Faults in AWS wait for every approver the scenario names, of this exact plan; the sandbox needs none. */
async function approvalGuard(request: RunRequest): Promise<Approval[]> {
  const { plan } = request;
  const approvals = await approvalsFor(request.reportsDir, plan);
  const missing = request.mode === 'sandbox' ? [] : missingApprovals(plan, approvals);
  if (missing.length > 0) {
    throw new GamedayError('APPROVAL_MISSING', `refusing to run ${plan.scenario.name} against AWS: plan ${plan.hash.slice(0, 12)} is not approved by ${missing.join(', ')} (spec.gameDay.approvals)`, {
      hint: `each approver runs: gameday approve ${plan.scenario.file} --by <name>${approvals.length ? ` (approved so far: ${approvals.map((a) => a.by).join(', ')})` : ''}; a changed scenario needs new approvals`,
    });
  }
  return approvals;
}

/**
 * Executes one game day exactly as planned: guards, preflight, template, start (journalled first),
 * watch with its safety nets, recovery, Resilience Hub data, restoration, template cleanup. Every
 * observation goes to the journal as it happens. Returns how the run ended; judging and reports
 * are done by the caller from the journal.
 */
export async function executeRun(request: RunRequest, deps: RunDeps): Promise<ExecutedRun> {
  const { plan } = request;
  const { ports, clock, host, interrupts } = deps;
  const wall = deps.wallClock ?? (() => new Date());
  const pollMs = pollIntervalMs(clock.speed);
  const bounds: WatchBounds = { ...defaultBounds(pollMs), ...deps.bounds };

  let startLock: HeldLock | undefined;
  const releaseStartLock = async (): Promise<void> => {
    await startLock?.release();
    startLock = undefined;
  };
  try {
    return await guardedRun(request, deps, bounds, pollMs, wall, async () => void (startLock = await takeStartLock(request.reportsDir, plan.scenario.name)), releaseStartLock);
  } finally {
    await releaseStartLock();
  }
}

async function guardedRun(
  request: RunRequest,
  deps: RunDeps,
  bounds: WatchBounds,
  pollMs: number,
  wall: () => Date,
  takeLock: () => Promise<void>,
  releaseLock: () => Promise<void>,
): Promise<ExecutedRun> {
  const { plan } = request;
  const { ports, clock, host, interrupts } = deps;
  const approvals = await localGuards(request, host);
  const caller = await ports.identity.caller();
  if (caller.account !== plan.target.account) {
    throw refuse(`the credentials are for account ${caller.account}, the scenario targets account ${plan.target.account}: nothing was injected`, 'use credentials for the scenario’s account (--profile), or fix spec.target.account');
  }
  if (needsConsent(request) && host.interactive) {
    const ok = await host.confirm(
      `${planSummary(plan, { account: caller.account, region: plan.target.region, mode: request.mode, ...(request.endpoint ? { endpoint: request.endpoint } : {}) })}\nRun this game day now?`,
      interrupts.signal,
    );
    if (!ok && !interrupts.signal.aborted) throw refuse('not confirmed: nothing was injected', 'answer y to run, or pass --yes');
  }
  if (interrupts.signal.aborted) throw new GamedayError('INTERRUPTED', 'interrupted before anything was injected');
  // Checked again under the start lock, taken only now so a question left waiting holds nothing:
  // another run of this scenario may have started meanwhile, and only one may pass.
  await takeLock();
  await unfinishedGuard(request); // unreadable journals were named above

  const runId = newRunId(wall());
  const runDir = runDirFor(request.reportsDir, plan.scenario.name, runId);
  const writer = await JournalWriter.open(journalPath(runDir), { wallClock: wall });
  const waits = deps.waits ?? realWaits;
  const journal = async (body: JournalEventBody): Promise<JournalEvent> => {
    const event = await waits.hold(() => writer.append(body));
    host.journal(event);
    return event;
  };
  interrupts.describe({ runDir, region: plan.target.region, ...(request.endpoint ? { endpoint: request.endpoint } : {}) });
  const result: ExecutedRun = { runId, runDir, scenario: plan.scenario.name, status: 'failed', templateDeleted: false, stops: [] };
  const end = async (status: RunEnded['status'], reason: string | undefined, experimentState?: string): Promise<void> => {
    result.status = status;
    if (reason) result.reason = reason;
    if (experimentState) result.experimentState = experimentState;
    await journal({ type: 'run-ended', status, ...(reason ? { reason } : {}), ...(experimentState ? { experimentState } : {}) });
  };

  try {
    await journal({
      type: 'run-started',
      runId,
      gamedayVersion: request.gamedayVersion,
      plan,
      mode: request.mode,
      ...(request.endpoint ? { endpoint: request.endpoint } : {}),
      account: caller.account,
      ...(caller.sandboxWorld ? { sandboxWorld: caller.sandboxWorld } : {}),
      region: plan.target.region,
      runDir,
      pid: process.pid,
      ...(request.scheduledFor ? { scheduledFor: request.scheduledFor } : {}),
      ...(approvals.length ? { approvals } : {}),
      ...(request.facilitated ? { facilitated: true } : {}),
      ...(request.runbookLocation ? { runbookLocation: journalledRunbookLocation(request.runbookLocation, runDir) } : {}),
    });
    // From here the unfinished journal keeps other runs of this scenario out.
    await releaseLock();

    // An alarm is evaluated once a period: allow one 60 s period plus margin (service time) for fresh ones.
    const preflight = await runPreflight(plan, ports, () => clock.now(), { caller, insufficientDataWaitMs: 70_000 / clock.speed, pollMs, waits });
    await journal(preflight);
    if (!preflight.ok) {
      const failed = preflight.checks.filter((c) => !c.ok);
      const listed = failed.map((c) => `  ✗ ${c.id}: ${c.message}${c.fix ? `\n      fix: ${c.fix}` : ''}`).join('\n');
      // An outage is not a finding about the application: exit 3, as for any AWS error.
      if (failed.every((c) => c.awsError)) {
        const code = failed.some((c) => c.awsError === 'AWS_UNREACHABLE') ? 'AWS_UNREACHABLE' : 'AWS_ERROR';
        await end('refused', `preflight could not be checked, AWS failed: ${failed.map((c) => c.id).join(', ')}`);
        throw new GamedayError(code, `preflight could not be checked, AWS ${code === 'AWS_UNREACHABLE' ? 'did not answer' : 'failed'}; nothing was injected:\n${listed}`, {
          hint: `retry once the service answers (journal: ${journalPath(runDir)})`,
          details: preflight,
        });
      }
      await end('refused', `preflight failed: ${failed.map((c) => c.id).join(', ')}`);
      throw new GamedayError('PREFLIGHT_FAILED', `preflight failed, nothing was injected:\n${listed}`, {
        hint: `journal: ${journalPath(runDir)}`,
        details: preflight,
      });
    }
    if (interrupts.signal.aborted) {
      await end('interrupted', 'interrupted before anything was injected');
      return result;
    }

    // The local lock covers one reports directory; FIS covers every machine sharing the account.
    const active = (await ports.experiments.findByTag({ [TAG_SCENARIO]: plan.scenario.name })).filter((e) => ACTIVE_EXPERIMENT_STATES.has(e.state));
    if (active.length) {
      const which = active.map((e) => `${e.id} (${e.state}${e.tags[TAG_RUN] ? `, run ${e.tags[TAG_RUN]}` : ''})`).join(', ');
      await end('refused', `FIS already runs an experiment of this scenario: ${which}`);
      throw new GamedayError('RUN_LOCKED', `FIS already runs an experiment tagged ${TAG_SCENARIO}=${plan.scenario.name}: ${which}; nothing was injected`, {
        hint: `another gameday run (perhaps on another machine) is playing this scenario: wait for it to end, or stop it with gameday halt --region ${plan.target.region}`,
      });
    }
    // The template's stop conditions name the run's own alarms: they exist before it does, and go after it.
    const alarms = runAlarms(plan, runId, { [TAG_SCENARIO]: plan.scenario.name, [TAG_RUN]: runId });
    const created: string[] = [];
    let ending: RunEnding;
    try {
      await putRunAlarms(alarms, ports.metrics, journal, created);
      ending = await templateAndRun(request, deps, { runId, runDir, journal, result, bounds });
    } finally {
      // While the experiment may still run, its stop conditions stay: abort deletes them once the stop is
      // confirmed. A template kept (--keep-template) keeps them too: FIS starts no template whose alarm is gone.
      if (!result.unconfirmedStop && !request.keepTemplate) await deleteRunAlarms(created, ports.metrics, journal);
    }
    if (result.unconfirmedStop) {
      result.status = ending.status;
      if (ending.reason) result.reason = ending.reason;
      result.experimentState = result.unconfirmedStop.lastState;
      return result;
    }
    await end(ending.status, ending.reason, ending.experimentState);
    return result;
  } catch (error) {
    if (!(GamedayError.is(error) && error.code === 'PREFLIGHT_FAILED') && result.status === 'failed' && !result.unconfirmedStop && !(await hasEnded(writer))) {
      await end('failed', GamedayError.is(error) ? error.message : String(error)).catch(() => undefined);
    }
    throw error;
  } finally {
    await writer.close();
  }
}

/** Creates the template, starts and watches the experiment, and deletes the template unless the stop is unconfirmed. */
async function templateAndRun(request: RunRequest, deps: RunDeps, ctx: Omit<StartContext, 'templateId'>): Promise<RunEnding> {
  const { plan } = request;
  const { ports, interrupts } = deps;
  const { runId, journal, result } = ctx;
  const template = await ports.experiments.createTemplate({ ...plan.template, tags: { ...plan.template.tags, [TAG_SCENARIO]: plan.scenario.name, [TAG_RUN]: runId, [TAG_PLAN_HASH]: plan.hash } }, runId);
  result.templateId = template.id;
  await journal({ type: 'template-created', templateId: template.id });
  let ending: RunEnding;
  try {
    // Inside the try: a configuration FIS refuses still leaves no template behind.
    const configured = await configureTargetAccounts(ports.experiments, plan, template.id, runId);
    if (configured) await journal(configured);
    ending = interrupts.signal.aborted
      ? { status: 'interrupted', reason: 'interrupted before anything was injected' }
      : await startAndWatch(request, deps, { ...ctx, templateId: template.id });
  } finally {
    // While the experiment may still run, its template stays: abort deletes it once the stop is confirmed.
    if (!request.keepTemplate && !result.unconfirmedStop) {
      try {
        await ports.experiments.deleteTemplate(template.id);
        result.templateDeleted = true;
        await journal({ type: 'template-deleted', templateId: template.id });
      } catch (error) {
        result.templateDeleteFailed = GamedayError.is(error) ? error.message : String(error);
        await journal({ type: 'template-delete-failed', templateId: template.id, message: result.templateDeleteFailed });
      }
    }
  }
  return ending;
}

async function hasEnded(writer: JournalWriter): Promise<boolean> {
  const { events } = await readJournal(dirname(writer.path));
  return events.some((e) => e.type === 'run-ended');
}

interface StartContext {
  runId: string;
  runDir: string;
  templateId: string;
  journal: (body: JournalEventBody) => Promise<JournalEvent>;
  result: ExecutedRun;
  bounds: WatchBounds;
}

interface RunEnding {
  status: RunEnded['status'];
  reason?: string;
  experimentState?: string;
}

async function startAndWatch(request: RunRequest, deps: RunDeps, ctx: StartContext): Promise<RunEnding> {
  const { plan } = request;
  const { ports, clock, host, interrupts } = deps;
  const { runId, journal, result, bounds } = ctx;

  // The intent is on disk before the call: if gameday dies during StartExperiment, abort finds the
  // experiment by its gameday:run tag even though its id never reached the journal.
  const watch = new ExperimentWatch({ plan, ports, clock, host, interrupts, journal, since: clock.now(), bounds, ...(deps.wallClock ? { wallClock: deps.wallClock } : {}), ...(deps.waits ? { waits: deps.waits } : {}) });
  await watch.baseline();
  if (interrupts.signal.aborted) return { status: 'interrupted', reason: 'interrupted before anything was injected' };
  if (request.facilitated) host.notify({ level: 'info', code: 'RUN_FACILITATION', message: lookFor(plan, ctx.runDir).join('\n') });
  await journal({ type: 'start-intent', templateId: ctx.templateId, clientToken: runId });
  let started: ExperimentState;
  try {
    started = await ports.experiments.start({ templateId: ctx.templateId, clientToken: runId, tags: { [TAG_RUN]: runId, [TAG_SCENARIO]: plan.scenario.name } });
  } catch (error) {
    // The answer may have been lost after FIS started it: look before giving up.
    const found = await ports.experiments.findByTag({ [TAG_RUN]: runId }).catch(() => []);
    if (!found[0]) throw error;
    started = await ports.experiments.get(found[0].id);
  }
  result.experimentId = started.id;
  interrupts.describe({ runDir: ctx.runDir, experimentId: started.id, region: plan.target.region, ...(request.endpoint ? { endpoint: request.endpoint } : {}) });
  await journal({ type: 'experiment-started', experimentId: started.id, ...(started.startTime ? { startTime: started.startTime.toISOString() } : {}) });
  host.notify({
    level: 'info',
    code: 'RUN_STARTED',
    message: `experiment ${started.id} started; journal in ${ctx.runDir}; Ctrl-C (or SIGTERM) stops the experiment before exiting`,
    data: { experimentId: started.id, runDir: ctx.runDir },
  });

  watch.attach(started);
  const stopListening = request.facilitated ? facilitateRoom(plan, host, journal, clock) : () => undefined;
  let outcome: WatchOutcome;
  try {
    outcome = await watch.run();
  } catch (error) {
    stopListening();
    // Never leave a fault running because gameday itself failed: stop first, then report the error.
    const event = await stopExperiment(ports.experiments, started.id, {
      by: 'lost-contact',
      reason: `gameday could not go on watching (${GamedayError.is(error) ? error.message : String(error)}); stopping the experiment`,
      waitMs: bounds.stopWaitMs,
      pollMs: bounds.pollMs,
      ...(deps.waits ? { waits: deps.waits } : {}),
    });
    result.stops.push(event);
    await journal(event).catch(() => undefined);
    if (!stopConfirmed(event)) unconfirmed(result, started.id, event.stoppedState, host);
    throw error;
  }
  stopListening();
  result.stops = outcome.stops;
  result.ending = outcome.ending;
  let experiment = outcome.experiment;

  if (experiment && !FINISHED_STATES.has(experiment.state) && !outcome.interrupted) {
    // Never leave it running: whatever ended the watch, the experiment ends with it.
    const event = await stopExperiment(ports.experiments, started.id, { by: 'lost-contact', reason: 'the watch ended while the experiment was still active', waitMs: bounds.stopWaitMs, pollMs: bounds.pollMs, ...(deps.waits ? { waits: deps.waits } : {}) });
    result.stops.push(event);
    await journal(event);
    experiment = await ports.experiments.get(started.id).catch(() => experiment);
  }
  const lastStop = result.stops.at(-1);
  if (lastStop && stopConfirmed(lastStop) && experiment && !FINISHED_STATES.has(experiment.state)) experiment = { ...experiment, state: lastStop.stoppedState! };
  if (!experiment || !FINISHED_STATES.has(experiment.state)) {
    // Nothing more is observed or judged while the fault may still be injecting: the run stays open.
    unconfirmed(result, started.id, result.stops.findLast((s) => s.stoppedState)?.stoppedState ?? experiment?.state, host);
    return { status: outcome.interrupted ? 'interrupted' : 'stopped', reason: `FIS did not confirm that experiment ${started.id} ended (last reported ${result.unconfirmedStop!.lastState})` };
  }

  const lever = result.stops.length ? undefined : await leverThatEnded(ports.experiments, experiment);
  if (lever) await journal(lever);
  const targets = await readTargets(ctx.runDir);
  if (!outcome.interrupted) {
    await journal(await captureResilienceHub(plan, ports));
  }
  const inspected = await inspectRestoration(restorationNeeds(plan, targets), ports, { clock, signal: interrupts.signal, ...(deps.waits ? { waits: deps.waits } : {}) });
  await journal(checkRestoration(plan, experiment, targets, inspected));
  const report = await awaitExperimentReport(plan, ports.experiments, experiment, { clock, waits: deps.waits ?? realWaits, pollMs: bounds.pollMs, signal: interrupts.signal });
  if (report) await journal(report);

  const state = experiment?.state;
  const ending = (status: RunEnded['status'], reason?: string): RunEnding => ({ status, ...(reason ? { reason } : {}), ...(state ? { experimentState: state } : {}) });
  if (outcome.interrupted) return ending('interrupted', `${interruptReason(interrupts.signal)}; FIS reported the experiment ${state}`);
  if (result.stops.length) return ending('stopped', result.stops.map((s) => `${s.by}: ${s.reason}`).join('; '));
  if (lever) return ending('stopped', leverEnding(lever));
  if (state === 'stopped') return ending('stopped', experiment?.reason ?? 'FIS stopped the experiment');
  if (state === 'failed' || state === 'cancelled') return ending('failed', failureText(experiment));
  return ending('completed', outcome.ending === 'watch-expired' ? 'steady state did not return within the recovery watch' : undefined);
}

function unconfirmed(result: ExecutedRun, experimentId: string, lastState: string | undefined, host: RunHost): void {
  result.unconfirmedStop = { experimentId, lastState: lastState ?? 'unknown' };
  host.notify({
    level: 'error',
    code: 'RUN_STOP_UNCONFIRMED',
    message: `FIS did not confirm that experiment ${experimentId} ended (last reported ${result.unconfirmedStop.lastState}); the run stays unfinished`,
    data: { experimentId, lastState: result.unconfirmedStop.lastState },
  });
}

async function readTargets(runDir: string): Promise<TargetsResolved['targets']> {
  const { events } = await readJournal(runDir);
  return events.filter((e): e is JournalEvent & TargetsResolved => e.type === 'targets-resolved').flatMap((e) => e.targets);
}
