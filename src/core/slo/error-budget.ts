import type { SloSampled } from '../journal/events.js';
import type { PlannedSlo } from '../plan/slo.js';

/** The SLO arithmetic: burn rate per period, and the error budget a game day consumed. Pure. */

/** The share of requests allowed to be bad: 99.9 → 0.001. */
export function allowedBadShare(objective: number): number {
  return (100 - objective) / 100;
}

/** How many times faster than sustainable a period spent the budget; a period without requests burns nothing. */
export function burnRate(bad: number, total: number, objective: number): number {
  return total <= 0 ? 0 : bad / total / allowedBadShare(objective);
}

/** A period's counts from the SLO's two series: the bad requests (total − good when it names good ones). */
export function badOf(slo: Pick<PlannedSlo, 'counts'>, count: number, total: number): number {
  return slo.counts === 'bad' ? count : Math.max(0, total - count);
}

export interface ErrorBudget {
  slo: string;
  objective: number;
  windowSeconds: number;
  /** from the first period that began at or after the fault started, to the last one observed */
  from?: string;
  to?: string;
  periods: number;
  badRequests: number;
  totalRequests: number;
  /** the window's budget in requests, at the game day's request rate: (1 − objective) × rate × window */
  budgetRequests?: number;
  /** badRequests ÷ budgetRequests, in percent */
  consumedPercent?: number;
  /** the same share of the window's budget in minutes (the budget is (1 − objective) × window) */
  consumedMinutes?: number;
  budgetMinutes: number;
  peakBurnRate?: { value: number; at: string };
  averageBurnRate?: number;
  /** the first period above the stop limit, when the scenario sets one */
  stopAbove?: number;
  firstAboveStop?: string;
  below?: number;
}

/**
 * What the game day cost the SLO: the bad requests from the fault's start on, against the window's
 * budget. The window's request count is not observed, so it is the game day's own rate times the
 * window — the budget a month like this hour would have.
 */
export function errorBudget(slo: PlannedSlo, samples: SloSampled[], faultStart: number | undefined, periodSeconds = slo.periodSeconds): ErrorBudget {
  const periodMs = periodSeconds * 1000;
  const start = faultStart === undefined ? undefined : Math.floor(faultStart / periodMs) * periodMs;
  const counted = samples.filter((s) => start !== undefined && Date.parse(s.timestamp) >= start).sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
  const bad = counted.reduce((n, s) => n + s.bad, 0);
  const total = counted.reduce((n, s) => n + s.total, 0);
  const share = allowedBadShare(slo.objective);
  const budgetMinutes = (share * slo.windowSeconds) / 60;
  const base: ErrorBudget = {
    slo: slo.name,
    objective: slo.objective,
    windowSeconds: slo.windowSeconds,
    periods: counted.length,
    badRequests: bad,
    totalRequests: total,
    budgetMinutes,
    ...(slo.burnRate.below !== undefined ? { below: slo.burnRate.below } : {}),
    ...(slo.burnRate.stopAbove !== undefined ? { stopAbove: slo.burnRate.stopAbove } : {}),
  };
  if (counted.length === 0) return base;
  const budgetRequests = (share * total * slo.windowSeconds) / (counted.length * periodSeconds);
  const consumed = budgetRequests > 0 ? bad / budgetRequests : 0;
  const peak = counted.reduce((best, s) => (s.burnRate > best.burnRate ? s : best));
  const above = slo.burnRate.stopAbove === undefined ? undefined : counted.find((s) => s.burnRate > slo.burnRate.stopAbove!);
  return {
    ...base,
    from: counted[0]!.timestamp,
    to: new Date(Date.parse(counted.at(-1)!.timestamp) + periodMs).toISOString(),
    budgetRequests,
    consumedPercent: consumed * 100,
    consumedMinutes: consumed * budgetMinutes,
    peakBurnRate: { value: peak.burnRate, at: peak.timestamp },
    averageBurnRate: burnRate(bad, total, slo.objective),
    ...(above ? { firstAboveStop: above.timestamp } : {}),
  };
}
