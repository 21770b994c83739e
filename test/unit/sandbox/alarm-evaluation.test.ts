import { describe, expect, it } from 'vitest';
import type { AlarmStateValue } from '../../../src/sandbox/contracts.js';
import { type EvaluatedAlarm, evaluateAlarmState, formatNumber } from '../../../src/sandbox/services/alarm-evaluation.js';

const AT = new Date('2026-11-26T04:31:00Z');
const alarm = (over: Partial<EvaluatedAlarm> = {}): EvaluatedAlarm => ({
  statistic: 'Average',
  period: 60,
  evaluationPeriods: 3,
  threshold: 25,
  comparisonOperator: 'GreaterThanThreshold',
  ...over,
});
/** Newest first, one per minute before AT; `undefined` is a missing period. */
const points = (...values: (number | undefined)[]) => values.map((value, i) => ({ timestamp: new Date(AT.getTime() - (i + 1) * 60_000), value }));
const state = (a: EvaluatedAlarm, values: (number | undefined)[], current: AlarmStateValue = 'OK') => evaluateAlarmState(a, points(...values), current, AT).state;

describe('M out of N', () => {
  it('goes to ALARM only when at least DatapointsToAlarm datapoints breach', () => {
    const twoOfThree = alarm({ datapointsToAlarm: 2 });
    expect(state(twoOfThree, [30, 10, 30])).toBe('ALARM');
    expect(state(twoOfThree, [30, 10, 10])).toBe('OK');
    expect(state(alarm(), [30, 30, 10])).toBe('OK');
    expect(state(alarm(), [30, 30, 30])).toBe('ALARM');
  });

  it('applies each comparison operator at the threshold boundary', () => {
    const one = { evaluationPeriods: 1 };
    expect(state(alarm({ ...one, comparisonOperator: 'GreaterThanThreshold' }), [25])).toBe('OK');
    expect(state(alarm({ ...one, comparisonOperator: 'GreaterThanOrEqualToThreshold' }), [25])).toBe('ALARM');
    expect(state(alarm({ ...one, comparisonOperator: 'LessThanThreshold' }), [25])).toBe('OK');
    expect(state(alarm({ ...one, comparisonOperator: 'LessThanOrEqualToThreshold' }), [25])).toBe('ALARM');
    expect(state(alarm({ ...one, comparisonOperator: 'LessThanThreshold' }), [24.9])).toBe('ALARM');
  });
});

describe('TreatMissingData (the table in the CloudWatch docs, 3 of 3)', () => {
  const cases: [string, (number | undefined)[], Record<string, AlarmStateValue | 'keep'>][] = [
    ['all present, none breaching', [10, 10, 10], { missing: 'OK', ignore: 'OK', breaching: 'OK', notBreaching: 'OK' }],
    ['all missing', [undefined, undefined, undefined], { missing: 'INSUFFICIENT_DATA', ignore: 'keep', breaching: 'ALARM', notBreaching: 'OK' }],
    ['one breaching, rest missing', [undefined, 30, undefined], { missing: 'ALARM', ignore: 'keep', breaching: 'ALARM', notBreaching: 'OK' }],
    ['one good, rest missing', [10, undefined, undefined], { missing: 'OK', ignore: 'OK', breaching: 'OK', notBreaching: 'OK' }],
    ['two breaching, one missing', [30, undefined, 30], { missing: 'ALARM', ignore: 'keep', breaching: 'ALARM', notBreaching: 'OK' }],
  ];
  for (const [name, values, expected] of cases) {
    for (const [treat, want] of Object.entries(expected)) {
      it(`${name}: ${treat} → ${want}`, () => {
        const a = alarm({ treatMissingData: treat as EvaluatedAlarm['treatMissingData'] });
        // 'keep' = retain the current state, checked from two different starting states
        if (want === 'keep') {
          expect(state(a, values, 'OK')).toBe('OK');
          expect(state(a, values, 'ALARM')).toBe('ALARM');
        } else {
          expect(state(a, values, want === 'OK' ? 'ALARM' : 'OK')).toBe(want);
        }
      });
    }
  }

  it('defaults to missing', () => {
    expect(state(alarm(), [undefined, undefined, undefined])).toBe('INSUFFICIENT_DATA');
  });
});

describe('state reasons as CloudWatch writes them', () => {
  it('lists the breaching datapoints, newest first, with the threshold as a double', () => {
    const r = evaluateAlarmState(alarm({ evaluationPeriods: 2 }), points(30, 27.5), 'OK', AT);
    expect(r.state).toBe('ALARM');
    expect(r.reason).toBe(
      'Threshold Crossed: 2 out of the last 2 datapoints [30.0 (26/11/26 04:30:00), 27.5 (26/11/26 04:29:00)] were greater than the threshold (25.0) (minimum 2 datapoints for OK -> ALARM transition).',
    );
    const data = JSON.parse(r.reasonData) as { statistic: string; period: number; recentDatapoints: number[]; queryDate: string };
    expect(data).toMatchObject({ statistic: 'Average', period: 60, recentDatapoints: [30, 27.5], queryDate: '2026-11-26T04:31:00.000+0000' });
  });

  it('says a single datapoint was / was not crossing', () => {
    const one = alarm({ evaluationPeriods: 1, comparisonOperator: 'LessThanThreshold', threshold: 1 });
    expect(evaluateAlarmState(one, points(0), 'OK', AT).reason).toBe('Threshold Crossed: 1 datapoint [0.0 (26/11/26 04:30:00)] was less than the threshold (1.0).');
    expect(evaluateAlarmState(one, points(2), 'ALARM', AT).reason).toBe('Threshold Crossed: 1 datapoint [2.0 (26/11/26 04:30:00)] was not less than the threshold (1.0).');
  });

  it('explains insufficient data and missing data treated as breaching', () => {
    expect(evaluateAlarmState(alarm(), points(undefined, undefined, undefined), 'OK', AT).reason).toBe('Insufficient Data: 3 datapoints were unknown.');
    expect(evaluateAlarmState(alarm({ evaluationPeriods: 1, treatMissingData: 'breaching' }), points(undefined), 'OK', AT).reason).toBe(
      'Threshold Crossed: no datapoints were received for 1 period and 1 missing datapoint was treated as [Breaching].',
    );
  });

  it('formats numbers like Java doubles', () => {
    expect(formatNumber(25)).toBe('25.0');
    expect(formatNumber(0.25)).toBe('0.25');
    expect(formatNumber(-3)).toBe('-3.0');
  });
});
