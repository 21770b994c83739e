import { planSlo, sloBurnProbe } from './slo.js';
import { durationSeconds } from '../duration.js';
import { GamedayError } from '../errors.js';
import type { Fault, GameDayPeople, LoadedScenario } from '../scenario/types.js';
import { checkTemplate } from './check-template.js';
import { compileAzApplicationSlowdown } from './compile-az-application-slowdown.js';
import { compileAzPowerInterruption } from './compile-az-power-interruption.js';
import { compileCrossAzTrafficSlowdown } from './compile-cross-az-traffic-slowdown.js';
import { compileCrossRegionConnectivity } from './compile-cross-region-connectivity.js';
import { compileEc2SpotInterruption } from './compile-ec2-spot-interruption.js';
import { compileEc2CpuStress } from './compile-ec2-cpu-stress.js';
import { compileEcsTaskKill } from './compile-ecs-task-kill.js';
import { compileFisReport } from './compile-fis-report.js';
import { compileFisTemplate } from './compile-fis-template.js';
import { describeHits } from './describe-target.js';
import type { CompileContext, FaultCompilation } from './fault-compilation.js';
import { fisAction } from './fis-catalog.js';
import { detectionAfterProblems } from './detection-after.js';
import { canonicalJson, sha256Hex } from './plan-hash.js';
import type { PlanProblem } from './plan-problem.js';
import { planWarnings } from './plan-warnings.js';
import { planPreflight } from './preflight.js';
import { listPrerequisites } from './prerequisites.js';
import { planDataLossProbe, planImpactCounts, planProbes } from './probes.js';
import { resolveStopConditions } from './stop-conditions.js';
import { computeTimeline, limitProblems } from './timeline.js';
import type { ExperimentTemplateInput, Plan, PlannedAction } from './types.js';

/** Bump when the compiled output changes for the same scenario: old plan files then read as stale. */
export const PLAN_COMPILER_VERSION = '1';
export const PLAN_HASH_TAG = 'gameday:plan-hash';
const SCENARIO_TAG = 'gameday:scenario';
const DEFAULT_SETTLE = 'PT2M';
const DEFAULT_WATCH = 'PT30M';
/** CreateExperimentTemplate's description limit. */
const DESCRIPTION_MAX = 512;

/** The fault alone → the template's actions and targets (what `validate` resolves against a sandbox world). */
export function compileFault(fault: Fault, context: CompileContext): FaultCompilation {
  switch (fault.type) {
    case 'az-power-interruption':
      return compileAzPowerInterruption(fault, context);
    case 'az-application-slowdown':
      return compileAzApplicationSlowdown(fault, context);
    case 'cross-az-traffic-slowdown':
      return compileCrossAzTrafficSlowdown(fault, context);
    case 'cross-region-connectivity':
      return compileCrossRegionConnectivity(fault, context);
    case 'ec2-spot-interruption':
      return compileEc2SpotInterruption(fault);
    case 'ec2-cpu-stress':
      return compileEc2CpuStress(fault, context);
    case 'ecs-task-kill':
      return compileEcsTaskKill(fault);
    case 'fis-template':
      return compileFisTemplate(fault);
  }
}

/**
 * Scenario → Plan: the exact CreateExperimentTemplate input and everything a run will check, decided
 * before anything touches AWS. Pure and deterministic; throws PLAN_INVALID listing every problem.
 */
