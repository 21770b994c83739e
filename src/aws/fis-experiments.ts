import type { Experiment, ExperimentAction, FisClient } from '@aws-sdk/client-fis';
import type { ExperimentTemplateInput, TargetAccountConfiguration } from '../core/plan/types.js';
import { FINISHED_STATES } from '../core/run/stop-experiment.js';
import { awsCall } from './call.js';
import { lazyClient, type AwsConnectionOptions } from './client-factory.js';
import { FisSignedRequests } from './fis-signed-requests.js';
import type { ExperimentState, ExperimentSummary, Experiments, ResolvedTarget, SafetyLeverState, TemplateSummary } from './ports.js';

type FisModule = typeof import('./sdk/fis.js');

function toState(experiment: Experiment | undefined, fallbackId: string): ExperimentState {
  const actions: ExperimentState['actions'] = {};
  for (const [name, action] of Object.entries(experiment?.actions ?? {}) as [string, ExperimentAction][]) {
    actions[name] = {
      ...(action.actionId ? { actionId: action.actionId } : {}),
      state: action.state?.status ?? 'unknown',
      ...(action.state?.reason ? { reason: action.state.reason } : {}),
      ...(action.startTime ? { startTime: action.startTime } : {}),
      ...(action.endTime ? { endTime: action.endTime } : {}),
    };
  }
  return {
    id: experiment?.id ?? fallbackId,
    ...(experiment?.experimentTemplateId ? { templateId: experiment.experimentTemplateId } : {}),
    state: experiment?.state?.status ?? 'unknown',
    ...(experiment?.state?.reason ? { reason: experiment.state.reason } : {}),
    ...(experiment?.startTime ? { startTime: experiment.startTime } : {}),
    ...(experiment?.endTime ? { endTime: experiment.endTime } : {}),
    tags: experiment?.tags ?? {},
    actions,
  };
}

/** restJson1 timestamps are epoch seconds. */
const epoch = (value: unknown): Date | undefined => (typeof value === 'number' ? new Date(value * 1000) : undefined);

interface WireExperiment {
  id?: string;
  experimentTemplateId?: string;
  state?: { status?: string; reason?: string; error?: { code?: string; location?: string; accountId?: string } };
  startTime?: number;
  endTime?: number;
  tags?: Record<string, string>;
  actions?: Record<string, { actionId?: string; state?: { status?: string; reason?: string }; startTime?: number; endTime?: number }>;
  experimentOptions?: { actionsMode?: string };
  experimentReport?: { state?: { status?: string; reason?: string }; s3Reports?: { arn?: string; reportType?: string }[] };
}

/** An experiment as the signed requests read it: what toState reads, plus the members the SDK drops. */
function fromWire(experiment: WireExperiment | undefined, fallbackId: string): ExperimentState {
  const actions = Object.fromEntries(
    Object.entries(experiment?.actions ?? {}).map(([name, a]) => [name, { ...a, startTime: epoch(a.startTime), endTime: epoch(a.endTime) }]),
  );
  const state = toState({ ...(experiment as Experiment), startTime: epoch(experiment?.startTime), endTime: epoch(experiment?.endTime), actions } as Experiment, fallbackId);
  const error = experiment?.state?.error;
  const report = experiment?.experimentReport;
  return {
    ...state,
    ...(error && Object.keys(error).length ? { error } : {}),
    ...(experiment?.experimentOptions?.actionsMode ? { actionsMode: experiment.experimentOptions.actionsMode } : {}),
    ...(report?.state?.status
      ? {
          report: {
            status: report.state.status,
            ...(report.state.reason ? { reason: report.state.reason } : {}),
            s3Reports: (report.s3Reports ?? []).flatMap((r) => (r.arn ? [{ arn: r.arn, ...(r.reportType ? { reportType: r.reportType } : {}) }] : [])),
          },
        }
      : {}),
  };
}

