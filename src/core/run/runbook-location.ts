import { existsSync } from 'node:fs';
import { relative, resolve, sep } from 'node:path';
import type { RunStarted } from '../journal/events.js';
import type { Plan } from '../plan/types.js';
import { isInside } from '../scenario/contained-file.js';
import { scenarioRelativeCandidates } from '../scenario/scenario-relative.js';

/** gameday.config.yaml's repository: where its files are on the web (repositoryUrl, repositoryRef) and on disk (the config's folder). */
export interface RepositoryLinks {
  url: string;
  ref?: string;
  root: string;
}

export interface RunbookFound {
  /** absolute */
  file: string;
  repositoryUrl?: string;
}

/** What run-started journals: the runbook's path from the run directory, so the link works wherever the repository is cloned. */
export function journalledRunbookLocation(found: RunbookFound, runDir: string): NonNullable<RunStarted['runbookLocation']> {
  return { fromRunDir: relative(resolve(runDir), found.file).split(sep).join('/'), ...(found.repositoryUrl ? { repositoryUrl: found.repositoryUrl } : {}) };
}

/**
 * Where the scenario's runbook is, journalled when the run starts so reports (which read only the
 * journal) can link to it: the file as found the way validate finds it, and its address in the
 * repository when gameday.config.yaml names one (GitHub's /blob/<ref>/<path> form).
 */
export function runbookLocation(plan: Plan, scenarioFile: string, repository: RepositoryLinks | undefined, cwd = process.cwd()): RunbookFound | undefined {
  if (!plan.runbook) return undefined;
  const file = scenarioRelativeCandidates(scenarioFile, plan.runbook.path, cwd).find((candidate) => existsSync(candidate));
  if (!file) return undefined;
  const inRepo = repository && isInside(repository.root, file) ? relative(repository.root, file).split(sep).join('/') : undefined;
  return { file, ...(inRepo !== undefined && repository ? { repositoryUrl: `${repository.url}/blob/${repository.ref ?? 'main'}/${inRepo}` } : {}) };
}
