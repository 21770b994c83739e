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
  if (Array.isArray(value)) return value.map(terminalRecord) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [terminalText(k), terminalRecord(v)])) as T;
  }
  return value;
}
