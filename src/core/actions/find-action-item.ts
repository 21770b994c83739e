import { readdir } from 'node:fs/promises';
import { GamedayError } from '../errors.js';
import { closestMatch } from '../yaml/did-you-mean.js';
import type { ActionItem, ActionItemsFile } from './action-items.js';
import { readActionItems } from './action-items-file.js';

/** Every scenario under the reports directory that has action items (or just `scenario`'s). */
export async function actionItemFiles(reportsDir: string, scenario?: string): Promise<ActionItemsFile[]> {
  if (scenario !== undefined) {
    const file = await readActionItems(reportsDir, scenario);
    if (file) return [file];
    const known = (await actionItemFiles(reportsDir)).map((f) => f.scenario);
    const near = closestMatch(scenario, known);
    throw new GamedayError('USAGE', `scenario ${scenario} has no action items under ${reportsDir}`, {
      hint: near ? `did you mean ${near}?` : known.length > 0 ? `scenarios with action items: ${known.join(', ')}` : 'action items are opened by `gameday run` when it finds runbook gaps',
    });
  }
  let names: string[];
  try {
    names = (await readdir(reportsDir, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const files: ActionItemsFile[] = [];
  for (const name of names) {
    const file = await readActionItems(reportsDir, name);
    if (file) files.push(file);
  }
  return files;
}

/** The item with this id (or the only one whose id starts with it), and its scenario. */
export async function findActionItem(reportsDir: string, id: string): Promise<{ scenario: string; item: ActionItem }> {
  const all = (await actionItemFiles(reportsDir)).flatMap((f) => f.items.map((item) => ({ scenario: f.scenario, item })));
  const exact = all.find((a) => a.item.id === id);
  if (exact) return exact;
  const prefixed = all.filter((a) => a.item.id.startsWith(id));
  if (prefixed.length === 1) return prefixed[0]!;
  if (prefixed.length > 1) {
    throw new GamedayError('USAGE', `action item ${id} is ambiguous: ${prefixed.map((a) => a.item.id).join(', ')}`, { hint: 'give more of the id' });
  }
  const near = closestMatch(id, all.map((a) => a.item.id));
  throw new GamedayError('USAGE', `no action item ${id} under ${reportsDir}`, { hint: near ? `did you mean ${near}?` : 'see `gameday actions list`' });
}
