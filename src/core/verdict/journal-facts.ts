import { GamedayError } from '../errors.js';
import type {
  AlarmObserved,
  ExperimentObserved,
  JournalEvent,
  MarkAdded,
  NoteAdded,
  ObservationGap,
  PreflightResult,
  ProbeSampled,
  ResilienceHubCaptured,
  RestorationChecked,
  ReviewAdded,
  RunEnded,
  RunStarted,
  StopRequested,
  TargetsResolved,
} from '../journal/events.js';
import type { Plan } from '../plan/types.js';

type Stamped<T> = T & { seq: number; at: string };

/** A run's journal, sorted into what the verdict needs. Service timestamps are kept as written. */
export interface JournalFacts {
  run: Stamped<RunStarted>;
  plan: Plan;
  preflight?: Stamped<PreflightResult>;
  experiment: Stamped<ExperimentObserved>[];
  targets: Stamped<TargetsResolved>['targets'];
  /** sorted by service timestamp */
  alarms: Stamped<AlarmObserved>[];
  /** sorted by service timestamp */
  samples: Stamped<ProbeSampled>[];
  stops: Stamped<StopRequested>[];
  resilienceHub?: Stamped<ResilienceHubCaptured>;
  restoration?: Stamped<RestorationChecked>;
  notes: Stamped<NoteAdded>[];
  /** people's marks (detected, engaged, …), in file order */
  marks: Stamped<MarkAdded>[];
  reviews: Stamped<ReviewAdded>[];
  /** stretches in which reads the steady state is judged on failed (the watch's observation-gap events) */
  gaps: Stamped<ObservationGap>[];
  ended?: Stamped<RunEnded>;
  events: JournalEvent[];
}

export function journalFacts(events: JournalEvent[]): JournalFacts {
  // File order is write order. seq is not trusted to be unique: `gameday note` appends from a second process.
  const ordered = events;
  const run = ordered.find((e): e is Stamped<RunStarted> => e.type === 'run-started');
  if (!run) {
    throw new GamedayError('JOURNAL_INVALID', 'the journal has no run-started event, so there is no plan to judge against', {
      hint: 'a journal starts with run-started; this file was not written by `gameday run`',
    });
  }
  const missing = missingPlanParts(run.plan);
  if (missing.length > 0) {
    throw new GamedayError('JOURNAL_INVALID', `the plan in run-started has no ${missing.join(', ')}, so the run cannot be judged (incomplete journal)`, {
      hint: 'the journal was cut short or written by another tool: `gameday report list` lists the run as not judged, and no report can be rendered from it',
    });
  }
  const of = <T extends JournalEvent['type']>(type: T) => ordered.filter((e): e is Extract<JournalEvent, { type: T }> => e.type === type);
  const byTime = <T extends { timestamp: string; seq: number }>(list: T[]) =>
    [...list].sort((a, b) => ms(a.timestamp) - ms(b.timestamp) || a.seq - b.seq);
  return {
    run,
    plan: run.plan,
    preflight: of('preflight').at(-1),
    experiment: of('experiment-state'),
    targets: of('targets-resolved').flatMap((e) => e.targets),
    alarms: byTime(of('alarm-state')),
    samples: byTime(of('probe-sample')),
    stops: of('stop-requested'),
    resilienceHub: of('resilience-hub').at(-1),
    restoration: of('restoration').at(-1),
    notes: of('note'),
    marks: of('mark'),
    reviews: of('review'),
    gaps: of('observation-gap'),
    ended: of('run-ended').at(-1),
    events: ordered,
  };
}

/**
 * The parts of the plan the verdict reads, absent from this one. A journal cut short, hand-made or
 * written by an older gameday may hold only the plan's name; judging it would read fields that are not there.
 */
function missingPlanParts(plan: Partial<Plan> | undefined): string[] {
  if (!plan || typeof plan !== 'object') return ['plan'];
  const lists = (['actions', 'stopConditions', 'probes', 'detection'] as const).filter((key) => !Array.isArray(plan[key]));
  const recovery = plan.recovery;
  return [
    ...(typeof plan.scenario?.name !== 'string' ? ['scenario.name'] : []),
    ...lists,
    ...(typeof plan.faultSeconds !== 'number' ? ['faultSeconds'] : []),
    ...(!recovery ? ['recovery'] : (['settleSeconds', 'watchSeconds'] as const).filter((key) => typeof recovery[key] !== 'number').map((key) => `recovery.${key}`)),
    ...(typeof plan.template?.actions !== 'object' ? ['template.actions'] : []),
    ...(!plan.target ? ['target'] : []),
  ];
}

/** Milliseconds since the epoch of an ISO 8601 service timestamp. */
export function ms(iso: string): number {
  return Date.parse(iso);
}

export function iso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}

/** The latest observation of each action, merged over the experiment-state events (later wins, times kept once seen). */
export function actionStates(facts: JournalFacts): Map<string, { state: string; reason?: string; startTime?: string; endTime?: string }> {
  const states = new Map<string, { state: string; reason?: string; startTime?: string; endTime?: string }>();
  for (const observed of facts.experiment) {
    for (const [name, action] of Object.entries(observed.actions)) {
      const before = states.get(name);
      states.set(name, {
        state: action.state,
        ...((action.reason ?? before?.reason) !== undefined ? { reason: action.reason ?? before?.reason } : {}),
        ...((action.startTime ?? before?.startTime) !== undefined ? { startTime: action.startTime ?? before?.startTime } : {}),
        ...((action.endTime ?? before?.endTime) !== undefined ? { endTime: action.endTime ?? before?.endTime } : {}),
      });
    }
  }
  return states;
}

/** The experiment's last observed state, with its service start/end times. */
export function lastExperiment(facts: JournalFacts): { state: string; reason?: string; startTime?: string; endTime?: string } | undefined {
  const last = facts.experiment.at(-1);
  if (!last) return undefined;
  const startTime = facts.experiment.find((e) => e.startTime)?.startTime;
  const endTime = [...facts.experiment].reverse().find((e) => e.endTime)?.endTime;
  return { state: last.state, ...(last.reason ? { reason: last.reason } : {}), ...(startTime ? { startTime } : {}), ...(endTime ? { endTime } : {}) };
}
