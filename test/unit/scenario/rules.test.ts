import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../../src/core/scenario/diagnostics.js';
import { loadScenarioFile } from '../../../src/core/scenario/load.js';
import type { AzPowerInterruptionFault, FisTemplateFault, Scenario } from '../../../src/core/scenario/types.js';
import { writeScenario, writeText } from './fixtures.js';

async function check(edit: (s: Scenario) => void, example?: string): Promise<Diagnostic[]> {
  const result = await loadScenarioFile(writeScenario(edit, example));
  return result.diagnostics;
}
const codes = (diagnostics: Diagnostic[], severity: Diagnostic['severity'] = 'error') =>
  diagnostics.filter((d) => d.severity === severity).map((d) => d.code);
const az = (s: Scenario) => s.spec.fault as AzPowerInterruptionFault;
const raw = (s: Scenario) => s.spec.fault as FisTemplateFault;

describe('semantic rules', () => {
  it('accepts the example as is', async () => {
    expect(await check(() => {})).toEqual([]);
  });

  it.each([
    ['PT6H', []],
    // Allowed for the field, but EBS I/O pauses after the stops: the experiment would last 24 h.
    ['PT12H', ['PLAN_INVALID']],
    ['PT12H1M', ['DURATION_TOO_LONG']],
    ['P1D', ['DURATION_TOO_LONG']],
    ['PT30S', ['DURATION_TOO_SHORT']],
  ])('fault duration %s', async (duration, expected) => {
    expect(codes(await check((s) => (az(s).duration = duration)))).toEqual(expected);
  });

  it('limits raw FIS action durations too', async () => {
    const diagnostics = await check((s) => (raw(s).actions.Watch!.parameters = { duration: 'PT13H' }), 'checkout-reboot-fis-template');
    expect(codes(diagnostics)).toEqual(['DURATION_TOO_LONG']);
  });

  it.each([
    ['us-east-1b', 'us-east-1b', []],
    ['use1-az2', 'us-east-1b', []],
    ['use1-az2', undefined, ['AZ_NAME_REQUIRED']],
    ['us-west-2a', 'us-east-1b', ['AZ_REGION_MISMATCH']],
    ['usw2-az1', 'us-east-1b', ['AZ_REGION_MISMATCH']],
    ['east-1b', 'us-east-1b', ['AZ_INVALID']],
    ['use1-az2', 'us-east-2b', ['AZ_REGION_MISMATCH']],
    ['use1-az2', 'use1-az2', ['AZ_INVALID']],
  ])('availability zone %s (name %s)', async (zone, name, expected) => {
    const diagnostics = await check((s) => {
      az(s).availabilityZone = zone;
      if (name === undefined) delete az(s).availabilityZoneName;
      else az(s).availabilityZoneName = name;
    });
    expect(codes(diagnostics)).toEqual(expected);
  });

  it('checks AZ filters of raw targets against the region', async () => {
    const diagnostics = await check(
      (s) => raw(s).targets!.web!.filters!.push({ path: 'Placement.AvailabilityZone', values: ['eu-west-1a'] }),
      'checkout-reboot-fis-template',
    );
    expect(codes(diagnostics)).toEqual(['AZ_REGION_MISMATCH']);
  });

  it.each([
    ['role in another account', (s: Scenario) => (s.spec.target.roleArn = 'arn:aws:iam::210987654321:role/gameday-fis'), 'ARN_ACCOUNT_MISMATCH'],
    ['role that is a user', (s: Scenario) => (s.spec.target.roleArn = 'arn:aws:iam::123456789012:user/alice'), 'ARN_INVALID'],
    ['malformed role', (s: Scenario) => (s.spec.target.roleArn = 'arn:aws:iam:gameday-fis'), 'ARN_INVALID'],
    ['app in another region', (s: Scenario) => (s.spec.target.resilienceHub = { appArn: 'arn:aws:resiliencehub:eu-west-1:123456789012:app/x' }), 'ARN_REGION_MISMATCH'],
    ['launch role elsewhere', (s: Scenario) => (az(s).launchRoles = ['arn:aws:iam::999999999999:role/app']), 'ARN_ACCOUNT_MISMATCH'],
    ['alarm ARN elsewhere', (s: Scenario) => (s.spec.stopConditions = [{ alarm: 'arn:aws:cloudwatch:us-west-2:123456789012:alarm:x' }]), 'ARN_REGION_MISMATCH'],
  ])('ARNs: %s', async (_, edit, code) => {
    expect(codes(await check(edit))).toEqual([code]);
  });

  it('accepts an alarm ARN in the scenario account and region', async () => {
    expect(codes(await check((s) => (s.spec.stopConditions = [{ alarm: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-5xx-critical' }])))).toEqual([]);
  });

  it('requires a stop condition or a reason for having none', async () => {
    expect(codes(await check((s) => delete s.spec.stopConditions))).toEqual(['NO_STOP_CONDITIONS']);
    expect(codes(await check((s) => (s.spec.stopConditions = [])))).toEqual(['NO_STOP_CONDITIONS']);
    expect(
      await check((s) => {
        delete s.spec.stopConditions;
        s.spec.allowNoStopConditions = 'read-only load test in a staging account';
      }),
    ).toEqual([]);
  });

  it('allows at most 5 stop conditions', async () => {
    const diagnostics = await check((s) => (s.spec.stopConditions = Array.from({ length: 6 }, (_, i) => ({ alarm: `alarm-${i}` }))));
    expect(codes(diagnostics)).toEqual(['TOO_MANY_STOP_CONDITIONS']);
  });

  it('requires unique probe names', async () => {
    const diagnostics = await check((s) => s.spec.steadyState.push({ name: 'checkout-ok', alarm: 'other' }));
    expect(codes(diagnostics)).toEqual(['DUPLICATE_PROBE_NAME']);
  });

  it('requires detection alarms in runbook.alarms', async () => {
    const diagnostics = await check((s) => (s.spec.runbook!.alarms = ['checkout-5xx-high']));
    expect(codes(diagnostics)).toEqual(['DETECTION_NOT_IN_RUNBOOK']);
    expect(diagnostics.find((d) => d.severity === 'error')!.message).toContain('checkout-unhealthy-hosts');
  });

  it.each([
    [{ cron: '0 25 * * TUE' }, ['CRON_INVALID']],
    [{ cron: 'every tuesday' }, ['CRON_INVALID']],
    [{ cron: '0 10 * * TUE', timezone: 'Europe/Berln' }, ['TIMEZONE_INVALID']],
    [{ cron: '0 10 * * TUE', timezone: 'America/Argentina/Buenos_Aires' }, []],
    [{ cron: '0 10 * * TUE', timezone: 'US/Eastern' }, []],
    [{ cron: '0 10 * * TUE', blackouts: [{ from: '2027-01-04', to: '2026-12-20' }] }, ['BLACKOUT_INVALID']],
  ])('schedule %j', async (schedule, expected) => {
    expect(codes(await check((s) => (s.spec.schedule = schedule)))).toEqual(expected);
  });

  it('warns about a cron pattern that never fires', async () => {
    const diagnostics = await check((s) => (s.spec.schedule = { cron: '0 0 31 2 *' }));
    expect(codes(diagnostics)).toEqual([]);
    expect(codes(diagnostics, 'warning')).toEqual(['CRON_NEVER_RUNS']);
  });

  it('needs the runbook file, next to the scenario or in the working directory', async () => {
    expect(codes(await check((s) => (s.spec.runbook!.path = 'runbooks/missing.md')))).toEqual(['RUNBOOK_NOT_FOUND']);
  });

  it('finds a runbook next to the scenario first', async () => {
    const runbook = writeText('local.md', '# local\ncheckout-5xx-high checkout-unhealthy-hosts checkout-db-failover\n');
    const dir = runbook.slice(0, runbook.lastIndexOf('/'));
    const file = writeScenario((s) => (s.spec.runbook!.path = 'local.md'), 'checkout-az-power', dir);
    expect((await loadScenarioFile(file)).diagnostics).toEqual([]);
  });

  it('warns when the runbook does not mention its alarms and SOPs', async () => {
    const diagnostics = await check((s) => s.spec.runbook!.sops!.push('checkout-region-evacuation'));
    expect(codes(diagnostics, 'warning')).toEqual(['RUNBOOK_STALE']);
    expect(codes(diagnostics)).toEqual([]);
  });

  it('only warns about a missing sandbox world', async () => {
    const result = await loadScenarioFile(writeScenario((s) => (s.spec.sandbox = { world: 'worlds/nowhere.yaml' })));
    expect(result.ok).toBe(true);
    expect(codes(result.diagnostics, 'warning')).toEqual(['WORLD_NOT_FOUND']);
    expect(result.diagnostics[0]!.hint).toMatch(/gameday world init \S+ --out \S*worlds\/nowhere\.yaml writes one/);
  });

  it('checks references inside a raw FIS template', async () => {
    const diagnostics = await check((s) => {
      raw(s).actions.Watch!.startAfter = ['Reboot'];
    }, 'checkout-reboot-fis-template');
    expect(codes(diagnostics)).toEqual(['FIS_UNKNOWN_ACTION']);
  });

  it('finds cycles and unknown targets in a raw FIS template', async () => {
    const diagnostics = await check((s) => {
      raw(s).actions['Reboot-Instance']!.startAfter = ['Watch'];
      raw(s).actions['Reboot-Instance']!.targets = { Instances: 'webs' };
    }, 'checkout-reboot-fis-template');
    expect(codes(diagnostics).sort()).toEqual(['FIS_ACTION_CYCLE', 'FIS_UNKNOWN_TARGET']);
  });

  it('refuses stop-instances that never restarts, unless allowed', async () => {
    const stop = (s: Scenario) => (raw(s).actions['Reboot-Instance']!.actionId = 'aws:ec2:stop-instances');
    expect(codes(await check(stop, 'checkout-reboot-fis-template'))).toEqual(['STOP_WITHOUT_RESTART']);
    expect(codes(await check((s) => (stop(s), (raw(s).allowStopWithoutRestart = true)), 'checkout-reboot-fis-template'))).toEqual([]);
  });

  it('refuses ARNs mixed with tags in one target', async () => {
    const diagnostics = await check((s) => (raw(s).targets!.web!.resourceArns = ['arn:aws:ec2:us-east-1:123456789012:instance/i-0abc']), 'checkout-reboot-fis-template');
    expect(codes(diagnostics)).toEqual(['TARGET_CONFLICT']);
  });

  it('checks CloudWatch periods', async () => {
    const diagnostics = await check((s) => ((s.spec.steadyState[1] as { metric: { period: number } }).metric.period = 45));
    expect(codes(diagnostics)).toEqual(['METRIC_PERIOD_INVALID']);
  });

  it('spec.impact: a count metric (Sum or SampleCount) or a steady-state metric probe that is one', async () => {
    const fiveXx = { namespace: 'AWS/ApplicationELB', name: 'HTTPCode_Target_5XX_Count', dimensions: { LoadBalancer: 'app/checkout-alb/50dc6c495c0c9188' }, stat: 'Sum' };
    expect(await check((s) => (s.spec.impact = [{ name: 'failed requests', metric: fiveXx, baseline: 'PT15M' }]))).toEqual([]);
    expect(codes(await check((s) => (s.spec.impact = [{ name: 'failed requests', metric: { ...fiveXx, stat: 'Average' } }])))).toEqual(['IMPACT_NOT_A_COUNT']);
    expect(codes(await check((s) => (s.spec.impact = [{ name: 'slow requests', probe: 'no-such-probe' }])))).toEqual(['IMPACT_PROBE_UNKNOWN']);
    // p99-latency is a metric probe, but a p99 does not add up over a window
    const [notACount] = await check((s) => (s.spec.impact = [{ name: 'slow requests', probe: 'p99-latency' }]));
    expect(notACount).toMatchObject({ code: 'IMPACT_NOT_A_COUNT', message: expect.stringContaining("probe p99-latency's stat p99 does not add up over a window") });
    // metric or probe, not both, not neither: the schema says so
    expect(codes(await check((s) => (s.spec.impact = [{ name: 'failed requests' }])))).not.toEqual([]);
  });

  it('refuses a settle window longer than the watch window', async () => {
    expect(codes(await check((s) => (s.spec.recovery.settle = 'PT1H')))).toEqual(['SETTLE_LONGER_THAN_WATCH']);
  });

  it('points each rule at the offending node', async () => {
    const file = writeScenario((s) => (az(s).duration = 'PT13H'));
    const [d] = (await loadScenarioFile(file)).diagnostics;
    const lines = (await import('node:fs')).readFileSync(file, 'utf8').split('\n');
    expect(lines[d!.line - 1]!.slice(d!.col - 1)).toBe('PT13H');
  });
});
