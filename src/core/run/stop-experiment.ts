import type { Experiments, ExperimentState } from '../../aws/ports.js';
import type { StopRequested } from '../journal/events.js';
import { GamedayError } from '../errors.js';
import { realWaits, type Waits } from './waits.js';

export const FINISHED_STATES = new Set(['completed', 'stopped', 'failed', 'cancelled']);

export interface StopOptions {
  by: StopRequested['by'];
  reason: string;
  /** Real ms to wait for FIS to report the experiment finished. */
  waitMs: number;
  /** Real ms between GetExperiment polls while waiting. */
  pollMs: number;
  wallClock?: () => Date;
  /** how to wait between polls (default: real time); its clock is the default wallClock */
  waits?: Waits;
  /** Told about each failed attempt (the stop is retried until waitMs runs out). */
  onProblem?: (operation: string, message: string) => void;
}

/**
 * Stops an experiment and waits (bounded) until FIS reports it finished. StopExperiment is retried
 * on every failure until the bound: giving up early would leave a fault running. An experiment
 * that already finished is not an error. Returns the stop-requested journal event body.
 */
export async function stopExperiment(experiments: Experiments, experimentId: string, options: StopOptions): Promise<StopRequested> {
  const waits = options.waits ?? realWaits;
  const wall = options.wallClock ?? (() => new Date(waits.nowMs()));
  const requested = wall();
  const deadline = requested.getTime() + options.waitMs;
  let last: ExperimentState | undefined;
  let stopAccepted = false;
  while (true) {
    try {
      if (!stopAccepted) {
        last = await experiments.stop(experimentId);
        stopAccepted = true;
      } else {
        last = await experiments.get(experimentId);
      }
    } catch (error) {
      const message = GamedayError.is(error) ? error.message : String(error);
      // StopExperiment on an experiment that already ended is refused (ValidationException/Conflict): look.
      if (!stopAccepted && /Validation|Conflict|not running|cannot be stopped|already/i.test(message)) stopAccepted = true;
      else options.onProblem?.(stopAccepted ? 'fis:GetExperiment' : 'fis:StopExperiment', message);
    }
    if (last && FINISHED_STATES.has(last.state)) break;
    if (wall().getTime() >= deadline) break;
    await waits.sleep(Math.min(options.pollMs, Math.max(1, deadline - wall().getTime())));
  }
  const finished = last && FINISHED_STATES.has(last.state);
  return {
    type: 'stop-requested',
    by: options.by,
    reason: options.reason,
    requestedAt: requested.toISOString(),
    ...(last ? { stoppedState: last.state } : {}),
    ...(finished && last?.endTime ? { stoppedAt: last.endTime.toISOString() } : {}),
    ...(finished ? { stopLatencyMs: wall().getTime() - requested.getTime() } : {}),
  };
}
