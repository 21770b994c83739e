import { jsonText, neutraliseControls } from './control-characters.js';
import { redactUrlCredentials } from './url-credentials.js';

/**
 * What gameday prints (stdout, stderr, logs) passes here last: no raw control characters and no
 * credentials in URLs, whatever the scenario, the journal or AWS put in the text.
 */
export function terminalText(text: string): string {
  return redactUrlCredentials(neutraliseControls(text));
}

/** JSON for stdout: the same data, controls as JSON escapes, URL credentials redacted. */
export function terminalJson(value: unknown, indent?: number): string {
  return redactUrlCredentials(jsonText(value, indent));
}

/** A structured log record, every string in it (keys too) as terminalText. */
export function terminalRecord<T>(value: T): T {
  if (typeof value === 'string') return terminalText(value) as T;
  if (Array.isArray(value)) {
    // Copied only where something changed: every journal event is logged, and nearly none needs it.
    let out: unknown[] | undefined;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      const shown = terminalRecord(item);
      if (shown !== item) (out ??= value.slice())[i] = shown;
    }
    return (out ?? value) as T;
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const record = value as Record<string, unknown>;
    for (const key in record) {
      if (terminalText(key) === key && terminalRecord(record[key]) === record[key]) continue;
      return Object.fromEntries(Object.entries(record).map(([k, v]) => [terminalText(k), terminalRecord(v)])) as T;
    }
  }
  return value;
}
