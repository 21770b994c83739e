import { describe, expect, it } from 'vitest';
import { AwsCronError, toAwsCron } from '../../../src/core/schedule/aws-cron.js';

describe('5-field cron → EventBridge Scheduler cron()', () => {
  it.each([
    ['0 10 * * 2', 'cron(0 10 ? * TUE *)'],
    ['0 10 * * *', 'cron(0 10 * * ? *)'],
    ['30 2 1 * *', 'cron(30 2 1 * ? *)'],
    ['*/15 9-17 * * 1-5', 'cron(0/15 9-17 ? * MON-FRI *)'],
    ['0 0 * * 0', 'cron(0 0 ? * SUN *)'],
    ['0 0 * * 7', 'cron(0 0 ? * SUN *)'], // POSIX 7 is Sunday too
    ['0 0 * * 5-7', 'cron(0 0 ? * SUN,FRI,SAT *)'], // Friday to Sunday wraps the week
    ['0 0 * * 6,0', 'cron(0 0 ? * SUN,SAT *)'],
    ['0 9 1,15 JAN,JUL *', 'cron(0 9 1,15 1,7 ? *)'],
    ['0 10 * * MON#1', 'cron(0 10 ? * 2#1 *)'],
    ['0 10 * * 5L', 'cron(0 10 ? * 6L *)'],
    ['0 10 L * *', 'cron(0 10 L * ? *)'],
    ['0 10 15W * *', 'cron(0 10 15W * ? *)'],
    ['@weekly', 'cron(0 0 ? * SUN *)'],
    ['@monthly', 'cron(0 0 1 * ? *)'],
    ['5,10,15 */6 * */3 *', 'cron(5,10,15 0/6 * 1/3 ? *)'],
    ['0 12 */2 * *', 'cron(0 12 1/2 * ? *)'],
  ])('%s → %s', (cron, aws) => {
    expect(toAwsCron(cron)).toBe(aws);
  });

  it.each([
    ['0 10 1 * MON', /both day-of-month and day-of-week/],
    ['0 10 * * MON#1,MON#3', /one nth weekday|only on its own/],
    ['0 10 * *', /five|5/],
  ])('refuses %s', (cron, message) => {
    expect(() => toAwsCron(cron)).toThrow(AwsCronError);
    expect(() => toAwsCron(cron)).toThrow(message);
  });
});