function targetAccount(config: { accountId?: string; roleArn?: string; description?: string } | undefined, asked: TargetAccountConfiguration): TargetAccountConfiguration {
  const description = config?.description ?? asked.description;
  return { accountId: config?.accountId ?? asked.accountId, roleArn: config?.roleArn ?? asked.roleArn, ...(description ? { description } : {}) };
}

function hasTags(tags: Record<string, string> | undefined, wanted: Record<string, string | undefined>): boolean {
  return Object.entries(wanted).every(([key, value]) => tags?.[key] !== undefined && (value === undefined || tags[key] === value));
}

/**
 * FIS on @aws-sdk/client-fis: templates, experiments, resolved targets. What that SDK (3.523) cannot
 * say or read — experiment reports, actionsMode, state.error, the safety lever — goes through the
 * signed requests instead, and only that.
 */
export class FisExperiments implements Experiments {
  private readonly connect: () => Promise<{ sdk: FisModule; client: FisClient }>;
  private readonly signed: FisSignedRequests;

  constructor(options: AwsConnectionOptions) {
    this.connect = lazyClient('fis', options, () => import('./sdk/fis.js'), (fis, config) => new fis.FisClient(config as never));
    this.signed = new FisSignedRequests(options);
  }

  async createTemplate(input: ExperimentTemplateInput, clientToken: string): Promise<{ id: string }> {
    if (input.experimentReportConfiguration) {
      const out = await awsCall('fis:CreateExperimentTemplate', () =>
        this.signed.send<{ experimentTemplate?: { id?: string } }>({ operation: 'CreateExperimentTemplate', method: 'POST', path: '/experimentTemplates', body: { ...input, clientToken } }),
      );
      return { id: out.experimentTemplate?.id ?? '' };
    }
    const { sdk: fis, client } = await this.connect();
    const out = await awsCall('fis:CreateExperimentTemplate', () =>
      client.send(new fis.CreateExperimentTemplateCommand({ ...(input as object), clientToken } as ConstructorParameters<typeof fis.CreateExperimentTemplateCommand>[0])),
    );
    return { id: out.experimentTemplate?.id ?? '' };
  }

  async addTargetAccount(templateId: string, account: TargetAccountConfiguration, clientToken: string): Promise<TargetAccountConfiguration> {
    const { sdk: fis, client } = await this.connect();
    const out = await awsCall('fis:CreateTargetAccountConfiguration', () =>
      client.send(new fis.CreateTargetAccountConfigurationCommand({ experimentTemplateId: templateId, ...account, clientToken })),
    );
    return targetAccount(out.targetAccountConfiguration, account);
  }

  async deleteTemplate(id: string): Promise<void> {
    const { sdk: fis, client } = await this.connect();
    await awsCall('fis:DeleteExperimentTemplate', () => client.send(new fis.DeleteExperimentTemplateCommand({ id })));
  }

  async listTemplatesByTag(tags: Record<string, string>): Promise<TemplateSummary[]> {
    const { sdk: fis, client } = await this.connect();
    const found: TemplateSummary[] = [];
    let nextToken: string | undefined;
    do {
      const out = await awsCall('fis:ListExperimentTemplates', () => client.send(new fis.ListExperimentTemplatesCommand({ maxResults: 100, ...(nextToken ? { nextToken } : {}) })));
      for (const t of out.experimentTemplates ?? []) {
        if (t.id && hasTags(t.tags, tags)) found.push({ id: t.id, ...(t.description ? { description: t.description } : {}), tags: t.tags ?? {} });
      }
      nextToken = out.nextToken;
    } while (nextToken);
    return found;
  }

