import { GamedayError } from '../core/errors.js';
import { readJournal } from '../core/journal/reader.js';
import type { JournalEvent } from '../core/journal/events.js';
import { judge } from '../core/verdict/judge.js';
import type { Verdict } from '../core/verdict/types.js';
import { buildReportModel, type ReportModel } from './report-model.js';

export interface LoadedRun {
  runDir: string;
  events: JournalEvent[];
  verdict: Verdict;
  model: ReportModel;
}

/** A run judged afresh from its journal (never from a rendered report, which may be older than the code). */
export async function loadRun(runDir: string): Promise<LoadedRun> {
  const { events, truncatedTail } = await readJournal(runDir);
  if (truncatedTail && !events.some((e) => e.type === 'run-started')) {
    throw new GamedayError('JOURNAL_INVALID', `${runDir}: the journal was cut off mid-write before its run-started line was complete (the run died as it started): there is no plan to judge against`, {
      hint: '`gameday abort` closes such a run; `gameday report list` lists it as not judged',
    });
  }
  const verdict = judge(events);
  return { runDir, events, verdict, model: buildReportModel(events, verdict) };
}
