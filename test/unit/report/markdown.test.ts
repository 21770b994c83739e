import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { judge } from '../../../src/core/verdict/judge.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { buildReportModel } from '../../../src/report/report-model.js';
import { journals } from '../../fixtures/journals/index.js';

const golden = (name: string) => new URL(`../../fixtures/golden/${name}.md`, import.meta.url);

function render(name: string): string {
  const events = journals[name]!();
  return renderMarkdown(buildReportModel(events, judge(events)));
}

// Regenerate after an intended change: GAMEDAY_UPDATE_GOLDEN=1 npx vitest run test/unit/report/markdown.test.ts, then review the diff.
describe('report.md golden renders', () => {
  for (const name of ['multi-az-pass', 'stop-condition-trip', 'single-az-breach']) {
    it(name, async () => {
      const text = render(name);
      if (process.env.GAMEDAY_UPDATE_GOLDEN) await writeFile(golden(name), text);
      expect(text).toBe(await readFile(golden(name), 'utf8'));
    });
  }
});

describe('report.md', () => {
  it('puts the verdict and measured vs target RTO/RPO before the gaps', () => {
    const text = render('stop-condition-trip');
    const verdict = text.indexOf('## Verdict');
    expect(verdict).toBeGreaterThan(0);
    expect(verdict).toBeLessThan(text.indexOf('## Runbook gaps'));
    expect(text).toContain('| RTO | 8m (9m from the fault) | 5m (Resilience Hub policy) | 4m | **no** |');
    expect(text.indexOf('### High')).toBeLessThan(text.indexOf('### Medium'));
  });

  it('names the owner and participants, and the facilitator notes', () => {
    const text = render('multi-az-pass');
    expect(text).toContain('- **Owner:** payments-sre');
    expect(text).toContain('- **Participants:** Ana (facilitator), Ravi (on-call), Mei (db)');
    expect(text).toContain('Ana: Ravi paged by checkout-5xx-high');
  });

  it('says plainly that a gap-free run has no gaps, and that RPO was not measured without a probe', () => {
    expect(render('multi-az-pass')).toContain('No runbook gaps:');
    expect(render('late-detection')).toContain('RPO: RPO not measured: the scenario declares no data-loss probe');
  });

  it('keeps table cells intact when journal text contains pipes and newlines', () => {
    const events = journals['multi-az-pass']!().map((e) => (e.type === 'note' ? { ...e, text: 'a | b\nc' } : e));
    const text = renderMarkdown(buildReportModel(events, judge(events)));
    expect(text).toContain('a \\| b c');
  });
});
