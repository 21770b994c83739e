import type { ExitCodeValue } from './exit-codes.js';

/**
 * What each exit code means for each command: the one source of the tables in `--help` and in the
 * README ("Exit codes by command"), each row tested in test/commands/exit-code-tables.test.ts.
 */
export interface ExitCodeRow {
  code: ExitCodeValue;
  when: string;
}

const USAGE: ExitCodeRow = { code: 2, when: 'usage error: an unknown flag (with a did-you-mean), a bad flag value, or an invalid gameday.config.yaml' };

export const EXIT_CODE_TABLES = {
  validate: [
    { code: 0, when: 'every file is valid (warnings do not fail)' },
    { code: 2, when: 'a file is invalid, or a path matches no file' },
    USAGE,
  ],
  plan: [
    { code: 0, when: 'every scenario compiles' },
    { code: 2, when: 'a scenario is invalid or cannot be compiled' },
    USAGE,
  ],
  init: [
    { code: 0, when: 'the scenario was printed or written' },
    { code: 2, when: '--out exists (without --force), or an unknown fault type' },
    USAGE,
  ],
  note: [
    { code: 0, when: 'the note was appended' },
    { code: 2, when: 'no such run under the reports directory, the note is empty, or --at/--tag is not valid' },
    USAGE,
  ],
  mark: [
    { code: 0, when: 'the mark was appended' },
    { code: 2, when: 'no such run, not a mark (detected, engaged, mitigated, recovered), or --at is not a time (or an offset before the experiment started)' },
    USAGE,
  ],
  review: [
    { code: 0, when: 'the review was recorded and the reports re-rendered' },
    { code: 2, when: 'no such run, no reviewer, or --date is not YYYY-MM-DD' },
    USAGE,
  ],
  'actions list': [
    { code: 0, when: 'the items were listed (also when there are none)' },
    { code: 2, when: 'the scenario has no action items, or an action-items.json is not valid JSON' },
    USAGE,
  ],
  'actions show': [
    { code: 0, when: 'the item was shown' },
    { code: 2, when: 'no item has that id (or the prefix is ambiguous)' },
    USAGE,
  ],
  'actions close': [
    { code: 0, when: 'the item is closed (also when it already was)' },
    { code: 2, when: 'no item has that id (or the prefix is ambiguous)' },
    USAGE,
  ],
  'actions assign': [
    { code: 0, when: 'the item has that owner (also when it already had)' },
    { code: 2, when: 'no item has that id, or the owner is empty' },
    USAGE,
  ],
  'schedule list': [
    { code: 0, when: 'every scheduled scenario is listed (invalid files without spec.schedule are warnings)' },
    { code: 2, when: 'a scheduled scenario is invalid (the valid ones are still listed)' },
    USAGE,
  ],
  'schedule due': [
    { code: 0, when: 'whether or not something is due (invalid files without spec.schedule are warnings)' },
    { code: 2, when: 'a scheduled scenario is invalid (the valid ones are still decided)' },
    USAGE,
  ],
  'schedule run-due': [
    { code: 0, when: 'every due game day passed, or nothing was due' },
    { code: 1, when: 'a due game day failed or had findings, or its window closed before it could start' },
    { code: 2, when: 'none of the above, but a scheduled scenario is invalid; or something was due and --yes is missing' },
    { code: 3, when: 'a due game day hit an AWS or sandbox error' },
    { code: 4, when: 'FIS never confirmed the stop of a due game day: its experiment may still be running (`gameday abort`)' },
    { code: 130, when: 'interrupted: the running game day stopped its experiment; nothing after it started' },
    USAGE,
  ],
  'schedule export': [
    { code: 0, when: 'the calendar or template was written' },
    { code: 2, when: 'a scheduled scenario is invalid, none is scheduled, or a cron EventBridge cannot express' },
    USAGE,
  ],
} satisfies Record<string, ExitCodeRow[]>;

export type TabledCommand = keyof typeof EXIT_CODE_TABLES;

/** The command's description with its exit-code table appended, for `--help`. */
export function withExitCodes(command: TabledCommand, description: string): string {
  const rows = EXIT_CODE_TABLES[command].map((r) => `  ${String(r.code).padStart(3)}  ${r.when}`);
  return `${description}\n\nExit codes:\n${rows.join('\n')}`;
}

/** The README's table for one command. */
export function exitCodeMarkdown(command: TabledCommand): string {
  return [`#### \`gameday ${command}\``, '', '| code | meaning |', '| ---: | --- |', ...EXIT_CODE_TABLES[command].map((r) => `| ${r.code} | ${r.when} |`)].join('\n');
}
