import { readFile } from 'node:fs/promises';
import { appendLines } from '../fs/append-line.js';
import { join } from 'node:path';
import { GamedayError } from '../errors.js';
import type { Approval } from '../journal/events.js';
import type { Plan } from '../plan/types.js';
import { makeDirs } from '../fs/make-dirs.js';

/**
 * Approvals live beside the scenario's runs, one JSON line each: reports/<scenario>/approvals.jsonl.
 * An approval names a plan hash, so any change to what the run would do asks for new approvals.
 */
export const APPROVALS_FILE = 'approvals.jsonl';

export function approvalsPath(reportsDir: string, scenario: string): string {
  return join(reportsDir, scenario, APPROVALS_FILE);
}

/** Every approval on record for this plan (its hash), the first per person. */
export async function approvalsFor(reportsDir: string, plan: Plan): Promise<Approval[]> {
  let text: string;
  try {
    text = await readFile(approvalsPath(reportsDir, plan.scenario.name), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const found: Approval[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    let approval: Approval;
    try {
      approval = JSON.parse(line) as Approval;
    } catch {
      continue; // a torn last line from a crash mid-write approves nothing
    }
    if (approval.planHash === plan.hash && !found.some((a) => a.by === approval.by)) found.push(approval);
  }
  return found;
}

/** Who still has to approve this plan before it may run against AWS. */
export function missingApprovals(plan: Plan, approvals: Approval[]): string[] {
  return (plan.gameDay?.approvals ?? []).filter((name) => !approvals.some((a) => a.by === name));
}

/** `gameday approve`: records that `by` approved exactly this plan. Only the scenario's named approvers can. */
export async function recordApproval(reportsDir: string, plan: Plan, by: string, now: Date = new Date()): Promise<{ approval: Approval; missing: string[]; path: string }> {
  const required = plan.gameDay?.approvals ?? [];
  if (required.length === 0) {
    throw new GamedayError('USAGE', `${plan.scenario.file}: scenario ${plan.scenario.name} names no approvers (spec.gameDay.approvals), so there is nothing to approve`, {
      hint: 'add spec.gameDay.approvals: [name, …] to require approvals before runs against AWS',
    });
  }
  if (!required.includes(by)) {
    throw new GamedayError('USAGE', `${by} is not an approver of ${plan.scenario.name}; spec.gameDay.approvals names ${required.join(', ')}`, {
      hint: `approve as one of them (--by ${required[0]}), or add ${by} to spec.gameDay.approvals in ${plan.scenario.file}`,
    });
  }
  const path = approvalsPath(reportsDir, plan.scenario.name);
  const existing = await approvalsFor(reportsDir, plan);
  const approval = existing.find((a) => a.by === by) ?? { by, at: now.toISOString(), planHash: plan.hash };
  if (!existing.includes(approval)) {
    await makeDirs(join(reportsDir, plan.scenario.name));
    await appendLines(path, `${JSON.stringify(approval)}\n`, { create: true });
  }
  return { approval, missing: missingApprovals(plan, [...existing.filter((a) => a !== approval), approval]), path };
}
