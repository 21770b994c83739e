import type { LiveCheck } from '../core/schedule/live-check.js';
import type { ScheduledScenario } from '../core/schedule/scheduled-scenario.js';

/**
 * The schedule commands' live check: each scheduled region's FIS safety lever (GetSafetyLever, read-only),
 * when there is an endpoint or AWS credentials to ask; otherwise they stay offline and say so.
 */
export async function scheduleLiveCheck(schedules: readonly ScheduledScenario[], options: { sandbox?: boolean; env?: NodeJS.ProcessEnv } = {}): Promise<LiveCheck> {
  const env = options.env ?? process.env;
  if (options.sandbox) return { safetyLevers: [], failed: [], skipped: '--sandbox: every game day runs against its own embedded sandbox' };
  if (schedules.length === 0) return { safetyLevers: [], failed: [], skipped: 'nothing is scheduled' };
  if (!(env.AWS_ENDPOINT_URL || env.AWS_ENDPOINT_URL_FIS || env.AWS_ACCESS_KEY_ID || env.AWS_PROFILE)) {
    return { safetyLevers: [], failed: [], skipped: 'no AWS credentials or endpoint (AWS_PROFILE, AWS_ACCESS_KEY_ID or AWS_ENDPOINT_URL): FIS safety levers not read' };
  }
  const [{ checkSafetyLevers }, { connectTarget }] = await Promise.all([import('../core/schedule/live-check.js'), import('../core/run/connect-target.js')]);
  return checkSafetyLevers(schedules, async (region) => {
    const target = await connectTarget({ region, env });
    try {
      return await target.ports.experiments.safetyLever();
    } finally {
      await target.close();
    }
  });
}
