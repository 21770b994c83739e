/**
 * One FIS experiment and its actions as explicit state machines, driven by the simulation's steps on the
 * virtual clock (moto's ManagedState idea): every transition is listed in the tables below and every
 * timestamp comes from the step that made it.
 */
import { requireDurationSeconds } from '../../core/duration.js';
import type { CloudWatchView } from '../contracts.js';
import { applyFault, impairsAz, type AppliedFault } from '../world/faults.js';
import type { WorldModel } from '../world/model.js';
import type { Prng } from '../world/prng.js';
import type { TargetableResource } from '../world/resources.js';
import { findAction } from './fis-catalogue.js';
import { resolveTarget } from './fis-targets.js';
import { cannotAssume, type TargetAccountConfig } from './fis-target-accounts.js';
import type { TemplateAction, TemplateBody } from './fis-validate.js';
import type { FisStartTiming } from '../world/recovery-timings.js';

export type ExperimentStatus = 'pending' | 'initiating' | 'running' | 'completed' | 'stopping' | 'stopped' | 'failed' | 'cancelled';
export type ActionStatus = 'pending' | 'initiating' | 'running' | 'completed' | 'cancelled' | 'stopping' | 'stopped' | 'failed' | 'skipped';

const EXPERIMENT_TRANSITIONS: Record<ExperimentStatus, readonly ExperimentStatus[]> = {
  pending: ['initiating', 'stopping', 'failed'],
  initiating: ['running', 'stopping', 'failed'],
  running: ['completed', 'stopping', 'failed'],
  // an experiment stopped before it ran ends cancelled
  stopping: ['stopped', 'cancelled'],
  completed: [],
  stopped: [],
  failed: [],
  cancelled: [],
};

const ACTION_TRANSITIONS: Record<ActionStatus, readonly ActionStatus[]> = {
  pending: ['initiating', 'skipped', 'cancelled'],
  initiating: ['running', 'failed', 'cancelled'],
  running: ['completed', 'stopping', 'failed'],
  stopping: ['stopped'],
  completed: [],
  cancelled: [],
  stopped: [],
  failed: [],
  skipped: [],
};

export const ACTIVE_STATES: readonly ExperimentStatus[] = ['pending', 'initiating', 'running', 'stopping'];
const ACTION_DONE: readonly ActionStatus[] = ['completed', 'skipped', 'cancelled', 'stopped', 'failed'];
/** An action without a duration completes once its effect is in place: one simulation step (10 s) after it starts. */
const INSTANT_ACTION_MS = 10_000;

export interface ActionRun {
  name: string;
  definition: TemplateAction;
  status: ActionStatus;
  reason: string;
  startTime?: number;
  endTime?: number;
  /** ms at which a running action has run for its duration. */
  endsAt?: number;
  applied?: AppliedFault;
}

export interface ExperimentEnvironment {
  model: WorldModel;
  cloudwatch: CloudWatchView;
  rng: Prng;
}

/** StartExperiment's experimentOptions.actionsMode: skip-all resolves targets and skips every action. */
export type ActionsMode = 'run-all' | 'skip-all';

/** state.error of a failed experiment (code from FIS's troubleshooting table, location in the template). */
export interface ExperimentFailure {
  code: 'ConfigurationFailure' | 'InvalidTarget' | 'InternalFailure';
  location?: string;
  /** the target account it failed in (default: the experiment's own) */
  accountId?: string;
}

export class ExperimentRun {
  status: ExperimentStatus = 'pending';
  reason = 'Experiment is pending.';
  error?: ExperimentFailure;
  startTime?: number;
  endTime?: number;
  readonly actions = new Map<string, ActionRun>();
  readonly resolvedTargets = new Map<string, TargetableResource[]>();
  private stopReason: string | undefined;
  /** stopped while pending or initiating: it ends cancelled */
  private neverRan = false;

