import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, readFile, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli } from '../helpers/cli.js';
import { fixtureReportsDir } from '../helpers/fixture-runs.js';

let reportsDir: string;
let runDirs: Record<string, string>;

beforeAll(async () => {
  ({ reportsDir, runDirs } = await fixtureReportsDir(['multi-az-pass', 'single-az-breach']));
});

describe('the report a review meeting wants', () => {
  it('opens with two or three sentences: hypothesis, verdict with the worst finding, impact in numbers', async () => {
    const dir = runDirs['single-az-breach']!;
    await runCli(['report', 'render', dir]);
    const md = await readFile(join(dir, 'report.md'), 'utf8');
    const summary = md.split('\n\n')[2]!;
    expect(summary).toBe(
      'Hypothesis: Power loss in us-east-1b: does checkout keep taking orders? Verdict FAILED: 4 of 8 expectations met, 6 runbook gaps; the worst (critical): Not recovered within 30m after the fault ended. Impact: the steady state broke 1m (60 s) after the fault started and was impacted for 59m (3540 s) in all; it did not recover within the watch window, data loss 4m (240 s) against 1m (Resilience Hub policy).',
    );
    expect(summary.split(/(?<=[.?!]) (?=[A-Z])/)).toHaveLength(3);
    const json = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8'));
    expect(json.summary).toBe(summary);
    expect(await readFile(join(dir, 'report.html'), 'utf8')).toContain('<p class="summary">Hypothesis: Power loss in us-east-1b');
  });

  it('what went well / wrong / lucky comes from tagged notes, and people’s detection shows in the summary', async () => {
    const dir = runDirs['multi-az-pass']!;
    for (const [tag, text, at] of [
      ['well', 'ALB shifted traffic within a minute', '+2m'],
      ['wrong', 'nobody knew who owns the DB failover SOP', '+4m'],
      ['lucky', 'the replica happened to be in 1a', '+5m'],
      ['well', 'pager reached Ravi at once', '+1m30s'],
    ]) {
      expect((await runCli(['note', dir, text!, '--tag', tag!, '--at', at!, '--by', 'Ana'])).code).toBe(0);
    }
    await runCli(['mark', dir, 'detected', '--at', '+1m30s', '--by', 'Ravi']);
    await runCli(['report', 'render', dir]);
    const md = await readFile(join(dir, 'report.md'), 'utf8');
    const review = md.slice(md.indexOf('## Review: what went well'), md.indexOf('## Facilitator notes'));
    expect(review).toBe(
      [
        '## Review: what went well, what went wrong, where we got lucky',
        '',
        '### What went well',
        '',
        '- 10:03:30Z (+1m 30s) — Ana: pager reached Ravi at once',
        '- 10:04:00Z (+2m) — Ana: ALB shifted traffic within a minute',
        '',
        '### What went wrong',
        '',
        '- 10:06:00Z (+4m) — Ana: nobody knew who owns the DB failover SOP',
        '',
        '### Where we got lucky',
        '',
        '- 10:07:00Z (+5m) — Ana: the replica happened to be in 1a',
        '',
        '',
      ].join('\n'),
    );
    expect(md).toContain('people detected it after 1m 30s (90 s).');
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    expect(html).toContain('<h3>Where we got lucky</h3>\n<ul class="notes"><li>10:07:00Z (+5m) — Ana: the replica happened to be in 1a</li></ul>');
  });

  it('gameday review records reviewers and the date, re-renders the reports, and refuses a bad date', async () => {
    const dir = runDirs['single-az-breach']!;
    const r = await runCli(['review', '20261126T110000Z-d4e5f6', '--by', 'Ana', '--by', 'Ravi', '--date', '2026-11-27', '--reports-dir', reportsDir, '--json']);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout).review).toMatchObject({ type: 'review', by: ['Ana', 'Ravi'], date: '2026-11-27' });
    expect(await readFile(join(dir, 'report.md'), 'utf8')).toContain('- **Reviewed:** 2026-11-27 by Ana, Ravi');
    expect(await readFile(join(dir, 'report.html'), 'utf8')).toContain('<li>Reviewed: 2026-11-27 by Ana, Ravi</li>');
    expect(JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')).verdict.reviews).toEqual([{ by: ['Ana', 'Ravi'], date: '2026-11-27' }]);
    const today = await runCli(['review', dir, '--by', 'Lee']);
    expect(today.code).toBe(0);
    expect(await readFile(join(dir, 'report.md'), 'utf8')).toContain(`- **Reviewed:** 2026-11-27 by Ana, Ravi; ${new Date().toISOString().slice(0, 10)} by Lee`);
    const bad = await runCli(['review', dir, '--by', 'Ana', '--date', '2026-02-30']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--date 2026-02-30: not a date');
    expect((await runCli(['review', dir])).code).toBe(2);
  });

  it('a sandbox run is labelled SIMULATION in the header, report show, report list, the index and JUnit', async () => {
    const dir = runDirs['multi-az-pass']!;
    await runCli(['report', 'render', dir]);
    expect(await readFile(join(dir, 'report.md'), 'utf8')).toContain('> **SIMULATION — a sandbox rehearsal, not production evidence**');
    expect((await runCli(['report', 'show', dir])).stdout).toContain('SIMULATION — a sandbox rehearsal, not production evidence');
    const list = await runCli(['report', 'list', '--reports-dir', reportsDir]);
    expect(list.stdout.split('\n')[0]).toMatch(/verdict\s+where\s+RTO \/ target\s+gaps\s+open items/);
    for (const line of list.stdout.split('\n').filter((l) => l.includes('checkout-az-power'))) expect(line).toContain('SIMULATION');
    expect(JSON.parse((await runCli(['report', 'list', '--reports-dir', reportsDir, '--json'])).stdout).runs.every((r: { simulation: boolean }) => r.simulation)).toBe(true);
    const out = join(reportsDir, 'index.html');
    expect((await runCli(['report', 'index', '--reports-dir', reportsDir, '--out', out])).code).toBe(0);
    const index = await readFile(out, 'utf8');
    expect(index).toContain('<span class="simulation">SIMULATION</span>');
    expect(index).toMatch(/Verdicts, oldest first: <span class="PASSED"[^>]*>PASSED\*<\/span>→ <span class="FAILED"[^>]*>FAILED\*<\/span>/);
    const junit = await readFile(join(dir, 'junit.xml'), 'utf8');
    expect(junit).toContain('<testsuites name="SIMULATION gameday checkout-az-power 20261126T100000Z-a1b2c3"');
    expect(junit).toContain('<testsuite name="SIMULATION checkout-az-power expectations"');
    expect(junit).toContain('<property name="simulation" value="true"/>');
  });
});

