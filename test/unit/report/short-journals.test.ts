import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { GamedayError } from '../../../src/core/errors.js';
import { journalPath } from '../../../src/core/journal/run-dir.js';
import { loadRun } from '../../../src/report/load-run.js';
import { renderHtml } from '../../../src/report/html.js';
import { renderJson } from '../../../src/report/json.js';
import { renderJunit } from '../../../src/report/junit.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { diffRuns } from '../../../src/report/run-diff.js';
import { runHistory } from '../../../src/report/run-history.js';
import { renderDiff, renderHistory, renderTerminal } from '../../../src/report/terminal.js';
import { writeIndex } from '../../../src/report/write-index.js';
import { journals } from '../../fixtures/journals/index.js';

/** Every journal a run can leave behind when it dies: each fixture cut after every event, and with its next line torn. */
async function cutJournals(): Promise<{ reportsDir: string; cuts: string[] }> {
  const reportsDir = await mkdtemp(join(tmpdir(), 'gameday-short-'));
  const cuts: string[] = [];
  for (const [name, make] of Object.entries(journals)) {
    const lines = make().map((e) => JSON.stringify(e));
    for (let keep = 0; keep < lines.length; keep++) {
      for (const torn of [false, true]) {
        const runDir = join(reportsDir, name, `cut-${String(keep).padStart(3, '0')}${torn ? '-torn' : ''}`);
        await mkdir(runDir, { recursive: true });
        const text = lines.slice(0, keep).map((l) => `${l}\n`).join('') + (torn ? lines[keep]!.slice(0, Math.ceil(lines[keep]!.length / 2)) : '');
        await writeFile(journalPath(runDir), text);
        cuts.push(runDir);
      }
    }
  }
  return { reportsDir, cuts };
}

describe('short and torn journals: every report path lists or refuses them, never crashes', () => {
  it('report list / index / show / render / diff on every cut of every fixture journal', async () => {
    const { reportsDir, cuts } = await cutJournals();
    const history = await runHistory(reportsDir);
    expect(history.runs.length + history.unreadable.length).toBe(cuts.length);
    // A journal cut before its run-started line is complete is listed as not judged, saying why.
    for (const u of history.unreadable) expect(u.message).toMatch(/run-started|cut off/);
    expect(history.unreadable.map((u) => u.runId)).toContain('cut-000-torn');
    const text = renderHistory(history);
    expect(text).toContain(`Not judged (${history.unreadable.length})`);
    for (const r of history.runs) expect(text).toContain(r.runId);

    const index = await writeIndex(reportsDir);
    expect(index.runs).toBe(history.runs.length);

    const loaded = [];
    for (const runDir of cuts) {
      try {
        const run = await loadRun(runDir);
        for (const render of [renderTerminal, renderMarkdown, renderHtml, renderJson, renderJunit]) expect(render(run.model)).not.toBe('');
        loaded.push(run);
      } catch (error) {
        expect(GamedayError.is(error), `${runDir}: ${String(error)}`).toBe(true);
      }
    }
    for (const after of loaded) {
      const before = loaded.find((run) => run.verdict.scenario === after.verdict.scenario)!;
      expect(renderDiff(diffRuns(before.verdict, after.verdict))).toContain('overall');
    }
  }, 120_000);

  it('a journal whose only line is torn says it was cut off, not that it is foreign', async () => {
    const { reportsDir } = await cutJournals();
    await expect(loadRun(join(reportsDir, 'multi-az-pass', 'cut-000-torn'))).rejects.toThrow(/cut off mid-write before its run-started/);
  });

  it('a run-started whose plan is only a name (schedule fixtures, older tools) is not judged, and says which parts are missing', async () => {
    const history = await runHistory('test/fixtures/schedule/reports');
    expect(history.runs).toEqual([]);
    const byRun = Object.fromEntries(history.unreadable.map((u) => [u.runId, u]));
    expect(byRun['20261201T090001Z-d4e5f6']).toMatchObject({ scenario: 'checkout-az-power', message: expect.stringMatching(/plan in run-started has no actions, .*cannot be judged/) });
    expect(byRun['20261208T090003Z-torn']?.message).toMatch(/cut off mid-write/);
  });
});
