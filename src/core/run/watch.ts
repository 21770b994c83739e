import { SloSampler } from './slo-sampler.js';
import { sampleDetectionEvidence } from './detection-evidence-sampler.js';
import { sloBurnProbe } from '../plan/slo.js';
import { probePeriodSeconds } from '../plan/probes.js';
import { metricQuery, probeQueries, readsOverTime } from './metric-data-queries.js';
import { sharedMetricReads } from './shared-metric-reads.js';
import type { AlarmInfo, AwsPorts, ExperimentState, Metrics } from '../../aws/ports.js';
import type { AlarmObserved, JournalEventBody, ObservationGap, StopRequested } from '../journal/events.js';
import type { Plan, PlannedProbe } from '../plan/types.js';
import { GamedayError } from '../errors.js';
import { interruptReason, type Interrupts, type RunHost } from './host.js';
import { alarmNameOf, planAlarmNames } from './preflight.js';
import type { ServiceClock } from './service-clock.js';
import { realWaits, type Waits } from './waits.js';
import { SteadyStateTracker, meetsThreshold } from './steady-state.js';
import { FINISHED_STATES, stopExperiment } from './stop-experiment.js';

/** Bounds of the safety nets, in service seconds unless said otherwise. */
export interface WatchBounds {
  /** Real ms between polls (pollIntervalMs(speed)). */
  pollMs: number;
  /** Polls gameday waits for FIS to act on a stop-condition alarm before stopping the experiment itself. */
  stopConditionGracePolls: number;
  /** Real ms without a successful GetExperiment before the experiment is stopped for lost contact. */
  lostContactMs: number;
  /** Real ms to wait for a requested stop to finish. */
  stopWaitMs: number;
  /** The same after a signal: shorter, so a person sees the outcome soon; unconfirmed, the run stays open for abort. */
  signalStopWaitMs: number;
  /**
   * Service seconds between reads of the metric probes' and the SLO's periods while the experiment
   * runs (0: each period as it completes). Nothing the watch decides then reads a metric — the stop
   * conditions, the SLO's burn-rate limit included, are FIS's alarms — so only a person following the
   * journal live, or an abort after a crash, would miss the periods not read yet.
   */
  activeReadSeconds: number;
}

/** Dead-man's switch: still running this long past the planned fault time → stop. */
export function deadManSeconds(faultSeconds: number): number {
  return faultSeconds + Math.max(faultSeconds * 0.5, 300);
}

export function defaultBounds(pollMs: number): WatchBounds {
  return {
    pollMs,
    stopConditionGracePolls: 2,
    lostContactMs: Math.max(30 * pollMs, 20_000),
    stopWaitMs: Math.max(120 * pollMs, 60_000),
    signalStopWaitMs: 10_000,
    activeReadSeconds: 0,
  };
}

export interface WatchOutcome {
  experiment: ExperimentState | undefined;
  stops: StopRequested[];
  interrupted: boolean;
  faultEnd?: Date;
  /** recovered: steady state held for settle after the fault; expired: watch window ran out; interrupted */
  ending: 'recovered' | 'watch-expired' | 'interrupted' | 'lost-contact';
}

interface WatchInput {
  plan: Plan;
  ports: AwsPorts;
  clock: ServiceClock;
  host: RunHost;
  interrupts: Interrupts;
  journal: (body: JournalEventBody) => Promise<unknown>;
  /** service time the watch starts looking from (metric windows, history) */
  since: Date;
  bounds: WatchBounds;
  wallClock?: () => Date;
  /** how to wait (default: real time); its clock measures the bounds */
  waits?: Waits;
}

type AlarmRole = AlarmObserved['role'][number];
type AlarmTransition = { state: AlarmInfo['state']; at: Date; reason?: string };
/** What one observation saw, journalled once the observations asked alongside it recorded theirs. */
type Recorder = () => Promise<void>;
const nothingToRecord: Recorder = async () => undefined;