describe('trend per scenario', () => {
  it('the index and report list count the open action items a run journalled (its action-items event), — when it journalled none', async () => {
    const { reportsDir: dir, runDirs: dirs } = await fixtureReportsDir(['multi-az-pass', 'single-az-breach']);
    const item = (id: string, status: 'open' | 'closed') => ({ id, title: id, type: 'detect', severity: 'high', due: '2026-12-26', status });
    const event = { seq: 999, at: '2026-11-26T12:05:00.000Z', type: 'action-items', carried: [], opened: ['AI-1', 'AI-2'], closed: ['AI-0'], regressed: [], items: [item('AI-0', 'closed'), item('AI-1', 'open'), item('AI-2', 'open')] };
    await writeFile(join(dirs['single-az-breach']!, 'journal.jsonl'), `${await readFile(join(dirs['single-az-breach']!, 'journal.jsonl'), 'utf8')}${JSON.stringify(event)}\n`);
    const list = await runCli(['report', 'list', '--reports-dir', dir]);
    expect(list.stdout).toMatch(/20261126T110000Z-d4e5f6 .* 6\s+2$/m);
    expect(list.stdout).toMatch(/20261126T100000Z-a1b2c3 .* 0\s+—$/m);
    const out = join(dir, 'index.html');
    await runCli(['report', 'index', '--reports-dir', dir, '--out', out]);
    const index = await readFile(out, 'utf8');
    expect(index).toContain('· 2 open action items after the latest run</p>');
    expect(index).toMatch(/<th>Met<\/th><th>RPO<\/th><th>Gaps<\/th><th>Open action items<\/th>/);
    expect(index).toMatch(/<td>unrecovered<\/td><td>5m<\/td><td><b class="FAILED">no<\/b><\/td>.*<td>2<\/td><\/tr>/);
  });
});

