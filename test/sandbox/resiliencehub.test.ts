import {
  DescribeAppAssessmentCommand,
  DescribeAppCommand,
  DescribeResiliencyPolicyCommand,
  ListAlarmRecommendationsCommand,
  ListAppAssessmentsCommand,
  ListAppsCommand,
  ListSopRecommendationsCommand,
  ListTestRecommendationsCommand,
  type ResiliencehubClient,
} from '@aws-sdk/client-resiliencehub';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../src/sandbox/index.js';
import { WORLD_START, worldPath } from './worlds.js';
import { rejected, sandboxClients } from '../helpers/aws-clients.js';

const CHECKOUT = 'arn:aws:resiliencehub:us-east-1:123456789012:app/7f3c1e2a-checkout';
const MISSING_ASSESSMENT = 'arn:aws:resiliencehub:us-east-1:123456789012:app-assessment/00000000-0000-0000-0000-000000000000';

type Sandbox = Awaited<ReturnType<typeof startSandbox>>;

describe.each([
  ['multi-az-checkout.yaml', 'PolicyMet'],
  ['single-az-db-checkout.yaml', 'PolicyBreached'],
] as const)('Resilience Hub over HTTP with @aws-sdk/client-resiliencehub (%s)', (world, compliance) => {
  let sandbox: Sandbox;
  let rh: ResiliencehubClient;
  beforeAll(async () => {
    sandbox = await startSandbox({ world: worldPath(world), speed: 1, clockStart: WORLD_START });
    rh = sandboxClients(sandbox.url, { maxAttempts: 1 }).resiliencehub;
  });
  afterAll(async () => {
    await sandbox?.stop();
  });

  it('describes the app, its policy and its latest assessment', async () => {
    const { appSummaries } = await rh.send(new ListAppsCommand({}));
    expect(appSummaries?.map((a) => a.appArn)).toEqual([CHECKOUT]);
    const { app } = await rh.send(new DescribeAppCommand({ appArn: CHECKOUT }));
    expect(app?.complianceStatus).toBe(compliance);
    expect(app?.creationTime).toBeInstanceOf(Date);
    const { policy } = await rh.send(new DescribeResiliencyPolicyCommand({ policyArn: app!.policyArn! }));
    expect(policy?.policy?.AZ).toEqual({ rtoInSecs: 300, rpoInSecs: 60 });
    const { assessmentSummaries } = await rh.send(new ListAppAssessmentsCommand({ appArn: CHECKOUT }));
    expect(assessmentSummaries).toHaveLength(1);
    const { assessment } = await rh.send(new DescribeAppAssessmentCommand({ assessmentArn: assessmentSummaries![0]!.assessmentArn! }));
    expect(assessment?.compliance?.AZ?.complianceStatus).toBe(compliance);
    expect(assessment?.resiliencyScore?.score).toBeGreaterThan(0);
    if (compliance === 'PolicyBreached') expect(assessment!.compliance!.AZ!.currentRtoInSecs).toBeGreaterThan(86_400);
  });

  it('lists alarm, SOP and test recommendations', async () => {
    const { assessmentSummaries } = await rh.send(new ListAppAssessmentsCommand({ appArn: CHECKOUT }));
    const assessmentArn = assessmentSummaries![0]!.assessmentArn!;
    const alarms = await rh.send(new ListAlarmRecommendationsCommand({ assessmentArn }));
    expect(alarms.alarmRecommendations?.map((a) => a.name)).toContain('checkout-unhealthy-hosts');
    expect(alarms.alarmRecommendations?.every((a) => a.recommendationId && a.referenceId && a.type === 'Metric')).toBe(true);
    const sops = await rh.send(new ListSopRecommendationsCommand({ assessmentArn, maxResults: 1 }));
    expect(sops.sopRecommendations).toHaveLength(1);
    expect(sops.nextToken).toBeDefined();
    const rest = await rh.send(new ListSopRecommendationsCommand({ assessmentArn, nextToken: sops.nextToken }));
    expect([...sops.sopRecommendations!, ...rest.sopRecommendations!].map((s) => s.name)).toEqual(expect.arrayContaining(['checkout-db-failover', 'checkout-web-asg-scaling']));
    const tests = await rh.send(new ListTestRecommendationsCommand({ assessmentArn }));
    expect(tests.testRecommendations?.[0]).toMatchObject({ name: 'checkout-az-outage', type: 'AZ', risk: 'High' });
  });

  it('answers unknown ARNs with ResourceNotFoundException', async () => {
    for (const call of [
      rh.send(new DescribeAppCommand({ appArn: 'arn:aws:resiliencehub:us-east-1:123456789012:app/nope' })),
      rh.send(new DescribeResiliencyPolicyCommand({ policyArn: 'arn:aws:resiliencehub:us-east-1:123456789012:resiliency-policy/nope' })),
      rh.send(new DescribeAppAssessmentCommand({ assessmentArn: MISSING_ASSESSMENT })),
      rh.send(new ListAlarmRecommendationsCommand({ assessmentArn: MISSING_ASSESSMENT })),
      rh.send(new ListSopRecommendationsCommand({ assessmentArn: MISSING_ASSESSMENT })),
      rh.send(new ListTestRecommendationsCommand({ assessmentArn: MISSING_ASSESSMENT })),
    ]) {
      const error = await rejected(call);
      expect(error.name).toBe('ResourceNotFoundException');
      expect(error.$metadata.httpStatusCode).toBe(404);
    }
  });
});
