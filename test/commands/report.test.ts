import { mkdtemp, readFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fixtureReportsDir, writeRun } from '../helpers/fixture-runs.js';
import { relapsingSequence } from '../fixtures/journals/catalog-sequence.js';

let reportsDir: string;
let runDirs: Record<string, string>;

beforeAll(async () => {
  ({ reportsDir, runDirs } = await fixtureReportsDir());
});

describe('gameday report list', () => {
  it('lists every run with date, verdict, RTO against target and gap count', async () => {
    const r = await runCli(['report', 'list', '--reports-dir', reportsDir]);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    // Issue 14 §5: every sandbox run says SIMULATION; the open action items column follows the gaps.
    expect(lines[0]).toMatch(/^started \(UTC\)\s+scenario\s+run\s+verdict\s+where\s+RTO \/ target\s+gaps\s+open items$/);
    expect(lines).toHaveLength(7);
    expect(r.stdout).toMatch(/2026-11-26 10:00\s+checkout-az-power\s+20261126T100000Z-a1b2c3\s+PASSED\s+SIMULATION\s+3m \/ 5m\s+0\s+—$/m);
    expect(r.stdout).toMatch(/20261126T110000Z-d4e5f6\s+FAILED \(completed\)\s+SIMULATION\s+unrecovered \/ 5m\s+6/);
    expect(r.stdout).toMatch(/20261126T130000Z-1f2e3d\s+INCOMPLETE \(interrupted\)\s+SIMULATION\s+not measured \/ 5m/);
  });

  it('filters by scenario, as JSON', async () => {
    const r = await runCli(['report', 'list', '--reports-dir', reportsDir, '--scenario', 'catalog-cpu-stress', '--json']);
    expect(r.code).toBe(0);
    const history = JSON.parse(r.stdout);
    expect(history.runs).toHaveLength(1);
    expect(history.runs[0]).toMatchObject({ scenario: 'catalog-cpu-stress', runId: '20261126T140000Z-5a6b7c', passed: false, gaps: 1, rto: { measuredSeconds: 360, fromFaultSeconds: 540, targetSeconds: 600 } });
  });

  it('lists runs whose journal is too short to judge (schedule fixtures: a plan with only its name, a torn first line) as not judged, saying why', async () => {
    const shortRuns = 'test/fixtures/schedule/reports';
    const r = await runCli(['report', 'list', '--reports-dir', shortRuns]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).not.toContain('internal error');
    expect(r.stdout).toContain('Not judged (6): incomplete or unreadable journals');
    expect(r.stdout).toMatch(/checkout-az-power\s+20261201T090001Z-d4e5f6\s+the plan in run-started has no actions, .*so the run cannot be judged/);
    expect(r.stdout).toMatch(/orders-ecs-task-kill\s+20261208T090003Z-torn\s+.*cut off mid-write before its run-started line was complete/);
    const json = JSON.parse((await runCli(['report', 'list', '--reports-dir', shortRuns, '--json'])).stdout);
    expect(json.runs).toEqual([]);
    expect(json.unreadable).toHaveLength(6);
    for (const sub of [['show', '20261201T090012Z-a1b2c3'], ['render', '20261208T090003Z-torn'], ['diff', '20261101T090001Z-renamed', '20261201T090001Z-d4e5f6']]) {
      const refused = await runCli(['report', ...sub, '--reports-dir', shortRuns]);
      expect(refused.code, `${sub.join(' ')}: ${refused.stderr}`).toBe(2);
      expect(refused.stderr).toMatch(/cannot be judged|cut off mid-write/);
      expect(refused.stderr).not.toContain('internal error');
    }
  }, 60_000);

  it('says so when there are no runs', async () => {
    const r = await runCli(['report', 'list', '--reports-dir', join(reportsDir, 'nothing-here')]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No runs under');
  });
});

describe('gameday report show', () => {
  it('prints the report for a run id, exit 1 for a failed game day', async () => {
    const r = await runCli(['report', 'show', '20261126T120000Z-0a0b0c', '--reports-dir', reportsDir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('checkout-az-power — FAILED (run stopped)');
    expect(r.stdout).toContain('RTO 8m (9m from the fault) against 5m (Resilience Hub policy) — MISSED');
    expect(r.stdout).toContain('[high] safety: Stop condition checkout-5xx-critical tripped');
    expect(r.stdout).toContain('Ana: Stop condition fired; rolled back by FIS');
  });

  it('accepts a run directory; exit 0 for a passed game day', async () => {
    const r = await runCli(['report', 'show', runDirs['multi-az-pass']!]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No runbook gaps: every alarm fired in time');
  });

  it('shows the impact intervals (relapse marked), the per-action rows and the detection table with its metric evidence', async () => {
    const dir = await writeRun(await mkdtemp(join(tmpdir(), 'gameday-show-')), relapsingSequence());
    const r = await runCli(['report', 'show', dir]);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    const after = (title: string, n: number) => lines.slice(lines.indexOf(title) + 1, lines.indexOf(title) + 1 + n).map((l) => l.replace(/ +/g, ' ').trim());
    expect(lines).toContain('Impact (2 intervals — first 10m 10s after the fault started, 2m impacted in all):');
    expect(after('Impact (2 intervals — first 10m 10s after the fault started, 2m impacted in all):', 3)).toEqual([
      '# from to lasted probes (worst) began during',
      '1 14:12:10Z (+10m 10s) 14:13:10Z (+11m 10s) 1m catalog-healthy ALARM CPU-Stress-Heavy',
      '2 relapse 14:17:00Z (+15m) 14:18:00Z (+16m) 1m catalog-healthy ALARM CPU-Stress-Heavy',
    ]);
    expect(after('Per action:', 3)).toEqual([
      'action state started first impact detected by recovered RTO',
      'CPU-Stress-Light completed 14:02:00Z (+0s) — — — —',
      'CPU-Stress-Heavy completed 14:12:00Z (+10m) 14:12:10Z (+10m 10s) catalog-cpu-high 14:15:00Z (+13m) 14:18:00Z (+16m) 5m 50s',
    ]);
    expect(after('Detection:', 2)).toEqual(['alarm budget fired after', 'catalog-cpu-high 5m from CPU-Stress-Heavy (14:12:00Z (+10m)) 14:15:00Z (+13m) 3m']);
    expect(r.stdout).toMatch(/^ {2}catalog-cpu-high: AWS\/EC2 CPUUtilization Average peaked at 88 at 2026-11-26T14:13:00.000Z \(alarm threshold > 70, 2 of 2 datapoints\)/m);
  });

  it('refuses an unknown run with exit 2 and a hint', async () => {
    const r = await runCli(['report', 'show', 'no-such-run', '--reports-dir', reportsDir]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no-such-run: neither a run directory');
    expect(r.stderr).toContain('hint: list runs with `gameday report list`');
  });
});

describe('gameday report render', () => {
  it('re-renders every format from the journal', async () => {
    const dir = runDirs['late-detection']!;
    const r = await runCli(['report', 'render', dir]);
    expect(r.code).toBe(1);
    expect((await readdir(dir)).sort()).toEqual(['journal.jsonl', 'junit.xml', 'report.html', 'report.json', 'report.md']);
    expect(XMLValidator.validate(await readFile(join(dir, 'junit.xml'), 'utf8'))).toBe(true);
    expect(JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')).verdict.gaps[0].kind).toBe('detection');
  });

  it('renders only the formats asked for', async () => {
    const dir = runDirs['stale-runbook']!;
    const r = await runCli(['report', 'render', dir, '--format', 'md,junit', '--json']);
    const result = JSON.parse(r.stdout);
    expect(result.files.map((f: string) => f.slice(dir.length + 1))).toEqual(['report.md', 'junit.xml']);
    expect(result.verdict.gaps[0].kind).toBe('stale-runbook');
  });

  it('rejects an unknown format with exit 2', async () => {
    const r = await runCli(['report', 'render', runDirs['multi-az-pass']!, '--format', 'pdf']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown format pdf');
  });
});

describe('gameday report diff', () => {
  it('shows what got better between two runs: RTO, gaps closed', async () => {
    const r = await runCli(['report', 'diff', '20261126T110000Z-d4e5f6', '20261126T100000Z-a1b2c3', '--reports-dir', reportsDir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('verdict FAILED → PASSED');
    expect(r.stdout).toContain('RTO unrecovered → 3m: better');
    expect(r.stdout).toContain('RPO 4m → 12s (−3m 48s): better');
    expect(r.stdout).toContain('gaps closed:');
    expect(r.stdout).toContain('[critical] unrecovered: Not recovered within 30m after the fault ended');
    expect(r.stdout).toContain('overall: better');
  });

  it('refuses to diff runs of different scenarios: exit 2', async () => {
    const r = await runCli(['report', 'diff', runDirs['multi-az-pass']!, runDirs['late-detection']!]);
    expect(r.code).toBe(2);
    expect(`${r.stdout}${r.stderr}`).toMatch(/runs of different scenarios are not comparable/);
  });

  it('exit 1 and the opened gaps when the later run is worse', async () => {
    const r = await runCli(['report', 'diff', runDirs['multi-az-pass']!, runDirs['stop-condition-trip']!, '--json']);
    expect(r.code).toBe(1);
    const diff = JSON.parse(r.stdout);
    expect(diff.rto).toMatchObject({ change: 'worse', deltaSeconds: 300 });
    expect(diff.gapsOpened.map((g: { kind: string }) => g.kind)).toEqual(['recovery', 'safety', 'assessment']);
    expect(diff.expectationsBroken).toEqual(['rto', 'experiment-completed']);
    expect(diff.regressed).toBe(true);
  });
});

describe('gameday report index', () => {
  it('writes one self-contained HTML page with a per-scenario RTO trend and links to every report', async () => {
    const out = join(reportsDir, 'index.html');
    const r = await runCli(['report', 'index', '--reports-dir', reportsDir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('6 run(s) of 2 scenario(s)');
    const html = await readFile(out, 'utf8');
    expect(html).toContain('<h2>checkout-az-power</h2>');
    expect(html).toContain('<svg class="trend"');
    expect(html).toContain('href="checkout-az-power/20261126T100000Z-a1b2c3/report.html"');
    expect(html).not.toMatch(/(src|href)="https?:/);
    // every linked report exists, rendered where missing
    for (const [, href] of html.matchAll(/href="([^"]+)"/g)) await readFile(join(reportsDir, href!), 'utf8');
  });
});
