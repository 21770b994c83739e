import { describe, expect, it } from 'vitest';
import { practiceRunBlackout, touchedBy, type PracticeRunResource } from '../../../src/core/schedule/practice-run-conflicts.js';
import { scenarioWith, scheduled } from './fixtures.js';

const ALB = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/orders-alb/0123456789abcdef';
const ASG = 'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:1a2b3c4d-0000-0000-0000-000000000000:autoScalingGroupName/orders-asg';
// orders-ecs-task-kill: a game day of PT10M (an instant fault plus PT10M watch); daily 09:00 UTC (2026-11-03 is a Tuesday).
const orders = scheduled({ cron: '0 9 * * *' });
const resource = (config: Partial<NonNullable<PracticeRunResource['practiceRunConfiguration']>> | undefined): PracticeRunResource => ({
  region: 'us-east-1',
  arn: ALB,
  name: 'app/orders-alb/0123456789abcdef',
  activeShifts: [],
  scenarios: ['orders-ecs-task-kill'],
  ...(config ? { practiceRunConfiguration: { blockedWindows: [], blockedDates: [], allowedWindows: [], blockingAlarms: [], outcomeAlarms: ['arn:aws:cloudwatch:us-east-1:123456789012:alarm:x'], ...config } } : {}),
});
const at = (iso: string) => new Date(iso);

describe('practice runs ARC may start in a game day’s slot', () => {
  it('a scenario touches the load balancers and Auto Scaling groups its metrics name', () => {
    const probe = { name: 'p99', metric: { namespace: 'AWS/ApplicationELB', name: 'TargetResponseTime', dimensions: { LoadBalancer: 'app/orders-alb/0123456789abcdef' }, stat: 'p99', period: 60 }, threshold: '< 1' };
    const cpu = { name: 'cpu', metric: { namespace: 'AWS/EC2', name: 'CPUUtilization', dimensions: { AutoScalingGroupName: 'orders-asg' }, stat: 'Average', period: 60 }, threshold: '< 90' };
    const loaded = scenarioWith(undefined, 'orders-ecs-task-kill', { steadyState: [probe, cpu] as never });
    expect(touchedBy(loaded.scenario, { arn: ALB })).toBe(true);
    expect(touchedBy(loaded.scenario, { arn: ASG })).toBe(true);
    expect(touchedBy(loaded.scenario, { arn: ALB.replace('orders-alb', 'other-alb') })).toBe(false);
    expect(touchedBy(scenarioWith(undefined).scenario, { arn: ALB })).toBe(false);
  });

  it('refuses a slot ARC does not block from 30 minutes before its start to its end, naming the window to block', () => {
    const open = practiceRunBlackout([resource({})], orders, at('2026-11-03T09:00:00Z'));
    expect(open).toMatchObject({ from: '2026-11-03T08:30:00.000Z' });
    expect(open!.reason).toMatch(/^ARC may start a practice run on app\/orders-alb\/0123456789abcdef at 2026-11-03T08:30:00\.000Z .*; block Tue:08:30-Tue:09:\d\d in its practice-run configuration \(blockedWindows, UTC\)$/);
    // Blocked through the slot: fine. Blocked only from the start: a practice run from 08:30 would still be on.
    expect(practiceRunBlackout([resource({ blockedWindows: ['Tue:08:00-Tue:12:00'] })], orders, at('2026-11-03T09:00:00Z'))).toBeUndefined();
    expect(practiceRunBlackout([resource({ blockedWindows: ['Tue:09:00-Tue:12:00'] })], orders, at('2026-11-03T09:00:00Z'))!.reason).toContain('at 2026-11-03T08:30:00.000Z');
    // Two blocks back to back (a window, then a blocked date) cover it; a gap between them does not.
    expect(practiceRunBlackout([resource({ blockedWindows: ['Mon:23:00-Mon:23:59'], blockedDates: ['2026-11-03'] })], orders, at('2026-11-03T00:10:00Z'))!.reason).toContain('at 2026-11-02T23:59:00.000Z');
    expect(practiceRunBlackout([resource({ blockedWindows: ['Mon:23:00-Mon:23:59', 'Mon:23:59-Tue:00:00'], blockedDates: ['2026-11-03'] })], orders, at('2026-11-03T00:10:00Z'))).toBeUndefined();
  });

  it('with allowed windows, ARC starts practice runs only inside them: a slot outside is fine, one overlapping is refused', () => {
    const allowed = resource({ allowedWindows: ['Wed:09:00-Wed:17:00'] });
    expect(practiceRunBlackout([allowed], orders, at('2026-11-03T09:00:00Z'))).toBeUndefined();
    expect(practiceRunBlackout([allowed], orders, at('2026-11-04T08:55:00Z'))!.reason).toContain('at 2026-11-04T09:00:00.000Z');
  });

  it('a resource without a practice-run configuration, or one the scenario does not touch, refuses nothing; across midnight the window to block is one per UTC day', () => {
    expect(practiceRunBlackout([resource(undefined)], orders, at('2026-11-03T09:00:00Z'))).toBeUndefined();
    expect(practiceRunBlackout([{ ...resource({}), scenarios: ['another'] }], orders, at('2026-11-03T09:00:00Z'))).toBeUndefined();
    expect(practiceRunBlackout([resource({})], orders, at('2026-11-03T23:55:00Z'))!.reason).toMatch(/block Tue:23:25-Tue:23:59 Wed:00:00-Wed:00:05 in/);
  });
});
