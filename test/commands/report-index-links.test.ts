import { readFile, rename } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fixtureReportsDir, writeRun } from '../helpers/fixture-runs.js';
import { journals } from '../fixtures/journals/index.js';

describe('report index links (issue 16)', () => {
  it('scenario folders named like javascript: or data: URLs are linked as paths, never as schemes', async () => {
    const { reportsDir, runDirs } = await fixtureReportsDir(['multi-az-pass']);
    await rename(dirname(runDirs['multi-az-pass']!), join(reportsDir, 'javascript:alert(1)'));
    await rename(dirname(await writeRun(reportsDir, journals['single-az-breach']!())), join(reportsDir, 'data:text'));
    const r = await runCli(['report', 'index', '--reports-dir', reportsDir]);
    expect(r.code, r.stderr).toBe(0);
    const html = await readFile(join(reportsDir, 'index.html'), 'utf8');
    const hrefs = [...html.matchAll(/href="([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.length).toBeGreaterThanOrEqual(2);
    expect(hrefs.filter((h) => /^\s*(javascript|data|vbscript):/i.test(h))).toEqual([]);
    expect(hrefs).toEqual(expect.arrayContaining([expect.stringMatching(/^javascript%3Aalert\(1\)\/[^/]+\/report\.html$/), expect.stringMatching(/^data%3Atext\/[^/]+\/report\.html$/)]));
  });
});