  async start(input: { templateId: string; clientToken: string; tags: Record<string, string>; actionsMode?: 'run-all' | 'skip-all' }): Promise<ExperimentState> {
    if (input.actionsMode) {
      const out = await awsCall('fis:StartExperiment', () =>
        this.signed.send<{ experiment?: WireExperiment }>({
          operation: 'StartExperiment',
          method: 'POST',
          path: '/experiments',
          body: { experimentTemplateId: input.templateId, clientToken: input.clientToken, tags: input.tags, experimentOptions: { actionsMode: input.actionsMode } },
        }),
      );
      return fromWire(out.experiment, '');
    }
    const { sdk: fis, client } = await this.connect();
    const out = await awsCall('fis:StartExperiment', () =>
      client.send(new fis.StartExperimentCommand({ experimentTemplateId: input.templateId, clientToken: input.clientToken, tags: input.tags })),
    );
    return toState(out.experiment, '');
  }

  async get(id: string): Promise<ExperimentState> {
    const { sdk: fis, client } = await this.connect();
    const out = await awsCall('fis:GetExperiment', () => client.send(new fis.GetExperimentCommand({ id })));
    const state = toState(out.experiment, id);
    if (!FINISHED_STATES.has(state.state)) return state;
    // Finished: read it once more as it is on the wire, for state.error and the experiment report.
    const full = await awsCall('fis:GetExperiment', () => this.signed.send<{ experiment?: WireExperiment }>({ operation: 'GetExperiment', method: 'GET', path: `/experiments/${encodeURIComponent(id)}` }));
    return fromWire(full.experiment, id);
  }

  async safetyLever(): Promise<SafetyLeverState> {
    const out = await awsCall('fis:GetSafetyLever', () =>
      this.signed.send<{ safetyLever?: { id?: string; state?: { status?: string; reason?: string } } }>({ operation: 'GetSafetyLever', method: 'GET', path: '/safetyLevers/default' }),
    );
    const lever = out.safetyLever;
    return { id: lever?.id ?? 'default', status: lever?.state?.status ?? 'unknown', ...(lever?.state?.reason ? { reason: lever.state.reason } : {}) };
  }

  async stop(id: string): Promise<ExperimentState> {
    const { sdk: fis, client } = await this.connect();
    const out = await awsCall('fis:StopExperiment', () => client.send(new fis.StopExperimentCommand({ id })));
    return toState(out.experiment, id);
  }

  async list(): Promise<ExperimentSummary[]> {
    const { sdk: fis, client } = await this.connect();
    const found: ExperimentSummary[] = [];
    let nextToken: string | undefined;
    do {
      const out = await awsCall('fis:ListExperiments', () => client.send(new fis.ListExperimentsCommand({ maxResults: 100, ...(nextToken ? { nextToken } : {}) })));
      for (const e of out.experiments ?? []) {
        if (!e.id) continue;
        found.push({
          id: e.id,
          ...(e.experimentTemplateId ? { templateId: e.experimentTemplateId } : {}),
          state: e.state?.status ?? 'unknown',
          ...(e.state?.reason ? { reason: e.state.reason } : {}),
          ...(e.creationTime ? { creationTime: e.creationTime } : {}),
          tags: e.tags ?? {},
        });
      }
      nextToken = out.nextToken;
    } while (nextToken);
    return found;
  }

  async findByTag(tags: Record<string, string | undefined>): Promise<ExperimentSummary[]> {
    return (await this.list()).filter((e) => hasTags(e.tags, tags));
  }

  async listResolvedTargets(id: string): Promise<ResolvedTarget[]> {
    const { sdk: fis, client } = await this.connect();
    const found: ResolvedTarget[] = [];
    let nextToken: string | undefined;
    do {
      const out = await awsCall('fis:ListExperimentResolvedTargets', () =>
        client.send(new fis.ListExperimentResolvedTargetsCommand({ experimentId: id, maxResults: 100, ...(nextToken ? { nextToken } : {}) })),
      );
      for (const t of out.resolvedTargets ?? []) {
        const info = t.targetInformation ?? {};
        const identifier = info.identifier ?? info.arn ?? info.id ?? Object.values(info)[0] ?? '';
        found.push({ targetName: t.targetName ?? '', resourceType: t.resourceType ?? '', identifier, info });
      }
      nextToken = out.nextToken;
    } while (nextToken);
    return found;
  }
}
