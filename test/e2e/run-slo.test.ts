import { copyFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SloSampled } from '../../src/core/journal/events.js';
import { numberText } from '../../src/core/number-text.js';
import { runCli } from '../helpers/cli.js';
import { WORLDS, journalOf, reportsDir } from './run-harness.js';

const ALB = '{ LoadBalancer: app/checkout-alb/50dc6c495c0c9188 }';

/** good: requests − 5xx by metric math (docs/slo.md's example). */
const GOOD_BY_MATH = `    good:
      expression: requests - errors
      metrics:
        requests: { namespace: AWS/ApplicationELB, name: RequestCount, dimensions: ${ALB}, stat: Sum }
        errors: { namespace: AWS/ApplicationELB, name: HTTPCode_Target_5XX_Count, dimensions: ${ALB}, stat: Sum }
`;
/** The same SLO written as bad/total: the target 5xx count itself. */
const BAD_METRIC = `    bad: { namespace: AWS/ApplicationELB, name: HTTPCode_Target_5XX_Count, dimensions: ${ALB}, stat: Sum }
`;
/** bad by metric math: requests × the application's own 5xx rate (percent, a period's average), so not whole requests. */
const BAD_BY_MATH = `    bad:
      expression: requests * rate / 100
      metrics:
        requests: { namespace: AWS/ApplicationELB, name: RequestCount, dimensions: ${ALB}, stat: Sum }
        rate: { namespace: Checkout, name: HTTP5xxRate, dimensions: ${ALB}, stat: Average }
`;

/** The AZ power game day with an availability SLO over the ALB's requests; `counts` is its good: or bad: series. */
async function checkoutWithSlo(burnRate: string, counts = GOOD_BY_MATH): Promise<string> {
  const work = await mkdtemp(join(tmpdir(), 'gameday-slo-'));
  const file = join(work, 'checkout.yaml');
  const slo = `  slo:
    name: checkout-availability
    objective: 99.9
    window: P30D
${counts}    total: { namespace: AWS/ApplicationELB, name: RequestCount, dimensions: ${ALB}, stat: Sum }
    burnRate: ${burnRate}
`;
  // The committed scenario declares this SLO with its own burn-rate limits: this test sets them.
  const committed = await readFile('scenarios/checkout-az-power.yaml', 'utf8');
  const withoutSlo = committed.replace(/^  slo:\n(?: {4}.*\n)+/m, '');
  expect(withoutSlo).not.toBe(committed);
  const text = withoutSlo.replace(/world: \S+/, 'world: multi-az-checkout.yaml').replace('\nspec:\n', `\nspec:\n${slo}`);
  await writeFile(file, text);
  await copyFile(WORLDS.multiAz, join(work, 'multi-az-checkout.yaml'));
  return file;
}


