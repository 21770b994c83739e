import { describe, expect, it } from 'vitest';
import type { AlarmStateValue } from '../../../src/sandbox/contracts.js';
import { MAX_RULE_NESTING, RuleError, evaluateAlarmRule, parseAlarmRule, ruleAlarms } from '../../../src/sandbox/services/composite-alarm-rule.js';

const states: Record<string, AlarmStateValue> = { cpu: 'ALARM', disk: 'OK', 'name with spaces': 'INSUFFICIENT_DATA', 'quote"d': 'ALARM' };
const value = (rule: string) => evaluateAlarmRule(parseAlarmRule(rule), (a) => states[a]);

describe('composite AlarmRule', () => {
  it('NOT binds tighter than AND, AND tighter than OR; parentheses group', () => {
    expect(value('TRUE OR FALSE AND FALSE')).toBe(true);
    expect(value('(TRUE OR FALSE) AND FALSE')).toBe(false);
    expect(value('NOT FALSE AND FALSE')).toBe(false);
    expect(value('NOT (FALSE AND FALSE)')).toBe(true);
    expect(value('NOT NOT TRUE')).toBe(true);
    expect(value('false OR true')).toBe(true);
  });

  it('state functions over names, quoted names (with escapes) and ARNs', () => {
    expect(value('ALARM(cpu) AND OK(disk)')).toBe(true);
    expect(value('ALARM("cpu") AND NOT ALARM(disk)')).toBe(true);
    expect(value('INSUFFICIENT_DATA(name with spaces)')).toBe(true);
    expect(value('INSUFFICIENT_DATA( "name with spaces" )')).toBe(true);
    expect(value('ALARM("quote\\"d")')).toBe(true);
    expect(value('OK(unknown)')).toBe(false);
    expect(ruleAlarms(parseAlarmRule('ALARM(cpu) OR (OK(cpu) AND ALARM("arn:aws:cloudwatch:us-east-1:111122223333:alarm:disk"))'))).toEqual(['cpu', 'arn:aws:cloudwatch:us-east-1:111122223333:alarm:disk']);
  });

  it('refuses what it does not emulate, and malformed rules, naming the problem', () => {
    for (const [rule, message] of [
      ['AT_LEAST(2, ALARM, (cpu, disk))', 'the function AT_LEAST() is not emulated'],
      ['ANOMALY(cpu)', 'the function ANOMALY() is not emulated'],
      ['', 'the rule is empty'],
      ['ALARM()', 'ALARM() needs an alarm name or ARN'],
      ['ALARM("cpu)', 'is not closed'],
      ['ALARM(cpu) OR', 'the rule ends too early'],
      ['ALARM(cpu) ALARM(disk)', 'unexpected "ALARM" at position 12'],
      ['ALARM(cpu) && OK(disk)', 'unexpected "&" at position 12'],
      ['x'.repeat(10_241), 'at most 10240'],
      // Within the length limit, but deep enough to exhaust a recursive parser's stack (a RangeError before).
      [`${'('.repeat(5000)}TRUE${')'.repeat(5000)}`, 'parentheses nested deeper than 100 levels at position 101'],
    ] as const) {
      expect(() => parseAlarmRule(rule), rule.slice(0, 40)).toThrowError(RuleError);
      expect(() => parseAlarmRule(rule), rule.slice(0, 40)).toThrowError(message);
    }
  });

  it('reads parentheses nested as deep as a person would write them, and far more', () => {
    expect(value(`${'('.repeat(MAX_RULE_NESTING)}ALARM(cpu)${')'.repeat(MAX_RULE_NESTING)}`)).toBe(true);
    expect(value(`${'NOT '.repeat(2000)}TRUE`)).toBe(true);
  });
});
