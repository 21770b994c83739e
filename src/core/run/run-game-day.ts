import { dirname, resolve } from 'node:path';
import type { Verdict } from '../verdict/types.js';
import { GamedayError } from '../errors.js';
import { requireScenario } from '../scenario/load.js';
import { compilePlan } from '../plan/compile.js';
import { checkPlanMatchesScenario, readPlanFile } from '../plan/plan-file.js';
import type { Plan } from '../plan/types.js';
import { SLO_COUNT_ID } from '../plan/slo.js';
import { ExitCode, type ExitCodeValue } from '../../cli/exit-codes.js';
import { connectTarget, type ConnectedTarget, type TargetOptions } from './connect-target.js';
import { executeRun, type ExecutedRun } from './execute-run.js';
import type { Interrupts, RunHost } from './host.js';
import { runbookLocation, type RepositoryLinks } from './runbook-location.js';
import { runWorld } from './run-world.js';
import { loadYamlDocument } from '../yaml/load-document.js';
import type { WatchBounds } from './watch.js';
import type { FollowUpOptions } from '../actions/follow-up-run.js';
import type { ActionItemsUpdated } from '../journal/events.js';

export interface RunGameDayOptions {
  scenarioFile: string;
  planFile?: string;
  sandbox?: boolean;
  world?: string;
  /** The world when neither `world` nor the scenario's spec.sandbox.world names one: gameday.config.yaml's, and that file. */
  defaultWorld?: { path: string; configFile: string };
  /** The embedded sandbox's virtual start (epoch ms); default: derived from the world and seed. */
  clockStart?: number;
  /**
   * The embedded sandbox on a real-time clock at this speed (virtual seconds per real second) instead
   * of the event clock, so people can follow the game day as it happens (`run --live`).
   */
  pace?: number;
  /** A sandbox the caller started in this process (tests): run against it as --sandbox would, and leave it running. */
  embedded?: NonNullable<TargetOptions['sandbox']>;
  profile?: string;
  region?: string;
  endpoint?: string;
  reportsDir: string;
  yes: boolean;
  keepTemplate: boolean;
  gamedayVersion: string;
  scheduledFor?: string;
  bounds?: Partial<WatchBounds>;
  /** The due policy and owner of last resort for the action items the run opens (gameday.config.yaml). */
  actionItems?: Omit<FollowUpOptions, 'reportsDir'>;
  /** gameday.config.yaml's repository, for the report's runbook link */
  repository?: RepositoryLinks;
  /** `run --facilitated` */
  facilitated?: boolean;
}

export interface RunGameDayResult extends ExecutedRun {
  planHash: string;
  mode: 'aws' | 'sandbox' | 'endpoint';
  region: string;
  endpoint?: string;
  passed: boolean;
  exitCode: ExitCodeValue;
  /** a rehearsal on the sandbox (embedded, or an endpoint that answered as it): never production evidence */
  simulation: boolean;
  verdict: Verdict;
  reports: string[];
  /** what the run did to the scenario's action items (absent when the run did not end) */
  actionItems?: Omit<ActionItemsUpdated, 'type'>;
}

/** The plan to run: the scenario compiled now, or a saved plan that must still match the scenario. */
export async function planFor(options: RunGameDayOptions): Promise<{ plan: Plan; worldFromScenario?: string }> {
  const loaded = await requireScenario(options.scenarioFile);
  let plan: Plan;
  if (options.planFile) {
    plan = await readPlanFile(options.planFile);
    checkPlanMatchesScenario(plan, loaded);
  } else {
    plan = compilePlan(loaded);
  }
  const world = loaded.scenario.spec.sandbox?.world;
  return { plan, ...(world ? { worldFromScenario: resolve(dirname(options.scenarioFile), world) } : {}) };
}

/**
 * The sandbox simulates the FIS actions its catalogue holds; a plan with another one is refused before
 * anything starts, naming it, rather than failing at CreateExperimentTemplate.
 */
async function refuseWhatTheSandboxCannotSimulate(plan: Plan, scenarioFile: string): Promise<void> {
  const { findAction } = await import('../../sandbox/services/fis-catalogue.js');
  const unsupported = [...new Set(Object.values(plan.template.actions).map((a) => a.actionId))].filter((id) => !findAction(id));
  if (unsupported.length > 0) {
    throw new GamedayError('SANDBOX_UNSUPPORTED', `the sandbox cannot simulate ${unsupported.length === 1 ? 'the FIS action' : 'these FIS actions'} ${unsupported.join(', ')} (${plan.scenario.file})`, {
      hint: 'run it against AWS, or play the game day in the sandbox without it (docs/sandbox.md lists the actions the sandbox simulates)',
    });
  }
  await refuseMathTheSandboxCannotEvaluate(plan, scenarioFile);
}