describe('SLO burn rate and error budget on the sandbox (real CLI)', () => {
  it('FIS stops the experiment on the run’s own burn-rate alarm above the scenario’s limit; created before the template, deleted after it, reported', async () => {
    const file = await checkoutWithSlo('{ below: 14.4, stopAbove: 100 }');
    const dir = await reportsDir();
    const r = await runCli(['run', file, '--sandbox', '--json', '--reports-dir', dir]);
    expect([0, 1], r.stderr.slice(-2000)).toContain(r.code);
    const out = JSON.parse(r.stdout) as { runDir: string; status: string; reason: string; stops: { by: string; reason: string; stoppedState?: string }[]; verdict: { slo: { firstAboveStop?: string; consumedPercent: number } } };
    const alarm = 'gameday-checkout-az-power-slo-burn-rate';
    const arn = `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${alarm}`;
    expect(out.status).toBe('stopped');
    // FIS stopped it, not gameday: the burn rate is a stop condition of the template.
    expect(out.stops).toEqual([]);
    expect(out.reason).toBe(`Experiment stopped by stop condition ${arn}.`);
    const journal = await journalOf(out.runDir);
    const samples = journal.filter((e): e is typeof e & SloSampled => e.type === 'slo-sample');
    const over = samples.find((s) => s.burnRate > 100)!;
    expect(over).toBeDefined();
    expect(out.verdict.slo.firstAboveStop).toBe(over.timestamp);
    const types = journal.map((e) => e.type);
    expect(types.indexOf('run-alarm-created')).toBeLessThan(types.indexOf('template-created'));
    expect(types.indexOf('run-alarm-deleted')).toBeGreaterThan(types.indexOf('template-deleted'));
    expect(types.indexOf('run-alarm-deleted')).toBeLessThan(types.indexOf('run-ended'));
    expect(journal.find((e) => e.type === 'run-alarm-created')).toMatchObject({ alarm, alarmArn: arn });
    // The alarm went ALARM when the period that crossed the limit ended, not before; nothing above it was let run on.
    const fired = journal.find((e) => e.type === 'alarm-state' && e.alarm === alarm && e.state === 'ALARM') as { timestamp: string; role: string[] } | undefined;
    expect(fired?.role).toEqual(['stop-condition']);
    expect(Date.parse(fired!.timestamp)).toBe(Date.parse(over.timestamp) + 60_000);
    const ended = journal.filter((e) => e.type === 'experiment-state').at(-1) as { state: string; endTime: string };
    expect(ended.state).toBe('stopped');
    expect(Date.parse(ended.endTime) - Date.parse(fired!.timestamp)).toBeLessThan(60_000);
    const md = await readFile(join(out.runDir, 'report.md'), 'utf8');
    expect(md).toContain('## SLO and error budget');
    expect(md).toContain(`Stop limit: 100×, first exceeded in the period from ${over.timestamp}.`);
    expect(md).toContain(`| fis-stop-condition | stop condition ${alarm} went to ALARM at ${fired!.timestamp}; FIS: Experiment stopped by stop condition ${arn}. |`);
    expect(md).toContain(`alarm ${alarm} created for the run: the SLO's burn-rate stop condition`);
  }, 120_000);

  it('states the budget the game day consumed, and judges "burn rate below N×" as steady state', async () => {
    const file = await checkoutWithSlo('{ below: 14.4 }');
    const dir = await reportsDir();
    const r = await runCli(['run', file, '--sandbox', '--json', '--reports-dir', dir]);
    expect(r.code, r.stderr.slice(-2000)).toBe(0);
    const out = JSON.parse(r.stdout) as { runDir: string; status: string; verdict: { disruptionStart: string; recoveredAt: string; slo: Record<string, number | string | undefined> } };
    expect(out.status).toBe('completed');
    const journal = await journalOf(out.runDir);
    const samples = journal.filter((e): e is typeof e & SloSampled => e.type === 'slo-sample');
    const from = Math.floor(Date.parse(out.verdict.disruptionStart) / 60_000) * 60_000;
    const counted = samples.filter((s) => Date.parse(s.timestamp) >= from);
    const bad = counted.reduce((n, s) => n + s.bad, 0);
    const total = counted.reduce((n, s) => n + s.total, 0);
    const budget = (0.001 * total * 30 * 86_400) / (counted.length * 60);
    expect(out.verdict.slo).toMatchObject({ slo: 'checkout-availability', objective: 99.9, badRequests: bad, totalRequests: total, periods: counted.length, below: 14.4 });
    expect(out.verdict.slo.budgetRequests as number).toBeCloseTo(budget, 6);
    expect(out.verdict.slo.consumedPercent as number).toBeCloseTo((bad / budget) * 100, 9);
    expect(out.verdict.slo.consumedPercent as number).toBeGreaterThan(0);
    // The burn-rate probe is steady state: the run is recovered only once the burn is back below 14.4×.
    const burns = journal.filter((e) => e.type === 'probe-sample' && e.probe === 'slo-burn-rate');
    expect(burns.length).toBe(samples.length);
    const lastHot = counted.filter((s) => s.burnRate >= 14.4).at(-1)!;
    expect(Date.parse(out.verdict.recoveredAt)).toBeGreaterThan(Date.parse(lastHot.timestamp));
    const md = await readFile(join(out.runDir, 'report.md'), 'utf8');
    expect(md).toContain(`- Budget consumed: ${bad.toLocaleString('en-US')} bad of ${total.toLocaleString('en-US')} requests`);
    expect(md).toContain('Steady state: below 14.4×.');
  }, 120_000);
});

type SloRun = { runDir: string; status: string; reason?: string; stops: { by: string; reason: string; stoppedState?: string }[]; verdict: { disruptionStart: string; recoveredAt?: string; slo: Record<string, unknown> } };

async function runSlo(burnRate: string, counts: string): Promise<{ out: SloRun; samples: SloSampled[]; md: string }> {
  const file = await checkoutWithSlo(burnRate, counts);
  const r = await runCli(['run', file, '--sandbox', '--json', '--reports-dir', await reportsDir()]);
  expect([0, 1], r.stderr.slice(-2000)).toContain(r.code);
  const out = JSON.parse(r.stdout) as SloRun;
  const journal = await journalOf(out.runDir);
  return { out, samples: journal.filter((e): e is typeof e & SloSampled => e.type === 'slo-sample'), md: await readFile(join(out.runDir, 'report.md'), 'utf8') };
}

