import { describe, expect, it } from 'vitest';
import type { SloSampled } from '../../../src/core/journal/events.js';
import type { PlannedSlo } from '../../../src/core/plan/slo.js';
import { allowedBadShare, badOf, burnRate, errorBudget } from '../../../src/core/slo/error-budget.js';

const SLO: PlannedSlo = { name: 'checkout-availability', objective: 99.9, windowSeconds: 30 * 86_400, periodSeconds: 60, counts: 'bad', queries: [], burnRate: { below: 2, stopAbove: 10 } };
const T0 = Date.parse('2026-08-18T22:00:00Z');
const sample = (minute: number, bad: number, total: number): SloSampled => ({ type: 'slo-sample', slo: SLO.name, timestamp: new Date(T0 + minute * 60_000).toISOString(), bad, total, burnRate: burnRate(bad, total, 99.9) });

describe('SLO budget math', () => {
  it('burn rate: the bad share over the allowed share (99.9 % → 0.1 %)', () => {
    expect(allowedBadShare(99.9)).toBeCloseTo(0.001, 12);
    expect(burnRate(1, 1000, 99.9)).toBeCloseTo(1, 9);
    expect(burnRate(144, 10_000, 99.9)).toBeCloseTo(14.4, 9);
    expect(burnRate(0, 0, 99.9)).toBe(0);
    expect(badOf({ counts: 'good' }, 990, 1000)).toBe(10);
    expect(badOf({ counts: 'bad' }, 7, 1000)).toBe(7);
  });

  it('the budget consumed: bad requests from the fault on against the window’s budget at the game day’s rate', () => {
    // 10 minutes at 1 000 requests a minute; 30 days at that rate = 43 200 000 requests; 0.1 % = 43 200 bad allowed.
    const samples = [sample(-2, 500, 1000), ...Array.from({ length: 10 }, (_, i) => sample(i, i < 4 ? 108 : 0, 1000))];
    const b = errorBudget(SLO, samples, T0 + 30_000);
    expect(b).toMatchObject({ periods: 10, badRequests: 432, totalRequests: 10_000, from: '2026-08-18T22:00:00.000Z', to: '2026-08-18T22:10:00.000Z' });
    expect(b.budgetRequests).toBeCloseTo(43_200, 6);
    expect(b.consumedPercent).toBeCloseTo(1, 9);
    // 30 days × 0.1 % = 43.2 minutes of budget; 1 % of it is 0.432 minutes.
    expect(b.budgetMinutes).toBeCloseTo(43.2, 9);
    expect(b.consumedMinutes).toBeCloseTo(0.432, 9);
    expect(b.peakBurnRate).toEqual({ value: expect.closeTo(108, 6), at: '2026-08-18T22:00:00.000Z' });
    expect(b.averageBurnRate).toBeCloseTo(43.2, 6);
    expect(b.firstAboveStop).toBe('2026-08-18T22:00:00.000Z');
  });

  it('nothing counted before the fault started, nor when it never did', () => {
    expect(errorBudget(SLO, [sample(-2, 500, 1000)], T0)).toMatchObject({ periods: 0, badRequests: 0 });
    expect(errorBudget(SLO, [sample(0, 500, 1000)], undefined).consumedPercent).toBeUndefined();
    const calm = errorBudget(SLO, [sample(0, 0, 1000), sample(1, 1, 1000)], T0);
    expect(calm.firstAboveStop).toBeUndefined();
    expect(calm.consumedPercent).toBeCloseTo(100 / 43_200 * 2 / 2, 9);
  });
});

const RUN = { scenario: 'checkout-az-power', target: { region: 'eu-west-1', account: '123456789012' } };

