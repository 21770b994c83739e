import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../src/core/journal/events.js';
import { WORLDS, journalOf, reportsDir, runOn, sandboxFor, type Sandbox } from './run-harness.js';

const sandboxes: Sandbox[] = [];
afterEach(async () => {
  await Promise.all(sandboxes.splice(0).map((s) => s.stop()));
});

const ALB = 'arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/checkout-alb/50dc6c495c0c9188';

/**
 * scenarios/checkout-az-power.yaml with the optional autoshift included, in a folder of its own with
 * copies of its world and runbook (a world must sit inside the scenario's own tree).
 */
async function autoshiftScenario(): Promise<string> {
  const text = await readFile('scenarios/checkout-az-power.yaml', 'utf8');
  const withAutoshift = text.replace(
    'include: [launches, asg, instances, subnets, rds, elasticache, ebs]',
    'include: [launches, asg, instances, subnets, rds, elasticache, ebs, autoshift]',
  );
  expect(withAutoshift.match(/autoshift\]/g)).toHaveLength(1);
  const dir = await mkdtemp(join(tmpdir(), 'gameday-autoshift-'));
  await cp(WORLDS.multiAz, join(dir, 'worlds', 'multi-az-checkout.yaml'));
  await cp('runbooks/checkout-az.md', join(dir, 'runbooks', 'checkout-az.md'));
  const file = join(dir, 'checkout-az-autoshift.yaml');
  await writeFile(file, withAutoshift);
  return file;
}

function lastExperimentState(events: JournalEvent[]): Extract<JournalEvent, { type: 'experiment-state' }> {
  return events.filter((e): e is Extract<JournalEvent, { type: 'experiment-state' }> => e.type === 'experiment-state').at(-1)!;
}

describe('gameday run: the AZ power interruption with zonal autoshift', () => {
  it('passes on the multi-AZ world, shows the shift, and recovers as fast as without it (recovery is over before the shift starts)', async () => {
    const [a, b] = await Promise.all([sandboxFor(WORLDS.multiAz), sandboxFor(WORLDS.multiAz)]);
    sandboxes.push(a, b);
    const [withShift, without] = await Promise.all([
      runOn(a, await autoshiftScenario(), { reportsDir: await reportsDir() }),
      runOn(b, 'scenarios/checkout-az-power.yaml', { reportsDir: await reportsDir() }),
    ]);
    expect(withShift.exitCode).toBe(0);
    expect(withShift.status).toBe('completed');
    expect(withShift.verdict.rto).toMatchObject({ state: 'measured', met: true });
    expect(without.verdict.rto).toMatchObject({ state: 'measured', met: true });

    const shift = lastExperimentState(await journalOf(withShift.runDir)).actions['Start-ARC-Zonal-Autoshift']!;
    expect(shift.state).toBe('completed');
    const disruptionStart = Date.parse(withShift.verdict.disruptionStart!);
    expect((Date.parse(shift.startTime!) - disruptionStart) / 1000).toBe(300);
    expect((Date.parse(shift.endTime!) - Date.parse(shift.startTime!)) / 1000).toBe(1500);
    const report = await readFile(withShift.reports.find((f) => f.endsWith('report.md'))!, 'utf8');
    expect(report).toContain('Start-ARC-Zonal-Autoshift (aws:arc:start-zonal-autoshift) | completed');
    expect(report).toContain(ALB);

    // On this world the ALB has dropped us-east-1b's dead targets, Aurora and the cache have failed over
    // and the 5xx are gone before the shift starts 5 minutes in: the shift cannot shorten the RTO, which
    // differs from the run without it only by where the fault started within a metric minute.
    expect(Date.parse(withShift.verdict.recoveredAt!)).toBeLessThanOrEqual(Date.parse(shift.startTime!));
    expect(Math.abs(withShift.verdict.rto.measuredSeconds! - without.verdict.rto.measuredSeconds!)).toBeLessThan(60);
  });
});