export function compilePlan(loaded: LoadedScenario): Plan {
  const { scenario, file } = loaded;
  const { spec, metadata } = scenario;
  const fault = compileFault(spec.fault, { region: spec.target.region, account: spec.target.account });
  const problems: PlanProblem[] = [...fault.problems];
  const stops = resolveStopConditions(spec);
  problems.push(...stops.problems);
  const probes = planProbes(spec.steadyState);
  problems.push(...probes.problems);

  const planned = spec.slo ? planSlo(spec.slo, { scenario: metadata.name, target: spec.target }) : undefined;
  problems.push(...(planned?.problems ?? []));
  const slo = planned?.slo;
  const stopArns = [...stops.stopConditions.map((s) => s.alarmArn), ...(slo?.stopAlarm ? [slo.stopAlarm.alarmArn] : [])];

  const report = spec.fisReport ? compileFisReport(spec.fisReport, spec.target.account) : undefined;
  problems.push(...(report?.problems ?? []));

  const template: ExperimentTemplateInput = {
    description: truncate(`gameday ${metadata.name}: ${metadata.description ?? spec.fault.type}`, DESCRIPTION_MAX),
    roleArn: spec.target.roleArn,
    stopConditions: stopArns.length ? stopArns.map((value) => ({ source: 'aws:cloudwatch:alarm', value })) : [{ source: 'none' }],
    targets: fault.targets,
    actions: fault.actions,
    tags: { [SCENARIO_TAG]: metadata.name },
    ...(spec.experiment?.logGroupArn
      ? { logConfiguration: { logSchemaVersion: 2, cloudWatchLogsConfiguration: { logGroupArn: spec.experiment.logGroupArn } } }
      : {}),
    experimentOptions: { accountTargeting: spec.target.accounts ? 'multi-account' : 'single-account', emptyTargetResolutionMode: spec.experiment?.emptyTargetResolutionMode ?? fault.emptyTargetResolutionMode ?? 'fail' },
    ...(report ? { experimentReportConfiguration: report.configuration } : {}),
  };
  const checked = checkTemplate(template.actions, template.targets, fault.checkOptions);
  problems.push(...checked.problems);
  const timeline = computeTimeline(template.actions, fault.checkOptions?.source);
  problems.push(...timeline.problems, ...limitProblems(Object.keys(template.actions).length, stopArns.length, timeline, slo?.stopAlarm !== undefined));

  const seconds = (field: string, path: (string | number)[], value: string | undefined): number | undefined => {
    if (value === undefined) return undefined;
    const s = durationSeconds(value);
    if (s === undefined) problems.push({ path: ['spec', ...path], message: `${field} "${value}" is not an ISO 8601 duration` });
    return s;
  };
  const { recovery } = spec;
  const rtoSeconds = seconds('recovery.rto', ['recovery', 'rto'], recovery.rto);
  const rpoSeconds = seconds('recovery.rpo', ['recovery', 'rpo'], recovery.rpo);
  const settleSeconds = seconds('recovery.settle', ['recovery', 'settle'], recovery.settle ?? DEFAULT_SETTLE) ?? 0;
  const watchSeconds = seconds('recovery.watch', ['recovery', 'watch'], recovery.watch ?? DEFAULT_WATCH) ?? 0;
  const detection = (spec.detection ?? []).map((d, i) => ({
    alarm: d.alarm,
    withinSeconds: seconds(`detection[${i}].within`, ['detection', i, 'within'], d.within) ?? 0,
    ...(d.after !== undefined ? { after: d.after } : {}),
  }));
  problems.push(...detectionAfterProblems(spec.detection ?? [], Object.keys(template.actions)));

  if (problems.length) {
    // Checks can report the same problem more than once: say it once, where it was first found.
    const distinct = problems.filter((p, i) => problems.findIndex((q) => q.message === p.message) === i);
    throw new GamedayError('PLAN_INVALID', `${file}: cannot plan scenario "${metadata.name}":\n${distinct.map((p) => `  - ${p.message}`).join('\n')}`, {
      hint: 'fix the scenario (see docs/plan.md for what each fault compiles to) and run `gameday plan` again',
      details: distinct,
    });
  }

  const faultActions = Object.entries(template.actions).filter(([, a]) => !fisAction(a.actionId)?.notAFault);
  const disruptionStart = Math.min(...faultActions.map(([name]) => timeline.timings.get(name)?.startSeconds ?? 0));
  const actions = Object.entries(template.actions).map(([name, action]): PlannedAction => {
    const timing = timeline.timings.get(name) ?? { startSeconds: 0, durationSeconds: 0 };
    const spec = fisAction(action.actionId);
    return {
      name,
      actionId: action.actionId,
      ...describeHits(action, template.targets),
      startSeconds: timing.startSeconds,
      durationSeconds: timing.durationSeconds,
      rollback: spec?.rollback ?? 'not rolled back',
      injectsFault: !spec?.notAFault && timing.startSeconds === disruptionStart,
    };
  });
  const dataLoss = recovery.dataLoss ? planDataLossProbe(recovery.dataLoss.metric, probes.probes.length) : undefined;

  const targetAccounts = spec.target.accounts?.map((a) => ({ accountId: a.account, roleArn: a.roleArn, ...(a.description !== undefined ? { description: a.description } : {}) }));
  const prerequisites = listPrerequisites(template, targetAccounts);
  const plan: Plan = {
    apiVersion: 'gameday/v1',
    kind: 'Plan',
    hash: '',
    scenario: {
      name: metadata.name,
      file,
      sourceHash: loaded.sourceHash,
      ...(metadata.description !== undefined ? { description: metadata.description } : {}),
      ...(metadata.owner !== undefined ? { owner: metadata.owner } : {}),
      ...(metadata.participants ? { participants: [...metadata.participants] } : {}),
      ...(metadata.labels ? { labels: { ...metadata.labels } } : {}),
      faultType: spec.fault.type,
    },
    target: {
      account: spec.target.account,
      region: spec.target.region,
      roleArn: spec.target.roleArn,
      ...(spec.target.resilienceHub ? { resilienceHubAppArn: spec.target.resilienceHub.appArn } : {}),
    },
    template,
    ...(targetAccounts ? { targetAccounts } : {}),
    actions,
    stopConditions: stops.stopConditions,
    probes: [...probes.probes, ...(slo && sloBurnProbe(slo) ? [sloBurnProbe(slo)!] : [])],
    ...(spec.impact && spec.impact.length > 0 ? { impact: planImpactCounts(spec.impact, probes.probes) } : {}),
    detection,
    recovery: {
      disruptionType: recovery.disruptionType,
      ...(rtoSeconds !== undefined ? { rtoSeconds } : {}),
      ...(rpoSeconds !== undefined ? { rpoSeconds } : {}),
      settleSeconds,
      watchSeconds,
      ...(recovery.rule !== undefined ? { rule: recovery.rule } : {}),
      ...(dataLoss ? { dataLoss } : {}),
    },
    ...(spec.runbook
      ? {
          runbook: {
            path: spec.runbook.path,
            ...(spec.runbook.owner !== undefined ? { owner: spec.runbook.owner } : {}),
            alarms: [...(spec.runbook.alarms ?? [])],
            sops: [...(spec.runbook.sops ?? [])],
            tests: [...(spec.runbook.tests ?? [])],
          },
        }
      : {}),
    ...(spec.gameDay ? { gameDay: planGameDay(spec.gameDay) } : {}),
    ...(slo ? { slo } : {}),
    faultSeconds: timeline.totalSeconds,
    preflight: planPreflight(scenario, stops.stopConditions, probes.probes, prerequisites, targetAccounts),
    prerequisites,
    warnings: [...fault.warnings, ...checked.warnings, ...planWarnings(scenario, template)],
  };
  const hash = planHash(plan);
  plan.hash = hash;
  plan.template.tags[PLAN_HASH_TAG] = hash;
  return plan;
}

/**
 * Names the plan: sha256 over the compiler version and the plan's content, leaving out what cannot be
 * part of it (the hash itself and its tag) and what does not change what a run does (where the file
 * is, its exact bytes — comments and formatting). Same plan ⇔ same hash.
 */
export function planHash(plan: Plan): string {
  const { [PLAN_HASH_TAG]: _ignored, ...tags } = plan.template.tags;
  const { file: _file, sourceHash: _source, ...scenario } = plan.scenario;
  const content = { ...plan, hash: undefined, scenario, template: { ...plan.template, tags } };
  return sha256Hex(canonicalJson({ compiler: PLAN_COMPILER_VERSION, plan: content }));
}

function planGameDay(people: GameDayPeople): NonNullable<Plan['gameDay']> {
  return {
    ...(people.owner !== undefined ? { owner: people.owner } : {}),
    ...(people.coordinator !== undefined ? { coordinator: people.coordinator } : {}),
    ...(people.reporter !== undefined ? { reporter: people.reporter } : {}),
    observers: [...(people.observers ?? [])],
    approvals: [...(people.approvals ?? [])],
  };
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
