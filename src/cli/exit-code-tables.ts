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
  'world init': [
    { code: 0, when: 'the world was printed or written' },
    { code: 2, when: '--out exists (it is never overwritten), a scenario is invalid or cannot be compiled, or the scenarios name different accounts or Regions' },
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
  run: [
    { code: 0, when: 'the game day passed: every expectation held' },
    { code: 1, when: 'a finding: the game day ran and an expectation failed or a runbook gap was found, or preflight failed (nothing was injected)' },
    { code: 2, when: 'refused before anything was injected: an invalid scenario or plan, a stale plan, a guard (account, region, an unfinished run, no --yes without a terminal) or missing approvals' },
    { code: 3, when: 'an AWS or sandbox error: unreachable, refused, throttled past retries' },
    { code: 3, when: 'the game day ended but FIS would not delete its experiment template: it is left in the account, and the output names `gameday abort RUN` and `aws fis delete-experiment-template --id …` (this code wins over 130, 1 and 0)' },
    { code: 4, when: 'FIS never confirmed a stop gameday asked for: the experiment may still be running; the run stays unfinished and the output names `gameday abort`, `gameday halt` and the AWS CLI line' },
    { code: 130, when: 'interrupted (Ctrl-C, SIGTERM, SIGHUP): the experiment was stopped, FIS confirmed it, and the report was written' },
    USAGE,
  ],
  'report list': [
    { code: 0, when: 'the runs were listed (journals too short to judge are listed as not judged, with the reason)' },
    { code: 2, when: '--reports-dir is not a directory' },
    USAGE,
  ],
  'report show': [
    { code: 0, when: 'the game day passed' },
    { code: 1, when: 'the game day did not pass (failed or incomplete)' },
    { code: 2, when: 'no such run, or its journal cannot be judged (too short, or not a journal)' },
    USAGE,
  ],
  'report render': [
    { code: 0, when: 'the reports were written; the game day passed' },
    { code: 1, when: 'the reports were written; the game day did not pass' },
    { code: 2, when: 'no such run, an unknown --format, or its journal cannot be judged' },
    USAGE,
  ],
  'report diff': [
    { code: 0, when: 'the later run is better or no worse' },
    { code: 1, when: 'the later run is worse (regressed)' },
    { code: 2, when: 'the runs are of different scenarios, a run cannot be found, or a journal cannot be judged' },
    USAGE,
  ],
  'report index': [
    { code: 0, when: 'the index was written (runs not judged are listed on it)' },
    { code: 2, when: '--reports-dir is not a directory' },
    USAGE,
  ],
  watch: [
    { code: 0, when: 'the run’s journal ended while the live view was served (the page keeps the final state)' },
    { code: 2, when: 'no such run, the run has already ended (nothing live to watch: open its report), or --port is taken' },
    { code: 130, when: 'Ctrl-C (SIGTERM, SIGHUP) ended the view; the game day goes on' },
    USAGE,
  ],
  abort: [
    { code: 0, when: 'every selected run was closed and its experiments confirmed stopped, or there was no unfinished run (--all)' },
    { code: 2, when: 'no run named (give a run directory or --all), or no journal in the directory given' },
    { code: 3, when: 'something could not be stopped or reached, or a template could not be deleted: run abort again' },
    USAGE,
  ],
  halt: [
    { code: 0, when: 'every running gameday experiment was stopped, or none was running' },
    { code: 2, when: 'not confirmed: no --yes without a terminal, or no region' },
    { code: 3, when: 'an experiment could not be stopped, or AWS could not be reached' },
    USAGE,
  ],
  approve: [
    { code: 0, when: 'the approval was recorded (the output says who is still needed)' },
    { code: 2, when: 'not one of the approvers spec.gameDay.approvals names, or the scenario is invalid' },
    USAGE,
  ],
  sandbox: [
    { code: 0, when: 'it served until Ctrl-C or SIGTERM and stopped cleanly' },
    { code: 2, when: 'an invalid world file, --speed or --clock-start' },
    { code: 3, when: 'the port is in use' },
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
