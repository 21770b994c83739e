import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../../src/core/plan/compile.js';
import { requireScenario } from '../../../src/core/scenario/load.js';
import { renderPlanGithub } from '../../../src/core/plan/render-github.js';
import { renderPlanMarkdown } from '../../../src/core/plan/render-markdown.js';
import { renderPlanText } from '../../../src/core/plan/render-text.js';
import { renderGantt } from '../../../src/core/plan/render-timeline.js';
import { checkoutAzPower, checkoutRebootFisTemplate, loaded, ordersEcsTaskKill } from './fixtures.js';

const az = compilePlan(loaded(checkoutAzPower()));

describe('plan renderers', () => {
  it('Gantt: bars where actions run, ^ for instantaneous ones, EBS in the second half', () => {
    const rows = renderGantt(az);
    const bar = (name: string) => rows.find((r) => r.startsWith(`${name} `))!.split('|')[1]!;
    expect(bar('Stop-Instances')).toBe(`${'#'.repeat(24)}${'.'.repeat(24)}`);
    expect(bar('Pause-EBS-IO')).toBe(`${'.'.repeat(24)}${'#'.repeat(24)}`);
    expect(bar('Failover-RDS')).toBe(`^${'.'.repeat(47)}`);
    expect(bar('Pause-network-connectivity')).toBe(`##${'.'.repeat(46)}`);
    expect(rows[0]).toMatch(/0\s+30m\s+1h 00m$/);
  });

  it('text: what is hit, timeline, stop conditions, probes, budgets, targets and their source, prerequisites', () => {
    const text = renderPlanText(az);
    for (const expected of [
      'Plan for checkout-az-power  (scenarios/checkout-az-power.yaml)',
      'all EC2 instances tagged AzImpairmentPower=StopInstances where State.Name=running, Placement.AvailabilityZone=us-east-1b',
      'Pause-EBS-IO  aws:ebs:pause-volume-io  (after Stop-Instances, Stop-ASG-Instances; automatic)',
      'checkout-5xx-critical  arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-5xx-critical',
      'p1  p99-latency: AWS/ApplicationELB TargetResponseTime p99 (LoadBalancer=app/checkout-alb/50dc6c495c0c9188) per 1m < 1.5',
      'checkout-unhealthy-hosts in ALARM within 3m',
      "the scenario's RTO 5m, RPO 1m are compared with it",
      '[iam] arn:aws:iam::123456789012:role/gameday-fis may call, for Stop-Instances, Stop-ASG-Instances (aws:ec2:stop-instances)',
      '! NOT_ROLLED_BACK',
    ]) {
      expect(text).toContain(expected);
    }
    expect(renderPlanText(compilePlan(loaded(ordersEcsTaskKill())))).toContain('ecs-task-kill: 1 FIS action, instantaneous');
  });

  it('text and markdown: the SLO burn-rate probe says what it reads, never "?" (it has no metric of its own)', async () => {
    const plan = compilePlan(await requireScenario('scenarios/checkout-az-power.yaml'));
    const text = renderPlanText(plan);
    expect(text).toContain("slo_burn  slo-burn-rate: the SLO's burn rate each period (bad ÷ total ÷ (1 − objective)) < 14.4×");
    expect(text).not.toMatch(/: \? [<>]/);
    expect(renderPlanMarkdown(plan)).not.toMatch(/: \? [<>]/);
  });

  it('text and markdown: the SLO’s burn-rate limit is listed among the stop conditions, as the alarm the run creates', async () => {
    const plan = compilePlan(await requireScenario('scenarios/checkout-az-power.yaml'));
    const words = 'SLO checkout-availability burns its error budget faster than 500× in a 1m period (spec.slo.burnRate.stopAbove): a metric math alarm the run creates before the template and deletes after it';
    const text = renderPlanText(plan);
    const stops = text.slice(text.indexOf('Stop conditions'), text.indexOf('Steady state'));
    expect(stops).toBe(
      'Stop conditions (FIS stops the experiment when one goes to ALARM)\n' +
        '  checkout-5xx-critical  arn:aws:cloudwatch:us-east-1:123456789012:alarm:checkout-5xx-critical\n' +
        '  gameday-checkout-az-power-slo-burn-rate  arn:aws:cloudwatch:us-east-1:123456789012:alarm:gameday-checkout-az-power-slo-burn-rate\n' +
        `      ${words}\n\n`,
    );
    // Markdown escapes the parentheses.
    expect(renderPlanMarkdown(plan)).toContain(`- \`gameday-checkout-az-power-slo-burn-rate\`: ${words.replace(/[()]/g, '\\$&')}\n`);
  });

  it('markdown: a table of actions, the chart in a code block, warnings; table cells cannot break', () => {
    const md = renderPlanMarkdown(compilePlan(loaded(checkoutRebootFisTemplate())));
    expect(md).toContain('| Reboot-Web ⚡ | `aws:ec2:reboot-instances` |');
    expect(md).toContain('```text\n');
    expect(md).toContain('- ⚠️ `NOT_ROLLED_BACK`');
    const s = checkoutRebootFisTemplate();
    if (s.spec.fault.type !== 'fis-template') throw new Error('fixture changed');
    s.spec.fault.targets!['web']!.resourceTags = { 'a|b': '<x>' };
    expect(renderPlanMarkdown(compilePlan(loaded(s)))).toContain('tagged a\\|b=&lt;x>');
  });

  it('github: a notice per plan and a warning annotation per plan warning, escaped', () => {
    const lines = renderPlanGithub(az).trimEnd().split('\n');
    expect(lines[0]).toMatch(/^::notice file=scenarios\/checkout-az-power.yaml,title=gameday plan checkout-az-power::11 FIS actions, 1h 00m of fault/);
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^::warning file=scenarios\/checkout-az-power.yaml,title=EMPTY_TARGETS_SKIPPED::emptyTargetResolutionMode skip: .*lost coverage/),
      '::warning file=scenarios/checkout-az-power.yaml,title=NOT_ROLLED_BACK::Failover-RDS (aws:rds:failover-db-cluster) is not rolled back: the writer stays where the failover put it',
    ]);
  });

  it('renders are deterministic', () => {
    expect(renderPlanMarkdown(az)).toBe(renderPlanMarkdown(compilePlan(loaded(checkoutAzPower()))));
  });
});
