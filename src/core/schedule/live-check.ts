import type { SafetyLeverState, ZonalShiftResources } from '../../aws/ports.js';
import { practiceRunWindowsOf, touchedBy, type PracticeRunResource } from './practice-run-conflicts.js';
import type { ScheduledScenario } from './scheduled-scenario.js';

/** What the schedule commands saw of the accounts before deciding (read-only calls), or why they looked at nothing. */
export interface LiveCheck {
  safetyLevers: { region: string; id: string; status: string; reason?: string }[];
  /** ARC zonal shift managed resources the scheduled scenarios touch: practice-run configuration, shifts active now */
  practiceRuns: PracticeRunResource[];
  failed: { region: string; message: string }[];
  skipped?: string;
}

/** Each scheduled region's FIS safety lever, read once; a region that cannot be read is named, not guessed. */
export async function checkSafetyLevers(schedules: readonly ScheduledScenario[], read: (region: string) => Promise<SafetyLeverState>): Promise<LiveCheck> {
  const check: LiveCheck = { safetyLevers: [], practiceRuns: [], failed: [] };
  for (const region of regionsOf(schedules)) {
    try {
      const lever = await read(region);
      check.safetyLevers.push({ region, id: lever.id, status: lever.status, ...(lever.reason ? { reason: lever.reason } : {}) });
    } catch (error) {
      check.failed.push({ region, message: (error as Error).message });
    }
  }
  return check;
}

/**
 * Each scheduled region's ARC zonal shift managed resources (ListManagedResources), and of those a
 * scheduled scenario touches, the practice-run configuration and active shifts (GetManagedResource).
 * A region ARC cannot be read in is named under `failed`, as is a configuration the schedule cannot read.
 */
export async function checkPracticeRuns(schedules: readonly ScheduledScenario[], arc: (region: string) => Promise<ZonalShiftResources>): Promise<Pick<LiveCheck, 'practiceRuns' | 'failed'>> {
  const check: Pick<LiveCheck, 'practiceRuns' | 'failed'> = { practiceRuns: [], failed: [] };
  for (const region of regionsOf(schedules)) {
    try {
      const zonalShift = await arc(region);
      for (const summary of await zonalShift.list()) {
        const scenarios = schedules.filter((s) => regionOf(s) === region && touchedBy(s.loaded.scenario, summary)).map((s) => s.name);
        if (scenarios.length === 0) continue;
        const resource = await zonalShift.get(summary.arn);
        if (resource.practiceRunConfiguration) practiceRunWindowsOf(resource.practiceRunConfiguration);
        check.practiceRuns.push({
          region,
          arn: resource.arn,
          ...(resource.name ? { name: resource.name } : {}),
          ...(resource.zonalAutoshiftStatus ? { zonalAutoshiftStatus: resource.zonalAutoshiftStatus } : {}),
          ...(resource.practiceRunConfiguration ? { practiceRunConfiguration: resource.practiceRunConfiguration } : {}),
          activeShifts: resource.activeShifts,
          scenarios,
        });
      }
    } catch (error) {
      check.failed.push({ region, message: `ARC zonal shift: ${(error as Error).message}` });
    }
  }
  return check;
}

export function regionOf(schedule: ScheduledScenario): string {
  return schedule.loaded.scenario.spec.target.region;
}

function regionsOf(schedules: readonly ScheduledScenario[]): string[] {
  return [...new Set(schedules.map(regionOf))].sort();
}

/**
 * Why nothing of this scenario may start now: its region's FIS safety lever is not disengaged (FIS would
 * cancel the experiment), or a resource it touches has traffic shifted away from an AZ right now.
 */
export function liveRefusal(check: LiveCheck | undefined, schedule: ScheduledScenario): string | undefined {
  const lever = check?.safetyLevers.find((l) => l.region === regionOf(schedule));
  if (lever && lever.status !== 'disengaged') return `FIS safety lever ${lever.id} is ${lever.status} in ${lever.region}${lever.reason ? `: ${lever.reason}` : ''}`;
  for (const resource of check?.practiceRuns ?? []) {
    const shift = resource.scenarios.includes(schedule.name) ? resource.activeShifts[0] : undefined;
    if (shift) return `ARC ${shift.kind} active on ${resource.name ?? resource.arn}: traffic away from ${shift.awayFrom}${shift.startTime ? ` since ${shift.startTime}` : ''}`;
  }
  return undefined;
}
