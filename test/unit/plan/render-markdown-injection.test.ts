import { describe, expect, it } from 'vitest';
import { compilePlan } from '../../../src/core/plan/compile.js';
import { renderPlanMarkdown } from '../../../src/core/plan/render-markdown.js';
import { renderPlanReportMarkdown } from '../../../src/core/plan/render-report.js';
import { markdownCode, markdownFence, markdownText } from '../../../src/core/markdown-text.js';
import { checkoutRebootFisTemplate, loaded } from './fixtures.js';

/** Hostile scenario strings as a pull request could write them (issue 16 item 7). */
const HEADING = 'Reboots web.\n\n## Approved by security\n\n![x](https://evil.example/pixel.png)';
const ALARM = 'web-5xx`\n<svg onload=alert(1)>`';
const OWNER = '@octo-org/security [click](javascript:alert(1)) <img src=x onerror=alert(1)>';

function hostilePlan() {
  const s = checkoutRebootFisTemplate();
  s.metadata.description = HEADING;
  s.metadata.owner = OWNER;
  s.spec.stopConditions = [{ alarm: ALARM }];
  return compilePlan(loaded(s));
}

/** What the markdown would render as outside every code span and fence (a rough CommonMark reading). */
function outsideCode(md: string): string {
  let rest = md;
  // Fences first: a fence closes only on a line of at least as many backticks as it opened with.
  rest = rest.replace(/^(`{3,})[^\n]*\n[\s\S]*?\n\1`*$/gm, '');
  // Code spans: the same run of backticks opens and closes one.
  rest = rest.replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, '');
  return rest;
}

describe('plan markdown (PR comments): scenario strings stay text', () => {
  it('a newline in the description starts no heading, block or image', () => {
    const md = renderPlanMarkdown(hostilePlan());
    expect(md.split('\n').filter((line) => /^#{1,6} /.test(line))).toEqual(['### Game day plan: `checkout-reboot-fis-template`']);
    expect(md).not.toMatch(/!\[x\]\(/);
    expect(md).toContain('Reboots web.  \\#\\# Approved by security  \\!\\[x\\]\\(https://evil.example/pixel.png\\)');
  });

  it('an alarm name cannot leave its code span: no raw HTML outside code', () => {
    const md = renderPlanMarkdown(hostilePlan());
    const stop = md.split('\n').find((line) => line.includes('svg'))!;
    expect(stop).toBe('- `` web-5xx` <svg onload=alert(1)>` ``');
    expect(outsideCode(md)).not.toMatch(/<svg|<img/);
  });

  it('links, images, HTML and mentions in any text are inert', () => {
    const md = renderPlanMarkdown(hostilePlan());
    const prose = outsideCode(md);
    expect(prose).not.toMatch(/\[click\]\(/);
    expect(prose).not.toMatch(/<img/);
    expect(prose).not.toMatch(/(^|[^\w&#;])@octo-org/);
    expect(md).toContain('owner @&#8203;octo-org/security \\[click\\]\\(javascript:alert\\(1\\)\\) &lt;img src=x onerror=alert\\(1\\)>');
  });

  it('a file name or diagnostic with backticks cannot close its fence', () => {
    const fenced = markdownFence('text', ['scenarios/x.yaml:3:1 bad value', '```', '<script>alert(1)</script>']);
    expect(fenced[0]).toBe('````text');
    expect(fenced.at(-1)).toBe('````');
    const report = renderPlanReportMarkdown({
      results: [{ status: 'invalid', file: 'scenarios/a`b.yaml', diagnostics: [{ severity: 'error', code: 'SCHEMA', message: 'value ```\n<script>alert(1)</script>', file: 'scenarios/a`b.yaml', line: 3, col: 1 }] }],
      summary: { scenarios: 1, planned: 0, invalid: 1 },
      ok: false,
    } as unknown as Parameters<typeof renderPlanReportMarkdown>[0]);
    expect(report).toContain('### ❌ ``scenarios/a`b.yaml``');
    expect(outsideCode(report)).not.toMatch(/<script>/);
  });

  it('the escapes themselves: code spans fit their content, text keeps its words', () => {
    expect(markdownCode('plain')).toBe('`plain`');
    expect(markdownCode('a``b')).toBe('```a``b```');
    expect(markdownCode('`edge`')).toBe('`` `edge` ``');
    expect(markdownText('multi-az checkout, 5xx < 2%')).toBe('multi-az checkout, 5xx &lt; 2%');
    expect(markdownText('- not a list')).toBe('\\- not a list');
    expect(markdownText('1. not a list')).toBe('\\1. not a list');
    expect(markdownText('a | b')).toBe('a \\| b');
  });
});
