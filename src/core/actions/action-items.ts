import { createHash } from 'node:crypto';
import type { ActionItemSnapshot, ActionItemsUpdated } from '../journal/events.js';
import { gapKey } from '../verdict/gap-key.js';
import type { Gap, GapKind } from '../verdict/types.js';

/**
 * A scenario's action items: every runbook gap a run found, followed up across runs. Kept in
 * reports/<scenario>/action-items.json (action-items-file.ts); this module is the pure part.
 */
export interface ActionItemsFile {
  apiVersion: 'gameday/v1';
  kind: 'ActionItems';
  scenario: string;
  items: ActionItem[];
}

export type ActionItemType = ActionItemSnapshot['type'];
export type Severity = Gap['severity'];

export interface ActionItem {
  /** `<gap kind>-<8 hex>`: derived from the scenario and the gap's identity, so the same gap in a later run is the same item. */
  id: string;
  gap: { kind: GapKind; subject?: string };
  title: string;
  type: ActionItemType;
  severity: Severity;
  /** absent: unassigned */
  owner?: string;
  /** YYYY-MM-DD, from the due policy and the day it was opened (or reopened) */
  due: string;
  status: 'open' | 'closed';
  /** the runbook change that closes it, and the latest evidence, from the last run that found the gap */
  fix: string;
  evidence: string;
  openedIn: string;
  /** the last run that found the gap */
  lastSeenIn: string;
  closedIn?: string;
  closedBy?: string;
  /** how many times it came back after being closed */
  regressions: number;
  history: ActionItemHistory[];
}

export interface ActionItemHistory {
  /** wall clock, ISO 8601 */
  at: string;
  event: 'opened' | 'closed' | 'regressed' | 'assigned';
  /** the run that caused it (opened, regressed, closed by gameday) */
  run?: string;
  /** who did it by hand (close, assign) */
  by?: string;
  text?: string;
}

/** Days from opening to due, per severity (gameday.config.yaml actionItems.due overrides each). */
export type DuePolicy = Record<Severity, number>;

export const DEFAULT_DUE_POLICY: DuePolicy = { critical: 7, high: 30, medium: 90, low: 180 };

/** Unique across scenarios (every scenario can have an RTO assessment gap), the same for the same gap in every run. */
export function actionItemId(scenario: string, gap: Pick<Gap, 'kind' | 'subject' | 'title'>): string {
  return `${gap.kind}-${createHash('sha256').update(`${scenario}\n${gapKey(gap)}`).digest('hex').slice(0, 8)}`;
}

const TYPE_OF_KIND: Record<GapKind, ActionItemType> = {
  detection: 'detect',
  'stale-runbook': 'detect',
  recovery: 'mitigate',
  unrecovered: 'mitigate',
  relapse: 'mitigate',
  data: 'prevent',
  safety: 'prevent',
  assessment: 'process',
  coverage: 'process',
};

/** What kind of work closes the gap: notice it sooner, recover faster, keep it from happening, or change how the team works. */
export function actionItemType(gap: Pick<Gap, 'kind' | 'subject'>): ActionItemType {
  if (gap.kind === 'coverage') {
    // Resilience Hub's recommendation kinds: an alarm detects, an SOP mitigates, a test is practice.
    if (gap.subject?.startsWith('alarm ')) return 'detect';
    if (gap.subject?.startsWith('SOP ')) return 'mitigate';
  }
  return TYPE_OF_KIND[gap.kind];
}

export function dueDate(from: string, severity: Severity, policy: DuePolicy): string {
  return new Date(Date.parse(from) + policy[severity] * 86_400_000).toISOString().slice(0, 10);
}

/** Everything a run tells the follow-up about: its gaps, and which kinds of gap it was able to check. */
export interface RunFindings {
  runId: string;
  /** wall clock when the run ended */
  at: string;
  gaps: Gap[];
  /** A gap of a kind the run could not check is not gone: its item stays open. */
  checked: (kind: GapKind) => boolean;
  /** who owns new items: the runbook's or scenario's owner, else the project's */
  owner?: string;
  policy: DuePolicy;
}

export interface Reconciled {
  file: ActionItemsFile;
  update: ActionItemsUpdated;
}

/**
 * The items after a run: a gap with no item opens one; an open item whose gap is found again is
 * carried; a closed item whose gap is back regresses (reopens, with a new due date); an open item
 * whose gap the run checked and did not find is closed by gameday.
 */
export function reconcile(previous: ActionItemsFile | undefined, scenario: string, run: RunFindings): Reconciled {
  const items = new Map((previous?.items ?? []).map((i) => [i.id, structuredClone(i)]));
  const update: ActionItemsUpdated = { type: 'action-items', carried: [], opened: [], closed: [], regressed: [], items: [] };
  const found = new Set<string>();
  for (const gap of run.gaps) {
    const id = actionItemId(scenario, gap);
    if (found.has(id)) continue;
    found.add(id);
    const item = items.get(id);
    const seen = { title: gap.title, severity: gap.severity, fix: gap.fix, evidence: gap.evidence, lastSeenIn: run.runId };
    if (!item) {
      items.set(id, {
        id,
        gap: { kind: gap.kind, ...(gap.subject !== undefined ? { subject: gap.subject } : {}) },
        type: actionItemType(gap),
        ...seen,
        ...(run.owner ? { owner: run.owner } : {}),
        due: dueDate(run.at, gap.severity, run.policy),
        status: 'open',
        openedIn: run.runId,
        regressions: 0,
        history: [{ at: run.at, event: 'opened', run: run.runId }],
      });
      update.opened.push(id);
    } else if (item.status === 'closed') {
      const { closedIn: _in, closedBy: _by, ...rest } = item;
      items.set(id, {
        ...rest,
        ...seen,
        ...(!item.owner && run.owner ? { owner: run.owner } : {}),
        status: 'open',
        due: dueDate(run.at, gap.severity, run.policy),
        regressions: item.regressions + 1,
        history: [...item.history, { at: run.at, event: 'regressed', run: run.runId, text: `closed in ${item.closedIn ?? 'an earlier run'}${item.closedBy ? ` by ${item.closedBy}` : ''}, found again` }],
      });
      update.regressed.push(id);
    } else {
      Object.assign(item, seen);
      update.carried.push(id);
    }
  }
  for (const item of items.values()) {
    if (item.status !== 'open' || found.has(item.id)) continue;
    if (run.checked(item.gap.kind)) {
      item.status = 'closed';
      item.closedIn = run.runId;
      item.closedBy = 'gameday';
      item.history.push({ at: run.at, event: 'closed', run: run.runId, text: 'the gap was not found again' });
      update.closed.push(item.id);
    } else update.carried.push(item.id);
  }
  const touched = new Set([...update.opened, ...update.regressed, ...update.closed]);
  update.items = [...items.values()].filter((i) => i.status === 'open' || touched.has(i.id)).map(snapshot);
  return { file: { apiVersion: 'gameday/v1', kind: 'ActionItems', scenario, items: [...items.values()] }, update };
}

export function snapshot(item: ActionItem): ActionItemSnapshot {
  return { id: item.id, title: item.title, type: item.type, severity: item.severity, ...(item.owner ? { owner: item.owner } : {}), due: item.due, status: item.status };
}
