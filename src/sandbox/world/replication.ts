import type { WorldModel } from './model.js';

const DEFAULT_BASELINE_LAG_SECONDS = 1;
const DEFAULT_CATCH_UP_FACTOR = 10;

/**
 * Cross-Region replication lag of the world's buckets and global tables: while replication is paused
 * the other Region falls behind by the time that passes; once resumed, the backlog replays
 * `catchUpFactor` times faster than real time down to the baseline lag.
 */
export function stepReplication(model: WorldModel, stepMs: number): void {
  const seconds = stepMs / 1000;
  for (const store of model.stores.values()) {
    const baseline = store.spec.baselineLagSeconds ?? DEFAULT_BASELINE_LAG_SECONDS;
    if (store.pausedBy.size > 0) store.lagSeconds += seconds;
    else store.lagSeconds = Math.max(baseline, store.lagSeconds - (store.spec.catchUpFactor ?? DEFAULT_CATCH_UP_FACTOR) * seconds + seconds);
  }
}
