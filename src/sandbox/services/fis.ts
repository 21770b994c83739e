/**
 * The FIS backend: experiment templates, the action and target-type catalogue, experiments and tags,
 * as the @aws-sdk/client-fis model names them. State lives here; experiments advance only when the
 * simulation steps them (step()), so every timestamp is virtual.
 */
import { ServiceError, type CloudWatchView, type OperationHandler, type ServiceBackend } from '../contracts.js';
import type { Clock } from '../clock.js';
import type { WorldModel } from '../world/model.js';
import type { Prng } from '../world/prng.js';
import { FIS_ACTIONS, FIS_TARGET_TYPES, findAction, findTargetType } from './fis-catalogue.js';
import { ACTIVE_STATES, ExperimentRun, type ActionsMode } from './fis-experiment.js';
import { SAFETY_LEVER_ID, SafetyLever } from './fis-safety-lever.js';
import { ExperimentReport } from './fis-experiment-report.js';
import { validateTemplate, type TemplateBody, type ValidationScope } from './fis-validate.js';
import { page } from './paging.js';
import { targetAccountOperations, type TargetAccountConfig } from './fis-target-accounts.js';
import type { FisStartTiming } from '../world/recovery-timings.js';

export const MAX_ACTIVE_EXPERIMENTS = 5;

interface StoredTemplate {
  id: string;
  arn: string;
  body: TemplateBody;
  /** Its target account configurations, by account id. */
  accounts: Map<string, TargetAccountConfig>;
  creationTime: Date;
  lastUpdateTime: Date;
  tags: Record<string, string>;
}

export interface FisDependencies {
  model: WorldModel;
  cloudwatch: CloudWatchView;
  clock: Clock;
  /** Generates IDs and drives COUNT/PERCENT selection. */
  rng: Prng;
  /** How long an experiment is pending and initiating (the world's spec.fis). */
  start: FisStartTiming;
}

export interface FisService {
  backend: ServiceBackend;
  /** Advance every experiment's state machine by one simulation step at `now` (ms). */
  step(now: number): void;
  /**
   * When an experiment (or its report) can next change, if nobody calls before it: `step`, the earliest
   * instant from which the next simulation step can change one (-Infinity: the very next step);
   * `instant`, the earliest transition due between steps, at that exact instant.
   */
  nextChangeAt(): { step: number; instant: number };
  /** Between steps: only the transitions their own timings make due by `now` (ms). */
  settle(now: number): void;
  /** What GetExperiment answers that can change, for every experiment, as one text to compare (the event clock's state mark). */
  states(): string;
  snapshot(): unknown;
}

type Input = Record<string, unknown>;

const notFound = (what: string, id: unknown) => new ServiceError('ResourceNotFoundException', `${what} ${String(id)} not found.`, 404);
const invalid = (message: string) => new ServiceError('ValidationException', message, 400);

