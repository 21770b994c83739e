import type { LiveCheck } from '../core/schedule/live-check.js';
import type { ScheduledScenario } from '../core/schedule/scheduled-scenario.js';

/** What --endpoint-url is for on the schedule commands. */
export const LIVE_CHECK_ENDPOINT = 'read the live check (FIS safety levers) from this endpoint, e.g. a standalone `gameday sandbox`; also AWS_ENDPOINT_URL';

/**
 * The schedule commands' live check: each scheduled region's FIS safety lever (GetSafetyLever, read-only),
 * when there is an endpoint or AWS credentials to ask; otherwise they stay offline and say so.
 */
export async function scheduleLiveCheck(schedules: readonly ScheduledScenario[], options: { sandbox?: boolean; endpoint?: string | undefined; env?: NodeJS.ProcessEnv } = {}): Promise<LiveCheck> {
  const env = options.env ?? process.env;
  if (options.sandbox) return { safetyLevers: [], failed: [], skipped: '--sandbox: every game day runs against its own embedded sandbox' };
  if (schedules.length === 0) return { safetyLevers: [], failed: [], skipped: 'nothing is scheduled' };
  if (!(options.endpoint || env.AWS_ENDPOINT_URL || env.AWS_ENDPOINT_URL_FIS || env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE)) {
    return { safetyLevers: [], failed: [], skipped: 'no AWS credentials or endpoint (AWS_PROFILE, AWS_ACCESS_KEY_ID, AWS_ENDPOINT_URL or --endpoint-url): FIS safety levers not read' };
  }
  const [{ checkSafetyLevers }, { connectTarget }] = await Promise.all([import('../core/schedule/live-check.js'), import('../core/run/connect-target.js')]);
  return checkSafetyLevers(schedules, async (region) => {
    const target = await connectTarget({ region, env, ...(options.endpoint ? { endpoint: options.endpoint } : {}) });
    try {
      return await target.ports.experiments.safetyLever();
    } finally {
      await target.close();
    }
  });
}
