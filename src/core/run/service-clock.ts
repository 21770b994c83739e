/**
 * Service time, as the AWS endpoint keeps it. Against AWS it is the local clock (speed 1); against
 * the in-process sandbox it is the sandbox's virtual clock; against another endpoint it is estimated
 * from the HTTP Date headers it sends, running at the speed the user declares (--speed).
 * Waits are in real time and scale with speed, so the same loop runs a 30-minute game day in real
 * time against AWS and in seconds against a fast sandbox.
 */
export interface ServiceClock {
  now(): Date;
  /** service ms per real ms */
  readonly speed: number;
}

export const systemClock: ServiceClock = { now: () => new Date(), speed: 1 };

/** Follows a remote clock from the Date headers of its responses (1 s resolution). */
export class DateHeaderClock implements ServiceClock {
  private anchor: { service: number; real: number } | undefined;

  constructor(
    readonly speed: number,
    private readonly realNow: () => number = () => Date.now(),
  ) {}

  observe(date: Date): void {
    const real = this.realNow();
    // The header is truncated to the second: assume the middle of it, and never let time run back.
    const service = date.getTime() + 500 * Math.min(this.speed, 1);
    if (!this.anchor || service > this.estimate(real)) this.anchor = { service, real };
  }

  private estimate(real: number): number {
    return this.anchor ? this.anchor.service + (real - this.anchor.real) * this.speed : real;
  }

  now(): Date {
    return new Date(this.estimate(this.realNow()));
  }
}

/** How often the watch polls, in service seconds: fast enough to see 1-minute alarm periods change. */
export const POLL_SERVICE_SECONDS = 10;
/** Never poll faster than this in real time, whatever the speed (keeps a fast sandbox from a busy loop). */
export const MIN_POLL_REAL_MS = 25;

/** Real milliseconds between polls at a given clock speed. */
export function pollIntervalMs(speed: number, serviceSeconds: number = POLL_SERVICE_SECONDS): number {
  return Math.max(MIN_POLL_REAL_MS, Math.round((serviceSeconds * 1000) / Math.max(speed, 1e-9)));
}
