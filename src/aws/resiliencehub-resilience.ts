import type { ResiliencehubClient } from '@aws-sdk/client-resiliencehub';
import { awsCall, isNotFound } from './call.js';
import { lazyClient, type AwsConnectionOptions } from './client-factory.js';
import type { Resilience, ResilienceAssessment, ResiliencePolicy, ResilienceRecommendations } from './ports.js';

type RhModule = typeof import('./sdk/resiliencehub.js');

/** Resilience Hub on @aws-sdk/client-resiliencehub: app, policy, latest assessment, recommendations. */
export class ResilienceHub implements Resilience {
  private readonly connect: () => Promise<{ sdk: RhModule; client: ResiliencehubClient }>;

  constructor(options: AwsConnectionOptions) {
    this.connect = lazyClient('resiliencehub', options, () => import('./sdk/resiliencehub.js'), (rh, config) => new rh.ResiliencehubClient(config as never));
  }

  async describeApp(appArn: string): Promise<{ appArn: string; name?: string; policyArn?: string } | undefined> {
    const { sdk: rh, client } = await this.connect();
    try {
      const out = await client.send(new rh.DescribeAppCommand({ appArn }));
      return { appArn, ...(out.app?.name ? { name: out.app.name } : {}), ...(out.app?.policyArn ? { policyArn: out.app.policyArn } : {}) };
    } catch (error) {
      if (isNotFound(error)) return undefined;
      return awsCall('resiliencehub:DescribeApp', () => Promise.reject(error));
    }
  }

  async policy(policyArn: string): Promise<ResiliencePolicy> {
    const { sdk: rh, client } = await this.connect();
    const out = await awsCall('resiliencehub:DescribeResiliencyPolicy', () => client.send(new rh.DescribeResiliencyPolicyCommand({ policyArn })));
    const targets: ResiliencePolicy['targets'] = {};
    for (const [type, failure] of Object.entries(out.policy?.policy ?? {})) {
      if (failure) targets[type] = { rtoInSecs: failure.rtoInSecs ?? 0, rpoInSecs: failure.rpoInSecs ?? 0 };
    }
    return {
      policyArn,
      ...(out.policy?.policyName ? { name: out.policy.policyName } : {}),
      ...(out.policy?.tier ? { tier: out.policy.tier } : {}),
      targets,
    };
  }

  async latestAssessment(appArn: string): Promise<ResilienceAssessment | undefined> {
    const { sdk: rh, client } = await this.connect();
    let latest: { arn: string; end: number } | undefined;
    let nextToken: string | undefined;
    do {
      const out = await awsCall('resiliencehub:ListAppAssessments', () =>
        client.send(new rh.ListAppAssessmentsCommand({ appArn, assessmentStatus: ['Success'], maxResults: 100, ...(nextToken ? { nextToken } : {}) })),
      );
      for (const s of out.assessmentSummaries ?? []) {
        const end = (s.endTime ?? s.startTime)?.getTime() ?? 0;
        if (s.assessmentArn && (!latest || end > latest.end)) latest = { arn: s.assessmentArn, end };
      }
      nextToken = out.nextToken;
    } while (nextToken);
    if (!latest) return undefined;
    const arn = latest.arn;
    const out = await awsCall('resiliencehub:DescribeAppAssessment', () => client.send(new rh.DescribeAppAssessmentCommand({ assessmentArn: arn })));
    const compliance: ResilienceAssessment['compliance'] = {};
    for (const [type, c] of Object.entries(out.assessment?.compliance ?? {})) {
      if (!c) continue;
      compliance[type] = {
        complianceStatus: c.complianceStatus ?? 'unknown',
        ...(c.currentRtoInSecs !== undefined ? { currentRtoInSecs: c.currentRtoInSecs } : {}),
        ...(c.currentRpoInSecs !== undefined ? { currentRpoInSecs: c.currentRpoInSecs } : {}),
        ...(c.achievableRtoInSecs !== undefined ? { achievableRtoInSecs: c.achievableRtoInSecs } : {}),
        ...(c.achievableRpoInSecs !== undefined ? { achievableRpoInSecs: c.achievableRpoInSecs } : {}),
      };
    }
    return {
      assessmentArn: arn,
      ...(out.assessment?.endTime ? { endTime: out.assessment.endTime } : {}),
      compliance,
      ...(out.assessment?.resiliencyScore?.score !== undefined ? { resiliencyScore: out.assessment.resiliencyScore.score } : {}),
    };
  }

  async recommendations(assessmentArn: string): Promise<ResilienceRecommendations> {
    const { sdk: rh, client } = await this.connect();
    const [alarms, sops, tests] = await Promise.all([
      awsCall('resiliencehub:ListAlarmRecommendations', () => client.send(new rh.ListAlarmRecommendationsCommand({ assessmentArn, maxResults: 100 }))),
      awsCall('resiliencehub:ListSopRecommendations', () => client.send(new rh.ListSopRecommendationsCommand({ assessmentArn, maxResults: 100 }))),
      awsCall('resiliencehub:ListTestRecommendations', () => client.send(new rh.ListTestRecommendationsCommand({ assessmentArn, maxResults: 100 }))),
    ]);
    return {
      alarms: (alarms.alarmRecommendations ?? []).map((r) => ({ name: r.name ?? '', ...(r.type ? { type: r.type } : {}), ...(r.description ? { description: r.description } : {}), ...componentsOf(r.appComponentNames ?? [r.appComponentName]) })),
      sops: (sops.sopRecommendations ?? []).map((r) => ({ name: r.name ?? '', ...(r.serviceType ? { type: r.serviceType } : {}), ...(r.description ? { description: r.description } : {}), ...componentsOf([r.appComponentName]) })),
      tests: (tests.testRecommendations ?? []).map((r) => ({
        name: r.name ?? '',
        ...(r.type ? { type: r.type } : {}),
        ...(r.risk ? { risk: r.risk } : {}),
        ...(r.description ? { description: r.description } : {}),
        ...componentsOf([r.appComponentName]),
      })),
    };
  }
}

function componentsOf(names: (string | undefined)[]): { components?: string[] } {
  const components = names.filter((n): n is string => !!n);
  return components.length ? { components } : {};
}
