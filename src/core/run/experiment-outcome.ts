import type { Experiments, ExperimentState } from '../../aws/ports.js';
import { durationSeconds } from '../duration.js';
import type { ExperimentReportObserved, SafetyLeverObserved } from '../journal/events.js';
import type { Plan } from '../plan/types.js';
import type { ServiceClock } from './service-clock.js';
import type { Waits } from './waits.js';

/**
 * What FIS itself says about how an experiment ended, beyond its state: whether the account's safety
 * lever ended it, why it failed (state.error), and the experiment report it writes afterwards.
 */

/**
 * FIS stopped or cancelled the experiment without gameday asking: was it the safety lever? FIS's
 * reason text is not a contract, so the lever itself is asked; an engaged lever is the answer.
 */
export async function leverThatEnded(experiments: Experiments, experiment: ExperimentState): Promise<SafetyLeverObserved | undefined> {
  if (experiment.state !== 'stopped' && experiment.state !== 'cancelled') return undefined;
  const lever = await experiments.safetyLever().catch(() => undefined);
  if (!lever || lever.status === 'disengaged' || lever.status === 'unknown') return undefined;
  return { type: 'safety-lever', status: lever.status, ...(lever.reason ? { reason: lever.reason } : {}), experimentState: experiment.state };
}

/** "the FIS safety lever stopped the experiment: INC-4711 …" */
export function leverEnding(lever: SafetyLeverObserved): string {
  return `the FIS safety lever ${lever.experimentState === 'cancelled' ? 'cancelled the experiment before it injected anything' : 'stopped the experiment'}${lever.reason ? `: ${lever.reason}` : ''}`;
}

/** A failed experiment's reason with FIS's state.error: "Target resolution failed (InvalidTarget at targets.workers, account 1234…)". */
export function failureText(experiment: ExperimentState): string {
  const reason = experiment.reason ?? `experiment ${experiment.state}`;
  const e = experiment.error;
  if (!e) return reason;
  const parts = [e.code ?? 'error', ...(e.location ? [`at ${e.location}`] : []), ...(e.accountId ? [`account ${e.accountId}`] : [])];
  return `${reason} (state.error: ${parts.join(' ')})`;
}

const REPORT_SETTLED = new Set(['completed', 'cancelled', 'failed']);
/** FIS needs a while after the post-experiment window to write the PDF. */
const REPORT_MARGIN_SECONDS = 300;

export interface ReportWait {
  clock: ServiceClock;
  waits: Waits;
  pollMs: number;
  signal: AbortSignal;
}

/**
 * The experiment report of a plan with spec.fisReport: FIS writes it once the post-experiment window
 * after the end has passed. Re-reads the experiment until the report settles (completed, cancelled,
 * failed) or that window plus a margin is over (service time), and says what FIS last reported.
 */
export async function awaitExperimentReport(plan: Plan, experiments: Experiments, experiment: ExperimentState, wait: ReportWait): Promise<ExperimentReportObserved | undefined> {
  const config = plan.template.experimentReportConfiguration;
  if (!config) return undefined;
  const post = durationSeconds(config.postExperimentDuration ?? 'PT0S') ?? 0;
  const deadline = (experiment.endTime ?? wait.clock.now()).getTime() + (post + REPORT_MARGIN_SECONDS) * 1000;
  let current = experiment;
  while (!(current.report && REPORT_SETTLED.has(current.report.status)) && wait.clock.now().getTime() < deadline && !wait.signal.aborted) {
    await wait.waits.sleep(wait.pollMs, wait.signal);
    current = await experiments.get(experiment.id).catch(() => current);
  }
  const report = current.report;
  return {
    type: 'experiment-report',
    experimentId: experiment.id,
    status: report?.status ?? 'unknown',
    ...(report?.reason ? { reason: report.reason } : report ? {} : { reason: 'FIS reported no experiment report for this experiment' }),
    reports: report?.s3Reports ?? [],
  };
}
