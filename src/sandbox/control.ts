import type { Clock } from './clock.js';
import { type FaultInjector, parseFaultSpec } from './faults.js';

/** What the control API reads and steers. */
export interface ControlTarget {
  /** setSpeed only on a standalone (real-time) clock */
  clock: Clock & { setSpeed?(speed: number): void };
  faults: FaultInjector;
  /** steps the simulation to the clock's now (after the clock moved) */
  advance(): void;
  snapshot(): unknown;
  alarms(): unknown;
}

export interface ControlResponse {
  status: number;
  body: unknown;
}

export const CONTROL_PREFIX = '/_sandbox/';
/** Bounds of POST /_sandbox/clock: one virtual day per call, and a speed a person can still follow. */
export const MAX_ADVANCE_SECONDS = 86_400;
export const MAX_SPEED = 10_000;

/**
 * The sandbox's own API under /_sandbox/ (unsigned, loopback only): read state, move the virtual
 * clock, inject API faults. Tests and `gameday sandbox` users drive it with plain HTTP + JSON.
 */
export function handleControl(target: ControlTarget, method: string, path: string, rawBody: string): ControlResponse {
  let body: unknown = {};
  if (rawBody.trim() !== '') {
    try {
      body = JSON.parse(rawBody);
    } catch {
      return problem(400, 'the body is not valid JSON');
    }
  }
  const route = `${method} ${path.replace(/\/+$/, '')}`;
  switch (route) {
    case 'GET /_sandbox/state':
      target.advance();
      return ok({ ...clockState(target.clock), simulation: target.snapshot(), alarms: target.alarms(), faults: target.faults.list() });
    case 'POST /_sandbox/clock':
      return moveClock(target, body);
    case 'GET /_sandbox/faults':
      return ok({ faults: target.faults.list() });
    case 'POST /_sandbox/faults': {
      const spec = parseFaultSpec(body);
      if (typeof spec === 'string') return problem(400, spec);
      return ok({ fault: target.faults.add(spec) });
    }
    case 'DELETE /_sandbox/faults':
      return ok({ cleared: target.faults.clear() });
    default:
      return problem(404, `no control route ${method} ${path}; see docs/sandbox.md`);
  }
}

function moveClock(target: ControlTarget, body: unknown): ControlResponse {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return problem(400, 'the body must be a JSON object');
  const { advanceSeconds, speed } = body as Record<string, unknown>;
  if (advanceSeconds === undefined && speed === undefined) return problem(400, 'give advanceSeconds and/or speed');
  if (advanceSeconds !== undefined && !(typeof advanceSeconds === 'number' && Number.isFinite(advanceSeconds) && advanceSeconds >= 0 && advanceSeconds <= MAX_ADVANCE_SECONDS)) {
    return problem(400, `advanceSeconds must be a number from 0 to ${MAX_ADVANCE_SECONDS} (one virtual day; the clock only moves forward)`);
  }
  if (speed !== undefined && !(typeof speed === 'number' && Number.isFinite(speed) && speed > 0 && speed <= MAX_SPEED)) return problem(400, `speed must be a number > 0 and ≤ ${MAX_SPEED}`);
  const setSpeed = target.clock.setSpeed?.bind(target.clock);
  if (typeof speed === 'number' && !setSpeed) return problem(400, 'this sandbox runs on an event clock (embedded in gameday run): it has no speed; advance it instead');
  if (typeof speed === 'number') setSpeed!(speed);
  if (typeof advanceSeconds === 'number') target.clock.advance(advanceSeconds * 1000);
  target.advance();
  return ok(clockState(target.clock));
}

function clockState(clock: Clock): { now: string; speed: number } {
  return { now: clock.now().toISOString(), speed: clock.speed };
}

function ok(body: unknown): ControlResponse {
  return { status: 200, body };
}

function problem(status: number, message: string): ControlResponse {
  return { status, body: { error: message } };
}
