import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../src/report/html.js';
import { renderJson } from '../../../src/report/json.js';
import { renderJunit } from '../../../src/report/junit.js';
import { loadRun } from '../../../src/report/load-run.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { runDirs } from '../../../src/report/find-run.js';

const examples = fileURLToPath(new URL('../../../reports/examples', import.meta.url));
const schema = JSON.parse(await readFile(new URL('../../../schemas/report.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const validate = ajv.compile(schema);

// The committed example is what a visitor reads: it must be what gameday renders from its journal today.
// After a renderer change: node bin/run.js report render reports/examples/<scenario>/<run-id>; after a change to the
// scenario or to what a run journals, re-record it: scripts/record-example.sh.
describe('reports/examples', async () => {
  const runs = await runDirs(examples);
  it('holds at least one run', () => expect(runs.length).toBeGreaterThan(0));
  for (const { scenario, runId, runDir } of runs) {
    it(`${scenario}/${runId}: the committed reports are the current renders of its journal`, async () => {
      const { model } = await loadRun(runDir);
      const committed = (file: string) => readFile(join(runDir, file), 'utf8');
      expect(await committed('report.md')).toBe(renderMarkdown(model));
      expect(await committed('report.html')).toBe(renderHtml(model));
      expect(await committed('report.json')).toBe(renderJson(model));
      expect(await committed('junit.xml')).toBe(renderJunit(model));
      expect(validate(JSON.parse(await committed('report.json'))), JSON.stringify(validate.errors)).toBe(true);
    });
  }

  // Issue 14's "done when": the example a visitor reads shows the people's half of a game day and its SLO burn.
  it('the checkout-az-power example shows roles, marks, the review, action items and SLO burn', async () => {
    const latest = runs.filter((r) => r.scenario === 'checkout-az-power').at(-1);
    expect(latest, 'no checkout-az-power example: scripts/record-example.sh').toBeDefined();
    const json = JSON.parse(await readFile(join(latest!.runDir, 'report.json'), 'utf8'));
    expect(json.people.roles).toMatchObject({ owner: expect.any(String), coordinator: expect.any(String), reporter: expect.any(String), observers: expect.arrayContaining([expect.any(String)]) });
    expect(json.verdict.marks.map((m: { mark: string }) => m.mark).sort()).toEqual(['detected', 'engaged', 'mitigated', 'recovered']);
    for (const m of json.verdict.marks) expect(m.by, `${m.mark} mark without --by`).toEqual(expect.any(String));
    const [timings] = json.verdict.humanTimings;
    for (const step of ['detectByAlarm', 'detectByPeople', 'engage', 'mitigate', 'recover', 'recoverByPeople']) expect(timings[step]?.seconds, step).toBeGreaterThan(0);
    expect(json.verdict.notes.map((n: { tag?: string }) => n.tag).filter(Boolean).sort()).toEqual(['lucky', 'well', 'wrong']);
    expect(json.verdict.reviews).toEqual([{ by: expect.arrayContaining([expect.any(String)]), date: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) }]);
    expect(json.actionItems.items.length).toBeGreaterThan(0);
    for (const item of json.actionItems.items) expect(item).toMatchObject({ id: expect.any(String), type: expect.any(String), owner: expect.any(String), due: expect.any(String), status: 'open' });
    expect(json.verdict.slo).toMatchObject({ slo: 'checkout-availability', below: expect.any(Number), stopAbove: expect.any(Number) });
    expect(json.verdict.slo.consumedPercent).toBeGreaterThan(0);
    expect(json.verdict.slo.peakBurnRate.value).toBeGreaterThan(json.verdict.slo.below);
    const md = await readFile(join(latest!.runDir, 'report.md'), 'utf8');
    for (const heading of ['## SLO and error budget', '## Human timings', '## Action items', '## Review: what went well, what went wrong, where we got lucky']) expect(md).toContain(heading);
    expect(md).toMatch(/^- \*\*Roles:\*\* owner \S+, coordinator \S+, reporter \S+/m);
    expect(md).toMatch(/^- \*\*Reviewed:\*\* \d{4}-\d\d-\d\d by /m);
  });
});
