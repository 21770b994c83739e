/**
 * The Resilience Hub backend: the world's one application, its resiliency policy, one completed
 * assessment and its recommendations (derived by resiliencehub-assessment.ts), read-only, as the
 * @aws-sdk/client-resiliencehub model names them.
 */
import { createHash } from 'node:crypto';
import type { Clock } from '../clock.js';
import { ServiceError, type OperationHandler, type ServiceBackend } from '../contracts.js';
import type { DisruptionType, World } from '../world/types.js';
import { assessWorld, type RecommendationDraft } from './resiliencehub-assessment.js';
import { page } from './paging.js';

type Input = Record<string, unknown>;

/** The Arn pattern of the Resilience Hub model: a malformed ARN is a ValidationException, never a 404. */
const ARN = /^arn:(aws|aws-cn|aws-iso|aws-iso-[a-z]{1}|aws-us-gov):[A-Za-z0-9][A-Za-z0-9_/.-]{0,62}:([a-z]{2}-((iso[a-z]{0,1}-)|(gov-)){0,1}[a-z]+-[0-9]):[0-9]{12}:[A-Za-z0-9/][A-Za-z0-9:_/+.-]{0,1023}$/;

function checkArn(arn: string, member: string): void {
  if (!ARN.test(arn)) throw new ServiceError('ValidationException', `1 validation error detected: Value '${arn}' at '${member}' failed to satisfy constraint: Member must satisfy regular expression pattern: ${ARN.source}`, 400);
}