export function createFisService(deps: FisDependencies): FisService {
  const { model, clock, rng } = deps;
  const region = model.region;
  const account = model.account;
  const scope: ValidationScope = { region, account, azName: (identifier) => model.azName(identifier) };
  const templates = new Map<string, StoredTemplate>();
  const experiments = new Map<string, ExperimentRun>();
  const templateTokens = new Map<string, string>();
  const experimentTokens = new Map<string, string>();
  const reports = new Map<string, ExperimentReport>();
  const fisArn = (kind: string, id: string) => `arn:aws:fis:${region}:${account}:${kind}/${id}`;
  const lever = new SafetyLever(fisArn('safety-lever', SAFETY_LEVER_ID));

  const required = (input: Input, member: string): string => {
    const value = input[member];
    if (typeof value !== 'string' || value.length === 0) throw invalid(`${member} is required.`);
    return value;
  };

  const bodyFrom = (input: Input, base?: TemplateBody): TemplateBody => {
    const options = (input['experimentOptions'] ?? {}) as Record<string, unknown>;
    return {
      description: (input['description'] as string | undefined) ?? base?.description ?? '',
      roleArn: (input['roleArn'] as string | undefined) ?? base?.roleArn ?? '',
      actions: (input['actions'] as TemplateBody['actions'] | undefined) ?? base?.actions ?? {},
      targets: (input['targets'] as TemplateBody['targets'] | undefined) ?? base?.targets ?? {},
      stopConditions: (input['stopConditions'] as TemplateBody['stopConditions'] | undefined) ?? base?.stopConditions ?? [],
      ...(input['logConfiguration'] !== undefined ? { logConfiguration: input['logConfiguration'] } : base?.logConfiguration !== undefined ? { logConfiguration: base.logConfiguration } : {}),
      ...(input['experimentReportConfiguration'] !== undefined
        ? { experimentReportConfiguration: input['experimentReportConfiguration'] as TemplateBody['experimentReportConfiguration'] }
        : base?.experimentReportConfiguration !== undefined
          ? { experimentReportConfiguration: base.experimentReportConfiguration }
          : {}),
      experimentOptions: {
        accountTargeting: (options['accountTargeting'] as string | undefined) ?? base?.experimentOptions.accountTargeting ?? 'single-account',
        emptyTargetResolutionMode: (options['emptyTargetResolutionMode'] as 'fail' | 'skip' | undefined) ?? base?.experimentOptions.emptyTargetResolutionMode ?? 'fail',
      },
    };
  };

  const templateView = (t: StoredTemplate) => ({
    id: t.id,
    arn: t.arn,
    description: t.body.description,
    targets: t.body.targets,
    actions: t.body.actions,
    stopConditions: t.body.stopConditions,
    creationTime: t.creationTime,
    lastUpdateTime: t.lastUpdateTime,
    roleArn: t.body.roleArn,
    tags: t.tags,
    ...(t.body.logConfiguration === undefined ? {} : { logConfiguration: t.body.logConfiguration }),
    experimentOptions: t.body.experimentOptions,
    targetAccountConfigurationsCount: t.accounts.size,
    ...(t.body.experimentReportConfiguration === undefined ? {} : { experimentReportConfiguration: t.body.experimentReportConfiguration }),
  });

  const getTemplate = (id: unknown): StoredTemplate => {
    const t = templates.get(String(id));
    if (!t) throw notFound('Experiment template', id);
    return t;
  };

  const getExperiment = (id: unknown): ExperimentRun => {
    const e = experiments.get(String(id));
    if (!e) throw notFound('Experiment', id);
    return e;
  };

  const date = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms));

  const experimentView = (e: ExperimentRun) => ({
    id: e.id,
    arn: e.arn,
    experimentTemplateId: e.templateId,
    roleArn: e.template.roleArn,
    state: { status: e.status, reason: e.reason, ...(e.error === undefined ? {} : { error: { accountId: account, ...e.error } }) },
    targets: e.template.targets,
    actions: Object.fromEntries(
      [...e.actions.values()].map((a) => [
        a.name,
        {
          actionId: a.definition.actionId,
          ...(a.definition.description === undefined ? {} : { description: a.definition.description }),
          parameters: a.definition.parameters ?? {},
          targets: a.definition.targets ?? {},
          startAfter: a.definition.startAfter ?? [],
          state: { status: a.status, reason: a.reason },
          startTime: date(a.startTime),
          endTime: date(a.endTime),
        },
      ]),
    ),
    stopConditions: e.template.stopConditions,
    creationTime: new Date(e.creationTime),
    startTime: date(e.startTime),
    endTime: date(e.endTime),
    tags: e.tags,
    ...(e.template.logConfiguration === undefined ? {} : { logConfiguration: e.template.logConfiguration }),
    experimentOptions: { ...e.template.experimentOptions, actionsMode: e.actionsMode },
    targetAccountConfigurationsCount: e.targetAccounts.length,
    ...(e.template.experimentReportConfiguration === undefined ? {} : { experimentReportConfiguration: e.template.experimentReportConfiguration }),
    ...(reports.has(e.id) ? { experimentReport: reports.get(e.id)!.view() } : {}),
  });

  const taggable = (arn: unknown): { tags: Record<string, string> } => {
    const text = String(arn);
    for (const t of templates.values()) if (t.arn === text) return t;
    for (const e of experiments.values()) if (e.arn === text) return e;
    throw notFound('Resource', arn);
  };

  const operations: Record<string, OperationHandler> = {
    CreateExperimentTemplate(input) {
      const token = input['clientToken'] as string | undefined;
      if (token !== undefined && templateTokens.has(token)) return { experimentTemplate: templateView(getTemplate(templateTokens.get(token))) };
      const body = bodyFrom(input);
      validateTemplate(body, scope);
      const id = `EXT${rng.id(14)}`;
      const now = clock.now();
      const stored: StoredTemplate = { id, arn: fisArn('experiment-template', id), body, accounts: new Map(), creationTime: now, lastUpdateTime: now, tags: { ...((input['tags'] as Record<string, string>) ?? {}) } };
      templates.set(id, stored);
      if (token !== undefined) templateTokens.set(token, id);
      return { experimentTemplate: templateView(stored) };
    },
    GetExperimentTemplate(input) {
      return { experimentTemplate: templateView(getTemplate(required(input, 'id'))) };
    },
    UpdateExperimentTemplate(input) {
      const stored = getTemplate(required(input, 'id'));
      const body = bodyFrom(input, stored.body);
      validateTemplate(body, scope);
      stored.body = body;
      stored.lastUpdateTime = clock.now();
      return { experimentTemplate: templateView(stored) };
    },
    DeleteExperimentTemplate(input) {
      const stored = getTemplate(required(input, 'id'));
      templates.delete(stored.id);
      return { experimentTemplate: templateView(stored) };
    },
    ListExperimentTemplates(input) {
      const { items, nextToken } = page([...templates.values()], input, { max: 100, default: 100 });
      return {
        experimentTemplates: items.map((t) => ({ id: t.id, arn: t.arn, description: t.body.description, creationTime: t.creationTime, lastUpdateTime: t.lastUpdateTime, tags: t.tags })),
        ...(nextToken === undefined ? {} : { nextToken }),
      };
    },
    ListActions(input) {
      const { items, nextToken } = page(FIS_ACTIONS, input, { max: 100, default: 100 });
      return {
        actions: items.map((a) => ({ id: a.id, arn: `arn:aws:fis:${region}::action/${a.id}`, description: a.description, targets: targetsOf(a.targets), tags: {} })),
        ...(nextToken === undefined ? {} : { nextToken }),
      };
    },
    GetAction(input) {
      const id = required(input, 'id');
      const a = findAction(id);
      if (!a) throw notFound('Action', id);
      return {
        action: {
          id: a.id,
          arn: `arn:aws:fis:${region}::action/${a.id}`,
          description: a.description,
          parameters: Object.fromEntries(Object.entries(a.parameters).map(([k, p]) => [k, { description: p.description, required: p.required }])),
          targets: targetsOf(a.targets),
          tags: {},
        },
      };
    },
    ListTargetResourceTypes(input) {
      const { items, nextToken } = page(FIS_TARGET_TYPES, input, { max: 100, default: 100 });
      return { targetResourceTypes: items.map((t) => ({ resourceType: t.resourceType, description: t.description })), ...(nextToken === undefined ? {} : { nextToken }) };
    },
    GetTargetResourceType(input) {
      const type = required(input, 'resourceType');
      const t = findTargetType(type);
      if (!t) throw notFound('Target resource type', type);
      return { targetResourceType: { resourceType: t.resourceType, description: t.description, parameters: t.parameters } };
    },
    StartExperiment(input) {
      const token = input['clientToken'] as string | undefined;
      if (token !== undefined && experimentTokens.has(token)) return { experiment: experimentView(getExperiment(experimentTokens.get(token))) };
      const template = getTemplate(required(input, 'experimentTemplateId'));
      const active = [...experiments.values()].filter((e) => ACTIVE_STATES.includes(e.status)).length;
      if (active >= MAX_ACTIVE_EXPERIMENTS) {
        throw new ServiceError('ServiceQuotaExceededException', `You have reached the maximum of ${MAX_ACTIVE_EXPERIMENTS} active experiments in this account and Region.`, 402);
      }
      if (template.body.experimentOptions.accountTargeting === 'multi-account' && template.accounts.size === 0) {
        throw invalid(`Experiment template ${template.id} is multi-account but has no target account configurations; add one per target account (CreateTargetAccountConfiguration).`);
      }
      const actionsMode = ((input['experimentOptions'] as { actionsMode?: unknown } | undefined)?.actionsMode ?? 'run-all') as ActionsMode;
      if (actionsMode !== 'run-all' && actionsMode !== 'skip-all') throw invalid(`experimentOptions.actionsMode must be run-all or skip-all, got ${String(actionsMode)}.`);
      const id = `EXP${rng.id(14)}`;
      const run = new ExperimentRun(id, fisArn('experiment', id), template.id, structuredClone(template.body), clock.nowMs(), { ...((input['tags'] as Record<string, string>) ?? {}) }, deps.start, actionsMode, [...template.accounts.values()].map((a) => ({ ...a })));
      experiments.set(id, run);
      if (run.template.experimentReportConfiguration !== undefined) reports.set(id, new ExperimentReport(run.template.experimentReportConfiguration));
      // An engaged lever lets the experiment be created, and cancels it before it starts.
      if (lever.blocksExperiments) run.requestStop(clock.nowMs(), lever.stopReason);
      if (token !== undefined) experimentTokens.set(token, id);
      return { experiment: experimentView(run) };
    },
    GetExperiment(input) {
      return { experiment: experimentView(getExperiment(required(input, 'id'))) };
    },
    ListExperiments(input) {
      const filter = input['experimentTemplateId'] as string | undefined;
      const all = [...experiments.values()].filter((e) => filter === undefined || e.templateId === filter);
      const { items, nextToken } = page(all, input, { max: 100, default: 100 });
      return {
        experiments: items.map((e) => ({ id: e.id, arn: e.arn, experimentTemplateId: e.templateId, state: { status: e.status, reason: e.reason }, creationTime: new Date(e.creationTime), tags: e.tags })),
        ...(nextToken === undefined ? {} : { nextToken }),
      };
    },
    StopExperiment(input) {
      const e = getExperiment(required(input, 'id'));
      // The FIS model lists ValidationException and ResourceNotFoundException for StopExperiment.
      if (!e.active) throw invalid(`Experiment ${e.id} is not active (state ${e.status}); it cannot be stopped.`);
      e.requestStop(clock.nowMs());
      return { experiment: experimentView(e) };
    },
    ListExperimentResolvedTargets(input) {
      const e = getExperiment(required(input, 'experimentId'));
      const only = input['targetName'] as string | undefined;
      if (only !== undefined && !(only in e.template.targets)) throw invalid(`Target ${only} is not a target of experiment ${e.id}.`);
      const rows = [...e.resolvedTargets.entries()]
        .filter(([name]) => only === undefined || name === only)
        .flatMap(([name, resources]) => resources.map((r) => ({ resourceType: r.resourceType, targetName: name, targetInformation: { identifier: r.arn } })));
      const { items, nextToken } = page(rows, input, { max: 100, default: 100 });
      return { resolvedTargets: items, ...(nextToken === undefined ? {} : { nextToken }) };
    },
    GetSafetyLever(input) {
      const id = required(input, 'id');
      if (id !== SAFETY_LEVER_ID) throw notFound('Safety lever', id);
      return { safetyLever: lever.view() };
    },
    UpdateSafetyLeverState(input) {
      const id = required(input, 'id');
      if (id !== SAFETY_LEVER_ID) throw notFound('Safety lever', id);
      lever.update(input['state']);
      if (lever.blocksExperiments) for (const e of experiments.values()) e.requestStop(clock.nowMs(), lever.stopReason);
      lever.settle([...experiments.values()].some((e) => e.active));
      return { safetyLever: lever.view() };
    },
    ...targetAccountOperations({
      template: (id) => {
        const t = getTemplate(id);
        return { id: t.id, multiAccount: t.body.experimentOptions.accountTargeting === 'multi-account', accounts: t.accounts };
      },
      experiment: getExperiment,
    }),
    TagResource(input) {
      const target = taggable(required(input, 'resourceArn'));
      Object.assign(target.tags, (input['tags'] as Record<string, string>) ?? {});
      return {};
    },
    UntagResource(input) {
      const target = taggable(required(input, 'resourceArn'));
      for (const key of (input['tagKeys'] as string[] | undefined) ?? []) delete target.tags[key];
      return {};
    },
    ListTagsForResource(input) {
      return { tags: { ...taggable(required(input, 'resourceArn')).tags } };
    },
  };

  return {
    backend: { service: 'fis', operations },
    settle(now) {
      for (const e of experiments.values()) e.settle(now, { model, cloudwatch: deps.cloudwatch, rng });
    },
    step(now) {
      for (const e of experiments.values()) {
        e.step(now, { model, cloudwatch: deps.cloudwatch, rng });
        reports.get(e.id)?.step(now, e, (key) => `arn:aws:s3:::${key}`);
      }
      lever.settle([...experiments.values()].some((e) => e.active));
    },
    nextChangeAt() {
      const next = { step: Infinity, instant: Infinity };
      for (const e of experiments.values()) {
        const at = e.nextChangeAt(deps.cloudwatch);
        if (at === Number.NEGATIVE_INFINITY) next.step = at;
        else next.instant = Math.min(next.instant, at);
        next.step = Math.min(next.step, reports.get(e.id)?.nextChangeAt(e) ?? Infinity);
      }
      return next;
    },
    states() {
      return JSON.stringify([...experiments.values()].map((e) => [e.id, e.status, e.reason, e.error, e.startTime, e.endTime, [...e.actions.values()].map((a) => [a.name, a.status, a.reason, a.startTime, a.endTime])]));
    },
    snapshot() {
      return {
        safetyLever: lever.view(),
        templates: [...templates.values()].map(templateView),
        experiments: [...experiments.values()].map((e) => ({
          ...experimentView(e),
          resolvedTargets: Object.fromEntries([...e.resolvedTargets.entries()].map(([name, resources]) => [name, resources.map((r) => r.arn)])),
        })),
      };
    },
  };
}

function targetsOf(targets: Record<string, string>): Record<string, { resourceType: string }> {
  return Object.fromEntries(Object.entries(targets).map(([key, resourceType]) => [key, { resourceType }]));
}