/**
 * The sandbox evaluates metric math's arithmetic only; a probe or SLO on more (FILL, IF, SEARCH…) would
 * fail every GetMetricData of the run (the probes share the SLO's call), so it is refused before
 * anything starts, at the expression's line.
 */
async function refuseMathTheSandboxCannotEvaluate(plan: Plan, scenarioFile: string): Promise<void> {
  const { notEmulated } = await import('../../sandbox/services/metric-math.js');
  const refused = [
    ...plan.probes.flatMap((probe) =>
      (probe.math?.queries ?? []).flatMap((q) => {
        const why = 'expression' in q ? notEmulated(q.expression) : undefined;
        return why ? [{ probe: probe.name, id: q.id, why }] : [];
      }),
    ),
    ...(plan.slo?.queries ?? []).flatMap((q) => {
      const why = 'expression' in q ? notEmulated(q.expression) : undefined;
      const key = (Object.keys(SLO_COUNT_ID) as (keyof typeof SLO_COUNT_ID)[]).find((k) => SLO_COUNT_ID[k] === q.id);
      return why && key ? [{ slo: key, why }] : [];
    }),
  ];
  if (refused.length === 0) return;
  const doc = await loadYamlDocument(scenarioFile);
  const where = locator(scenarioFile, doc);
  const probes = doc.ok ? ((doc.value as { spec?: { steadyState?: { name?: string; metrics?: { id?: string }[] }[] } }).spec?.steadyState ?? []) : [];
  const line = (r: (typeof refused)[number]): string => {
    if ('slo' in r) return `${where(['spec', 'slo', r.slo, 'expression'])}: the sandbox cannot evaluate the SLO's ${r.slo} expression (${r.why}); nothing was started`;
    const i = probes.findIndex((p) => p.name === r.probe);
    const j = (probes[i]?.metrics ?? []).findIndex((q) => q.id === r.id);
    return `${where(['spec', 'steadyState', i, 'metrics', j, 'expression'])}: the sandbox cannot evaluate probe ${r.probe}'s expression ${r.id} (${r.why}); nothing was started`;
  };
  throw new GamedayError('SANDBOX_UNSUPPORTED', refused.map(line).join('\n'), {
    hint: 'the sandbox emulates metric math arithmetic (+ - * / and parentheses over query ids); run this scenario against AWS, or rehearse it with arithmetic only',
  });
}

/** `file:line:col` of a path into the scenario, for a refusal that names the line to fix (the file alone if it no longer parses). */
function locator(scenarioFile: string, doc: Awaited<ReturnType<typeof loadYamlDocument>>): (path: (string | number)[]) => string {
  return (path) => {
    if (!doc.ok) return scenarioFile;
    const { line, col } = doc.locate(path);
    return `${scenarioFile}:${line}:${col}`;
  };
}

/**
 * `validate` cross-checks the scenario's own world; --world or the config's may be another. A fault target
 * nothing there matches would fail the experiment at initiation ("no resources found"), so it is refused
 * here, at the scenario's line. Alarms and metrics the world lacks are preflight's to report.
 */
async function refuseTargetsTheWorldLacks(scenarioFile: string, worldFile: string, plan: Plan): Promise<void> {
  const [{ loadWorld }, { crossCheckWorld }, loaded] = await Promise.all([import('../../sandbox/world/load-world.js'), import('../../sandbox/world/world-cross-check.js'), requireScenario(scenarioFile)]);
  const unmatched = crossCheckWorld(loaded.scenario, await loadWorld(worldFile), worldFile, plan.template.targets).filter((p) => p.path[1] === 'fault');
  if (unmatched.length === 0) return;
  const where = locator(scenarioFile, await loadYamlDocument(scenarioFile));
  throw new GamedayError('SCENARIO_INVALID', unmatched.map((p) => `${where(p.path)}: ${p.message}; nothing was started`).join('\n'), {
    hint: `fix the targets, or add the resources to ${worldFile} (gameday validate checks a scenario against its spec.sandbox.world)`,
  });
}

/** A facilitated sandbox rehearsal: 10 virtual seconds per real second, so a 30-minute fault plays in 3 minutes. */
export const FACILITATED_SANDBOX_SPEED = 10;

function withRunbookLocation(location: ReturnType<typeof runbookLocation>): { runbookLocation?: NonNullable<ReturnType<typeof runbookLocation>> } {
  return location ? { runbookLocation: location } : {};
}

/**
 * The most urgent thing first: an experiment that may still run (4), then a template left in the
 * account that someone must delete (3), then an interruption, then the verdict.
 */