  constructor(
    readonly id: string,
    readonly arn: string,
    readonly templateId: string,
    readonly template: TemplateBody,
    readonly creationTime: number,
    readonly tags: Record<string, string>,
    private readonly timing: FisStartTiming,
    readonly actionsMode: ActionsMode = 'run-all',
    /** A multi-account experiment's copy of its template's target account configurations. */
    readonly targetAccounts: readonly TargetAccountConfig[] = [],
  ) {
    for (const [name, definition] of Object.entries(template.actions)) {
      this.actions.set(name, { name, definition, status: 'pending', reason: 'Initial state' });
    }
  }

  get active(): boolean {
    return ACTIVE_STATES.includes(this.status);
  }

  /**
   * StopExperiment: the experiment is `stopping` at once (what StopExperiment answers, as in the AWS
   * CLI's example) and ends at the next step: stopped, or cancelled when it had not started running.
   */
  requestStop(now: number, reason = 'Experiment stopped by user.'): void {
    if (this.status === 'stopping' || !this.active) return;
    this.stopReason = reason;
    if (this.status === 'running') return this.beginStopping(now);
    this.neverRan = true;
    this.transition('stopping', reason);
  }

  /**
   * Every transition the experiment's own timings make due by `now`, each at the instant it is due:
   * pending → initiating → running, and actions ending after their duration and releasing those that
   * start after them. Where between steps it is called (a client's GetExperiment) changes nothing.
   */
  settle(now: number, env: ExperimentEnvironment): void {
    while (true) {
      const due = this.nextDue();
      if (due === undefined || due > now) return;
      if (this.status === 'pending') {
        this.startTime = due;
        this.transition('initiating', 'Experiment is initiating.');
      } else if (this.status === 'initiating') this.initiate(due, env);
      else this.runActions(due, env);
    }
  }

  private nextDue(): number | undefined {
    if (this.status === 'pending') return this.creationTime + this.timing.pendingMs;
    if (this.status === 'initiating') return this.startTime! + this.timing.initiatingMs;
    if (this.status !== 'running') return undefined;
    const ends = [...this.actions.values()].flatMap((a) => (a.status === 'running' && a.endsAt !== undefined ? [a.endsAt] : []));
    return ends.length ? Math.min(...ends) : undefined;
  }

  /** A simulation step: what is due, then what FIS checks at its own pace (stop conditions, stopping). */
  step(now: number, env: ExperimentEnvironment): void {
    this.settle(now, env);
    switch (this.status) {
      case 'running':
        this.checkStopConditions(env);
        if (this.stopReason !== undefined) this.beginStopping(now);
        return;
      case 'stopping':
        if (this.neverRan) return this.cancel(now);
        for (const action of this.actions.values()) if (action.status === 'stopping') this.transitionAction(action, 'stopped', 'Action was stopped.', now);
        this.endTime = now;
        return this.transition('stopped', this.stopReason ?? 'Experiment stopped.');
      default:
        return;
    }
  }

  /**
   * The earliest instant this experiment can change, if nobody calls before it: -Infinity for the next
   * step (stopping, or running with a stop condition in ALARM); else the instant its own timings make
   * the next transition due (the end of pending or initiating, the first running action's end, whose
   * successors start at that same instant). Alarms change only when evaluated, which the simulation
   * counts as a change of its own.
   */
  nextChangeAt(cloudwatch: CloudWatchView): number {
    if (this.status === 'stopping') return Number.NEGATIVE_INFINITY;
    if (this.status === 'running' && (this.stopReason !== undefined || this.alarmedStopCondition(cloudwatch) !== undefined)) return Number.NEGATIVE_INFINITY;
    return this.nextDue() ?? Infinity;
  }

