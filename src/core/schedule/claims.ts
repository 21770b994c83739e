import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createWithContent, describeOwner, scheduleStateDir, type LockOwner } from './lock.js';
import { makeDirs } from '../fs/make-dirs.js';

/** A per-occurrence claim (see lock.ts): <reportsDir>/.schedule/claims/<scenario>/<20261126T100000Z>.json */
export interface Claim {
  scenario: string;
  scheduledFor: string;
  owner: LockOwner;
}

function claimsDir(reportsDir: string, scenario: string): string {
  return join(scheduleStateDir(reportsDir), 'claims', scenario);
}

function claimFileName(scheduledFor: string): string {
  return `${new Date(scheduledFor).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z')}.json`;
}

/** Claims an occurrence; false when it was already claimed (by anyone, ever). */
export async function claimOccurrence(reportsDir: string, claim: Claim): Promise<boolean> {
  const dir = claimsDir(reportsDir, claim.scenario);
  await makeDirs(dir);
  return createWithContent(join(dir, claimFileName(claim.scheduledFor)), `${JSON.stringify(claim)}\n`);
}

/** Existing claims of the named scenarios: scenario → occurrence ISO → "pid … on host since …". */
export async function readClaims(reportsDir: string, scenarios: Iterable<string>): Promise<Map<string, Map<string, string>>> {
  const result = new Map<string, Map<string, string>>();
  for (const scenario of new Set(scenarios)) {
    let files: string[];
    try {
      files = await readdir(claimsDir(reportsDir, scenario));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      throw error;
    }
    const byOccurrence = new Map<string, string>();
    for (const file of files.filter((f) => f.endsWith('.json'))) {
      const text = await readFile(join(claimsDir(reportsDir, scenario), file), 'utf8').catch(() => '');
      try {
        const claim = JSON.parse(text) as Claim;
        byOccurrence.set(new Date(claim.scheduledFor).toISOString(), describeOwner(claim.owner));
      } catch {
        // not a claim gameday wrote (claims are never seen half-written): it claims nothing
      }
    }
    result.set(scenario, byOccurrence);
  }
  return result;
}