function rolesOf(plan: Plan): Map<string, AlarmRole[]> {
  const roles = new Map<string, AlarmRole[]>();
  const add = (name: string, role: AlarmRole): void => {
    const list = roles.get(name) ?? [];
    if (!list.includes(role)) list.push(role);
    roles.set(name, list);
  };
  for (const s of plan.stopConditions) add(alarmNameOf(s.alarm), 'stop-condition');
  if (plan.slo?.stopAlarm) add(plan.slo.stopAlarm.name, 'stop-condition');
  for (const p of plan.probes) if (p.kind === 'alarm' && p.alarm) add(alarmNameOf(p.alarm), 'steady-state');
  for (const d of plan.detection) add(alarmNameOf(d.alarm), 'detection');
  return roles;
}

function sameActions(a: ExperimentState, b: ExperimentState | undefined): boolean {
  if (!b || a.state !== b.state || a.reason !== b.reason || JSON.stringify(a.error) !== JSON.stringify(b.error)) return false;
  const names = new Set([...Object.keys(a.actions), ...Object.keys(b.actions)]);
  for (const name of names) {
    const x = a.actions[name];
    const y = b.actions[name];
    if (!x || !y || x.state !== y.state || x.startTime?.getTime() !== y.startTime?.getTime() || x.endTime?.getTime() !== y.endTime?.getTime()) return false;
  }
  return true;
}

function iso(date: Date | undefined): string | undefined {
  return date ? date.toISOString() : undefined;
}

/** Far enough ahead that an endpoint whose clock runs ahead of ours still answers with everything. */
const FUTURE_MS = 24 * 3600 * 1000;

/**
 * Watches a started experiment until the fault is over and the system recovered (or the watch window
 * ran out), journalling every change with the service's timestamps, and stopping the experiment
 * when a safety net says so: a stop-condition alarm FIS has not acted on, the dead-man's switch,
 * lost contact, or a signal.
 */
export class ExperimentWatch {
  private readonly roles: Map<string, AlarmRole[]>;
  private readonly alarmNames: string[];
  private readonly known = new Map<string, { state: string; updated: number }>();
  private readonly lastSample = new Map<string, number>();
  /** The latest period boundary any metric probe had passed at the last successful GetMetricData. */
  private metricsBoundary: number | undefined;
  /** Service ms before which a running experiment's metric periods are not read (bounds.activeReadSeconds). */
  private readsHeldUntil = -Infinity;
  private readonly tracker: SteadyStateTracker;
  private readonly wall: () => Date;
  private readonly waits: Waits;
  private experiment: ExperimentState | undefined;
  private experimentId = '';
  private lastContact: number;
  private contactProblem = false;
  /** A call failed since the last poll began: poll again after one interval, whatever the services say. */
  private failedSincePoll = false;
  /** The waits' state mark at the start of the last poll that read every experiment and alarm state without a failure. */
  private observedMark: string | undefined;
  /** Errors already journalled as an api-problem. */
  private readonly saidErrors = new WeakSet<object>();
  private targetsJournalled = false;
  private stopConditionSeenAt: { alarm: string; wall: number; service: Date } | undefined;
  private fisStopNoted = false;
  private readonly stops: StopRequested[] = [];
  private signalStop: Promise<void> | undefined;
  private readonly metricProbes: (PlannedProbe & { role: 'steady-state' | 'data-loss'; overTime: boolean })[];
  private readonly slo: SloSampler | undefined;
  /** The probes' and the SLO's reads of one poll, one GetMetricData when they ask for the same window. */
  private readonly pollReads: Metrics;
  /** Reads failing since `from` (service time), by what they feed: journalled as an observation-gap once they succeed again, or at the end. */
  private readonly blind = new Map<ObservationGap['reads'], { operation: string; from: Date; failures: number; message: string }>();

  constructor(private readonly input: WatchInput) {
    this.roles = rolesOf(input.plan);
    // The run's own stop condition (the SLO's burn-rate alarm) exists from just before the template.
    this.alarmNames = [...planAlarmNames(input.plan), ...(input.plan.slo?.stopAlarm ? [input.plan.slo.stopAlarm.name] : [])];
    this.tracker = new SteadyStateTracker(input.plan.probes);
    this.waits = input.waits ?? realWaits;
    const waits = this.waits;
    this.wall = input.wallClock ?? (() => new Date(waits.nowMs()));
    this.lastContact = this.wall().getTime();
    this.pollReads = sharedMetricReads(input.ports.metrics);
    this.slo = input.plan.slo ? new SloSampler(input.plan.slo, this.pollReads, input.since) : undefined;
    this.metricProbes = [
      ...input.plan.probes.filter((p) => p.kind === 'metric' && (p.metric || p.math) && p.threshold).map((p) => ({ ...p, role: 'steady-state' as const })),
      ...(input.plan.recovery.dataLoss?.metric ? [{ ...input.plan.recovery.dataLoss, role: 'data-loss' as const }] : []),
    ].map((p) => ({ ...p, overTime: readsOverTime(p) }));
  }

