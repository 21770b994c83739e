import type { ActionObservation, AlarmObserved, JournalEvent, JournalEventBody, ResilienceHubCaptured, RunEnded } from '../../src/core/journal/events.js';
import type { Plan } from '../../src/core/plan/types.js';

type Role = AlarmObserved['role'][number];

/**
 * Builds a journal the way `gameday run` writes one. Service times are given as seconds from the
 * experiment start (t0); each event's wall clock `at` trails the service time it reports by half a second.
 */
export class JournalBuilder {
  private readonly written: { atSeconds: number; body: JournalEventBody }[] = [];

  constructor(
    readonly plan: Plan,
    readonly runId = '20261126T100000Z-a1b2c3',
    private readonly t0 = Date.parse('2026-11-26T10:02:00Z'),
  ) {}

  /** ISO service time `seconds` after the experiment start. */
  t(seconds: number): string {
    return new Date(this.t0 + seconds * 1000).toISOString();
  }

  /** An event written at `atSeconds` (service time); build() orders events by it, as the run would have written them. */
  add(body: JournalEventBody, atSeconds = this.written.at(-1)?.atSeconds ?? -120): this {
    this.written.push({ atSeconds, body });
    return this;
  }

  runStarted(overrides: { mode?: 'aws' | 'sandbox'; facilitated?: boolean } = {}): this {
    return this.add(
      {
        type: 'run-started',
        runId: this.runId,
        gamedayVersion: '0.1.0',
        plan: this.plan,
        mode: overrides.mode ?? 'sandbox',
        ...(overrides.mode === 'aws' ? {} : { endpoint: 'http://127.0.0.1:4599' }),
        account: this.plan.target.account,
        region: this.plan.target.region,
        runDir: `reports/${this.plan.scenario.name}/${this.runId}`,
        pid: 4242,
        ...(overrides.facilitated ? { facilitated: true } : {}),
      },
      -120,
    );
  }

  /** Preflight with every check ok, except the ones listed in `failed` (subject → message). */
  preflight(failed: Record<string, { kind: string; message: string }> = {}): this {
    const checks = [
      { id: 'identity', kind: 'identity', subject: this.plan.target.account, ok: true, message: `caller is in account ${this.plan.target.account}` },
      ...this.plan.stopConditions.map((s) => ({ id: `stop-condition:${s.alarm}`, kind: 'stop-condition-alarm', subject: s.alarm, ok: true, message: 'exists, state OK' })),
      ...this.plan.detection.map((d) => ({ id: `detection:${d.alarm}`, kind: 'detection-alarm', subject: d.alarm, ok: true, message: 'exists' })),
      ...this.plan.probes.map((p) => ({ id: `steady-state:${p.name}`, kind: 'steady-state', subject: p.name, ok: true, message: 'holds' })),
    ].map((c) => (failed[c.subject] ? { ...c, ok: false, kind: failed[c.subject]!.kind, message: failed[c.subject]!.message } : c));
    return this.add({ type: 'preflight', checks, ok: checks.every((c) => c.ok) }, -60);
  }

  started(): this {
    this.add({ type: 'template-created', templateId: 'EXT1a2b3c4d5e6f7' }, -30);
    this.add({ type: 'start-intent', templateId: 'EXT1a2b3c4d5e6f7', clientToken: this.runId }, -30);
    return this.add({ type: 'experiment-started', experimentId: 'EXP9z8y7x6w5v4u3', startTime: this.t(0) }, 0);
  }

  targets(targets: Record<string, string[]>, resourceType = 'aws:ec2:instance'): this {
    return this.add(
      { type: 'targets-resolved', targets: Object.entries(targets).flatMap(([targetName, ids]) => ids.map((identifier) => ({ targetName, resourceType, identifier }))) },
      0,
    );
  }

  /** The experiment's state at `seconds`, with every action given; `start`/`end` are seconds from t0. */
  experiment(seconds: number, state: string, actions: Record<string, { state: string; start?: number; end?: number; reason?: string }>, extra: { reason?: string; end?: number } = {}): this {
    const observed: Record<string, ActionObservation> = {};
    for (const [name, a] of Object.entries(actions)) {
      observed[name] = {
        state: a.state,
        ...(a.reason ? { reason: a.reason } : {}),
        ...(a.start !== undefined ? { startTime: this.t(a.start) } : {}),
        ...(a.end !== undefined ? { endTime: this.t(a.end) } : {}),
      };
    }
    return this.add(
      {
        type: 'experiment-state',
        experimentId: 'EXP9z8y7x6w5v4u3',
        state,
        startTime: this.t(0),
        ...(extra.reason ? { reason: extra.reason } : {}),
        ...(extra.end !== undefined ? { endTime: this.t(extra.end) } : {}),
        actions: observed,
      },
      seconds,
    );
  }

