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

/** Whether FIS reported the stop's experiment in a terminal state: only then is it "stopped". */
export function stopConfirmed(event: StopRequested): boolean {
  return event.stoppedState !== undefined && FINISHED_STATES.has(event.stoppedState);
}

const TIMED_OUT = Symbol('timed out');

/** The call's answer, or TIMED_OUT once `ms` passed (the call itself is left to finish on its own). */
async function within<T>(call: Promise<T>, ms: number): Promise<T | typeof TIMED_OUT> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), Math.max(1, ms))));
  try {
    return await Promise.race([call, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Stops an experiment and waits (bounded) until FIS reports it finished. StopExperiment is retried
 * on every failure until the bound: giving up early would leave a fault running. The bound holds
 * even when one call hangs or retries for longer (each call gets only the time left). An experiment
 * that already finished is not an error. Returns the stop-requested journal event body; its
 * stoppedState is the last state FIS reported, finished or not.
 */
export async function stopExperiment(experiments: Experiments, experimentId: string, options: StopOptions): Promise<StopRequested> {
  const waits = options.waits ?? realWaits;
  const wall = options.wallClock ?? (() => new Date(waits.nowMs()));
  const requested = wall();
  const deadline = requested.getTime() + options.waitMs;
  let last: ExperimentState | undefined;
  let stopAccepted = false;
  /** One call, bounded by the time left; undefined when it failed or did not answer in time. */
  const attempt = async (operation: string, call: () => Promise<ExperimentState>): Promise<ExperimentState | undefined> => {
    try {
      const answer = await within(call(), deadline - wall().getTime());
      if (answer !== TIMED_OUT) return answer;
      options.onProblem?.(operation, `no answer within the ${options.waitMs} ms stop bound`);
    } catch (error) {
      const message = GamedayError.is(error) ? error.message : String(error);
      // StopExperiment on an experiment that already ended is refused (ValidationException/Conflict): look.
      if (operation === 'fis:StopExperiment' && /Validation|Conflict|not running|cannot be stopped|already/i.test(message)) stopAccepted = true;
      else options.onProblem?.(operation, message);
    }
    return undefined;
  };
  while (true) {
    const stopped = stopAccepted ? undefined : await attempt('fis:StopExperiment', () => experiments.stop(experimentId));
    if (stopped) {
      stopAccepted = true;
      last = stopped;
    } else if (wall().getTime() < deadline) {
      // Also when StopExperiment failed: what FIS reports now is what the run says it last saw.
      last = (await attempt('fis:GetExperiment', () => experiments.get(experimentId))) ?? last;
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