  /**
   * Journals every alarm's state before the experiment starts, so each later change is filled in
   * from the alarm history (a flip to ALARM and back between two polls is never missed).
   */
  async baseline(): Promise<void> {
    await (await this.observeAlarms())();
  }

  /** The experiment to watch, as StartExperiment returned it. */
  attach(started: ExperimentState): void {
    this.experimentId = started.id;
    this.experiment = started;
    this.lastContact = this.wall().getTime();
  }

  private get experimentActive(): boolean {
    return !this.experiment || !FINISHED_STATES.has(this.experiment.state);
  }

  private problem(operation: string, error: unknown): void {
    this.failedSincePoll = true;
    // One failed call is one problem: the probes' and the SLO's reads of one shared call fail with its error.
    if (typeof error === 'object' && error !== null) {
      if (this.saidErrors.has(error)) return;
      this.saidErrors.add(error);
    }
    const message = GamedayError.is(error) ? error.message : String(error);
    this.input.host.notify({ level: 'warn', code: 'RUN_API_PROBLEM', message, data: { operation } });
    this.journalAside({ type: 'api-problem', operation, message, retrying: true });
  }

  /** A failed read of what probes are judged on: an api-problem, and the start (or one more poll) of a gap. */
  private failedRead(reads: ObservationGap['reads'], operation: string, error: unknown): Recorder {
    const at = this.input.clock.now();
    return async () => {
      this.problem(operation, error);
      const gap = this.blind.get(reads);
      if (gap) gap.failures++;
      else this.blind.set(reads, { operation, from: at, failures: 1, message: GamedayError.is(error) ? error.message : String(error) });
    };
  }

  /** A read that succeeded: the gap it ends, if any, is journalled. */
  private async sighted(reads: ObservationGap['reads'], at: Date): Promise<void> {
    const gap = this.blind.get(reads);
    if (!gap) return;
    this.blind.delete(reads);
    await this.input.journal({ type: 'observation-gap', reads, operation: gap.operation, from: gap.from.toISOString(), until: at.toISOString(), failures: gap.failures, message: gap.message });
  }

  /** The reads still failing when the watch ends: nothing after their start is known of the probes they feed. */
  private async journalOpenGaps(): Promise<void> {
    for (const [reads, gap] of this.blind) await this.input.journal({ type: 'observation-gap', reads, operation: gap.operation, from: gap.from.toISOString(), failures: gap.failures, message: gap.message });
    this.blind.clear();
  }

  /**
   * Journals an event the watch does not wait for. A failed write must not become an unhandled
   * rejection: that ends gameday with a stack while the experiment runs on, unwatched.
   */
  private journalAside(body: JournalEventBody): void {
    this.input.journal(body).catch((error: unknown) => {
      this.input.host.notify({ level: 'error', code: 'RUN_JOURNAL_FAILED', message: `could not journal ${body.type}: ${error instanceof Error ? error.message : String(error)}`, data: { type: body.type } });
    });
  }

  async run(): Promise<WatchOutcome> {
    const { interrupts, bounds } = this.input;
    // Stop at once on a signal, not after whatever call is in flight (a retrying call can take seconds).
    const onSignal = (): void => {
      if (this.experimentActive) this.signalStop ??= this.stop('signal', interruptReason(interrupts.signal), bounds.signalStopWaitMs);
    };
    if (interrupts.signal.aborted) onSignal();
    else interrupts.signal.addEventListener('abort', onSignal, { once: true });
    try {
      const outcome = await this.loop();
      await this.journalOpenGaps();
      await this.journalDetectionEvidence();
      await this.journalImpactCounts();
      return outcome;
    } finally {
      interrupts.signal.removeEventListener('abort', onSignal);
    }
  }

