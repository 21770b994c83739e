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

interface Sleeper {
  at: number;
  seq: number;
  wake(): void;
  /** a poller's sleep (sleepWhileQuiet): its interval, and its own next deadline */
  poll?: { intervalMs: number; dueMs: number };
}

/**
 * The embedded sandbox's clock, discrete-event: virtual time never flows with real time. The
 * orchestrator in the same process waits through sleep() and marks its calls with hold(); while any
 * work is held nothing moves, and once every party sleeps the clock jumps straight to the earliest
 * wake-up (ties wake in the order they slept). Results depend only on the sequence of calls, never on
 * the machine's speed. It reports speed 1: the orchestrator waits exactly as it would against AWS.
 * A poller alone asleep sleeps on, by whole intervals, past the polls that could only see what it
 * saw last: until the simulation's next possible change (quietUntil) or the poller's own deadline.
 */
export class EventClock implements Clock {
  readonly speed = 1;
  private current: number;
  private readonly sleepers: Sleeper[] = [];
  private held = 0;
  private seq = 0;
  private checking = false;
  private quietUntil: () => number = () => Number.NEGATIVE_INFINITY;
  private mark: () => string | undefined = () => undefined;

  constructor(start: number) {
    this.current = Math.floor(start);
  }

  nowMs(): number {
    return this.current;
  }

  now(): Date {
    return new Date(this.current);
  }

  advance(ms: number): void {
    if (!(ms >= 0)) throw new RangeError(`the clock only moves forward; got ${ms} ms`);
    this.current += Math.floor(ms);
  }

  /**
   * Where the host learns, once everybody waits, the first instant at which an experiment's or an
   * alarm's state can change if nobody calls before it (-Infinity: any time, e.g. while faults are injected).
   */
  setQuietUntil(quietUntil: () => number): void {
    this.quietUntil = quietUntil;
  }

  /** Where the host says what every experiment's and alarm's state is now (Waits.stateMark). */
  setStateMark(mark: () => string | undefined): void {
    this.mark = mark;
  }

  stateMark(): string | undefined {
    return this.mark();
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return this.addSleeper(ms, undefined, signal);
  }

  sleepWhileQuiet(ms: number, dueMs: number, signal?: AbortSignal): Promise<void> {
    return this.addSleeper(ms, { intervalMs: Math.max(1, Math.ceil(ms)), dueMs }, signal);
  }

  private addSleeper(ms: number, poll: Sleeper['poll'], signal?: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      if (signal?.aborted) return resolve();
      const sleeper: Sleeper = {
        at: this.current + Math.max(0, Math.ceil(ms)),
        seq: this.seq++,
        wake: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
        ...(poll ? { poll } : {}),
      };
      const onAbort = (): void => {
        const i = this.sleepers.indexOf(sleeper);
        if (i >= 0) this.sleepers.splice(i, 1);
        sleeper.wake();
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.sleepers.push(sleeper);
      this.check();
    });
  }

  async hold<T>(work: () => Promise<T>): Promise<T> {
    this.held++;
    try {
      return await work();
    } finally {
      this.held--;
      this.check();
    }
  }

  /** After the current callbacks (and their microtasks) ran: jump when nobody is working. */
  private check(): void {
    if (this.checking) return;
    this.checking = true;
    setImmediate(() => {
      this.checking = false;
      if (this.held > 0 || this.sleepers.length === 0) return;
      // Only a poller alone: another sleeper could change the world before the poller's next poll.
      if (this.sleepers.length === 1) this.skipQuietPolls(this.sleepers[0]!);
      this.sleepers.sort((a, b) => a.at - b.at || a.seq - b.seq);
      const first = this.sleepers[0]!;
      this.current = Math.max(this.current, first.at);
      const due = this.sleepers.filter((s) => s.at <= this.current);
      this.sleepers.splice(0, due.length);
      for (const s of due) s.wake();
    });
  }

  /** The poll instants (its interval apart) before the next possible change would see nothing new: skip them. */
  private skipQuietPolls(sleeper: Sleeper): void {
    if (!sleeper.poll) return;
    const bound = Math.min(this.quietUntil(), sleeper.poll.dueMs);
    if (Number.isFinite(bound) && sleeper.at < bound) sleeper.at += Math.ceil((bound - sleeper.at) / sleeper.poll.intervalMs) * sleeper.poll.intervalMs;
  }
}
