import type { AwsPorts, ExperimentState } from '../../aws/ports.js';
import { GamedayError } from '../errors.js';
import { describeTarget } from '../plan/describe-target.js';
import { stopConditionsWithoutRunAlarms } from './run-alarms.js';
import type { Plan } from '../plan/types.js';
import { TAG_PLAN_HASH, TAG_SCENARIO } from './execute-run.js';
import type { ServiceClock } from './service-clock.js';
import { FINISHED_STATES } from './stop-experiment.js';
import type { Waits } from './waits.js';
import { configureTargetAccounts } from './target-accounts.js';
import { failureText } from './experiment-outcome.js';

/** Tag on the templates and experiments of a preview: never a game day, so abort/halt leave them be. */
export const TAG_PREVIEW = 'gameday:preview';
/** A skip-all experiment only resolves targets; this long (service time) is far more than it takes. */
const PREVIEW_BOUND_MS = 10 * 60 * 1000;

export interface TargetPreview {
  scenario: string;
  experimentId: string;
  state: string;
  reason?: string;
  error?: ExperimentState['error'];
  /** Each template target: what FIS resolved it to (resource ARNs or ids). */
  targets: { name: string; resourceType: string; hits: string; resources: string[] }[];
  /** Each action: the resources it would hit, through its targets. */
  actions: { name: string; actionId: string; targets: string[]; resources: string[] }[];
  /** "target X resolves to nothing (…)", one per empty target: a tag typo, a wrong AZ, nothing running. */
  problems: string[];
  /** A multi-account plan's target accounts: FIS resolved the targets in each, as that account's role. */
  targetAccounts?: string[];
  /** With spec.fisReport: a preview never produces one. */
  fisReport?: string;
  /** FIS would not delete the preview's template: what it said, and how to delete it (exit 3). */
  templateLeft?: string;
  ok: boolean;
}

export interface PreviewDeps {
  ports: AwsPorts;
  clock: ServiceClock;
  waits: Waits;
  pollMs: number;
  signal: AbortSignal;
}

/**
 * What the plan's actions would hit, asked of FIS itself: the plan's template (every target resolved,
 * so emptyTargetResolutionMode skip) started with actionsMode skip-all, which resolves the targets and
 * injects nothing; ListExperimentResolvedTargets says what each target matched. The template is
 * deleted afterwards. Needs the SDK-newer actionsMode: sent through the signed FIS requests.
 */
export async function previewTargets(plan: Plan, deps: PreviewDeps, clientToken: string): Promise<TargetPreview> {
  const { ports, clock, waits, pollMs, signal } = deps;
  const caller = await ports.identity.caller();
  if (caller.account !== plan.target.account) {
    throw new GamedayError('GUARD_REFUSED', `the credentials are for account ${caller.account}, the scenario targets account ${plan.target.account}: nothing was started`, {
      hint: 'use credentials for the scenario’s account (--profile), or fix spec.target.account',
    });
  }
  const tags = { ...plan.template.tags, [TAG_SCENARIO]: plan.scenario.name, [TAG_PLAN_HASH]: plan.hash, [TAG_PREVIEW]: 'true' };
  const template = await ports.experiments.createTemplate(
    { ...plan.template, tags, stopConditions: stopConditionsWithoutRunAlarms(plan), experimentOptions: { ...plan.template.experimentOptions, emptyTargetResolutionMode: 'skip' } },
    `${clientToken}-template`,
  );
  // A preview's template is tagged gameday:preview, which abort and halt leave be: one FIS would not delete must be said.
  const deleteTemplate = (): Promise<string | undefined> =>
    ports.experiments.deleteTemplate(template.id).then(
      () => undefined,
      (error: unknown) => `template ${template.id} NOT deleted: ${GamedayError.is(error) ? error.message : String(error)}; it is left in the account: aws fis delete-experiment-template --id ${template.id}`,
    );
  let experiment: ExperimentState;
  let preview: TargetPreview;
  try {
    await configureTargetAccounts(ports.experiments, plan, template.id, clientToken);
    experiment = await ports.experiments.start({ templateId: template.id, clientToken, tags: { [TAG_SCENARIO]: plan.scenario.name, [TAG_PREVIEW]: 'true' }, actionsMode: 'skip-all' });
    const deadline = clock.now().getTime() + PREVIEW_BOUND_MS;
    while (!FINISHED_STATES.has(experiment.state) && clock.now().getTime() < deadline && !signal.aborted) {
      await waits.sleep(pollMs, signal);
      experiment = await ports.experiments.get(experiment.id);
    }
    if (!FINISHED_STATES.has(experiment.state)) {
      await ports.experiments.stop(experiment.id).catch(() => undefined);
      // Interrupted is exit 130 like every interrupted command; a preview FIS never finished is FIS's (exit 3).
      throw new GamedayError(signal.aborted ? 'INTERRUPTED' : 'AWS_ERROR', `the skip-all preview experiment ${experiment.id} was still ${experiment.state}${signal.aborted ? ' when interrupted' : ' after 10 minutes'}; it was asked to stop`, {
        hint: 'nothing was injected (skip-all); run it again',
      });
    }
    preview = summarize(plan, experiment, await ports.experiments.listResolvedTargets(experiment.id));
  } catch (error) {
    const left = await deleteTemplate();
    if (left && GamedayError.is(error)) throw new GamedayError(error.code, `${error.message}; ${left}`, { ...(error.hint ? { hint: error.hint } : {}), cause: error });
    throw error;
  }
  const left = await deleteTemplate();
  return left ? { ...preview, templateLeft: left } : preview;
}

