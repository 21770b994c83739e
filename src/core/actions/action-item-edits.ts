import { GamedayError } from '../errors.js';
import type { ActionItem, ActionItemsFile } from './action-items.js';

/** Changes people make by hand (`gameday actions close|assign`), each kept in the item's history. */

export interface Edited {
  file: ActionItemsFile;
  item: ActionItem;
  /** false when the item already was that way */
  changed: boolean;
}

function edit(file: ActionItemsFile | undefined, id: string, change: (item: ActionItem) => ActionItem | undefined): Edited {
  const index = file?.items.findIndex((i) => i.id === id) ?? -1;
  if (!file || index < 0) throw new GamedayError('USAGE', `action item ${id} is gone: its file changed meanwhile`, { hint: 'see `gameday actions list --status all`' });
  const current = file.items[index]!;
  const next = change(current);
  if (!next) return { file, item: current, changed: false };
  const items = [...file.items];
  items[index] = next;
  return { file: { ...file, items }, item: next, changed: true };
}

/** Closed by a person: the fix is in. The next run that finds the gap again marks it a regression. */
export function closeItem(file: ActionItemsFile | undefined, id: string, how: { by: string; at: string; reason?: string }): Edited {
  return edit(file, id, (item) =>
    item.status === 'closed'
      ? undefined
      : { ...item, status: 'closed', closedBy: how.by, history: [...item.history, { at: how.at, event: 'closed', by: how.by, ...(how.reason ? { text: how.reason } : {}) }] },
  );
}

export function assignItem(file: ActionItemsFile | undefined, id: string, how: { owner: string; by?: string; at: string }): Edited {
  return edit(file, id, (item) =>
    item.owner === how.owner
      ? undefined
      : { ...item, owner: how.owner, history: [...item.history, { at: how.at, event: 'assigned', ...(how.by ? { by: how.by } : {}), text: `${item.owner ?? 'unassigned'} → ${how.owner}` }] },
  );
}
