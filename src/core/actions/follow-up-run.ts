import { appendToJournal } from '../journal/append-entry.js';
import type { ActionItemsUpdated, JournalEvent, ResilienceHubCaptured, RunStarted } from '../journal/events.js';
import { readJournal } from '../journal/reader.js';
import { judge } from '../verdict/judge.js';
import type { GapKind, Verdict } from '../verdict/types.js';
import { DEFAULT_DUE_POLICY, reconcile, type DuePolicy, type RunFindings } from './action-items.js';
import { updateActionItems } from './action-items-file.js';

export interface FollowUpOptions {
  reportsDir: string;
  policy?: DuePolicy;
  /** who owns items when neither the runbook nor the scenario names anyone (gameday.config.yaml owners) */
  fallbackOwner?: string;
}

/** Kinds a run checks only once Resilience Hub answered; every other kind once the fault ran to its end. */
const NEEDS_RESILIENCE_HUB: ReadonlySet<GapKind> = new Set(['coverage', 'assessment']);

/** The runbook's owner, else the game day's, else the scenario's, else the project's. */
export function ownerOf(started: RunStarted, fallback?: string): string | undefined {
  const { plan } = started;
  return plan.runbook?.owner ?? plan.gameDay?.owner ?? plan.scenario.owner ?? fallback;
}

/**
 * What a run can say about gaps: every gap it found, and whether it could have found each kind.
 * A run that never injected the fault, or did not end (interrupted, failed, aborted), checked none:
 * it opens and carries, but closes nothing.
 */
export function runFindings(events: JournalEvent[], verdict: Verdict, options: Omit<FollowUpOptions, 'reportsDir'>): RunFindings {
  const started = events.find((e): e is JournalEvent & RunStarted => e.type === 'run-started')!;
  const ended = events.find((e) => e.type === 'run-ended');
  const hub = events.find((e): e is JournalEvent & ResilienceHubCaptured => e.type === 'resilience-hub');
  const ranThrough = (verdict.status === 'completed' || verdict.status === 'stopped') && verdict.disruptionStart !== undefined;
  const hubAnswered = hub !== undefined && hub.note === undefined;
  const owner = ownerOf(started, options.fallbackOwner);
  return {
    runId: verdict.runId,
    at: ended?.at ?? started.at,
    gaps: verdict.gaps,
    checked: (kind) => ranThrough && (!NEEDS_RESILIENCE_HUB.has(kind) || hubAnswered),
    ...(owner ? { owner } : {}),
    policy: options.policy ?? DEFAULT_DUE_POLICY,
  };
}

/**
 * After a run has ended: follow its gaps up in the scenario's action items, and journal what changed
 * (the report reads it from there, never from the items file). Once per run: a journal that already
 * says is left alone, as is a run that has not ended.
 */
export async function followUpRun(runDir: string, options: FollowUpOptions): Promise<ActionItemsUpdated | undefined> {
  const { events } = await readJournal(runDir);
  if (!events.some((e) => e.type === 'run-ended') || events.some((e) => e.type === 'action-items')) return undefined;
  const verdict = judge(events);
  const findings = runFindings(events, verdict, options);
  const update = await updateActionItems(options.reportsDir, verdict.scenario, (previous) => {
    const { file, update } = reconcile(previous, verdict.scenario, findings);
    return { file, result: update };
  });
  await appendToJournal(runDir, () => update);
  return update;
}