  private async loop(): Promise<WatchOutcome> {
    const { plan, clock, interrupts, bounds } = this.input;
    let faultEnd: Date | undefined;
    const settleMs = plan.recovery.settleSeconds * 1000;
    const watchMs = plan.recovery.watchSeconds * 1000;
    while (true) {
      this.failedSincePoll = false;
      const stopsBefore = this.stops.length;
      if (interrupts.signal.aborted) return this.interrupted(faultEnd);
      // When the embedded sandbox vouches that no experiment's or alarm's state changed since the last
      // poll read them all, GetExperiment and DescribeAlarms would answer what that poll journalled:
      // only the metric periods completed since are read (and the sandbox in this process is in contact).
      const mark = this.waits.stateMark?.();
      const unchanged = mark !== undefined && mark === this.observedMark;
      if (unchanged) this.lastContact = this.wall().getTime();
      else await this.observeExperiment();
      if (interrupts.signal.aborted) return this.interrupted(faultEnd);
      // Asked at once, recorded one after the other in this order: which answer arrives first (a loaded
      // machine, a far Region) never changes the journal's sequence, so one world and seed give one report.
      const readMetrics = this.metricsDue();
      for (const record of await Promise.all([unchanged ? nothingToRecord : this.observeAlarms(), readMetrics ? this.observeMetrics() : nothingToRecord, readMetrics ? this.observeSlo() : nothingToRecord])) await record();
      // Held only after reads that worked: a failed one is tried again at the next poll, so a gap ends when the service does.
      if (readMetrics && !this.failedSincePoll && this.experimentActive && bounds.activeReadSeconds > 0) this.readsHeldUntil = clock.now().getTime() + bounds.activeReadSeconds * 1000;
      this.observedMark = this.failedSincePoll ? undefined : mark;
      if (interrupts.signal.aborted) return this.interrupted(faultEnd);

      if (this.experimentActive) {
        const lost = await this.safetyNets();
        if (lost) return { experiment: this.experiment, stops: this.stops, interrupted: false, ending: 'lost-contact', ...(faultEnd ? { faultEnd } : {}) };
      } else if (!faultEnd) {
        faultEnd = this.experiment?.endTime ?? clock.now();
        this.input.host.notify({ level: 'info', code: 'RUN_FAULT_ENDED', message: `experiment ${this.experiment?.state}; watching recovery`, data: { faultEnd: faultEnd.toISOString() } });
      }

      if (faultEnd) {
        const now = clock.now().getTime();
        const since = this.tracker.allHoldSince();
        if (since && now - Math.max(since.getTime(), faultEnd.getTime()) >= settleMs) {
          return { experiment: this.experiment, stops: this.stops, interrupted: false, faultEnd, ending: 'recovered' };
        }
        if (now - faultEnd.getTime() >= watchMs) return { experiment: this.experiment, stops: this.stops, interrupted: false, faultEnd, ending: 'watch-expired' };
      }
      this.progress(faultEnd);
      await this.waits.sleepWhileQuiet(bounds.pollMs, this.nextDueMs(faultEnd, stopsBefore), interrupts.signal);
    }
  }

  /**
   * The next instant (on the waits' timeline) at which this loop could decide differently with no
   * service changing: a metric or SLO period completes, the settle or watch window or the dead-man's
   * switch runs out, contact counts as lost, the stop-condition grace ends; at once after a failed call
   * or a stop request. Until then, and until an experiment's or alarm's state can change, a poll would
   * see what this one saw (sleepWhileQuiet).
   */
  private nextDueMs(faultEnd: Date | undefined, stopsBefore: number): number {
    const { plan, clock, bounds } = this.input;
    const waitsNow = this.waits.nowMs();
    if (this.failedSincePoll || this.stops.length !== stopsBefore) return waitsNow;
    const serviceNow = clock.now().getTime();
    const reads = this.metricProbes.map((p) => (Math.floor(serviceNow / (probePeriodSeconds(p) * 1000)) + 1) * probePeriodSeconds(p) * 1000);
    if (this.slo) reads.push(this.slo.nextDueMs(clock.now()));
    const service = this.experimentActive ? reads.map((t) => Math.max(t, this.readsHeldUntil)) : reads;
    if (faultEnd) {
      const since = this.tracker.allHoldSince();
      if (since) service.push(Math.max(since.getTime(), faultEnd.getTime()) + plan.recovery.settleSeconds * 1000);
      service.push(faultEnd.getTime() + plan.recovery.watchSeconds * 1000);
    }
    const wall: number[] = [];
    if (this.experimentActive) {
      const start = this.experiment?.startTime;
      if (start) service.push(start.getTime() + deadManSeconds(plan.faultSeconds) * 1000);
      wall.push(this.lastContact + bounds.lostContactMs);
      if (this.stopConditionSeenAt) wall.push(this.stopConditionSeenAt.wall + bounds.stopConditionGracePolls * bounds.pollMs);
    }
    return waitsNow + Math.min(Math.min(...service) - serviceNow, Math.min(...wall) - this.wall().getTime());
  }

