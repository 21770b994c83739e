import { Args, Flags } from '@oclif/core';
import { GamedayCommand } from '../cli/base-command.js';
import { endpointUrlFlag } from '../cli/endpoint-url-flag.js';
import { withExitCodes } from '../cli/exit-code-tables.js';
import { ExitCode } from '../cli/exit-codes.js';
import { oneLine } from '../core/control-characters.js';
import type { AbortedRun } from '../core/run/abort-runs.js';
import type { UnreadableJournal } from '../core/run/unfinished-runs.js';
import { reportsDirFlag } from '../cli/reports-dir-flag.js';

export default class Abort extends GamedayCommand {
  static override description = withExitCodes('abort', `Stop what an unfinished run left behind and close its journal.

An unfinished run is one whose journal has no run-ended: its process crashed, was killed (kill -9),
or lost its machine. abort finds the run's experiments (by the id in the journal, or by the
gameday:run tag when the process died before writing it), stops them and waits until FIS confirms,
deletes the run's experiment templates, and appends stop-requested (by: abort) and run-ended (aborted).
A run that ended but left a template FIS would not delete (template-delete-failed) is found too:
abort deletes only the template and journals template-deleted.`);

  static override examples = [
    { description: 'Abort one run', command: '<%= config.bin %> abort reports/checkout-az-power/20261126T101500Z-3f9a1c' },
    { description: 'Abort every unfinished run under reports/', command: '<%= config.bin %> abort --all' },
    { description: 'Abort runs made against a standalone sandbox', command: '<%= config.bin %> abort --all --endpoint-url http://127.0.0.1:4566' },
  ];

  static override args = {
    runDir: Args.string({ description: 'the run directory (reports/<scenario>/<run-id>)' }),
  };

  static override flags = {
    all: Flags.boolean({ description: 'abort every unfinished run under --reports-dir' }),
    'reports-dir': reportsDirFlag('where runs are written'),
    'endpoint-url': endpointUrlFlag('AWS-compatible endpoint (default: the one the run used)'),
    profile: Flags.string({ description: 'AWS profile for credentials' }),
  };

  async run(): Promise<{ runs: AbortedRun[]; skipped: UnreadableJournal[] }> {
    const { args, flags } = await this.parse(Abort);
    const { abortUnfinishedRuns } = await import('../core/run/abort-command.js');
    const { terminalRunHost } = await import('../cli/run-output.js');
    const { runs, skipped } = await abortUnfinishedRuns(
      {
        ...(args.runDir ? { runDir: args.runDir } : {}),
        all: flags.all,
        reportsDir: flags['reports-dir'],
        ...(flags['endpoint-url'] ? { endpoint: flags['endpoint-url'] } : {}),
        ...(flags.profile ? { profile: flags.profile } : {}),
      },
      await terminalRunHost(),
    );
    // Each line one line: AWS's error messages and journal paths inside them are not gameday's layout.
    const lines = (...each: string[]) => this.out(each.map(oneLine).join('\n'));
    for (const s of skipped) lines(`skipped (journal unreadable): ${s.runDir}`, `  ${s.message}`, '  it may belong to a run that is still unfinished: repair or move it, then abort again');
    if (runs.length === 0) this.out(skipped.length ? 'no other unfinished runs' : 'no unfinished runs');
    for (const run of runs) {
      lines(
        `${!run.closed ? 'NOT closed' : run.templatesLeft.length ? 'template(s) left' : run.cleanupOnly ? 'cleaned up' : 'aborted'}: ${run.runDir}`,
        ...run.experiments.map((e) => `  experiment ${e.id}: ${e.before} → ${e.after}`),
        ...run.templatesDeleted.map((t) => `  template ${t} deleted`),
        ...run.alarmsDeleted.map((a) => `  alarm ${a} deleted`),
        ...run.notes.map((n) => `  ${n}`),
      );
    }
    if (runs.some((r) => !r.closed || r.templatesLeft.length)) this.setExitCode(ExitCode.Aws);
    return { runs, skipped };
  }
}