export function exitCodeFor(executed: Pick<ExecutedRun, 'status' | 'unconfirmedStop' | 'templateDeleteFailed'>, passed: boolean): ExitCodeValue {
  if (executed.unconfirmedStop) return ExitCode.StopUnconfirmed;
  if (executed.templateDeleteFailed !== undefined) return ExitCode.Aws;
  if (executed.status === 'interrupted') return ExitCode.Interrupted;
  return passed ? ExitCode.Ok : ExitCode.Finding;
}

/** Where a run talks to: the embedded sandbox (started here unless the caller gave one), an endpoint, or AWS. */
export async function connectForRun(options: RunGameDayOptions, plan: Plan, worldFromScenario: string | undefined): Promise<ConnectedTarget> {
  let sandbox: TargetOptions['sandbox'] = options.embedded ? { ...options.embedded, stop: async () => undefined } : undefined;
  if (options.sandbox && !sandbox) {
    if (options.endpoint) throw new GamedayError('USAGE', '--sandbox starts its own endpoint; drop --endpoint-url (or drop --sandbox to use that endpoint)');
    const { startSandbox } = await import('../../sandbox/index.js');
    const world = await runWorld({
      ...(options.world ? { flag: options.world } : {}),
      ...(worldFromScenario ? { scenario: { file: options.scenarioFile, path: worldFromScenario } } : {}),
      ...(options.defaultWorld ? { config: { file: options.defaultWorld.configFile, path: options.defaultWorld.path } } : {}),
    });
    // The scenario's own world was cross-checked when the scenario was loaded (planFor): only another needs it.
    if (world && world !== worldFromScenario) await refuseTargetsTheWorldLacks(options.scenarioFile, world, plan);
    try {
      sandbox = await startSandbox({ ...(world ? { world } : {}), ...(options.pace ? { speed: options.pace } : { eventClock: true }), ...(options.clockStart !== undefined ? { clockStart: options.clockStart } : {}) });
    } catch (error) {
      if (GamedayError.is(error)) throw error;
      throw new GamedayError('SANDBOX_ERROR', `could not start the sandbox${world ? ` with world ${world}` : ''}: ${(error as Error).message}`, { cause: error });
    }
  }
  return connectTarget({
    region: options.region ?? plan.target.region,
    ...(options.profile ? { profile: options.profile } : {}),
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    ...(sandbox ? { sandbox } : {}),
  });
}

/**
 * `gameday run`: plan (or load the plan), connect (AWS, an endpoint, or an embedded sandbox started
 * here), execute the game day, follow its gaps up in the scenario's action items, then judge the
 * journal and write the reports next to it.
 */
export async function runGameDay(options: RunGameDayOptions, host: RunHost, interrupts: Interrupts): Promise<RunGameDayResult> {
  const { plan, worldFromScenario } = await planFor(options);
  if (options.sandbox || options.embedded) await refuseWhatTheSandboxCannotSimulate(plan, options.scenarioFile);
  const target = await connectForRun(options, plan, worldFromScenario);
  try {
    const executed = await executeRun(
      {
        plan,
        reportsDir: options.reportsDir,
        mode: target.mode,
        ...(target.endpoint ? { endpoint: target.endpoint } : {}),
        ...(options.region ? { region: options.region } : {}),
        yes: options.yes,
        keepTemplate: options.keepTemplate,
        gamedayVersion: options.gamedayVersion,
        ...(options.scheduledFor ? { scheduledFor: options.scheduledFor } : {}),
        ...(options.facilitated ? { facilitated: true } : {}),
        ...withRunbookLocation(runbookLocation(plan, options.scenarioFile, options.repository)),
      },
      { ports: target.ports, clock: target.clock, waits: target.waits, host, interrupts, ...(target.bounds || options.bounds ? { bounds: { ...target.bounds, ...options.bounds } } : {}) },
    );
    let actionItems: ActionItemsUpdated | undefined;
    if (!executed.unconfirmedStop) {
      const { followUpRun } = await import('../actions/follow-up-run.js');
      actionItems = await followUpRun(executed.runDir, { reportsDir: options.reportsDir, ...options.actionItems });
    }
    const { writeReports } = await import('../../report/write-reports.js');
    const { verdict, simulation, files } = await writeReports(executed.runDir);
    return {
      ...executed,
      planHash: plan.hash,
      mode: target.mode,
      region: plan.target.region,
      ...(target.endpoint ? { endpoint: target.endpoint } : {}),
      passed: verdict.passed,
      exitCode: exitCodeFor(executed, verdict.passed),
      simulation,
      verdict,
      reports: files,
      ...(actionItems ? { actionItems: (({ type: _type, ...rest }) => rest)(actionItems) } : {}),
    };
  } finally {
    await target.close();
  }
}
