import type { SafetyLeverState } from '../../aws/ports.js';
import type { ScheduledScenario } from './scheduled-scenario.js';

/** What the schedule commands saw of the accounts before deciding (read-only calls), or why they looked at nothing. */
export interface LiveCheck {
  safetyLevers: { region: string; id: string; status: string; reason?: string }[];
  failed: { region: string; message: string }[];
  skipped?: string;
}

/** Each scheduled region's FIS safety lever, read once; a region that cannot be read is named, not guessed. */
export async function checkSafetyLevers(schedules: readonly ScheduledScenario[], read: (region: string) => Promise<SafetyLeverState>): Promise<LiveCheck> {
  const check: LiveCheck = { safetyLevers: [], failed: [] };
  for (const region of [...new Set(schedules.map(regionOf))].sort()) {
    try {
      const lever = await read(region);
      check.safetyLevers.push({ region, id: lever.id, status: lever.status, ...(lever.reason ? { reason: lever.reason } : {}) });
    } catch (error) {
      check.failed.push({ region, message: (error as Error).message });
    }
  }
  return check;
}

export function regionOf(schedule: ScheduledScenario): string {
  return schedule.loaded.scenario.spec.target.region;
}

/** Why nothing of this scenario may start now: its region's FIS safety lever is not disengaged (FIS would cancel the experiment). */
export function liveRefusal(check: LiveCheck | undefined, schedule: ScheduledScenario): string | undefined {
  const lever = check?.safetyLevers.find((l) => l.region === regionOf(schedule));
  if (!lever || lever.status === 'disengaged') return undefined;
  return `FIS safety lever ${lever.id} is ${lever.status} in ${lever.region}${lever.reason ? `: ${lever.reason}` : ''}`;
}
