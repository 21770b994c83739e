import { GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RATE_PROBE, checkoutWithProbes } from '../fixtures/math-probe.js';
import { sandboxClients } from '../helpers/aws-clients.js';
import { runCli } from '../helpers/cli.js';
import { WORLDS, fisState, journalOf, ofType, reportsDir, runOn, sandboxFor, scaledSandboxFor, stopAfterEach } from './run-harness.js';

const stopped = stopAfterEach();

const ALB = [{ Name: 'LoadBalancer', Value: 'app/checkout-alb/50dc6c495c0c9188' }];

/** Each minute's Sum of one ALB metric, read back from the sandbox's CloudWatch after the run. */
async function perMinute(url: string, metricName: string, from: Date, to: Date): Promise<Map<number, number>> {
  const out = await sandboxClients(url).cloudwatch.send(
    new GetMetricDataCommand({
      MetricDataQueries: [{ Id: 'm', MetricStat: { Metric: { Namespace: 'AWS/ApplicationELB', MetricName: metricName, Dimensions: ALB }, Period: 60, Stat: 'Sum' } }],
      StartTime: from,
      EndTime: to,
    }),
  );
  const result = out.MetricDataResults![0]!;
  return new Map(result.Timestamps!.map((t, i) => [t.getTime(), result.Values![i]!]));
}

describe('a metric math steady-state probe on the sandbox (issue 12 §3)', () => {
  it('the 5xx rate = 100 × 5xx / requests is what catches the AZ outage: each journalled value is that rate, the breach is the impact, recovery is judged on it', async () => {
    // The AZ game day with the 5xx rate as its only steady state: no alarm probe, no SLO burn rate.
    const { file } = checkoutWithProbes(RATE_PROBE);
    const sandbox = stopped(await sandboxFor(WORLDS.multiAz));
    const result = await runOn(sandbox, file, { reportsDir: await reportsDir() });
    expect(result.status).toBe('completed');

    const journal = await journalOf(result.runDir);
    const samples = ofType(journal, 'probe-sample').filter((s) => s.probe === 'checkout-5xx-rate');
    expect(samples.length).toBeGreaterThan(10);
    expect(samples.every((s) => s.probeId === 'p0' && s.role === 'steady-state')).toBe(true);
    // The values gameday journalled are CloudWatch's computed expression: the rate from the raw counts.
    const from = new Date(Date.parse(samples[0]!.timestamp));
    const to = new Date(Date.parse(samples.at(-1)!.timestamp) + 60_000);
    const errors = await perMinute(sandbox.url, 'HTTPCode_Target_5XX_Count', from, to);
    const requests = await perMinute(sandbox.url, 'RequestCount', from, to);
    for (const s of samples) {
      const t = Date.parse(s.timestamp);
      expect(s.value, s.timestamp).toBeCloseTo((100 * errors.get(t)!) / requests.get(t)!, 9);
      expect(s.ok, s.timestamp).toBe(s.value < 1);
    }
    // It holds before the fault, is breached by the outage, and holds again.
    const start = Date.parse(result.verdict.disruptionStart!);
    const breached = samples.filter((s) => !s.ok);
    expect(breached.length).toBeGreaterThan(0);
    expect(samples.filter((s) => Date.parse(s.timestamp) + 60_000 <= start).every((s) => s.ok)).toBe(true);
    expect(samples.at(-1)!.ok).toBe(true);
    const worst = Math.max(...breached.map((s) => s.value));
    expect(worst).toBeGreaterThan(5);

    // The impact is this probe's breach: the verdict's deviations name it with the worst computed value.
    expect(result.verdict.impactIntervals).toHaveLength(1);
    expect(result.verdict.impactIntervals[0]!.deviations).toEqual([expect.objectContaining({ probe: 'checkout-5xx-rate', worstValue: worst })]);
    expect(Date.parse(result.verdict.impactIntervals[0]!.start)).toBe(Date.parse(breached[0]!.timestamp) + 60_000);
    expect(result.verdict.rto.state).toBe('measured');
    expect(Date.parse(result.verdict.recoveredAt!)).toBe(Date.parse(breached.at(-1)!.timestamp) + 120_000);

    // Preflight read each input and the expression before the fault.
    const steady = ofType(journal, 'preflight')[0]!.checks.find((c) => c.id === 'steady-state:p0')!;
    expect(steady.ok).toBe(true);
    expect(steady.message).toMatch(/^steady state holds \(checkout-5xx-rate: 0\.\d+ < 1\)$/);

    // The report shows the expression beside the probe.
    const md = await readFile(join(result.runDir, 'report.md'), 'utf8');
    expect(md).toMatch(new RegExp(`\\| checkout-5xx-rate = 100 \\* errors / requests \\| steady-state \\| < 1 \\| ${samples.length} \\| [\\d.]+ \\| ${breached.length} \\|`));
    const json = JSON.parse(await readFile(join(result.runDir, 'report.json'), 'utf8')) as { series: { probes: { name: string; expression?: string }[] } };
    expect(json.series.probes.find((p) => p.name === 'checkout-5xx-rate')?.expression).toBe('100 * errors / requests');
  }, 120_000);

  it('preflight refuses when an input metric of the math has no datapoints, naming it', async () => {
    const { file } = checkoutWithProbes(RATE_PROBE.replace('name: RequestCount', 'name: RequestCountPerTarget'), { world: false });
    const sandbox = stopped(await sandboxFor(WORLDS.multiAz));
    const error = await runOn(sandbox, file, { reportsDir: await reportsDir() }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'PREFLIGHT_FAILED' });
    expect((error as Error).message).toContain('steady state does not hold now: checkout-5xx-rate: no datapoints of AWS/ApplicationELB/RequestCountPerTarget (requests) in the last 5 periods');
  }, 60_000);

  it('through --endpoint-url (a standalone sandbox), math CloudWatch refuses fails preflight with its ValidationError as a finding to fix, exit 1, nothing injected', async () => {
    const { file, dir } = checkoutWithProbes(RATE_PROBE.replace('100 * errors / requests', '100 * FILL(errors, 0) / requests'));
    const sandbox = stopped(await scaledSandboxFor(WORLDS.multiAz));
    const r = await runCli(['run', file, '--endpoint-url', sandbox.url, '--yes', '--reports-dir', join(dir, 'reports')]);
    expect(r.code, r.stderr.slice(-2000)).toBe(1);
    expect(r.stderr).toContain('preflight failed, nothing was injected');
    expect(r.stderr).toContain('✗ steady-state:p0: CloudWatch refused the steady-state metric queries: cloudwatch:GetMetricData (HTTP 400): ValidationError: Error in expression p0: function FILL() is not supported by the sandbox');
    expect(r.stderr).toContain('fix: fix the metric math of the steady-state probes (spec.steadyState[].metrics)');
    expect((await fisState(sandbox.url)).experiments).toHaveLength(0);
  }, 60_000);
});