  private initiate(now: number, env: ExperimentEnvironment): void {
    for (const condition of this.template.stopConditions) {
      if (condition.source === 'aws:cloudwatch:alarm' && env.cloudwatch.alarmState(condition.value!) === undefined) {
        return this.fail(`Stop condition alarm ${condition.value} does not exist.`, now, { code: 'ConfigurationFailure', location: 'stopConditions' });
      }
    }
    // Multi-account: FIS assumes each target account's role, and resolves the targets in those accounts only.
    const multiAccount = this.template.experimentOptions.accountTargeting === 'multi-account';
    for (const config of multiAccount ? this.targetAccounts : []) {
      const why = cannotAssume(env.model, config, this.template.roleArn);
      if (why) return this.fail(`Unable to assume the role of target account ${config.accountId}: ${why}.`, now, { code: 'ConfigurationFailure', accountId: config.accountId });
    }
    const accounts = new Set(multiAccount ? this.targetAccounts.map((a) => a.accountId) : [env.model.account]);
    for (const [name, target] of Object.entries(this.template.targets)) {
      const users = Object.values(this.template.actions).filter((a) => Object.values(a.targets ?? {}).includes(name));
      if (users.length === 0) continue;
      // A resource stays when any action using the target keeps it; the first action's reason explains an exclusion.
      const excludes = (r: TargetableResource) => {
        const reasons = users.map((a) => findAction(a.actionId)?.excludes?.(r, a.parameters ?? {}));
        return reasons.includes(undefined) ? undefined : reasons[0];
      };
      const { resources, excluded } = resolveTarget(env.model, target, env.rng.fork(`${this.id}/${name}`), excludes, accounts);
      this.resolvedTargets.set(name, resources);
      if (resources.length === 0 && this.template.experimentOptions.emptyTargetResolutionMode === 'fail') {
        const why = excluded.length === 0 ? '' : ` (${excluded.join('; ')})`;
        return this.fail(`Target resolution failed: no resources found for target "${name}"${why}.`, now, { code: 'InvalidTarget', location: `targets.${name}` });
      }
    }
    this.transition('running', 'Experiment is running.');
    this.checkStopConditions(env);
    if (this.stopReason !== undefined) return this.beginStopping(now);
    this.runActions(now, env);
  }

  private runActions(now: number, env: ExperimentEnvironment): void {
    for (const action of this.actions.values()) {
      if (action.status === 'running' && action.endsAt !== undefined && now >= action.endsAt) this.finishAction(action, now);
    }
    // Start every action whose predecessors are done; repeat, since a skipped action can release another at once.
    let progressed = true;
    while (progressed) {
      progressed = false;
      const ready: ActionRun[] = [];
      for (const action of this.actions.values()) {
        if (action.status !== 'pending') continue;
        const after = (action.definition.startAfter ?? []).map((n) => this.actions.get(n)!);
        if (after.some((a) => a.status === 'failed' || a.status === 'cancelled')) {
          this.transitionAction(action, 'cancelled', 'Action was cancelled because an action it starts after did not complete.', now);
          progressed = true;
          continue;
        }
        if (after.every((a) => a.status === 'completed' || a.status === 'skipped')) ready.push(action);
      }
      // Actions that start together act together: what impairs an AZ is in place before a database
      // writer there is rebooted, whatever order the template lists them in.
      for (const action of ready.sort((a, b) => Number(!impairsAz(a.definition.actionId)) - Number(!impairsAz(b.definition.actionId)))) {
        this.startAction(action, now, env);
        progressed = true;
      }
    }
    const failed = [...this.actions.values()].find((a) => a.status === 'failed');
    if (failed) {
      this.rollBack(now, 'stopped', 'Action was stopped because another action failed.');
      return this.fail(`Action ${failed.name} failed: ${failed.reason}`, now, { code: 'ConfigurationFailure', location: `actions.${failed.name}` });
    }
    if ([...this.actions.values()].every((a) => ACTION_DONE.includes(a.status))) {
      this.endTime = now;
      this.transition('completed', 'Experiment completed.');
    }
  }

