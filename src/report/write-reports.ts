import { writeFileAtomic } from '../core/fs/write-file-atomic.js';
import { join } from 'node:path';
import type { Verdict } from '../core/verdict/types.js';
import { renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderJunit } from './junit.js';
import { renderMarkdown } from './markdown.js';
import { loadRun } from './load-run.js';
import { REPORT_FORMATS, type ReportFormat } from './report-formats.js';
import type { ReportModel } from './report-model.js';


const OUTPUTS: Record<ReportFormat, { file: string; render: (model: ReportModel) => string }> = {
  md: { file: 'report.md', render: renderMarkdown },
  html: { file: 'report.html', render: renderHtml },
  json: { file: 'report.json', render: renderJson },
  junit: { file: 'junit.xml', render: renderJunit },
};

/** Reads a run's journal, judges it and writes the reports next to it. Returns the verdict and the files written. */
export async function writeReports(runDir: string, options: { formats?: ReportFormat[] } = {}): Promise<{ verdict: Verdict; simulation: boolean; files: string[] }> {
  const { verdict, model } = await loadRun(runDir);
  const files: string[] = [];
  for (const format of options.formats ?? REPORT_FORMATS) {
    const { file, render } = OUTPUTS[format];
    const path = join(runDir, file);
    await writeFileAtomic(path, render(model));
    files.push(path);
  }
  return { verdict, simulation: model.people.simulation, files };
}