  /** Whether this poll reads the metric periods: always once the experiment has ended (recovery is judged on them). */
  private metricsDue(): boolean {
    return !this.experimentActive || this.input.clock.now().getTime() >= this.readsHeldUntil;
  }

  private progress(faultEnd: Date | undefined): void {
    const now = this.input.clock.now();
    const start = this.experiment?.startTime ?? this.input.since;
    this.input.host.notify({
      level: 'debug',
      code: 'RUN_PROGRESS',
      message: 'progress',
      data: {
        phase: faultEnd ? 'recovery' : 'fault',
        elapsedSeconds: Math.max(0, Math.round((now.getTime() - start.getTime()) / 1000)),
        experiment: this.experiment?.state,
        actions: Object.fromEntries(Object.entries(this.experiment?.actions ?? {}).map(([n, a]) => [n, a.state])),
        alarms: Object.fromEntries([...this.known.entries()].map(([n, k]) => [n, k.state])),
        failingProbes: this.tracker.failing(),
      },
    });
  }

  private async interrupted(faultEnd: Date | undefined): Promise<WatchOutcome> {
    if (this.signalStop) await this.signalStop;
    else if (this.experimentActive) await this.stop('signal', interruptReason(this.input.interrupts.signal), this.input.bounds.signalStopWaitMs);
    return { experiment: this.experiment, stops: this.stops, interrupted: true, ending: 'interrupted', ...(faultEnd ? { faultEnd } : {}) };
  }

  async stop(by: StopRequested['by'], reason: string, waitMs: number = this.input.bounds.stopWaitMs): Promise<void> {
    this.input.host.notify({ level: 'warn', code: 'RUN_STOPPING', message: `stopping experiment ${this.experimentId}: ${reason}`, data: { by } });
    const event = await stopExperiment(this.input.ports.experiments, this.experimentId, {
      by,
      reason,
      waitMs,
      pollMs: Math.min(this.input.bounds.pollMs, 250),
      wallClock: this.wall,
      waits: this.waits,
      onProblem: (operation, message) => this.problem(operation, new Error(message)),
    });
    this.stops.push(event);
    await this.input.journal(event);
    if (event.stoppedState) {
      try {
        await this.observeExperiment();
      } catch {
        // the stop event already says what was seen
      }
    }
  }

  private async observeExperiment(): Promise<void> {
    if (!this.experimentActive && this.targetsJournalled) return;
    let current: ExperimentState;
    try {
      current = await this.input.ports.experiments.get(this.experimentId);
    } catch (error) {
      // Said once per outage, but every failed attempt means polling again after one interval.
      this.failedSincePoll = true;
      if (!this.contactProblem) this.problem('fis:GetExperiment', error);
      this.contactProblem = true;
      return;
    }
    this.lastContact = this.wall().getTime();
    if (this.contactProblem) {
      this.contactProblem = false;
      this.input.host.notify({ level: 'info', code: 'RUN_CONTACT_RESTORED', message: 'observing the experiment again' });
    }
    if (!sameActions(current, this.experiment)) {
      await this.input.journal({
        type: 'experiment-state',
        experimentId: current.id,
        state: current.state,
        ...(current.reason ? { reason: current.reason } : {}),
        ...(current.startTime ? { startTime: current.startTime.toISOString() } : {}),
        ...(current.endTime ? { endTime: current.endTime.toISOString() } : {}),
        actions: Object.fromEntries(
          Object.entries(current.actions).map(([name, a]) => [
            name,
            { state: a.state, ...(a.reason ? { reason: a.reason } : {}), ...(a.startTime ? { startTime: iso(a.startTime) } : {}), ...(a.endTime ? { endTime: iso(a.endTime) } : {}) },
          ]),
        ),
        ...(current.error ? { error: current.error } : {}),
      });
    }
    this.experiment = current;
    if (!this.targetsJournalled && current.state !== 'pending' && current.state !== 'initiating') await this.journalTargets();
  }