describe('spec.slo in the plan and in validate', () => {
  it('compiles metric math with ids gameday owns, and the burn-rate steady-state probe', async () => {
    const { planSlo, sloBurnProbe } = await import('../../../src/core/plan/slo.js');
    const slo = planSlo({
      name: 'a',
      objective: 99.5,
      window: 'P28D',
      bad: { expression: 'requests * rate / 100', metrics: { requests: { namespace: 'N', name: 'Requests', stat: 'Sum' }, rate: { namespace: 'N', name: 'ErrorRate', stat: 'Average' } } },
      total: { namespace: 'N', name: 'Requests', stat: 'Sum' },
      burnRate: { below: 6 },
    }, RUN).slo;
    expect(slo).toMatchObject({ windowSeconds: 28 * 86_400, periodSeconds: 60, counts: 'bad', burnRate: { below: 6 } });
    expect(slo.queries).toEqual([
      { id: 'slo_bad_rate', metric: { namespace: 'N', name: 'ErrorRate', dimensions: {}, stat: 'Average' }, returnData: false },
      { id: 'slo_bad_requests', metric: { namespace: 'N', name: 'Requests', dimensions: {}, stat: 'Sum' }, returnData: false },
      { id: 'slo_bad', expression: 'slo_bad_requests * slo_bad_rate / 100' },
      { id: 'slo_total', metric: { namespace: 'N', name: 'Requests', dimensions: {}, stat: 'Sum' }, returnData: true },
    ]);
    expect(sloBurnProbe(slo)).toEqual({ id: 'slo_burn', name: 'slo-burn-rate', kind: 'metric', threshold: { op: '<', value: 6 } });
    expect(slo.stopAlarm).toBeUndefined();
  });

  it('burnRate.stopAbove is a metric math alarm on the burn rate: the SLO’s queries unreturned, bad = total − good', async () => {
    const { planSlo } = await import('../../../src/core/plan/slo.js');
    const good = { namespace: 'AWS/ApplicationELB', name: 'HTTPCode_Target_2XX_Count', stat: 'Sum' };
    const total = { namespace: 'AWS/ApplicationELB', name: 'RequestCount', stat: 'Sum' };
    const { slo, problems } = planSlo({ name: 'checkout-availability', objective: 99.9, window: 'P30D', good, total, burnRate: { stopAbove: 100 } }, RUN);
    expect(problems).toEqual([]);
    expect(slo.stopAlarm).toEqual({
      name: 'gameday-checkout-az-power-slo-burn-rate',
      alarmArn: 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm:gameday-checkout-az-power-slo-burn-rate',
      periodSeconds: 60,
      threshold: 100,
      queries: [
        { id: 'slo_good', metric: { ...good, dimensions: {} }, returnData: false },
        { id: 'slo_total', metric: { ...total, dimensions: {} }, returnData: false },
        { id: 'slo_burn_rate', expression: '(slo_total - slo_good) / slo_total * 100 / (100 - 99.9)', returnData: true, label: 'checkout-availability burn rate' },
      ],
    });
  });

  it('refuses a stopAbove CloudWatch cannot alarm on: a 5 s period, more than 10 metrics', async () => {
    const { planSlo } = await import('../../../src/core/plan/slo.js');
    const m = { namespace: 'N', name: 'Requests', stat: 'Sum' };
    const many = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`m${i}`, m]));
    const { problems } = planSlo({ name: 'a', objective: 99, window: 'P30D', period: 5, bad: { expression: Object.keys(many).join(' + '), metrics: many }, total: m, burnRate: { stopAbove: 10 } }, RUN);
    expect(problems.map((p) => p.message)).toEqual([
      'slo.period 5 s: burnRate.stopAbove is a CloudWatch alarm, whose period is 10, 30 or a multiple of 60 seconds',
      'the SLO reads 11 metrics; burnRate.stopAbove is a CloudWatch metric math alarm, which reads at most 10',
    ]);
  });
});

describe('validate: spec.slo', () => {
  it('names an expression id that is not one of its metrics at its line, with a did-you-mean', async () => {
    const { mkdtemp, readFile, writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { validateFile } = await import('../../../src/core/validate/validate-file.js');
    const dir = await mkdtemp(join(tmpdir(), 'gameday-slo-validate-'));
    const file = join(dir, 'orders.yaml');
    const slo = `  slo:
    name: orders-availability
    objective: 99.9
    window: P30D
    bad:
      expression: requets * rate / 100
      metrics:
        requests: { namespace: AWS/ApplicationELB, name: RequestCount, stat: Sum }
        rate: { namespace: Orders, name: HTTP5xxRate, stat: Average }
    total: { namespace: AWS/ApplicationELB, name: RequestCount, stat: Sum }
`;
    await writeFile(file, (await readFile('scenarios/orders-ecs-task-kill.yaml', 'utf8')).replace(/\n  sandbox:\n.*\n/, '\n').replace('\nspec:\n', `\nspec:\n${slo}`));
    const result = await validateFile(file);
    const problem = result.diagnostics.find((d) => d.code === 'SLO_EXPRESSION_UNKNOWN_ID');
    expect(problem).toMatchObject({ line: 20, severity: 'error', hint: 'did you mean requests?' });
    expect(problem!.message).toBe('spec.slo.bad.expression names requets, which is not one of its metrics (requests, rate)');
  });
});
