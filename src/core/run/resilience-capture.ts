import type { AwsPorts } from '../../aws/ports.js';
import type { ResilienceHubCaptured } from '../journal/events.js';
import { GamedayError } from '../errors.js';
import type { Plan } from '../plan/types.js';

const message = (error: unknown): string => (GamedayError.is(error) ? error.message : String(error));

/**
 * The Resilience Hub side of the verdict: the app's policy (targets per disruption type), its latest
 * assessment (what RH estimates) and its alarm/SOP/test recommendations. Without an app the scenario's
 * own rto/rpo are the targets, and the event says so. Failures are recorded, never fatal: the run
 * already happened and its measurements stand.
 */
export async function captureResilienceHub(plan: Plan, ports: AwsPorts): Promise<ResilienceHubCaptured> {
  const empty = { alarms: [], sops: [], tests: [] };
  const appArn = plan.target.resilienceHubAppArn;
  const fallback = `targets from the scenario (rto ${plan.recovery.rtoSeconds ?? 'not set'} s, rpo ${plan.recovery.rpoSeconds ?? 'not set'} s)`;
  if (!appArn) return { type: 'resilience-hub', recommendations: empty, note: `no Resilience Hub app in the scenario; ${fallback}` };
  const notes: string[] = [];
  let app;
  try {
    app = await ports.resilience.describeApp(appArn);
  } catch (error) {
    return { type: 'resilience-hub', appArn, recommendations: empty, note: `could not read the app: ${message(error)}; ${fallback}` };
  }
  if (!app) return { type: 'resilience-hub', appArn, recommendations: empty, note: `Resilience Hub app ${appArn} not found; ${fallback}` };
  const [policy, assessment] = await Promise.all([
    app.policyArn
      ? ports.resilience.policy(app.policyArn).catch((error: unknown) => void notes.push(`policy: ${message(error)}`))
      : Promise.resolve(void notes.push('the app has no resiliency policy')),
    ports.resilience.latestAssessment(appArn).catch((error: unknown) => void notes.push(`assessment: ${message(error)}`)),
  ]);
  if (policy && !policy.targets[plan.recovery.disruptionType]) notes.push(`the policy sets no ${plan.recovery.disruptionType} targets; ${fallback}`);
  if (!assessment) notes.push('no successful assessment of the app yet');
  let recommendations: ResilienceHubCaptured['recommendations'] = empty;
  if (assessment) {
    try {
      recommendations = await ports.resilience.recommendations(assessment.assessmentArn);
    } catch (error) {
      notes.push(`recommendations: ${message(error)}`);
    }
  }
  return {
    type: 'resilience-hub',
    appArn,
    ...(policy ? { policy } : {}),
    ...(assessment
      ? {
          assessment: {
            assessmentArn: assessment.assessmentArn,
            ...(assessment.endTime ? { endTime: assessment.endTime.toISOString() } : {}),
            compliance: assessment.compliance,
            ...(assessment.resiliencyScore !== undefined ? { resiliencyScore: assessment.resiliencyScore } : {}),
          },
        }
      : {}),
    recommendations,
    ...(notes.length ? { note: notes.join('; ') } : {}),
  };
}