  /** FIS acting on its own stop condition: journal, once, how long it took from the alarm (service times). */
  private noteFisStop(): void {
    const seen = this.stopConditionSeenAt;
    const current = this.experiment;
    if (this.fisStopNoted || !seen || !current || (current.state !== 'stopping' && current.state !== 'stopped') || this.stops.length) return;
    this.fisStopNoted = true;
    const end = current.endTime ?? this.input.clock.now();
    const seconds = Math.max(0, Math.round((end.getTime() - seen.service.getTime()) / 1000));
    this.journalAside({
      type: 'note',
      author: 'gameday',
      text: `FIS ${current.state === 'stopped' ? 'stopped' : 'began stopping'} the experiment ${seconds} s after stop condition ${seen.alarm} went ALARM (${seen.service.toISOString()})${current.reason ? `: ${current.reason}` : ''}`,
    });
  }

  private async journalTargets(): Promise<void> {
    try {
      const targets = await this.input.ports.experiments.listResolvedTargets(this.experimentId);
      await this.input.journal({
        type: 'targets-resolved',
        targets: targets.map((t) => ({ targetName: t.targetName, resourceType: t.resourceType, identifier: t.identifier, ...(Object.keys(t.info).length ? { info: t.info } : {}) })),
      });
      this.targetsJournalled = true;
    } catch (error) {
      this.problem('fis:ListExperimentResolvedTargets', error);
      this.targetsJournalled = true;
    }
  }

  /** Asks for the alarms (and the history of those that changed); the step it returns records what they did. */
  private async observeAlarms(): Promise<Recorder> {
    if (!this.alarmNames.length) return nothingToRecord;
    let alarms: AlarmInfo[];
    try {
      alarms = await this.input.ports.metrics.describeAlarms(this.alarmNames);
    } catch (error) {
      return this.failedRead('alarms', 'cloudwatch:DescribeAlarms', error);
    }
    const now = this.input.clock.now();
    const changes: { alarm: AlarmInfo; updated: number; transitions: AlarmTransition[]; historyError?: unknown }[] = [];
    for (const alarm of alarms) {
      const updated = alarm.stateUpdated?.getTime() ?? now.getTime();
      const previous = this.known.get(alarm.name);
      if (previous && previous.updated === updated && previous.state === alarm.state) continue;
      const change: (typeof changes)[number] = { alarm, updated, transitions: [] };
      if (previous) {
        // A poll sees only the latest state; the history has the flips in between (ALARM and back).
        try {
          const history = await this.input.ports.metrics.alarmHistory(alarm.name, new Date(previous.updated + 1), new Date(now.getTime() + FUTURE_MS));
          for (const t of history) if (t.timestamp.getTime() > previous.updated) change.transitions.push({ state: t.newState, at: t.timestamp, ...(t.summary ? { reason: t.summary } : {}) });
        } catch (error) {
          change.historyError = error;
        }
      }
      changes.push(change);
    }
    return async () => {
      await this.sighted('alarms', now);
      for (const change of changes) await this.recordAlarm(change.alarm, change.updated, change.transitions, change.historyError);
      this.noteFisStop();
    };
  }

