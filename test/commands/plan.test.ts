import { execFileSync } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPlanFile } from '../../src/core/plan/plan-file.js';
import type { PlanReport } from '../../src/core/plan/plan-paths.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { SDK_LOADED, sdkLoadProbe } from '../helpers/sdk-load-probe.js';

async function workspace(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'gameday-plan-cmd-'));
  await cp(join(ROOT, 'scenarios'), join(dir, 'scenarios'), { recursive: true });
  await cp(join(ROOT, 'runbooks'), join(dir, 'runbooks'), { recursive: true });
  return dir;
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'init.defaultBranch=main', ...args], { cwd, stdio: 'ignore' });
}

describe.concurrent('gameday plan', () => {
  it('plans every example scenario; a reviewer sees what is hit, when, and what stops it', async () => {
    const result = await runCli(['plan', 'scenarios/']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    for (const name of [
      'checkout-az-power',
      'catalog-cpu-stress',
      'orders-ecs-task-kill',
      'checkout-reboot-fis-template',
      'shop-order-worker-kill',
      'payments-aurora-failover',
      'shop-az-power',
      'storefront-az-slowdown',
      'storefront-cross-az-loss',
      'storefront-cross-region',
      'storefront-spot-interruption',
      'catalog-cpu-multi-account',
    ]) {
      expect(result.stdout).toContain(`Plan for ${name}  (scenarios/${name}.yaml)`);
    }
    expect(result.stdout).toContain('all EC2 instances tagged AzImpairmentPower=StopInstances where State.Name=running, Placement.AvailabilityZone=us-east-1b');
    expect(result.stdout).toContain('Stop conditions (FIS stops the experiment when one goes to ALARM)');
    expect(result.stdout).toMatch(/Pause-EBS-IO\s+\|\.{24}#{24}\| 30m → 1h 00m/);
    expect(result.stdout.trimEnd().endsWith('12 of 12 scenarios planned')).toBe(true);
  });

  it('--json gives the whole plan with the exact template input, byte-identical on every run', async () => {
    const first = await runCli(['plan', 'scenarios/checkout-az-power.yaml', '--json']);
    const second = await runCli(['plan', 'scenarios/checkout-az-power.yaml', '--json']);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(second.stdout);
    const report = JSON.parse(first.stdout) as PlanReport;
    const outcome = report.results[0]!;
    expect(outcome.status).toBe('planned');
    if (outcome.status !== 'planned') return;
    expect(outcome.plan.template.actions['Pause-EBS-IO']?.startAfter).toEqual(['Stop-Instances', 'Stop-ASG-Instances']);
    expect(outcome.plan.template.tags['gameday:plan-hash']).toBe(outcome.plan.hash);
  });

  it('--format markdown and --format github', async () => {
    const md = await runCli(['plan', 'scenarios/orders-ecs-task-kill.yaml', '--format', 'markdown']);
    expect(md.code).toBe(0);
    expect(md.stdout).toContain('### Game day plan: `orders-ecs-task-kill`');
    expect(md.stdout).toContain('| Stop-Task ⚡ | `aws:ecs:stop-task` |');
    const gh = await runCli(['plan', 'scenarios/orders-ecs-task-kill.yaml', '--format', 'github']);
    expect(gh.stdout).toMatch(/^::notice file=scenarios\/orders-ecs-task-kill.yaml,title=gameday plan orders-ecs-task-kill::1 FIS action, instantaneous/);
  });

  it('--out writes plan.json (readable by readPlanFile) and plan.md', async () => {
    const dir = await workspace();
    const result = await runCli(['plan', 'scenarios/catalog-cpu-stress.yaml', '--out', 'out'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Wrote out/plan.json and out/plan.md');
    const plan = await readPlanFile(join(dir, 'out', 'plan.json'));
    expect(plan.scenario.name).toBe('catalog-cpu-stress');
    expect(await readFile(join(dir, 'out', 'plan.md'), 'utf8')).toContain('### Game day plan: `catalog-cpu-stress`');
    const several = await runCli(['plan', 'scenarios/', '--out', 'all'], { cwd: dir });
    expect(several.code).toBe(0);
    expect((await readPlanFile(join(dir, 'all', 'orders-ecs-task-kill', 'plan.json'))).scenario.name).toBe('orders-ecs-task-kill');
  });

  it('an invalid scenario gives the validator\'s errors and exit 2; the others are still planned', async () => {
    const dir = await workspace();
    const file = join(dir, 'scenarios', 'orders-ecs-task-kill.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('mode: stop-task', 'mode: stop-tsk'));
    const result = await runCli(['plan', 'scenarios/'], { cwd: dir });
    expect(result.code).toBe(2);
    expect(result.stdout).toContain('scenarios/orders-ecs-task-kill.yaml is not a valid scenario:');
    expect(result.stdout).toMatch(/scenarios\/orders-ecs-task-kill\.yaml:\d+:\d+ {2}error/);
    expect(result.stdout).toContain('11 of 12 scenarios planned, 1 invalid');
    const gh = await runCli(['plan', 'scenarios/orders-ecs-task-kill.yaml', '--format', 'github'], { cwd: dir });
    expect(gh.code).toBe(2);
    expect(gh.stdout).toMatch(/^::error file=scenarios\/orders-ecs-task-kill.yaml,line=\d+,col=\d+,title=/m);
  });

  it('a scenario FIS would reject is PLAN_INVALID at the line and column to fix, in plan and in validate, exit 2', async () => {
    const dir = await workspace();
    const file = join(dir, 'scenarios', 'checkout-reboot-fis-template.yaml');
    const source = (await readFile(file, 'utf8')).replace('Instances: web', 'Volumes: web');
    await writeFile(file, source);
    const lines = source.split('\n');
    const actionIdLine = lines.findIndex((l) => l.includes('Volumes: web')) + 1;
    const actionIdCol = (lines[actionIdLine - 1] ?? '').indexOf('web') + 1;
    const expected = `scenarios/checkout-reboot-fis-template.yaml:${actionIdLine}:${actionIdCol}  error  PLAN_INVALID  action "Reboot-Instance" (aws:ec2:reboot-instances): unexpected target key "Volumes"; this action takes "Instances"`;

    const plan = await runCli(['plan', 'scenarios/checkout-reboot-fis-template.yaml'], { cwd: dir });
    expect(plan.code).toBe(2);
    expect(plan.stdout).toContain(expected);
    expect(plan.stdout).toContain('0 of 1 scenario planned, 1 invalid');

    const validate = await runCli(['validate', 'scenarios/checkout-reboot-fis-template.yaml'], { cwd: dir });
    expect(validate.code).toBe(2);
    expect(validate.stdout).toContain(expected);

    const gh = await runCli(['plan', 'scenarios/checkout-reboot-fis-template.yaml', '--format', 'github'], { cwd: dir });
    expect(gh.stdout).toContain(`::error file=scenarios/checkout-reboot-fis-template.yaml,line=${actionIdLine},col=${actionIdCol},title=PLAN_INVALID::`);
  });

  it('an action gameday does not know is planned with UNCHECKED_ACTION; the folder still plans, exit 0', async () => {
    const dir = await workspace();
    const file = join(dir, 'scenarios', 'checkout-reboot-fis-template.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace('actionId: aws:ec2:reboot-instances', 'actionId: aws:ec2:hibernate-instances'));
    const result = await runCli(['plan', 'scenarios/'], { cwd: dir });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('UNCHECKED_ACTION');
    expect(result.stdout).toContain('(aws:ec2:hibernate-instances) is not in gameday\'s catalogue');
    expect(result.stdout.trimEnd()).toMatch(/(\d+) of \1 scenarios planned$/);
    const validate = await runCli(['validate', 'scenarios/'], { cwd: dir });
    expect(validate.code).toBe(0);
  });

  it('--changed-since plans only scenarios whose file, runbook or world changed', async () => {
    const dir = await workspace();
    git(dir, 'init', '-q');
    git(dir, 'add', '.');
    git(dir, 'commit', '-qm', 'base');
    const none = await runCli(['plan', 'scenarios/', '--changed-since', 'HEAD'], { cwd: dir });
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('No scenario, runbook or sandbox world changed since HEAD.');
    await writeFile(join(dir, 'runbooks', 'orders-ecs.md'), `${await readFile(join(dir, 'runbooks', 'orders-ecs.md'), 'utf8')}\nMore steps.\n`);
    const result = await runCli(['plan', 'scenarios/', '--changed-since', 'HEAD', '--json'], { cwd: dir });
    const report = JSON.parse(result.stdout) as PlanReport;
    expect(report.changedSince?.selected).toEqual([{ file: 'scenarios/orders-ecs-task-kill.yaml', because: ['runbook runbooks/orders-ecs.md changed'] }]);
    expect(report.results.map((r) => r.file)).toEqual(['scenarios/orders-ecs-task-kill.yaml']);
  });

  it('loads no AWS SDK', async () => {
    const result = await runCli(['plan', 'scenarios/', '--format', 'markdown'], { env: { NODE_OPTIONS: sdkLoadProbe() } });
    expect(result.code).toBe(0);
    expect(result.stderr).not.toContain(SDK_LOADED);
  });

  it('--changed-since outside a git repository, or with an unknown ref, is a usage error (exit 2)', async () => {
    const dir = await workspace();
    const outside = await runCli(['plan', 'scenarios/', '--changed-since', 'main'], { cwd: dir });
    expect(outside.code).toBe(2);
    expect(outside.stderr).toContain('--changed-since needs a git repository');
    git(dir, 'init', '-q');
    const badRef = await runCli(['plan', 'scenarios/', '--changed-since', 'no-such-ref'], { cwd: dir });
    expect(badRef.code).toBe(2);
    expect(badRef.stderr).toContain('--changed-since no-such-ref: no such commit, branch or tag');
  });
});
