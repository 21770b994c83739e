import { alarmNameOf } from './preflight.js';

const STATE_FUNCTION = /\b(?:ALARM|OK|INSUFFICIENT_DATA)\s*\(\s*(?:"([^"]*)"|'([^']*)'|([^\s()"',]+))\s*\)/g;
const AT_LEAST = /\bAT_LEAST\s*\(\s*[^,()]+,\s*(?:NOT\s+)?[A-Z_]+\s*,\s*\(([^)]*)\)\s*\)/g;

/**
 * The alarms a composite alarm's AlarmRule names, in the order they first appear, by name (an ARN's
 * alarm name). Read leniently, as a reader of rules AWS already accepted: ALARM(x), OK(x) and
 * INSUFFICIENT_DATA(x) with x bare or quoted, and the alarm list of AT_LEAST(M, STATE, (x, y, …)).
 */
export function alarmRuleChildren(rule: string): string[] {
  const found: { at: number; name: string }[] = [];
  for (const m of rule.matchAll(STATE_FUNCTION)) found.push({ at: m.index, name: (m[1] ?? m[2] ?? m[3])! });
  for (const m of rule.matchAll(AT_LEAST)) {
    for (const part of m[1]!.split(',')) {
      const name = part.trim().replace(/^(["'])(.*)\1$/, '$2');
      if (name) found.push({ at: m.index, name });
    }
  }
  const names = found.sort((a, b) => a.at - b.at).map((f) => alarmNameOf(f.name));
  return [...new Set(names)].filter((n) => n !== '');
}
