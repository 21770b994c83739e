import { humanDuration } from '../core/duration.js';
import type { JournalEvent, MarkAdded, RunEnded, RunStarted, StopRequested } from '../core/journal/events.js';
import { isSimulation } from '../core/people/people-report.js';
import { judge } from '../core/verdict/judge.js';
import { buildReportModel } from '../report/report-model.js';
import { renderTimelineSvg } from '../report/svg-timeline.js';
import { clockText } from '../report/wording.js';
import { numberText, thresholdText } from '../core/number-text.js';

/**
 * What the live page shows, a pure function of the journal so far: the same verdict, timeline and
 * chart as the report (judged on a journal that is still growing), plus what the room follows live —
 * the RTO budget, the current state of each action, alarm and probe, the marks and the stops.
 * The page only puts these values on screen (as text, never as markup) and ticks the budget clock.
 */
export interface LiveView {
  /** journal events it was built from */
  events: number;
  phase: 'waiting' | 'running' | 'ended';
  run?: {
    runId: string;
    scenario: string;
    mode: RunStarted['mode'];
    /** a sandbox rehearsal, never production evidence */
    simulation: boolean;
    account: string;
    region: string;
    runDir: string;
    experimentId?: string;
    experimentState?: string;
  };
  ended?: { status: RunEnded['status']; reason?: string; outcome: string };
  /** the latest service time the journal shows (ISO 8601) */
  serviceTime?: string;
  /** the FIS start of the first injecting action (the verdict's disruption start) */
  faultStart?: string;
  budget?: {
    targetSeconds: number;
    /** the target in the report's words ("5m") */
    target: string;
    /** where the target comes from */
    source: string;
    /** fault start + target, on the service clock */
    deadline?: string;
    recoveredAt?: string;
    rtoSeconds?: number;
    met?: boolean;
    state: 'before-fault' | 'running' | 'recovered' | 'unrecovered';
  };
  actions: { name: string; state: string }[];
  alarms: { alarm: string; state: string; roles: string[] }[];
  probes: { name: string; role: string; value?: number; valueText?: string; ok?: boolean; threshold?: string }[];
  /** people's marks (detected, engaged, mitigated, recovered), in journal order */
  marks: { mark: MarkAdded['mark']; time: string; clock: string; by?: string; text?: string }[];
  stops: { by: StopRequested['by']; reason: string; stoppedState?: string }[];
  /** the report's timeline entries, service clock with the offset from the fault */
  entries: { clock: string; source: string; text: string; alert: boolean }[];
  /** the report's timeline chart: markup from the report renderer, which escapes every journal value */
  timelineSvg: string;
  /** why the view is partial (a journal that could not be judged yet) */
  problem?: string;
}

const WAITING: LiveView = { events: 0, phase: 'waiting', actions: [], alarms: [], probes: [], marks: [], stops: [], entries: [], timelineSvg: '' };

export function liveView(events: JournalEvent[]): LiveView {
  const started = events.find((e): e is JournalEvent & RunStarted => e.type === 'run-started');
  if (!started) return { ...WAITING, events: events.length };
  const verdict = judge(events);
  const model = buildReportModel(events, verdict);
  const ended = events.findLast((e): e is JournalEvent & RunEnded => e.type === 'run-ended');
  const lastState = events.findLast((e) => e.type === 'experiment-state');
  const times = model.timeline.flatMap((t) => (t.time ? [t.time] : []));
  const serviceTime = times.length ? times.reduce((a, b) => (b > a ? b : a)) : undefined;
  const faultStart = verdict.disruptionStart;
  const rto = verdict.rto;
  const actions = new Map<string, string>();
  for (const e of events) if (e.type === 'experiment-state') for (const [name, a] of Object.entries(e.actions)) actions.set(name, a.state);
  return {
    events: events.length,
    phase: ended ? 'ended' : 'running',
    run: {
      runId: started.runId,
      scenario: started.plan.scenario.name,
      mode: started.mode,
      simulation: isSimulation(started),
      account: started.account,
      region: started.region,
      runDir: started.runDir,
      ...(model.run.experimentId ? { experimentId: model.run.experimentId } : {}),
      ...(lastState?.type === 'experiment-state' ? { experimentState: lastState.state } : {}),
    },
    ...(ended ? { ended: { status: ended.status, ...(ended.reason ? { reason: ended.reason } : {}), outcome: verdict.outcome } } : {}),
    ...(serviceTime ? { serviceTime } : {}),
    ...(faultStart ? { faultStart } : {}),
    ...(rto.targetSeconds !== undefined
      ? {
          budget: {
            targetSeconds: rto.targetSeconds,
            target: humanDuration(rto.targetSeconds),
            source: rto.targetSource === 'resilience-hub' ? 'Resilience Hub policy' : 'scenario',
            ...(faultStart ? { deadline: new Date(Date.parse(faultStart) + rto.targetSeconds * 1000).toISOString() } : {}),
            ...(verdict.recoveredAt ? { recoveredAt: verdict.recoveredAt } : {}),
            ...(rto.measuredSeconds !== undefined ? { rtoSeconds: rto.measuredSeconds } : {}),
            ...(rto.met !== undefined && verdict.recoveredAt ? { met: rto.met } : {}),
            state: !faultStart ? 'before-fault' : verdict.recoveredAt ? 'recovered' : ended ? 'unrecovered' : 'running',
          },
        }
      : {}),
    actions: [...actions].map(([name, state]) => ({ name, state })),
    alarms: model.series.alarms.map((a) => ({ alarm: a.alarm, state: a.transitions.at(-1)?.state ?? 'not seen yet', roles: a.roles })),
    probes: model.series.probes.map((p) => {
      const last = p.points.at(-1);
      return { name: p.name, role: p.role, ...(last ? { value: last.value, valueText: numberText(last.value), ok: last.ok } : {}), ...(p.threshold ? { threshold: thresholdText(p.threshold) } : {}) };
    }),
    marks: events.flatMap((e) => (e.type === 'mark' ? [{ mark: e.mark, time: e.time, clock: clockText(e.time, faultStart), ...(e.by ? { by: e.by } : {}), ...(e.text ? { text: e.text } : {}) }] : [])),
    stops: events.flatMap((e) => (e.type === 'stop-requested' ? [{ by: e.by, reason: e.reason, ...(e.stoppedState ? { stoppedState: e.stoppedState } : {}) }] : [])),
    entries: model.timeline.map((t) => ({ clock: t.time ? clockText(t.time, faultStart) : `wall ${clockText(t.at, undefined)}`, source: t.source, text: t.text, alert: t.alert ?? false })),
    timelineSvg: renderTimelineSvg(model),
  };
}

/** The view, or what can be shown when the journal cannot be judged (yet): the run is never hidden by a bug in one panel. */
export function safeLiveView(events: JournalEvent[]): LiveView {
  try {
    return liveView(events);
  } catch (error) {
    return { ...WAITING, events: events.length, phase: events.some((e) => e.type === 'run-ended') ? 'ended' : 'running', problem: `the journal could not be shown: ${error instanceof Error ? error.message : String(error)}` };
  }
}
