import { describe, expect, it } from 'vitest';
import { actionItemId, actionItemType, DEFAULT_DUE_POLICY, dueDate, reconcile, type RunFindings } from '../../../src/core/actions/action-items.js';
import { assignItem, closeItem } from '../../../src/core/actions/action-item-edits.js';
import type { Gap } from '../../../src/core/verdict/types.js';

const gap = (kind: Gap['kind'], subject: string, severity: Gap['severity'] = 'high'): Gap => ({ kind, subject, severity, title: `${kind} ${subject}`, evidence: `seen ${subject}`, fix: `fix ${subject}` });
const LATE = gap('detection', 'orders-task-count-low');
const SOP = gap('coverage', 'SOP orders-api-scaling', 'low');
const SLOW = gap('recovery', 'rto', 'critical');

function run(runId: string, gaps: Gap[], extra: Partial<RunFindings> = {}): RunFindings {
  return { runId, at: '2026-12-01T10:00:00.000Z', gaps, checked: () => true, owner: 'orders-team', policy: DEFAULT_DUE_POLICY, ...extra };
}

describe('action item ids', () => {
  it('are derived from the scenario and the gap identity: the same gap in a later run (new title, evidence, severity) has the same id', () => {
    const id = actionItemId('orders', LATE);
    expect(id).toMatch(/^detection-[0-9a-f]{8}$/);
    expect(actionItemId('orders', { ...LATE, title: 'fired 40 s late' })).toBe(id);
    expect(actionItemId('orders', gap('detection', 'other-alarm'))).not.toBe(id);
    expect(actionItemId('checkout', LATE)).not.toBe(id);
  });

  it('type the work: detect, mitigate, prevent or process', () => {
    expect(actionItemType(LATE)).toBe('detect');
    expect(actionItemType(SLOW)).toBe('mitigate');
    expect(actionItemType(gap('data', 'replica-lag'))).toBe('prevent');
    expect(actionItemType(gap('assessment', 'rto'))).toBe('process');
    expect(actionItemType(gap('coverage', 'alarm orders-unhealthy-hosts'))).toBe('detect');
    expect(actionItemType(SOP)).toBe('mitigate');
    expect(actionItemType(gap('coverage', 'test orders-api-task-failure'))).toBe('process');
  });

  it('are due by the severity policy, counted from the day opened', () => {
    expect(dueDate('2026-12-01T10:00:00.000Z', 'high', DEFAULT_DUE_POLICY)).toBe('2026-12-31');
    expect(dueDate('2026-12-01T10:00:00.000Z', 'critical', DEFAULT_DUE_POLICY)).toBe('2026-12-08');
    expect(dueDate('2026-12-01T10:00:00.000Z', 'high', { ...DEFAULT_DUE_POLICY, high: 14 })).toBe('2026-12-15');
  });
});

