import type { LiveCheck } from '../core/schedule/live-check.js';
import type { ScheduledScenario } from '../core/schedule/scheduled-scenario.js';

/** What --endpoint-url is for on the schedule commands. */
export const LIVE_CHECK_ENDPOINT = 'read the live check (FIS safety levers, ARC practice runs) from this endpoint, e.g. a standalone `gameday sandbox`; also AWS_ENDPOINT_URL';

/**
 * The schedule commands' live check, read-only, when there is an endpoint or AWS credentials to ask:
 * each scheduled region's FIS safety lever (GetSafetyLever) and the ARC zonal shift managed resources
 * the scenarios touch (ListManagedResources, GetManagedResource). Otherwise they stay offline and say so.
 */
export async function scheduleLiveCheck(schedules: readonly ScheduledScenario[], options: { sandbox?: boolean; endpoint?: string | undefined; env?: NodeJS.ProcessEnv } = {}): Promise<LiveCheck> {
  const env = options.env ?? process.env;
  const none = { safetyLevers: [], practiceRuns: [], failed: [] };
  if (options.sandbox) return { ...none, skipped: '--sandbox: every game day runs against its own embedded sandbox' };
  if (schedules.length === 0) return { ...none, skipped: 'nothing is scheduled' };
  if (!(options.endpoint || env.AWS_ENDPOINT_URL || env.AWS_ENDPOINT_URL_FIS || env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE)) {
    return { ...none, skipped: 'no AWS credentials or endpoint (AWS_PROFILE, AWS_ACCESS_KEY_ID, AWS_ENDPOINT_URL or --endpoint-url): FIS safety levers and ARC practice runs not read' };
  }
  const [{ checkSafetyLevers, checkPracticeRuns }, { connectTarget }] = await Promise.all([import('../core/schedule/live-check.js'), import('../core/run/connect-target.js')]);
  const targets = new Map<string, Awaited<ReturnType<typeof connectTarget>>>();
  const target = async (region: string) => {
    if (!targets.has(region)) targets.set(region, await connectTarget({ region, env, ...(options.endpoint ? { endpoint: options.endpoint } : {}) }));
    return targets.get(region)!;
  };
  try {
    const levers = await checkSafetyLevers(schedules, async (region) => (await target(region)).ports.experiments.safetyLever());
    const arc = await checkPracticeRuns(schedules, async (region) => (await target(region)).ports.zonalShift);
    return { ...levers, practiceRuns: arc.practiceRuns, failed: [...levers.failed, ...arc.failed] };
  } finally {
    await Promise.all([...targets.values()].map((t) => t.close()));
  }
}