  private async recordAlarm(alarm: AlarmInfo, updated: number, transitions: AlarmTransition[], historyError: unknown): Promise<void> {
    if (historyError !== undefined) this.problem('cloudwatch:DescribeAlarmHistory', historyError);
    const last = transitions[transitions.length - 1];
    if (!last || last.state !== alarm.state || last.at.getTime() < updated) transitions.push({ state: alarm.state, at: new Date(updated), ...(alarm.reason ? { reason: alarm.reason } : {}) });
    const isStopCondition = this.roles.get(alarm.name)?.includes('stop-condition');
    for (const t of transitions) {
      await this.input.journal({ type: 'alarm-state', alarm: alarm.name, state: t.state, timestamp: t.at.toISOString(), role: this.roles.get(alarm.name) ?? [], ...(t.reason ? { reason: t.reason } : {}) });
      this.tracker.alarm(alarm.name, t.state, t.at);
      // Only once the experiment exists: the baseline before the start is preflight's business.
      if (isStopCondition && t.state === 'ALARM' && this.experimentId && !this.stopConditionSeenAt) {
        this.stopConditionSeenAt = { alarm: alarm.name, wall: this.wall().getTime(), service: t.at };
        this.input.host.notify({ level: 'warn', code: 'RUN_STOP_CONDITION', message: `stop condition ${alarm.name} went ALARM at ${t.at.toISOString()}`, data: { alarm: alarm.name } });
      }
    }
    this.known.set(alarm.name, { state: alarm.state, updated });
  }

  /** Asks for the metric probes' new complete periods; the step it returns records them. */
  private async observeMetrics(): Promise<Recorder> {
    if (!this.metricProbes.length) return nothingToRecord;
    const now = this.input.clock.now();
    // Only complete periods are judged, so until another period ends nothing new can be read.
    const boundary = Math.max(...this.metricProbes.map((p) => Math.floor(now.getTime() / (probePeriodSeconds(p) * 1000)) * probePeriodSeconds(p) * 1000));
    if (boundary === this.metricsBoundary) return nothingToRecord;
    // Only periods not journalled yet: asking for the whole run on every poll grows each answer (and
    // CloudWatch's bill) with the run's length. A probe whose math may run over time is asked from the
    // run's start every time (readsOverTime).
    const runStart = (p: PlannedProbe) => this.input.since.getTime() - 2 * probePeriodSeconds(p) * 1000;
    const from = Math.min(
      ...this.metricProbes
        .filter((p) => !p.overTime)
        .map((p) => {
          const last = this.lastSample.get(p.id);
          return last === undefined ? runStart(p) : last + probePeriodSeconds(p) * 1000;
        }),
    );
    let series;
    try {
      // Asked probe by probe, sent as one call (pollReads) unless a probe's math reads its whole call (METRICS())
      // or its window is the whole run.
      series = (await Promise.all(this.metricProbes.map((p) => this.pollReads.getMetricData(probeQueries(p), new Date(p.overTime ? runStart(p) : from), now)))).flat();
    } catch (error) {
      return this.failedRead('probes', 'cloudwatch:GetMetricData', error);
    }
    this.metricsBoundary = boundary;
    const byId = new Map(series.map((s) => [s.id, s]));
    return async () => {
      await this.sighted('probes', now);
      for (const probe of this.metricProbes) {
        const periodMs = probePeriodSeconds(probe) * 1000;
        const last = this.lastSample.get(probe.id) ?? -Infinity;
        for (const point of byId.get(probe.id)?.points ?? []) {
          const t = point.timestamp.getTime();
          // Only complete periods: the current one's value still changes as data arrives.
          if (t <= last || t + periodMs > now.getTime()) continue;
          const ok =
            probe.role === 'steady-state'
              ? meetsThreshold(point.value, probe.threshold!)
              : this.input.plan.recovery.rpoSeconds === undefined || point.value <= this.input.plan.recovery.rpoSeconds;
          await this.input.journal({ type: 'probe-sample', probe: probe.name, probeId: probe.id, timestamp: point.timestamp.toISOString(), value: point.value, ok, role: probe.role });
          if (probe.role === 'steady-state') this.tracker.metric(probe.name, ok, point.timestamp);
          this.lastSample.set(probe.id, t);
        }
      }
    };
  }

  /**
   * The SLO's new complete periods: journalled with their burn rate, and as the "burn rate below N×"
   * steady-state probe when the scenario sets one. The limit above which the experiment stops
   * (burnRate.stopAbove) is the run's burn-rate alarm, a stop condition FIS acts on (run-alarms.ts).
   */
  private async observeSlo(): Promise<Recorder> {
    const slo = this.input.plan.slo;
    if (!this.slo || !slo) return nothingToRecord;
    let samples: Awaited<ReturnType<SloSampler['sample']>>;
    const now = this.input.clock.now();
    try {
      samples = await this.slo.sample(now);
    } catch (error) {
      return this.failedRead('slo', 'cloudwatch:GetMetricData', error);
    }
    const probe = sloBurnProbe(slo);
    return async () => {
      await this.sighted('slo', now);
      for (const sample of samples) {
        await this.input.journal({ type: 'slo-sample', ...sample });
        if (probe) {
          const ok = sample.burnRate < probe.threshold!.value;
          await this.input.journal({ type: 'probe-sample', probe: probe.name, probeId: probe.id, timestamp: sample.timestamp, value: sample.burnRate, ok, role: 'steady-state' });
          this.tracker.metric(probe.name, ok, new Date(sample.timestamp));
        }
      }
    };
  }

