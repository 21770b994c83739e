import { parse } from 'yaml';

/**
 * Whether a scenario file that failed validation still asks to be scheduled (has spec.schedule), as
 * far as its text can be read: schedule commands treat a broken scheduled scenario as an error (a
 * game day that should run cannot) and a broken unscheduled one as a warning (nobody's job is red
 * for a draft). Text that is not even YAML counts as scheduled when a line opens a `schedule:` key.
 */
export function declaresSchedule(text: string): boolean {
  try {
    const value = parse(text, { maxAliasCount: 100, uniqueKeys: false }) as { spec?: { schedule?: unknown } } | null;
    return typeof value === 'object' && value !== null && typeof value.spec === 'object' && value.spec !== null && value.spec.schedule !== undefined;
  } catch {
    return /^\s+schedule\s*:/m.test(text);
  }
}