describe('reconcile: items across runs', () => {
  it('opens, carries, closes when the gap is gone, and reopens a regression with a new due date', () => {
    const first = reconcile(undefined, 'orders', run('r1', [LATE, SOP]));
    const late = actionItemId('orders', LATE);
    const sop = actionItemId('orders', SOP);
    expect(first.update).toMatchObject({ opened: [late, sop], carried: [], closed: [], regressed: [] });
    expect(first.file.items[0]).toMatchObject({ id: late, type: 'detect', severity: 'high', owner: 'orders-team', due: '2026-12-31', status: 'open', openedIn: 'r1', lastSeenIn: 'r1', regressions: 0, fix: 'fix orders-task-count-low' });

    const second = reconcile(first.file, 'orders', run('r2', [LATE, SOP], { at: '2026-12-08T10:00:00.000Z' }));
    expect(second.update).toMatchObject({ opened: [], carried: [late, sop], closed: [] });
    expect(second.file.items[0]).toMatchObject({ lastSeenIn: 'r2', openedIn: 'r1', due: '2026-12-31' });

    const third = reconcile(second.file, 'orders', run('r3', [SOP]));
    expect(third.update).toMatchObject({ carried: [sop], closed: [late] });
    expect(third.file.items.find((i) => i.id === late)).toMatchObject({ status: 'closed', closedIn: 'r3', closedBy: 'gameday' });
    expect(third.update.items.map((i) => [i.id, i.status])).toEqual([
      [late, 'closed'],
      [sop, 'open'],
    ]);

    const fourth = reconcile(third.file, 'orders', run('r4', [LATE, SOP], { at: '2027-01-10T09:00:00.000Z' }));
    expect(fourth.update).toMatchObject({ regressed: [late], carried: [sop], opened: [], closed: [] });
    const back = fourth.file.items.find((i) => i.id === late)!;
    expect(back).toMatchObject({ status: 'open', regressions: 1, due: '2027-02-09', lastSeenIn: 'r4' });
    expect(back.closedIn).toBeUndefined();
    expect(back.history.map((h) => h.event)).toEqual(['opened', 'closed', 'regressed']);

    // Closed items the runs no longer mention drop out of the run's snapshot but stay in the file.
    const fifth = reconcile(fourth.file, 'orders', run('r5', [LATE]));
    const sixth = reconcile(fifth.file, 'orders', run('r6', [LATE]));
    expect(sixth.update.items.map((i) => i.id)).toEqual([late]);
    expect(sixth.file.items.map((i) => i.id)).toEqual([late, sop]);
  });

  it('never closes an item whose kind of gap the run could not check: it is carried', () => {
    const first = reconcile(undefined, 'orders', run('r1', [LATE, SOP]));
    const unchecked = reconcile(first.file, 'orders', run('r2', [], { checked: (kind) => kind !== 'coverage' }));
    expect(unchecked.update.closed).toEqual([actionItemId('orders', LATE)]);
    expect(unchecked.update.carried).toEqual([actionItemId('orders', SOP)]);
    const none = reconcile(first.file, 'orders', run('r2', [], { checked: () => false }));
    expect(none.update.closed).toEqual([]);
    expect(none.file.items.every((i) => i.status === 'open')).toBe(true);
  });

  it('a gap back after someone closed it by hand is a regression; people keep their owner', () => {
    const first = reconcile(undefined, 'orders', run('r1', [LATE], { owner: undefined }));
    const id = actionItemId('orders', LATE);
    expect(first.file.items[0]!.owner).toBeUndefined();
    const assigned = assignItem(first.file, id, { owner: '@ravi', by: 'ana', at: '2026-12-02T08:00:00.000Z' });
    expect(assigned.item).toMatchObject({ owner: '@ravi', history: [{ event: 'opened' }, { event: 'assigned', by: 'ana', text: 'unassigned → @ravi' }] });
    const closed = closeItem(assigned.file, id, { by: 'ravi', at: '2026-12-03T08:00:00.000Z', reason: 'alarm period 60s → 10s' });
    expect(closed.item).toMatchObject({ status: 'closed', closedBy: 'ravi' });
    expect(closeItem(closed.file, id, { by: 'ravi', at: '2026-12-03T09:00:00.000Z' }).changed).toBe(false);
    const next = reconcile(closed.file, 'orders', run('r2', [LATE]));
    expect(next.update.regressed).toEqual([id]);
    expect(next.file.items[0]).toMatchObject({ owner: '@ravi', status: 'open', regressions: 1 });
    expect(next.file.items[0]!.history.at(-1)).toMatchObject({ event: 'regressed', text: 'closed in an earlier run by ravi, found again' });
  });

  it('does not change the file it was given', () => {
    const first = reconcile(undefined, 'orders', run('r1', [LATE]));
    const before = JSON.stringify(first.file);
    reconcile(first.file, 'orders', run('r2', []));
    expect(JSON.stringify(first.file)).toBe(before);
  });
});
