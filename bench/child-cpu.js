import { existsSync, readFileSync } from 'node:fs';

const STAT = '/proc/self/stat';

/**
 * CPU (user+sys, ms) of every child this process has waited for, from /proc/self/stat's cutime and
 * cstime in clock ticks (Linux USER_HZ, 100 a second); undefined where there is no /proc.
 */
export const childCpuMs = existsSync(STAT)
  ? () => {
      const fields = readFileSync(STAT, 'utf8').replace(/^.*\) /, '').split(' ');
      return (Number(fields[13]) + Number(fields[14])) * 10;
    }
  : undefined;
