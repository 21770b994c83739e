import type { Clock } from './clock.js';
import { SANDBOX_SERVICES, isSandboxService } from './routing.js';
import type { SandboxService } from './contracts.js';

export const FAULT_KINDS = ['throttle', 'error500', 'error503', 'latency', 'reset'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultSpec {
  service: SandboxService;
  /** only this operation (model name); every operation of the service when absent */
  operation?: string;
  kind: FaultKind;
  /** affect this many matching requests, then disappear */
  count?: number;
  /** disappear after this many seconds of sandbox (virtual) time */
  forSeconds?: number;
  /** kind latency: real milliseconds added before the request is served */
  latencyMs?: number;
}

export interface ActiveFault extends FaultSpec {
  id: number;
  remaining?: number;
  until?: string;
}

/** API faults injected through the control API, matched per request before dispatch. */
export class FaultInjector {
  private faults: (ActiveFault & { untilMs?: number })[] = [];
  private nextId = 1;

  constructor(private readonly clock: Clock) {}

  add(spec: FaultSpec): ActiveFault {
    const untilMs = spec.forSeconds === undefined ? undefined : this.clock.nowMs() + spec.forSeconds * 1000;
    const fault = {
      ...spec,
      id: this.nextId++,
      ...(spec.count === undefined ? {} : { remaining: spec.count }),
      ...(untilMs === undefined ? {} : { untilMs, until: new Date(untilMs).toISOString() }),
    };
    this.faults.push(fault);
    return publicFault(fault);
  }

  clear(): number {
    const n = this.faults.length;
    this.faults = [];
    return n;
  }

  /** Whether any fault is in effect (the event clock then skips no poll: answers can change at any call). */
  get active(): boolean {
    this.expire();
    return this.faults.length > 0;
  }

  list(): ActiveFault[] {
    this.expire();
    return this.faults.map(publicFault);
  }

  /** The first fault matching this call, consuming one of its count. */
  take(service: SandboxService, operation: string): ActiveFault | undefined {
    this.expire();
    const fault = this.faults.find((f) => f.service === service && (f.operation === undefined || f.operation === operation));
    if (!fault) return undefined;
    if (fault.remaining !== undefined) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.faults = this.faults.filter((f) => f !== fault);
    }
    return publicFault(fault);
  }

  private expire(): void {
    const now = this.clock.nowMs();
    this.faults = this.faults.filter((f) => f.untilMs === undefined || f.untilMs > now);
  }
}

function publicFault(fault: ActiveFault & { untilMs?: number }): ActiveFault {
  const { untilMs: _ignored, ...rest } = fault;
  return rest;
}

/** Checks a control-API body; returns the spec or a message saying what is wrong. */
export function parseFaultSpec(body: unknown): FaultSpec | string {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return 'the body must be a JSON object';
  const b = body as Record<string, unknown>;
  if (typeof b.service !== 'string' || !isSandboxService(b.service)) return `service must be one of ${SANDBOX_SERVICES.join(', ')}`;
  if (typeof b.kind !== 'string' || !(FAULT_KINDS as readonly string[]).includes(b.kind)) return `kind must be one of ${FAULT_KINDS.join(', ')}`;
  if (b.operation !== undefined && (typeof b.operation !== 'string' || b.operation === '')) return 'operation must be a non-empty string';
  for (const key of ['count', 'forSeconds', 'latencyMs'] as const) {
    const v = b[key];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v) || v <= 0)) return `${key} must be a positive number`;
  }
  if (b.kind === 'latency' && b.latencyMs === undefined) return 'kind latency needs latencyMs';
  if (typeof b.latencyMs === 'number' && b.latencyMs > 60_000) return 'latencyMs must be at most 60000';
  return {
    service: b.service,
    kind: b.kind as FaultKind,
    ...(typeof b.operation === 'string' ? { operation: b.operation } : {}),
    ...(typeof b.count === 'number' ? { count: Math.ceil(b.count) } : {}),
    ...(typeof b.forSeconds === 'number' ? { forSeconds: b.forSeconds } : {}),
    ...(typeof b.latencyMs === 'number' ? { latencyMs: b.latencyMs } : {}),
  };
}
