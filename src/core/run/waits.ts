/**
 * How the orchestrator waits. Every poll interval, and every bound measured while waiting (lost
 * contact, stop-condition grace, the stop deadline, preflight's wait for fresh alarms), goes through
 * this port. Against AWS and a standalone sandbox it is real time. With the sandbox embedded in this
 * process it is the sandbox's event clock: nothing moves while a call is held in flight, and once
 * every party sleeps the virtual clock jumps to the earliest wake-up — so a 30-minute game day takes
 * as long as its API calls, and its results do not depend on the machine's speed.
 */
export interface Waits {
  /** ms on the waits' timeline (epoch ms: real, or the embedded sandbox's virtual time) */
  nowMs(): number;
  /** Resolves after `ms` on that timeline; early (never rejects) when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
  /**
   * A poller's sleep: `ms`, then more whole `ms` while a poll could find nothing new — before `dueMs`
   * (the poller's own next deadline, on this timeline) and before any experiment's or alarm's state
   * can change. Only the embedded sandbox knows the latter; against AWS this is sleep(ms).
   */
  sleepWhileQuiet(ms: number, dueMs: number, signal?: AbortSignal): Promise<void>;
  /** Marks work in flight (an API call, a journal write) so time does not jump under it. */
  hold<T>(work: () => Promise<T>): Promise<T>;
  /**
   * Every experiment's and alarm's state now, as a mark to compare with an earlier one: equal marks
   * mean GetExperiment and DescribeAlarms would answer the same states, so a poller may skip asking.
   * Only the embedded sandbox can say so (undefined, or no method, everywhere else).
   */
  stateMark?(): string | undefined;
}

/** Waits `ms` of real time; resolves early (never rejects) when `signal` aborts. */
function realSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

export const realWaits: Waits = { nowMs: () => Date.now(), sleep: realSleep, sleepWhileQuiet: (ms, _dueMs, signal) => realSleep(ms, signal), hold: (work) => work() };

/** Every method of every port, held in flight through `waits` (the embedded sandbox's event clock). */
export function heldPorts<P extends object>(ports: P, waits: Waits): P {
  const held = {} as P;
  for (const [name, port] of Object.entries(ports) as [keyof P, object][]) {
    held[name] = new Proxy(port, {
      get(target, key, receiver) {
        const value = Reflect.get(target, key, receiver) as unknown;
        return typeof value === 'function' ? (...args: unknown[]) => waits.hold(() => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args)) : value;
      },
    }) as P[keyof P];
  }
  return held;
}
