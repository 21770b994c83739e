import { describe, expect, it } from 'vitest';
import { compilePlan, planHash } from '../../../src/core/plan/compile.js';
import { serializePlan } from '../../../src/core/plan/plan-file.js';
import { GamedayError } from '../../../src/core/errors.js';
import { catalogCpuStress, checkoutAzPower, checkoutRebootFisTemplate, loaded, ordersEcsTaskKill } from './fixtures.js';

describe('compilePlan: every template', () => {
  const plan = compilePlan(loaded(checkoutAzPower()));

  it('description, roleArn, single-account, fail on empty targets by default (skip for the scenario library, as FIS), no log configuration unless asked', () => {
    expect(plan.template.description).toBe('gameday checkout-az-power: Checkout survives losing power in one AZ');
    expect(plan.template.roleArn).toBe('arn:aws:iam::123456789012:role/gameday-fis');
    expect(plan.template.experimentOptions).toEqual({ accountTargeting: 'single-account', emptyTargetResolutionMode: 'skip' });
    expect(compilePlan(loaded(ordersEcsTaskKill())).template.experimentOptions).toEqual({ accountTargeting: 'single-account', emptyTargetResolutionMode: 'fail' });
    expect(plan.template).not.toHaveProperty('logConfiguration');
  });

  it('stop conditions: alarm names resolved to ARNs in the scenario account and region', () => {
    expect(plan.template.stopConditions).toEqual([{ source: 'aws:cloudwatch:alarm', value: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-5xx-critical' }]);
    expect(plan.stopConditions).toEqual([{ alarm: 'checkout-5xx-critical', alarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-5xx-critical' }]);
    const s = checkoutAzPower();
    s.spec.stopConditions = [{ alarm: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:already-an-arn' }];
    expect(compilePlan(loaded(s)).stopConditions).toEqual([{ alarm: 'already-an-arn', alarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:already-an-arn' }]);
    s.spec.stopConditions = [{ alarm: 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:elsewhere' }];
    expect(() => compilePlan(loaded(s))).toThrowError(/not in the experiment's account 123456789012 and region us-east-1/);
  });

  it('spec.slo.burnRate.stopAbove: the run’s burn-rate alarm is one more stop condition, counted against FIS’s five', () => {
    const s = checkoutAzPower();
    const m = { namespace: 'AWS/ApplicationELB', name: 'RequestCount', stat: 'Sum' };
    s.spec.slo = { name: 'availability', objective: 99.9, window: 'P30D', bad: { ...m, name: 'HTTPCode_Target_5XX_Count' }, total: m, burnRate: { stopAbove: 100 } };
    const p = compilePlan(loaded(s));
    const own = 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:gameday-checkout-az-power-slo-burn-rate';
    expect(p.template.stopConditions).toEqual([
      { source: 'aws:cloudwatch:alarm', value: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-5xx-critical' },
      { source: 'aws:cloudwatch:alarm', value: own },
    ]);
    // The scenario's own alarms are what preflight checks exist; the run's is created after it.
    expect(p.stopConditions.map((c) => c.alarm)).toEqual(['checkout-5xx-critical']);
    expect(p.slo?.stopAlarm).toMatchObject({ name: 'gameday-checkout-az-power-slo-burn-rate', alarmArn: own, threshold: 100, periodSeconds: 60 });
    s.spec.stopConditions = ['a', 'b', 'c', 'd', 'e'].map((alarm) => ({ alarm }));
    expect(() => compilePlan(loaded(s))).toThrowError('6 stop conditions (spec.slo.burnRate.stopAbove is one: an alarm gameday creates); FIS allows at most 5');
  });

  it('source "none" only when the scenario allows no stop conditions', () => {
    const s = ordersEcsTaskKill();
    delete s.spec.stopConditions;
    expect(() => compilePlan(loaded(s))).toThrowError(/no stopConditions/);
    s.spec.allowNoStopConditions = 'sandbox only';
    const p = compilePlan(loaded(s));
    expect(p.template.stopConditions).toEqual([{ source: 'none' }]);
    expect(p.warnings.find((w) => w.code === 'NO_STOP_CONDITIONS')?.message).toContain('sandbox only');
  });

  it('tags: the scenario and the plan hash; the hash covers the template without its own tag', () => {
    expect(plan.template.tags).toEqual({ 'gameday:scenario': 'checkout-az-power', 'gameday:plan-hash': plan.hash });
    expect(plan.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(planHash(plan)).toBe(plan.hash);
    expect(planHash({ ...plan, template: { ...plan.template, tags: { ...plan.template.tags, 'gameday:plan-hash': 'x' } } })).toBe(plan.hash);
    expect(planHash({ ...plan, template: { ...plan.template, roleArn: 'arn:aws:iam::123456789012:role/other' } })).not.toBe(plan.hash);
  });

  it('deterministic: the same scenario gives byte-identical output; file location and formatting do not change the hash', () => {
    expect(serializePlan(compilePlan(loaded(checkoutAzPower())))).toBe(serializePlan(plan));
    const moved = compilePlan({ file: 'elsewhere/x.yaml', scenario: checkoutAzPower(), sourceHash: '0'.repeat(64) });
    expect(moved.hash).toBe(plan.hash);
    const changed = checkoutAzPower();
    changed.spec.recovery.rto = 'PT4M';
    expect(compilePlan(loaded(changed)).hash).not.toBe(plan.hash);
  });

  it('logConfiguration with logSchemaVersion 2 when the scenario gives a log group; skip mode warns', () => {
    const s = catalogCpuStress();
    s.spec.experiment = { logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:fis', emptyTargetResolutionMode: 'skip' };
    const p = compilePlan(loaded(s));
    expect(p.template.logConfiguration).toEqual({ logSchemaVersion: 2, cloudWatchLogsConfiguration: { logGroupArn: 'arn:aws:logs:us-east-1:123456789012:log-group:fis' } });
    expect(p.template.experimentOptions.emptyTargetResolutionMode).toBe('skip');
    expect(p.warnings.map((w) => w.code)).toContain('EMPTY_TARGETS_SKIPPED');
    expect(p.prerequisites.some((x) => x.kind === 'iam' && x.actions?.includes('logs:CreateLogDelivery'))).toBe(true);
  });

  it('probes get stable ids and parsed thresholds; the data-loss probe follows them', () => {
    expect(plan.probes).toEqual([
      { id: 'p0', name: 'checkout-ok', kind: 'alarm', alarm: 'checkout-5xx-high' },
      {
        id: 'p1',
        name: 'p99-latency',
        kind: 'metric',
        metric: { namespace: 'AWS/ApplicationELB', name: 'TargetResponseTime', dimensions: { LoadBalancer: 'app/checkout-alb/50dc6c495c0c9188' }, stat: 'p99', period: 60 },
        threshold: { op: '<', value: 1.5 },
      },
    ]);
    expect(plan.recovery).toEqual({
      disruptionType: 'AZ',
      rtoSeconds: 300,
      rpoSeconds: 60,
      settleSeconds: 120,
      watchSeconds: 1800,
      dataLoss: {
        id: 'p2',
        name: 'data-loss',
        kind: 'metric',
        metric: { namespace: 'Checkout', name: 'DataLossWindowSeconds', dimensions: { DBClusterIdentifier: 'checkout-db' }, stat: 'Maximum', period: 60 },
      },
    });
    expect(plan.detection).toEqual([
      { alarm: 'checkout-5xx-high', withinSeconds: 180 },
      { alarm: 'checkout-unhealthy-hosts', withinSeconds: 180 },
    ]);
  });

  it('carries the runbook for the report', () => {
    expect(plan.runbook).toEqual({ path: 'runbooks/checkout-az.md', alarms: ['checkout-5xx-high', 'checkout-unhealthy-hosts'], sops: ['checkout-db-failover'], tests: [] });
    expect(compilePlan(loaded(ordersEcsTaskKill()))).not.toHaveProperty('runbook');
  });

  it('recovery defaults: settle PT2M, watch PT30M', () => {
    const s = checkoutRebootFisTemplate();
    s.spec.recovery = { disruptionType: 'Software' };
    expect(compilePlan(loaded(s)).recovery).toEqual({ disruptionType: 'Software', settleSeconds: 120, watchSeconds: 1800 });
  });

  it('preflight: identity first, everything else after it; one role-permission check per IAM permission the plan lists, after the role', () => {
    const permissions = [...new Set(plan.prerequisites.flatMap((p) => (p.kind === 'iam' ? (p.actions ?? []) : [])))];
    expect(permissions).toContain('ec2:StopInstances');
    expect(plan.preflight.find((c) => c.id === 'role-permission:ec2:StopInstances')).toMatchObject({ subject: 'ec2:StopInstances', neededBy: ['Stop-Instances, Stop-ASG-Instances (aws:ec2:stop-instances)'] });
    expect(plan.preflight.map((c) => [c.id, c.kind, c.dependsOn ?? []])).toEqual([
      ['identity', 'identity', []],
      ['role', 'role', ['identity']],
      ...permissions.map((p) => [`role-permission:${p}`, 'role-permission', ['identity', 'role']]),
      ['stop-condition:checkout-5xx-critical', 'stop-condition-alarm', ['identity']],
      ['detection-alarm:checkout-5xx-high', 'detection-alarm', ['identity']],
      ['detection-alarm:checkout-unhealthy-hosts', 'detection-alarm', ['identity']],
      ['steady-state:p0', 'steady-state', ['identity']],
      ['steady-state:p1', 'steady-state', ['identity']],
      ['resilience-hub-app', 'resilience-hub-app', ['identity']],
      ['fis-quota', 'fis-quota', ['identity']],
      ['safety-lever', 'safety-lever', ['identity']],
    ]);
  });

  it('warnings: RPO not measured without a data-loss probe; a stop condition that is also steady state', () => {
    const s = checkoutRebootFisTemplate();
    s.spec.stopConditions = [{ alarm: 'checkout-5xx-high' }];
    const codes = compilePlan(loaded(s)).warnings.map((w) => w.code);
    expect(codes).toEqual(['STOP_CONDITION_IS_STEADY_STATE', 'RPO_NOT_MEASURED', 'NO_DETECTION', 'NOT_ROLLED_BACK']);
    expect(plan.warnings.map((w) => w.code)).not.toContain('RPO_NOT_MEASURED');
  });

  it('PLAN_INVALID names the file and lists every problem', () => {
    const s = checkoutAzPower();
    if (s.spec.fault.type !== 'az-power-interruption') throw new Error('fixture changed');
    delete s.spec.fault.availabilityZoneName;
    s.spec.steadyState.push({ name: 'bad', metric: { namespace: 'n', name: 'm', stat: 'Average' }, threshold: 'about 3' });
    let error: unknown;
    try {
      compilePlan(loaded(s, 'scenarios/x.yaml'));
    } catch (err) {
      error = err;
    }
    expect(GamedayError.is(error) && error.code).toBe('PLAN_INVALID');
    const message = (error as Error).message;
    expect(message).toMatch(/^scenarios\/x\.yaml: cannot plan scenario "checkout-az-power":/);
    expect(message).toContain('need the AZ name');
    expect(message).toContain('threshold "about 3"');
  });
});
