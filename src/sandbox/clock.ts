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
  /** virtual epoch ms at creation (default: the real time now, so a speed-1 sandbox runs on the wall clock) */
  start?: number;
  /** virtual ms per real ms (default 1) */
  speed?: number;
  /** real time source, injectable for tests */
  realNow?: () => number;
}

export class VirtualClock implements Clock {
  private currentSpeed: number;
  private start: number;
  private realStart: number;
  private readonly realNow: () => number;
  private offset = 0;

  constructor(options: VirtualClockOptions = {}) {
    this.realNow = options.realNow ?? (() => performance.timeOrigin + performance.now());
    this.currentSpeed = checkSpeed(options.speed ?? 1);
    this.realStart = this.realNow();
    this.start = options.start ?? this.realStart;
  }

  get speed(): number {
    return this.currentSpeed;
  }

  /** Change the speed from now on; time already elapsed is kept (control API). */
  setSpeed(speed: number): void {
    const now = this.nowMs();
    this.currentSpeed = checkSpeed(speed);
    this.realStart = this.realNow();
    this.start = now;
    this.offset = 0;
  }

  nowMs(): number {
    return Math.floor(this.start + (this.realNow() - this.realStart) * this.currentSpeed + this.offset);
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`the clock only moves forward; got ${ms} ms`);
    this.offset += ms;
  }
}

function checkSpeed(speed: number): number {
  if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`clock speed must be a positive number, got ${speed}`);
  return speed;
}
