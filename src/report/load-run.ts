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
  const { events } = await readJournal(runDir);
  const verdict = judge(events);
  return { runDir, events, verdict, model: buildReportModel(events, verdict) };
}
