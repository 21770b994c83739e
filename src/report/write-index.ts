import { existsSync } from 'node:fs';
import { writeFileAtomic } from '../core/fs/write-file-atomic.js';
import { dirname, join, relative, sep } from 'node:path';
import { relativeHref } from './escape.js';
import { renderIndexHtml } from './index-html.js';
import { runHistory } from './run-history.js';
import { writeReports } from './write-reports.js';
import { makeDirs } from '../core/fs/make-dirs.js';

/** Writes the static index of every run under the reports directory, rendering report.html where a run has none yet (so every link works). */
export async function writeIndex(reportsDir: string, out: string = join(reportsDir, 'index.html')): Promise<{ file: string; runs: number; scenarios: number }> {
  const history = await runHistory(reportsDir);
  for (const r of history.runs) if (!existsSync(join(r.runDir, 'report.html'))) await writeReports(r.runDir, { formats: ['html'] });
  const base = dirname(out);
  const entries = history.runs.map((r) => ({ ...r, href: relativeHref(relative(base, join(r.runDir, 'report.html')).split(sep).join('/')) }));
  await makeDirs(base);
  await writeFileAtomic(out, renderIndexHtml(entries, history.unreadable));
  return { file: out, runs: entries.length, scenarios: new Set(entries.map((e) => e.scenario)).size };
}
