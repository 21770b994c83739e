import type { Measured } from '../measured.js';
import type { Gap } from '../types.js';
import { assessmentGaps } from './assessment.js';
import { coverageGaps } from './coverage.js';
import { dataGaps } from './data.js';
import { lostCoverageGaps } from '../lost-coverage.js';
import { detectionGaps } from './detection.js';
import { recoveryGaps } from './recovery.js';
import { relapseGaps } from './relapse.js';
import { safetyGaps } from './safety.js';
import { staleRunbookGaps } from './stale-runbook.js';
import { unrecoveredGaps } from './unrecovered.js';

const RANK: Record<Gap['severity'], number> = { critical: 0, high: 1, medium: 2, low: 3 };

/** Every runbook gap, most severe first (stable within a severity). */
export function findGaps(m: Measured): Gap[] {
  const gaps = [
    ...unrecoveredGaps(m),
    ...recoveryGaps(m),
    ...relapseGaps(m),
    ...dataGaps(m),
    ...detectionGaps(m),
    ...staleRunbookGaps(m),
    ...safetyGaps(m),
    ...assessmentGaps(m),
    ...lostCoverageGaps(m),
    ...coverageGaps(m),
  ];
  return gaps.map((gap, i) => ({ gap, i })).sort((a, b) => RANK[a.gap.severity] - RANK[b.gap.severity] || a.i - b.i).map(({ gap }) => gap);
}
