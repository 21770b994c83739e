import { describe, expect, it } from 'vitest';
import { UNRECOVERABLE_SECONDS } from '../../../../src/sandbox/services/resiliencehub-assessment.js';
import { harness, type Harness } from '../harness.js';

const CHECKOUT = 'arn:aws:resiliencehub:us-east-1:123456789012:app/7f3c1e2a-checkout';

async function assessmentOf(h: Harness, appArn: string) {
  const { assessmentSummaries } = await h.call('resiliencehub', 'ListAppAssessments', { appArn });
  expect(assessmentSummaries).toHaveLength(1);
  return (await h.call('resiliencehub', 'DescribeAppAssessment', { assessmentArn: assessmentSummaries[0].assessmentArn })).assessment;
}

describe('Resilience Hub derived from the world', () => {
  it('meets the 5-minute AZ policy for the multi-AZ checkout', async () => {
    const h = await harness('multi-az-checkout.yaml');
    const { app } = await h.call('resiliencehub', 'DescribeApp', { appArn: CHECKOUT });
    expect(app).toMatchObject({ appArn: CHECKOUT, name: 'checkout', complianceStatus: 'PolicyMet', status: 'Active' });
    const { policy } = await h.call('resiliencehub', 'DescribeResiliencyPolicy', { policyArn: app.policyArn });
    expect(policy.policy.AZ).toEqual({ rtoInSecs: 300, rpoInSecs: 60 });
    const assessment = await assessmentOf(h, CHECKOUT);
    expect(assessment.assessmentStatus).toBe('Success');
    expect(assessment.compliance.AZ.complianceStatus).toBe('PolicyMet');
    expect(assessment.compliance.AZ.currentRtoInSecs).toBeLessThanOrEqual(300);
    expect(assessment.compliance.AZ.currentRpoInSecs).toBeLessThanOrEqual(60);
    expect(assessment.resiliencyScore.componentScore.Alarm.outstandingCount).toBeGreaterThan(0);
  });

  it('breaches the AZ policy with an unrecoverable RTO when the database sits in one AZ', async () => {
    const h = await harness('single-az-db-checkout.yaml');
    expect((await h.call('resiliencehub', 'DescribeApp', { appArn: CHECKOUT })).app.complianceStatus).toBe('PolicyBreached');
    const assessment = await assessmentOf(h, CHECKOUT);
    expect(assessment.complianceStatus).toBe('PolicyBreached');
    expect(assessment.compliance.AZ).toMatchObject({ complianceStatus: 'PolicyBreached', currentRtoInSecs: UNRECOVERABLE_SECONDS, achievableRtoInSecs: 240 });
    expect(assessment.compliance.AZ.rtoDescription).toMatch(/^Unrecoverable: Aurora cluster checkout-db has no reader outside us-east-1b/);
    expect(assessment.compliance.Software.complianceStatus).toBe('PolicyMet');
  });

  it('recommends the alarms, SOPs and tests the world lacks, marking what it already has', async () => {
    const h = await harness('multi-az-checkout.yaml');
    const { assessmentArn } = (await h.call('resiliencehub', 'ListAppAssessments', { appArn: CHECKOUT })).assessmentSummaries[0];
    const alarms = (await h.call('resiliencehub', 'ListAlarmRecommendations', { assessmentArn })).alarmRecommendations;
    const byName = Object.fromEntries(alarms.map((a: any) => [a.name, a]));
    expect(byName['checkout-unhealthy-hosts']).toMatchObject({ type: 'Metric', recommendationStatus: 'Implemented' });
    expect(byName['checkout-unhealthy-hosts'].items[0].alreadyImplemented).toBe(true);
    expect(byName['checkout-db-replica-lag']).toMatchObject({ recommendationStatus: 'NotImplemented', referenceId: 'rds:aurora-replica-lag' });
    // Implemented recommendations carry the world's own (most sensitive) alarm name, not the stop condition's.
    expect(byName['checkout-5xx-high']).toMatchObject({ recommendationStatus: 'Implemented', referenceId: 'alb:http-5xx-rate' });
    expect(byName['checkout-5xx-critical']).toBeUndefined();
    const sops = (await h.call('resiliencehub', 'ListSopRecommendations', { assessmentArn })).sopRecommendations;
    expect(sops.map((s: any) => s.name)).toEqual(expect.arrayContaining(['checkout-db-failover', 'checkout-web-asg-scaling']));
    expect(sops.every((s: any) => s.serviceType === 'SSM' && s.recommendationId && s.referenceId)).toBe(true);
    const tests = (await h.call('resiliencehub', 'ListTestRecommendations', { assessmentArn })).testRecommendations;
    expect(tests).toEqual([expect.objectContaining({ name: 'checkout-az-outage', type: 'AZ', risk: 'High', dependsOnAlarms: ['checkout-unhealthy-hosts', 'checkout-5xx-high'] })]);
  });

  it('recommends alarms per app component: one alarm never stands for two components (shop-platform: payments-api and order-worker)', async () => {
    const h = await harness('shop-platform.yaml');
    const appArn = 'arn:aws:resiliencehub:us-east-1:123456789012:app/2b9d4f60-shop-platform';
    const { assessmentArn } = (await h.call('resiliencehub', 'ListAppAssessments', { appArn })).assessmentSummaries[0];
    const alarms = (await h.call('resiliencehub', 'ListAlarmRecommendations', { assessmentArn })).alarmRecommendations;
    const running = alarms.filter((a: any) => a.referenceId === 'ecs:running-task-count');
    // order-workers-low watches pipeline/order-worker only; payments-api has no running-task alarm in the world.
    expect(running.map((a: any) => [a.appComponentName, a.name, a.recommendationStatus])).toEqual([
      ['payments/payments-api', 'payments-api-running-tasks-low', 'NotImplemented'],
      ['pipeline/order-worker', 'order-workers-low', 'Implemented'],
    ]);
    const names = alarms.map((a: any) => a.name);
    expect(names).toEqual([...new Set(names)]);
    const tests = (await h.call('resiliencehub', 'ListTestRecommendations', { assessmentArn })).testRecommendations;
    expect(Object.fromEntries(tests.map((t: any) => [t.name, t.dependsOnAlarms]))).toMatchObject({
      'payments-api-task-failure': ['payments-api-running-tasks-low'],
      'order-worker-task-failure': ['order-workers-low'],
    });
  });

  it('pages, filters and refuses unknown ARNs with ResourceNotFoundException', async () => {
    const h = await harness('orders-ecs.yaml');
    const apps = (await h.call('resiliencehub', 'ListApps', {})).appSummaries;
    expect(apps.map((a: any) => a.appArn)).toEqual(['arn:aws:resiliencehub:us-east-1:123456789012:app/2b9d4f60-orders']);
    expect((await h.call('resiliencehub', 'ListApps', { name: 'checkout' })).appSummaries).toEqual([]);
    expect((await h.call('resiliencehub', 'ListAppAssessments', { appArn: apps[0].appArn, assessmentStatus: ['InProgress'] })).assessmentSummaries).toEqual([]);
    expect((await h.call('resiliencehub', 'ListAppAssessments', { appArn: apps[0].appArn, invoker: 'System', assessmentStatus: ['Success'] })).assessmentSummaries).toHaveLength(1);
    const { assessmentArn } = (await h.call('resiliencehub', 'ListAppAssessments', { appArn: apps[0].appArn })).assessmentSummaries[0];
    const first = await h.call('resiliencehub', 'ListAlarmRecommendations', { assessmentArn, maxResults: 1 });
    expect(first.alarmRecommendations).toHaveLength(1);
    const rest = await h.call('resiliencehub', 'ListAlarmRecommendations', { assessmentArn, nextToken: first.nextToken });
    const all = (await h.call('resiliencehub', 'ListAlarmRecommendations', { assessmentArn })).alarmRecommendations;
    expect(all.find((a: any) => a.referenceId === 'ecs:running-task-count')).toMatchObject({ name: 'orders-task-count-low', recommendationStatus: 'Implemented' });
    expect(rest.alarmRecommendations[0].name).not.toBe(first.alarmRecommendations[0].name);
    for (const [op, input] of [
      ['DescribeApp', { appArn: CHECKOUT }],
      ['ListAppAssessments', { appArn: CHECKOUT }],
      ['DescribeResiliencyPolicy', { policyArn: 'arn:aws:resiliencehub:us-east-1:123456789012:resiliency-policy/nope' }],
      ['DescribeAppAssessment', { assessmentArn: 'arn:aws:resiliencehub:us-east-1:123456789012:app-assessment/nope' }],
      ['ListSopRecommendations', { assessmentArn: 'arn:aws:resiliencehub:us-east-1:123456789012:app-assessment/nope' }],
    ] as const) {
      await expect(h.call('resiliencehub', op, input)).rejects.toMatchObject({ code: 'ResourceNotFoundException', httpStatus: 404 });
    }
  });

  it('has no app for a world without a Resilience Hub section', async () => {
    const h = await harness('catalog-cpu.yaml');
    expect((await h.call('resiliencehub', 'ListApps', {})).appSummaries).toEqual([]);
  });
});
