import type { Approval, JournalEvent, RunStarted } from '../journal/events.js';

/**
 * The human half of a run, for the report: who played which part, who approved the plan.
 * A pure function of the journal, like the verdict.
 */
export interface PeopleReport {
  /** Runs not against AWS (the sandbox, embedded or standalone) are rehearsals: never production evidence. */
  simulation: boolean;
  /** spec.gameDay's roles; absent when the scenario names none (metadata.owner is in the run header already). */
  roles?: { owner?: string; coordinator?: string; reporter?: string; observers: string[] };
  approvals: { required: string[]; given: Approval[] };
}

export function isSimulation(started: Pick<RunStarted, 'mode' | 'sandboxWorld'>): boolean {
  return started.mode === 'sandbox' || started.sandboxWorld !== undefined;
}

export function buildPeopleReport(events: JournalEvent[]): PeopleReport {
  const started = events.find((e): e is JournalEvent & RunStarted => e.type === 'run-started')!;
  const people = started.plan.gameDay;
  return {
    simulation: isSimulation(started),
    ...(people
      ? {
          roles: {
            ...(people.owner ?? started.plan.scenario.owner ? { owner: people.owner ?? started.plan.scenario.owner } : {}),
            ...(people.coordinator ? { coordinator: people.coordinator } : {}),
            ...(people.reporter ? { reporter: people.reporter } : {}),
            observers: people.observers,
          },
        }
      : {}),
    approvals: { required: people?.approvals ?? [], given: started.approvals ?? [] },
  };
}
