/**
 * The sandbox's virtual clock: service time runs at `speed` × real time from `start`, and can be
 * stepped forward by the control API. Every service timestamp the sandbox reports comes from here.
 * It never runs backwards.
 */
export interface Clock {
  now(): Date;
  nowMs(): number;
  readonly speed: number;
  /** Jump forward by ms of virtual time (control API, tests). */
  advance(ms: number): void;
}

export interface VirtualClockOptions {
  /** virtual epoch ms at creation (default: the real time now, rounded down to the minute) */
  start?: number;
  /** virtual ms per real ms (default 1) */
  speed?: number;
  /** real time source, injectable for tests */
  realNow?: () => number;
}

export class VirtualClock implements Clock {
  readonly speed: number;
  private readonly start: number;
  private readonly realStart: number;
  private readonly realNow: () => number;
  private offset = 0;

  constructor(options: VirtualClockOptions = {}) {
    this.realNow = options.realNow ?? (() => performance.timeOrigin + performance.now());
    this.speed = options.speed ?? 1;
    if (!(this.speed > 0) || !Number.isFinite(this.speed)) throw new RangeError(`clock speed must be a positive number, got ${options.speed}`);
    this.realStart = this.realNow();
    this.start = options.start ?? Math.floor(this.realStart / 60_000) * 60_000;
  }

  nowMs(): number {
    return Math.floor(this.start + (this.realNow() - this.realStart) * this.speed + this.offset);
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`the clock only moves forward; got ${ms} ms`);
    this.offset += ms;
  }
}