  private startAction(action: ActionRun, now: number, env: ExperimentEnvironment): void {
    const targets = Object.entries(action.definition.targets ?? {}).map(([key, targetName]) => ({
      key,
      resources: this.resolvedTargets.get(targetName) ?? [],
      parameters: this.template.targets[targetName]?.parameters ?? {},
    }));
    if (this.actionsMode === 'skip-all') {
      action.startTime = now;
      action.endTime = now;
      return this.transitionAction(action, 'skipped', 'Action was skipped: the experiment runs with actionsMode skip-all.', now);
    }
    if (targets.length > 0 && targets.every((t) => t.resources.length === 0)) {
      action.startTime = now;
      action.endTime = now;
      return this.transitionAction(action, 'skipped', 'No targets were resolved for this action.', now);
    }
    this.transitionAction(action, 'initiating', 'Action is initiating.', now);
    action.startTime = now;
    action.applied = applyFault(env.model, {
      effectId: `${this.id}/${action.name}`,
      actionId: action.definition.actionId,
      parameters: action.definition.parameters ?? {},
      targets: Object.fromEntries(targets.map((t) => [t.key, { resources: t.resources, parameters: t.parameters }])),
      now,
    });
    const spec = findAction(action.definition.actionId);
    const durationText = spec?.durationParameter === undefined ? undefined : action.definition.parameters?.[spec.durationParameter];
    action.endsAt = now + (durationText === undefined ? INSTANT_ACTION_MS : requireDurationSeconds(durationText) * 1000);
    this.transitionAction(action, 'running', 'Action is running.', now);
  }

  private finishAction(action: ActionRun, now: number): void {
    const failure = action.applied?.undo(now);
    action.endTime = now;
    if (failure !== undefined) this.transitionAction(action, 'failed', failure, now);
    else this.transitionAction(action, 'completed', 'Action completed.', now);
  }

  private checkStopConditions(env: ExperimentEnvironment): void {
    if (this.stopReason !== undefined) return;
    const alarm = this.alarmedStopCondition(env.cloudwatch);
    if (alarm !== undefined) this.stopReason = `Experiment stopped by stop condition ${alarm}.`;
  }

  /** The first stop-condition alarm in ALARM. */
  private alarmedStopCondition(cloudwatch: CloudWatchView): string | undefined {
    return this.template.stopConditions.find((c) => c.source === 'aws:cloudwatch:alarm' && cloudwatch.alarmState(c.value!)?.state === 'ALARM')?.value;
  }

  private beginStopping(now: number): void {
    this.rollBack(now, 'stopping', 'Action is stopping because the experiment is stopping.');
    this.transition('stopping', this.stopReason!);
  }

  /** Undo running actions' effects and cancel those that never started. */
  private rollBack(now: number, runningTo: 'stopping' | 'stopped', reason: string): void {
    for (const action of this.actions.values()) {
      if (action.status === 'running') {
        action.applied?.undo(now);
        action.endTime = now;
        this.transitionAction(action, runningTo === 'stopped' ? 'stopping' : runningTo, reason, now);
        if (runningTo === 'stopped') this.transitionAction(action, 'stopped', reason, now);
      } else if (action.status === 'pending') {
        this.transitionAction(action, 'cancelled', 'Action was cancelled because the experiment ended before it started.', now);
      }
    }
  }

  private cancel(now: number): void {
    for (const action of this.actions.values()) this.transitionAction(action, 'cancelled', 'Action was cancelled because the experiment was stopped before it ran.', now);
    this.endTime = now;
    this.transition('cancelled', this.stopReason ?? 'Experiment cancelled.');
  }

  private fail(reason: string, now: number, error: ExperimentFailure): void {
    this.error = error;
    for (const action of this.actions.values()) {
      if (action.status === 'pending') this.transitionAction(action, 'cancelled', 'Action was cancelled because the experiment failed.', now);
    }
    this.endTime = now;
    this.transition('failed', reason);
  }

  private transition(to: ExperimentStatus, reason: string): void {
    if (!EXPERIMENT_TRANSITIONS[this.status].includes(to)) throw new Error(`illegal experiment transition ${this.status} → ${to}`);
    this.status = to;
    this.reason = reason;
  }

  private transitionAction(action: ActionRun, to: ActionStatus, reason: string, now: number): void {
    if (!ACTION_TRANSITIONS[action.status].includes(to)) throw new Error(`illegal action transition ${action.name}: ${action.status} → ${to}`);
    action.status = to;
    action.reason = reason;
    if (ACTION_DONE.includes(to)) action.endTime ??= now;
  }
}
