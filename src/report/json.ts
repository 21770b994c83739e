import { jsonText } from '../core/control-characters.js';
import type { ReportModel } from './report-model.js';
import { summarySentences } from './summary.js';

/** The report.json document; schemas/report.schema.json is its contract. */
export const REPORT_JSON_VERSION = 'gameday/report/v1';

export function renderJson(model: ReportModel): string {
  // jsonText: the characters JSON.stringify leaves raw (DEL, C1, U+2028/2029, bidi) as \u escapes, so a `cat` of the file is safe.
  return `${jsonText({ schema: REPORT_JSON_VERSION, summary: summarySentences(model).join(' '), run: model.run, ...(model.fis ? { fis: model.fis } : {}), verdict: model.verdict, timeline: model.timeline, series: model.series, people: model.people, ...(model.actionItems ? { actionItems: model.actionItems } : {}) }, 2)}\n`;
}
