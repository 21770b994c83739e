import { lstat, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { actionItemsPath, readActionItems } from '../../../src/core/actions/action-items-file.js';
import { followUpRun, ownerOf } from '../../../src/core/actions/follow-up-run.js';
import type { JournalEvent, RunStarted } from '../../../src/core/journal/events.js';
import { readJournal } from '../../../src/core/journal/reader.js';
import { parseProjectConfig } from '../../../src/core/config/project-config.js';
import { GamedayError } from '../../../src/core/errors.js';
import { loadRun } from '../../../src/report/load-run.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { journals } from '../../fixtures/journals/index.js';
import { fixtureReportsDir, writeRun } from '../../helpers/fixture-runs.js';

describe('followUpRun: a run ends, its gaps become action items', () => {
  it('opens an item per gap, journals what it did once, and the report reads it from the journal', async () => {
    const { reportsDir, runDirs } = await fixtureReportsDir(['late-detection']);
    const runDir = runDirs['late-detection']!;
    const { verdict } = await loadRun(runDir);
    const update = await followUpRun(runDir, { reportsDir, policy: { critical: 3, high: 14, medium: 60, low: 120 } });
    expect(update!.opened).toHaveLength(verdict.gaps.length);
    const file = (await readActionItems(reportsDir, verdict.scenario))!;
    const ended = (await readJournal(runDir)).events.find((e) => e.type === 'run-ended')!;
    expect(file.items).toEqual([expect.objectContaining({ gap: { kind: 'detection', subject: 'catalog-cpu-high' }, severity: 'medium', type: 'detect', status: 'open' })]);
    expect(file.items[0]!.due).toBe(new Date(Date.parse(ended.at) + 60 * 86_400_000).toISOString().slice(0, 10));
    expect((await readJournal(runDir)).events.at(-1)).toMatchObject({ type: 'action-items', opened: update!.opened });
    expect(await followUpRun(runDir, { reportsDir })).toBeUndefined();
    expect((await readJournal(runDir)).events.filter((e) => e.type === 'action-items')).toHaveLength(1);
    const md = renderMarkdown((await loadRun(runDir)).model);
    expect(md).toContain(`## Action items\n\n0 open from last time (0 closed by this run, their gap gone; 0 still open), 0 regressed, ${verdict.gaps.length} new: ${verdict.gaps.length} open now.`);
  });

  it('an interrupted run closes nothing it could not check; the next full run closes the gaps it no longer finds', async () => {
    const { reportsDir, runDirs } = await fixtureReportsDir(['single-az-breach']);
    const first = await followUpRun(runDirs['single-az-breach']!, { reportsDir });
    expect(first!.opened).toHaveLength(6);
    // The same scenario, interrupted 90 s into the fault: no recovery observed, no Resilience Hub data.
    const second = await followUpRun(await writeRun(reportsDir, journals.interrupted!()), { reportsDir });
    expect(second).toMatchObject({ closed: [], opened: [], regressed: [] });
    expect(second!.carried.sort()).toEqual([...first!.opened].sort());
    // A passing run of it (every probe recovered, Resilience Hub answered) finds none of them.
    const third = await followUpRun(await writeRun(reportsDir, journals['multi-az-pass']!()), { reportsDir });
    expect(third!.closed.sort()).toEqual([...first!.opened].sort());
    expect((await readActionItems(reportsDir, 'checkout-az-power'))!.items.every((i) => i.status === 'closed' && i.closedBy === 'gameday')).toBe(true);
  });

  it('a journal without run-ended is not followed up', async () => {
    const { reportsDir } = await fixtureReportsDir([]);
    const runDir = await writeRun(reportsDir, journals['late-detection']!().filter((e) => e.type !== 'run-ended'));
    expect(await followUpRun(runDir, { reportsDir })).toBeUndefined();
    expect(await readActionItems(reportsDir, 'catalog-cpu-stress')).toBeUndefined();
  });

  it('writes the items file atomically, never through a symlink planted in its place', async () => {
    const { reportsDir, runDirs } = await fixtureReportsDir(['late-detection']);
    // Someone else's file, which happens to parse: gameday may read it, never write to it.
    const target = join(reportsDir, 'elsewhere.json');
    const precious = '{ "apiVersion": "gameday/v1", "kind": "ActionItems", "scenario": "catalog-cpu-stress", "items": [] }\n';
    await writeFile(target, precious);
    const path = actionItemsPath(reportsDir, 'catalog-cpu-stress');
    await symlink(target, path);
    await followUpRun(runDirs['late-detection']!, { reportsDir });
    expect(await readFile(target, 'utf8')).toBe(precious);
    expect((await lstat(path)).isSymbolicLink()).toBe(false);
    expect((await readActionItems(reportsDir, 'catalog-cpu-stress'))!.items).toHaveLength(1);
  });

  it('names a hand-broken items file at its line, exit 2', async () => {
    const { reportsDir, runDirs } = await fixtureReportsDir(['late-detection']);
    await writeFile(actionItemsPath(reportsDir, 'catalog-cpu-stress'), '{\n  "kind": "ActionItems",\n  "items": [,]\n}\n');
    const error = await followUpRun(runDirs['late-detection']!, { reportsDir }).catch((e: unknown) => e);
    expect(GamedayError.is(error) && error.exitCode).toBe(2);
    expect((error as Error).message).toMatch(/action-items\.json:3:13: not valid JSON \(Unexpected , in flow sequence\)/);
  });

  it('owner: the runbook’s, else the game day’s, else the scenario’s, else the project’s', () => {
    const started = journals['late-detection']!().find((e): e is JournalEvent & RunStarted => e.type === 'run-started')!;
    const plan = structuredClone(started.plan);
    const withPlan = (change: (p: typeof plan) => void): RunStarted => {
      const p = structuredClone(plan);
      change(p);
      return { ...started, plan: p };
    };
    const none = withPlan((p) => {
      delete p.scenario.owner;
      delete p.gameDay;
      if (p.runbook) delete p.runbook.owner;
    });
    expect(ownerOf(none)).toBeUndefined();
    expect(ownerOf(none, '@acme/sre')).toBe('@acme/sre');
    expect(ownerOf(withPlan((p) => (p.scenario.owner = 'payments')), '@acme/sre')).toBe('payments');
    expect(ownerOf(withPlan((p) => ((p.scenario.owner = 'payments'), (p.gameDay = { owner: 'ana', observers: [], approvals: [] }))))).toBe('ana');
    expect(ownerOf(withPlan((p) => ((p.gameDay = { owner: 'ana', observers: [], approvals: [] }), (p.runbook = { path: 'r.md', owner: '@db-oncall', alarms: [], sops: [], tests: [] }))))).toBe('@db-oncall');
  });
});

describe('gameday.config.yaml actionItems.due', () => {
  const parse = (text: string) => parseProjectConfig('/repo/gameday.config.yaml', Buffer.from(text));
  it('sets days per severity; the others keep the default', () => {
    expect(parse('actionItems:\n  due:\n    high: P14D\n    low: P4W\n')).toMatchObject({ ok: true, config: { actionItems: { due: { critical: 7, high: 14, medium: 90, low: 28 } } } });
  });
  it('refuses what is not a whole number of days, and unknown severities, at their line', () => {
    const r = parse('actionItems:\n  due:\n    high: PT12H\n    urgent: P1D\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics.map((d) => [d.line, d.code, d.message])).toEqual([
      [3, 'CONFIG_INVALID', 'actionItems.due.high must be a whole number of days as an ISO 8601 duration'],
      [4, 'UNKNOWN_FIELD', 'unknown severity "urgent"'],
    ]);
    expect(parse('actionItems: { dew: {} }\n')).toMatchObject({ ok: false, diagnostics: [{ code: 'UNKNOWN_FIELD', message: 'unknown setting "actionItems.dew"' }] });
  });
});