export function createResilienceHubBackend(deps: { world: World; clock: Clock }): ServiceBackend {
  const { world } = deps;
  const spec = world.spec.resilienceHub;
  const now = deps.clock.nowMs();
  const appCreated = new Date(now - 30 * 86_400_000);
  const assessedStart = new Date(now - 2 * 3_600_000);
  const assessedEnd = new Date(now - 2 * 3_600_000 + 240_000);
  const assessment = spec === undefined ? undefined : assessWorld(world);
  const assessmentArn =
    spec === undefined ? undefined : (spec.assessmentArn ?? `arn:aws:resiliencehub:${world.spec.region}:${world.spec.account}:app-assessment/${uuidFrom(`${spec.app.arn}/assessment`)}`);

  const notFound = (what: string, arn: unknown) => new ServiceError('ResourceNotFoundException', `${what} ${String(arn)} not found.`, 404);
  const required = (input: Input, member: string): string => {
    const value = input[member];
    if (typeof value !== 'string' || value.length === 0) throw new ServiceError('ValidationException', `${member} is required.`, 400);
    return value;
  };

  const score = () => {
    if (!assessment || !spec) return undefined;
    const disruptionScore = Object.fromEntries(
      Object.entries(assessment.compliance).map(([type, c]) => [type, c.complianceStatus === 'PolicyMet' ? 100 : Math.round((100 * (spec.policy.policy[type as DisruptionType]?.rtoInSecs ?? 0)) / Math.max(c.currentRtoInSecs, 1))]),
    );
    const component = (items: RecommendationDraft[]) => {
      const done = items.filter((i) => i.implemented).length;
      return { score: items.length === 0 ? 100 : Math.round((100 * done) / items.length), possibleScore: 100, outstandingCount: items.length - done, excludedCount: 0 };
    };
    const values = Object.values(disruptionScore) as number[];
    const compliance = values.length === 0 ? 100 : Math.round(values.reduce((a, b) => a + b, 0) / values.length);
    const alarm = component(assessment.alarms);
    const sop = component(assessment.sops);
    const test = component(assessment.tests);
    return {
      score: Math.round(0.6 * compliance + 0.2 * alarm.score + 0.1 * sop.score + 0.1 * test.score),
      disruptionScore,
      componentScore: { Compliance: { score: compliance, possibleScore: 100, outstandingCount: 0, excludedCount: 0 }, Alarm: alarm, Sop: sop, Test: test },
    };
  };

  const appView = () => ({
    appArn: spec!.app.arn,
    name: spec!.app.name,
    ...(spec!.app.description === undefined ? {} : { description: spec!.app.description }),
    policyArn: spec!.policy.arn,
    creationTime: appCreated,
    status: 'Active',
    complianceStatus: assessment!.complianceStatus,
    lastAppComplianceEvaluationTime: assessedEnd,
    resiliencyScore: score()!.score,
    lastResiliencyScoreEvaluationTime: assessedEnd,
    assessmentSchedule: 'Daily',
    driftStatus: 'NotChecked',
    tags: {},
    ...rtoRpoOf(),
  });

  const rtoRpoOf = () => {
    const az = spec!.policy.policy.AZ;
    return az === undefined ? {} : { rtoInSecs: az.rtoInSecs, rpoInSecs: az.rpoInSecs };
  };

  const policyView = () => ({
    policyArn: spec!.policy.arn,
    policyName: spec!.policy.name,
    dataLocationConstraint: 'AnyLocation',
    tier: spec!.policy.tier,
    estimatedCostTier: 'L2',
    policy: spec!.policy.policy,
    creationTime: appCreated,
    tags: {},
  });

  const summaryView = () => ({
    appArn: spec!.app.arn,
    appVersion: 'release',
    assessmentStatus: 'Success',
    invoker: 'System',
    startTime: assessedStart,
    endTime: assessedEnd,
    assessmentName: `${spec!.app.name}-daily-assessment`,
    assessmentArn: assessmentArn!,
    complianceStatus: assessment!.complianceStatus,
    resiliencyScore: score()!.score,
    versionName: 'release',
    driftStatus: 'NotDetected',
  });

  const requireApp = (arn: string) => {
    checkArn(arn, 'appArn');
    if (!spec || arn !== spec.app.arn) throw notFound('App', arn);
  };
  const requireAssessment = (arn: string) => {
    checkArn(arn, 'assessmentArn');
    if (!spec || arn !== assessmentArn) throw notFound('App assessment', arn);
  };

  const item = (r: RecommendationDraft) => ({ resourceId: r.resourceId, targetAccountId: world.spec.account, targetRegion: world.spec.region, alreadyImplemented: r.implemented, excluded: false });
  const status = (r: RecommendationDraft) => (r.implemented ? 'Implemented' : 'NotImplemented');
  const appComponent = (r: RecommendationDraft) => r.resourceId;

  const operations: Record<string, OperationHandler> = {
    ListApps(input: Input) {
      const apps = spec === undefined ? [] : [spec.app].filter((a) => (input['name'] === undefined || input['name'] === a.name) && (input['appArn'] === undefined || input['appArn'] === a.arn));
      const { items, nextToken } = page(apps, input, { max: 100, default: 100 });
      return {
        appSummaries: items.map(() => {
          const app = appView();
          return { appArn: app.appArn, name: app.name, ...(app.description === undefined ? {} : { description: app.description }), creationTime: app.creationTime, complianceStatus: app.complianceStatus, resiliencyScore: app.resiliencyScore, assessmentSchedule: app.assessmentSchedule, status: app.status, driftStatus: app.driftStatus, lastAppComplianceEvaluationTime: app.lastAppComplianceEvaluationTime, ...rtoRpoOf() };
        }),
        ...(nextToken === undefined ? {} : { nextToken }),
      };
    },
    DescribeApp(input: Input) {
      requireApp(required(input, 'appArn'));
      return { app: appView() };
    },
    DescribeResiliencyPolicy(input: Input) {
      const arn = required(input, 'policyArn');
      checkArn(arn, 'policyArn');
      if (!spec || arn !== spec.policy.arn) throw notFound('Resiliency policy', arn);
      return { policy: policyView() };
    },
    ListAppAssessments(input: Input) {
      const appArn = input['appArn'] as string | undefined;
      if (appArn !== undefined) requireApp(appArn);
      const statuses = input['assessmentStatus'] as string[] | undefined;
      const all = spec === undefined ? [] : [summaryView()].filter(
        (s) =>
          (input['complianceStatus'] === undefined || input['complianceStatus'] === s.complianceStatus) &&
          (input['assessmentName'] === undefined || input['assessmentName'] === s.assessmentName) &&
          (input['invoker'] === undefined || input['invoker'] === s.invoker) &&
          (statuses === undefined || statuses.length === 0 || statuses.includes(s.assessmentStatus)),
      );
      const { items, nextToken } = page(all, input, { max: 100, default: 100 });
      return { assessmentSummaries: items, ...(nextToken === undefined ? {} : { nextToken }) };
    },
    DescribeAppAssessment(input: Input) {
      requireAssessment(required(input, 'assessmentArn'));
      const summary = summaryView();
      return {
        assessment: {
          appArn: summary.appArn,
          appVersion: summary.appVersion,
          invoker: summary.invoker,
          assessmentStatus: summary.assessmentStatus,
          startTime: summary.startTime,
          endTime: summary.endTime,
          assessmentName: summary.assessmentName,
          assessmentArn: summary.assessmentArn,
          complianceStatus: assessment!.complianceStatus,
          compliance: assessment!.compliance,
          resiliencyScore: score(),
          policy: policyView(),
          tags: {},
          versionName: summary.versionName,
          driftStatus: summary.driftStatus,
        },
      };
    },
    ListAlarmRecommendations(input: Input) {
      requireAssessment(required(input, 'assessmentArn'));
      const { items, nextToken } = page(assessment!.alarms, input, { max: 100, default: 100 });
      return {
        alarmRecommendations: items.map((r) => ({
          recommendationId: uuidFrom(`alarm/${r.name}`),
          referenceId: r.referenceId,
          name: r.name,
          description: r.description,
          type: 'Metric',
          appComponentName: appComponent(r),
          appComponentNames: [appComponent(r)],
          items: [item(r)],
          ...(r.prerequisite === undefined ? {} : { prerequisite: r.prerequisite }),
          recommendationStatus: status(r),
        })),
        ...(nextToken === undefined ? {} : { nextToken }),
      };
    },
    ListSopRecommendations(input: Input) {
      requireAssessment(required(input, 'assessmentArn'));
      const { items, nextToken } = page(assessment!.sops, input, { max: 100, default: 100 });
      return {
        sopRecommendations: items.map((r) => ({
          serviceType: 'SSM',
          appComponentName: appComponent(r),
          description: r.description,
          recommendationId: uuidFrom(`sop/${r.name}`),
          name: r.name,
          items: [item(r)],
          referenceId: r.referenceId,
          ...(r.prerequisite === undefined ? {} : { prerequisite: r.prerequisite }),
          recommendationStatus: status(r),
        })),
        ...(nextToken === undefined ? {} : { nextToken }),
      };
    },
    ListTestRecommendations(input: Input) {
      requireAssessment(required(input, 'assessmentArn'));
      const { items, nextToken } = page(assessment!.tests, input, { max: 100, default: 100 });
      return {
        testRecommendations: items.map((r) => ({
          recommendationId: uuidFrom(`test/${r.name}`),
          referenceId: r.referenceId,
          appComponentName: appComponent(r),
          name: r.name,
          intent: r.intent,
          risk: r.risk,
          type: r.type,
          description: r.description,
          items: [item(r)],
          dependsOnAlarms: r.dependsOnAlarms,
          recommendationStatus: status(r),
        })),
        ...(nextToken === undefined ? {} : { nextToken }),
      };
    },
  };
  return { service: 'resiliencehub', operations };
}

/** A stable UUID-shaped identifier for a name (recommendations and assessments keep their IDs across runs). */
function uuidFrom(text: string): string {
  const h = createHash('sha256').update(text).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