/** The samples as the SLO saw them, without the journal's own fields. */
const periods = (samples: SloSampled[]) => samples.map(({ timestamp, bad, total, burnRate }) => ({ timestamp, bad, total, burnRate }));

describe('an SLO written as bad/total on the sandbox (real CLI)', () => {
  it('bad: the 5xx count — the same budget consumed and burn-rate steady state as good: requests − 5xx on the same game day', async () => {
    const good = await runSlo('{ below: 14.4 }', GOOD_BY_MATH);
    const bad = await runSlo('{ below: 14.4 }', BAD_METRIC);
    expect(bad.out.status).toBe('completed');
    expect(bad.samples.length).toBeGreaterThan(10);
    // The embedded sandbox repeats a game day exactly, so the two ways of writing the SLO see the same periods.
    expect(periods(bad.samples)).toEqual(periods(good.samples));
    expect(bad.out.verdict.slo).toEqual(good.out.verdict.slo);
    expect(bad.out.verdict.recoveredAt).toBe(good.out.verdict.recoveredAt);

    const from = Math.floor(Date.parse(bad.out.verdict.disruptionStart) / 60_000) * 60_000;
    const counted = bad.samples.filter((s) => Date.parse(s.timestamp) >= from);
    const badRequests = counted.reduce((n, s) => n + s.bad, 0);
    const totalRequests = counted.reduce((n, s) => n + s.total, 0);
    const budget = (0.001 * totalRequests * 30 * 86_400) / (counted.length * 60);
    expect(badRequests).toBeGreaterThan(0);
    expect(bad.out.verdict.slo).toMatchObject({ badRequests, totalRequests, periods: counted.length, below: 14.4 });
    expect(bad.out.verdict.slo.consumedPercent as number).toBeCloseTo((badRequests / budget) * 100, 9);
    for (const s of bad.samples) expect(s.burnRate).toBeCloseTo(s.bad / s.total / 0.001, 9);
    // Steady state: recovered only once the burn is back below 14.4×.
    const lastHot = counted.filter((s) => s.burnRate >= 14.4).at(-1)!;
    expect(lastHot).toBeDefined();
    expect(Date.parse(bad.out.verdict.recoveredAt!)).toBeGreaterThan(Date.parse(lastHot.timestamp));
    expect(bad.md).toContain(`- Budget consumed: ${badRequests.toLocaleString('en-US')} bad of ${totalRequests.toLocaleString('en-US')} requests`);
    expect(bad.md).toContain('Steady state: below 14.4×.');
  }, 240_000);

  it('bad by metric math (requests × 5xx rate): the budget from its fractional counts, and the stop above the burn-rate limit', async () => {
    const { out, samples, md } = await runSlo('{ below: 14.4, stopAbove: 100 }', BAD_BY_MATH);
    expect(out.status).toBe('stopped');
    // The alarm computes the same burn rate from the math series: FIS stops the experiment in the period after the first one over the limit.
    expect(out.stops).toEqual([]);
    expect(out.reason).toBe('Experiment stopped by stop condition arn:aws:cloudwatch:us-east-1:123456789012:alarm:gameday-checkout-az-power-slo-burn-rate.');
    const over = samples.find((s) => s.burnRate > 100)!;
    expect(over).toBeDefined();
    expect(out.verdict.slo.firstAboveStop).toBe(over.timestamp);
    const from = Math.floor(Date.parse(out.verdict.disruptionStart) / 60_000) * 60_000;
    const counted = samples.filter((s) => Date.parse(s.timestamp) >= from);
    const badRequests = counted.reduce((n, s) => n + s.bad, 0);
    const totalRequests = counted.reduce((n, s) => n + s.total, 0);
    expect(Number.isInteger(badRequests)).toBe(false);
    expect(out.verdict.slo.badRequests as number).toBeCloseTo(badRequests, 9);
    expect(out.verdict.slo.totalRequests).toBe(totalRequests);
    const budget = (0.001 * totalRequests * 30 * 86_400) / (counted.length * 60);
    expect(out.verdict.slo.consumedPercent as number).toBeCloseTo((badRequests / budget) * 100, 9);
    expect(md).toContain(`- Budget consumed: ${numberText(badRequests)} bad of ${numberText(totalRequests)} requests`);
    expect(md).toContain(`Stop limit: 100×, first exceeded in the period from ${over.timestamp}.`);
  }, 120_000);
});
