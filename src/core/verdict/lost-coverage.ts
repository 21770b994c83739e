import { fisAction } from '../plan/fis-catalog.js';
import type { Measured } from './measured.js';
import type { Expectation, Gap } from './types.js';

/**
 * Actions FIS skipped because their targets resolved to nothing (emptyTargetResolutionMode skip, the
 * scenario library's default): the game day did not test what they stand for — a fault, or the
 * recovery action (zonal autoshift) — so each is lost coverage. An experiment stopped or cancelled
 * before an action began is not this: FIS says "skipped" only for empty targets (and actionsMode
 * skip-all, which never reaches a verdict). A wait has no targets, so it is never lost coverage.
 */
export function skippedActions(m: Measured): Measured['impact'] {
  return m.impact.filter((row) => row.state === 'skipped' && fisAction(row.actionId)?.notAFault !== 'wait');
}

/** Present only when something was skipped: then the game day cannot pass. */
export function coverageExpectation(m: Measured): Expectation[] {
  const skipped = skippedActions(m);
  if (skipped.length === 0) return [];
  return [
    {
      id: 'coverage:actions',
      description: 'Every planned action ran (none skipped for want of targets)',
      passed: false,
      evidence: `lost coverage: ${skipped.map((row) => `${row.action} (${row.actionId}) skipped${row.reason ? `: ${row.reason}` : ''}`).join('; ')}`,
    },
  ];
}

export function lostCoverageGaps(m: Measured): Gap[] {
  const file = m.facts.plan.scenario.file;
  return skippedActions(m).map(
    (row): Gap => ({
      kind: 'coverage',
      subject: `action ${row.action}`,
      severity: 'medium',
      title: `${row.action} (${row.actionId}) was skipped: its target resolved to nothing, so this game day did not test it`,
      evidence: `FIS state skipped${row.reason ? ` (${row.reason.replace(/\.\s*$/, '')})` : ''}; planned to hit ${row.hits ?? 'its target'}`,
      fix: `Tag the resources it should hit (the [tag] prerequisites of \`gameday plan ${file}\`), or leave it out of the fault in ${file} if the application has none.`,
    }),
  );
}
