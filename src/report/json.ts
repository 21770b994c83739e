import type { ReportModel } from './report-model.js';
import { summarySentences } from './summary.js';

/** The report.json document; schemas/report.schema.json is its contract. */
export const REPORT_JSON_VERSION = 'gameday/report/v1';

export function renderJson(model: ReportModel): string {
  return `${JSON.stringify({ schema: REPORT_JSON_VERSION, summary: summarySentences(model).join(' '), run: model.run, ...(model.fis ? { fis: model.fis } : {}), verdict: model.verdict, timeline: model.timeline, series: model.series, people: model.people, ...(model.actionItems ? { actionItems: model.actionItems } : {}) }, null, 2)}\n`;
}
