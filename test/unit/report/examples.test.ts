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
// After a renderer change: node bin/run.js report render reports/examples/<scenario>/<run-id>
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
});