describe('runbook link from the report', () => {
  it('links the runbook relative to the report file and, with repositoryUrl in gameday.config.yaml, in the repository (a real sandbox run)', async () => {
    const repo = await mkdtemp(join(tmpdir(), 'gameday-repo-'));
    await mkdir(join(repo, '.git'));
    await mkdir(join(repo, 'scenarios', 'worlds'), { recursive: true });
    await mkdir(join(repo, 'runbooks'));
    await copyFile(join(ROOT, 'scenarios/orders-ecs-task-kill.yaml'), join(repo, 'scenarios/orders-ecs-task-kill.yaml'));
    await copyFile(join(ROOT, 'scenarios/worlds/orders-ecs.yaml'), join(repo, 'scenarios/worlds/orders-ecs.yaml'));
    await copyFile(join(ROOT, 'runbooks/orders-ecs.md'), join(repo, 'runbooks/orders-ecs.md'));
    await writeFile(join(repo, 'gameday.config.yaml'), 'repositoryUrl: https://github.com/acme/shop\nrepositoryRef: trunk\nreportsDir: reports\n');
    const run = await runCli(['run', 'scenarios/orders-ecs-task-kill.yaml', '--sandbox', '--yes', '--json'], { cwd: repo, timeoutMs: 120_000 });
    expect([0, 1], run.stderr).toContain(run.code);
    const { runDir } = JSON.parse(run.stdout) as { runDir: string };
    const md = await readFile(join(runDir, 'report.md'), 'utf8');
    expect(md).toContain('- **Runbook:** [runbooks/orders-ecs.md](../../../runbooks/orders-ecs.md) ([in the repository](https://github.com/acme/shop/blob/trunk/runbooks/orders-ecs.md))');
    expect(existsSync(resolve(runDir, '../../../runbooks/orders-ecs.md'))).toBe(true);
    const html = await readFile(join(runDir, 'report.html'), 'utf8');
    expect(html).toContain('<a href="../../../runbooks/orders-ecs.md"><code>runbooks/orders-ecs.md</code></a> (<a href="https://github.com/acme/shop/blob/trunk/runbooks/orders-ecs.md">in the repository</a>)');
    expect(JSON.parse(await readFile(join(runDir, 'report.json'), 'utf8')).run.runbookLinks).toEqual({ relative: '../../../runbooks/orders-ecs.md', repository: 'https://github.com/acme/shop/blob/trunk/runbooks/orders-ecs.md' });
    // A clone elsewhere (or the reports re-rendered on another machine) keeps a working link.
    const moved = `${repo}-moved`;
    await rename(repo, moved);
    const movedRunDir = join(moved, relative(repo, runDir));
    expect((await runCli(['report', 'render', movedRunDir, '--format', 'md'])).code).toBeLessThan(2);
    expect(await readFile(join(movedRunDir, 'report.md'), 'utf8')).toContain('[runbooks/orders-ecs.md](../../../runbooks/orders-ecs.md)');
    expect(existsSync(resolve(movedRunDir, '../../../runbooks/orders-ecs.md'))).toBe(true);
  }, 150_000);
});
