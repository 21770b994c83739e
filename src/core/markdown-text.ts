/**
 * Scenario text in markdown that GitHub renders (PR comments, step summaries): nothing a scenario
 * says may start a block, a link, an image, HTML or a mention, or leave the code span or fence it
 * is put in. What is left is the text itself, shown literally.
 */

/** Inline text (one line, also a table cell): markdown punctuation escaped, HTML and mentions inert. */
export function markdownText(text: string): string {
  return (
    text
      .replace(/\r\n|\r|\n/g, ' ')
      // CommonMark: any ASCII punctuation may be backslash-escaped; these are the ones that open something.
      .replace(/[\\`*_[\]()#!|~]/g, '\\$&')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      // A zero-width space after @ keeps GitHub from notifying a user or team the scenario names.
      .replace(/@(?=[\w-])/g, '@&#8203;')
      // At the start of a line -, +, "1." would open a list item and > a quote.
      .replace(/^([-+=>]|\d+(?=[.)]))/, '\\$1')
  );
}

/** A code span that holds `text` whatever it contains (CommonMark §6.1: a longer backtick run). */
export function markdownCode(text: string): string {
  const oneLine = text.replace(/\r\n|\r|\n/g, ' ');
  const longest = Math.max(0, ...[...oneLine.matchAll(/`+/g)].map((m) => m[0].length));
  const ticks = '`'.repeat(longest + 1);
  const pad = oneLine.startsWith('`') || oneLine.endsWith('`') || /^ .* $/.test(oneLine) ? ' ' : '';
  return `${ticks}${pad}${oneLine}${pad}${ticks}`;
}

/** A fenced code block around `lines`, with a fence no line can close. */
export function markdownFence(info: string, lines: readonly string[]): string[] {
  const longest = Math.max(2, ...lines.flatMap((line) => [...line.matchAll(/`+/g)].map((m) => m[0].length)));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}${info}`, ...lines.flatMap((line) => line.split(/\r\n|\r|\n/)), fence];
}
