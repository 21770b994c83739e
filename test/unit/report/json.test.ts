import { readFile } from 'node:fs/promises';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { judge } from '../../../src/core/verdict/judge.js';
import { renderJson } from '../../../src/report/json.js';
import { buildReportModel } from '../../../src/report/report-model.js';
import { journals } from '../../fixtures/journals/index.js';

const schema = JSON.parse(await readFile(new URL('../../../schemas/report.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);
const validate = ajv.compile(schema);

describe('report.json', () => {
  for (const [name, build] of Object.entries(journals)) {
    it(`${name} validates against schemas/report.schema.json`, () => {
      const events = build();
      const doc = JSON.parse(renderJson(buildReportModel(events, judge(events))));
      expect(validate(doc), JSON.stringify(validate.errors, null, 2)).toBe(true);
    });
  }

  it('the schema rejects a report with an unknown gap kind', () => {
    const events = journals['late-detection']!();
    const doc = JSON.parse(renderJson(buildReportModel(events, judge(events))));
    doc.verdict.gaps[0].kind = 'vibes';
    expect(validate(doc)).toBe(false);
  });

  it('carries the verdict numbers', () => {
    const events = journals['stop-condition-trip']!();
    const doc = JSON.parse(renderJson(buildReportModel(events, judge(events))));
    expect(doc.schema).toBe('gameday/report/v1');
    expect(doc.verdict.rto).toMatchObject({ measuredSeconds: 480, targetSeconds: 300 });
    expect(doc.run).toMatchObject({ owner: 'payments-sre', runbook: { path: 'runbooks/checkout-az.md' } });
  });
});