function summarize(plan: Plan, experiment: ExperimentState, resolved: Awaited<ReturnType<AwsPorts['experiments']['listResolvedTargets']>>): TargetPreview {
  const byTarget = new Map<string, string[]>();
  for (const r of resolved) byTarget.set(r.targetName, [...(byTarget.get(r.targetName) ?? []), r.identifier]);
  const used = new Set(Object.values(plan.template.actions).flatMap((a) => Object.values(a.targets ?? {})));
  const targets = Object.entries(plan.template.targets)
    .filter(([name]) => used.has(name))
    .map(([name, t]) => ({ name, resourceType: t.resourceType, hits: describeTarget(t), resources: byTarget.get(name) ?? [] }));
  const problems = targets.filter((t) => t.resources.length === 0).map((t) => `target ${t.name} resolves to nothing (${t.hits})`);
  const failed = experiment.state === 'failed' || experiment.state === 'cancelled';
  if (failed) problems.push(`FIS ${experiment.state} the preview: ${failureText(experiment)}`);
  return {
    scenario: plan.scenario.name,
    experimentId: experiment.id,
    state: experiment.state,
    ...(experiment.reason ? { reason: experiment.reason } : {}),
    ...(experiment.error ? { error: experiment.error } : {}),
    targets,
    actions: Object.entries(plan.template.actions).map(([name, a]) => {
      const names = Object.values(a.targets ?? {});
      return { name, actionId: a.actionId, targets: names, resources: names.flatMap((n) => byTarget.get(n) ?? []) };
    }),
    problems,
    ...(plan.targetAccounts ? { targetAccounts: plan.targetAccounts.map((a) => a.accountId) } : {}),
    ...(plan.template.experimentReportConfiguration ? { fisReport: 'FIS writes no experiment report for a skip-all preview; the game day itself will get one' } : {}),
    ok: problems.length === 0,
  };
}

/** The preview for people: per action what it would hit, then the problems. */
export function renderPreview(preview: TargetPreview): string {
  const lines = [`Targets of ${preview.scenario}, as FIS resolves them now (experiment ${preview.experimentId}, actionsMode skip-all: nothing injected)`];
  if (preview.targetAccounts) lines.push(`  in target accounts ${preview.targetAccounts.join(', ')} (FIS assumed each one's role)`);
  for (const a of preview.actions) {
    lines.push(`  ${a.name}  ${a.actionId}${a.targets.length ? `  → ${a.targets.join(', ')}` : ''}`);
    if (a.targets.length === 0) lines.push('      no target');
    else if (a.resources.length === 0) lines.push('      nothing');
    for (const r of a.resources) lines.push(`      ${r}`);
  }
  if (preview.fisReport) lines.push('', preview.fisReport);
  lines.push('', preview.ok ? 'Every target resolves.' : 'Problems:', ...preview.problems.map((p) => `  ✗ ${p}`));
  if (preview.templateLeft) lines.push('', preview.templateLeft);
  return `${lines.join('\n')}\n`;
}
