/**
 * Scenario text, journal notes and names AWS returns (alarm names, FIS reasons) are untrusted: raw
 * control characters in them would reach a terminal as escape sequences (OSC 52 writes the clipboard,
 * OSC 8 disguises links, a lone CR overwrites the line, C1 CSI works like ESC [ on some terminals) and
 * bidirectional overrides reorder what is shown. Every text gameday prints or writes for people shows
 * them as visible escapes instead. Newlines, tabs and CRLF stay: they are layout, not commands.
 */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]|\r(?!\n)/g;

/** Characters JSON.stringify leaves raw (it escapes only U+0000–U+001F); U+2028/2029 end a line in JavaScript and many viewers. */
const JSON_RAW_CONTROL = /[\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;

/** What ends or shifts a line, as it is shown when the text must stay on one line. */
const LINE_BREAKS: Record<string, string> = { '\r\n': '\\r\\n', '\n': '\\n', '\t': '\\t' };

function visibleEscape(c: string): string {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** The text with every control character but \n, \t and CRLF shown as \xNN / \uNNNN. */
export function neutraliseControls(text: string): string {
  return text.replace(CONTROL, visibleEscape);
}

/**
 * Text that must stay on its line — a row of a table, the status line, one log line, one diagnostic:
 * newlines and tabs in it (an alarm name AWS returned, a scenario's text) are shown as \n and \t too,
 * so nothing inside can start a line of its own that looks like gameday's.
 */
export function oneLine(text: string): string {
  return neutraliseControls(text).replace(/\r\n|[\n\t]/g, (c) => LINE_BREAKS[c]!);
}

/** JSON text for a terminal: the same data, with the controls JSON.stringify leaves raw written as \u escapes. */
export function jsonText(value: unknown, indent?: number): string {
  return (JSON.stringify(value, null, indent) ?? 'null').replace(JSON_RAW_CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