  /**
   * The evidence behind each detection alarm's "fired" or "did not fire" (detection-evidence-sampler.ts):
   * read once, after the watch; a failed call is journalled, not fatal, and the rest is still journalled.
   */
  private async journalDetectionEvidence(): Promise<void> {
    const names = this.input.plan.detection.map((d) => alarmNameOf(d.alarm));
    if (names.length === 0) return;
    const now = this.input.clock.now();
    const sampled = await sampleDetectionEvidence(this.input.ports.metrics, names, this.input.since, now, new Date(now.getTime() + FUTURE_MS));
    for (const p of sampled.problems) this.problem(p.operation, p.error);
    for (const event of sampled.events) await this.input.journal(event);
  }

  /**
   * Each spec.impact count over the run, from its baseline window before the experiment started to now:
   * the evidence behind "≈ N failed requests". One call, after the watch; a failure is journalled, not fatal.
   */
  private async journalImpactCounts(): Promise<void> {
    const counts = this.input.plan.impact ?? [];
    if (counts.length === 0) return;
    const start = Math.min(this.input.since.getTime(), this.experiment?.startTime?.getTime() ?? Infinity);
    const until = this.input.clock.now();
    try {
      const queries = counts.map((c) => metricQuery(c.id, c.metric));
      const from = new Date(start - Math.max(...counts.map((c) => c.baselineSeconds + c.metric.period)) * 1000);
      const series = new Map((await this.input.ports.metrics.getMetricData(queries, from, until)).map((s) => [s.id, s.points]));
      for (const c of counts) {
        // Only complete periods: the current one's value still changes as data arrives.
        const points = (series.get(c.id) ?? []).filter((p) => p.timestamp.getTime() + c.metric.period * 1000 <= until.getTime());
        await this.input.journal({
          type: 'impact-metric',
          count: c.name,
          countId: c.id,
          metric: { namespace: c.metric.namespace, name: c.metric.name, dimensions: c.metric.dimensions ?? {}, stat: c.metric.stat, period: c.metric.period },
          from: from.toISOString(),
          until: until.toISOString(),
          points: points.map((p) => ({ timestamp: p.timestamp.toISOString(), value: p.value })),
        });
      }
    } catch (error) {
      this.problem('cloudwatch:GetMetricData (impact counts)', error);
    }
  }

  /** Returns true when contact was lost (the experiment has been stopped for it). */
  private async safetyNets(): Promise<boolean> {
    const { plan, clock, bounds } = this.input;
    const wallNow = this.wall().getTime();
    if (wallNow - this.lastContact > bounds.lostContactMs) {
      await this.stop('lost-contact', `could not observe the experiment for ${Math.round((wallNow - this.lastContact) / 1000)} s; stopping it rather than leave it unwatched`);
      return true;
    }
    const seen = this.stopConditionSeenAt;
    const fisStopping = this.experiment?.state === 'stopping';
    if (seen && !fisStopping && wallNow - seen.wall >= bounds.stopConditionGracePolls * bounds.pollMs) {
      await this.stop('stop-condition-watch', `stop condition ${seen.alarm} is ALARM since ${seen.service.toISOString()} and FIS has not begun stopping the experiment`);
      return false;
    }
    const start = this.experiment?.startTime;
    if (start && clock.now().getTime() - start.getTime() > deadManSeconds(plan.faultSeconds) * 1000) {
      await this.stop('dead-man', `experiment still ${this.experiment?.state} ${Math.round((clock.now().getTime() - start.getTime()) / 1000)} s after it started; the plan's fault lasts ${plan.faultSeconds} s`);
    }
    return false;
  }
}
