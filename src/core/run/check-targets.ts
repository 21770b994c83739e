import { GamedayError } from '../errors.js';
import { newRunId } from '../journal/run-dir.js';
import type { Plan } from '../plan/types.js';
import { ExitCode, type ExitCodeValue } from '../../cli/exit-codes.js';
import { connectTarget, type ConnectedTarget } from './connect-target.js';
import { previewTargets, type TargetPreview } from './preview-targets.js';
import { connectForRun, planFor, type RunGameDayOptions } from './run-game-day.js';
import { pollIntervalMs } from './service-clock.js';

export interface TargetCheck {
  previews: TargetPreview[];
  ok: boolean;
  exitCode: ExitCodeValue;
}

/** A template left in the account (exit 3) comes before targets that resolve to nothing (exit 1), as for a run. */
function checked(previews: TargetPreview[]): TargetCheck {
  const ok = previews.every((p) => p.ok);
  return { previews, ok, exitCode: previews.some((p) => p.templateLeft) ? ExitCode.Aws : ok ? ExitCode.Ok : ExitCode.Finding };
}

async function previewOn(plan: Plan, target: ConnectedTarget, signal: AbortSignal): Promise<TargetPreview> {
  return previewTargets(plan, { ports: target.ports, clock: target.clock, waits: target.waits, pollMs: pollIntervalMs(target.clock.speed), signal }, `preview-${newRunId(new Date())}`);
}

/**
 * `gameday run --check-only`: the run's connection (embedded sandbox, endpoint or AWS) and plan, but
 * instead of the game day a skip-all preview of its targets. Nothing is injected and no run is
 * recorded, so it needs neither confirmation nor approvals.
 */
export async function checkScenarioTargets(options: RunGameDayOptions, signal: AbortSignal): Promise<TargetCheck> {
  const { plan, worldFromScenario } = await planFor(options);
  if (options.region && options.region !== plan.target.region) {
    throw new GamedayError('GUARD_REFUSED', `--region ${options.region} differs from the scenario's region ${plan.target.region}`, { hint: 'drop --region, or fix spec.target.region in the scenario' });
  }
  const target = await connectForRun(options, plan, worldFromScenario);
  try {
    return checked([await previewOn(plan, target, signal)]);
  } finally {
    await target.close();
  }
}

/** `gameday plan --resolve`: each planned scenario previewed in its own account and Region. */
export async function resolvePlans(plans: Plan[], connection: { profile?: string; endpoint?: string }, signal: AbortSignal): Promise<TargetCheck> {
  const previews: TargetPreview[] = [];
  for (const plan of plans) {
    const target = await connectTarget({ region: plan.target.region, ...connection });
    try {
      previews.push(await previewOn(plan, target, signal));
    } finally {
      await target.close();
    }
  }
  return checked(previews);
}