  /** Every planned action in one state (start at 0 unless given). */
  allActions(state: string, times: { start?: number; end?: number; reason?: string } = {}): Record<string, { state: string; start?: number; end?: number; reason?: string }> {
    return Object.fromEntries(
      this.plan.actions.map((a) => [
        a.name,
        // An instantaneous action (a failover) completes within seconds, whatever happens to the experiment later.
        a.durationSeconds === 0 && times.end !== undefined
          ? { state: 'completed', start: a.startSeconds, end: a.startSeconds + 5 }
          : { state, start: times.start ?? a.startSeconds, ...(times.end !== undefined ? { end: times.end } : {}), ...(times.reason ? { reason: times.reason } : {}) },
      ]),
    );
  }

  alarm(seconds: number, alarm: string, state: AlarmObserved['state'], role: Role[], reason?: string): this {
    return this.add({ type: 'alarm-state', alarm, state, timestamp: this.t(seconds), role, ...(reason ? { reason } : {}) }, seconds);
  }

  /** A steady-state metric probe sample; ok is computed from the probe's threshold. */
  sample(seconds: number, probeName: string, value: number): this {
    const probe = this.plan.probes.find((p) => p.name === probeName);
    if (!probe?.threshold) throw new Error(`no metric probe ${probeName} in the plan`);
    const { op, value: bound } = probe.threshold;
    const ok = op === '<' ? value < bound : op === '<=' ? value <= bound : op === '>' ? value > bound : value >= bound;
    return this.add({ type: 'probe-sample', probe: probe.name, probeId: probe.id, timestamp: this.t(seconds), value, ok, role: 'steady-state' }, seconds);
  }

  /** Samples of a metric probe every 60 s from `from` with the given values. */
  series(probeName: string, from: number, values: number[]): this {
    values.forEach((v, i) => this.sample(from + i * 60, probeName, v));
    return this;
  }

  dataLoss(seconds: number, value: number): this {
    const probe = this.plan.recovery.dataLoss!;
    return this.add({ type: 'probe-sample', probe: probe.name, probeId: probe.id, timestamp: this.t(seconds), value, ok: true, role: 'data-loss' }, seconds);
  }

  resilienceHub(captured: Omit<ResilienceHubCaptured, 'type'>): this {
    return this.add({ type: 'resilience-hub', ...captured }, -90);
  }

  stopRequested(seconds: number, by: 'signal' | 'stop-condition-watch' | 'abort', reason: string, stoppedAtSeconds: number, latencyMs: number): this {
    return this.add(
      { type: 'stop-requested', by, reason, requestedAt: this.t(seconds), stoppedState: 'stopped', stoppedAt: this.t(stoppedAtSeconds), stopLatencyMs: latencyMs },
      seconds,
    );
  }

  note(seconds: number, text: string, author?: string): this {
    return this.add({ type: 'note', text, ...(author ? { author } : {}) }, seconds);
  }

  restoration(checks: { subject: string; ok: boolean; message: string }[], seconds: number): this {
    const notRolledBack = this.plan.actions.filter((a) => a.rollback === 'not rolled back').map((a) => ({ action: a.name, actionId: a.actionId, why: 'a failover cannot be undone' }));
    return this.add({ type: 'restoration', checks, notRolledBack }, seconds);
  }

  ended(status: RunEnded['status'], seconds: number, extra: { reason?: string; experimentState?: string } = {}): this {
    if (this.written.some((w) => w.body.type === 'template-created')) this.add({ type: 'template-deleted', templateId: 'EXT1a2b3c4d5e6f7' }, seconds);
    return this.add({ type: 'run-ended', status, ...extra }, seconds);
  }

  build(): JournalEvent[] {
    return this.written
      .map((w, i) => ({ ...w, i }))
      .sort((a, b) => a.atSeconds - b.atSeconds || a.i - b.i)
      .map((w, seq) => ({ seq, at: new Date(this.t0 + w.atSeconds * 1000 + 500).toISOString(), ...w.body }) as JournalEvent);
  }
}
