import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { writeReports } from '../../src/report/write-reports.js';
import { fixtureReportsDir } from '../helpers/fixture-runs.js';

const run = promisify(execFile);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Real headless Chromium (Debian `chromium`; CI installs it). No network: the report must need none. */
async function chromium(args: string[], url: string): Promise<{ stdout: string; stderr: string }> {
  const profile = await mkdtemp(join(tmpdir(), 'gameday-chromium-'));
  return run(
    CHROMIUM,
    ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run', `--user-data-dir=${profile}`, '--enable-logging=stderr', '--v=0', ...args, url],
    { timeout: 60_000, maxBuffer: 32 * 1024 * 1024 },
  );
}

describe('report.html in headless Chromium', () => {
  let runDirs: Record<string, string>;
  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`no Chromium at ${CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)`);
    ({ runDirs } = await fixtureReportsDir(['stop-condition-trip', 'late-detection']));
    for (const dir of Object.values(runDirs)) await writeReports(dir, { formats: ['html'] });
  });

  it('renders with the measured RTO, the target and the timeline, and without errors', async () => {
    const file = join(runDirs['stop-condition-trip']!, 'report.html');
    const { stdout, stderr } = await chromium(['--dump-dom'], pathToFileURL(file).href);
    expect(stdout).toContain('<svg class="timeline"');
    expect(stdout).toMatch(/Measured RTO<\/span><b>8m<\/b><span>9m from the fault · target 5m \(Resilience Hub policy\)/);
    expect(stdout).toContain('RTO target 5m');
    expect(stdout).toContain('recovered: RTO 8m');
    expect(stderr).not.toMatch(/Uncaught|Refused to|net::ERR_|Content Security Policy/);
  });

  it('fits a phone screen: nothing but the scrolling tables and chart is wider than the viewport', async () => {
    const html = await readFile(join(runDirs['late-detection']!, 'report.html'), 'utf8');
    // A test-only copy that reports its layout: the real report has no scripts and a CSP forbidding them.
    const probe = html
      .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '')
      .replace('</body>',
        '<script>document.body.setAttribute("data-width", String(document.documentElement.scrollWidth));document.body.setAttribute("data-viewport", String(window.innerWidth))</script></body>',
      );
    const file = join(runDirs['late-detection']!, 'layout-probe.html');
    await writeFile(file, probe);
    const { stdout } = await chromium(['--window-size=390,844', '--dump-dom'], pathToFileURL(file).href);
    const width = Number(/data-width="(\d+)"/.exec(stdout)?.[1]);
    // Headless Chromium clamps the window to its minimum width (about 500 px); still narrower than the 600 px phone layout.
    const viewport = Number(/data-viewport="(\d+)"/.exec(stdout)?.[1]);
    expect(viewport).toBeGreaterThan(0);
    expect(viewport).toBeLessThan(600);
    expect(width).toBeLessThanOrEqual(viewport);
  });

  it('prints to PDF and screenshots', async () => {
    const dir = runDirs['stop-condition-trip']!;
    const url = pathToFileURL(join(dir, 'report.html')).href;
    await chromium([`--print-to-pdf=${join(dir, 'report.pdf')}`, '--no-pdf-header-footer'], url);
    await chromium([`--screenshot=${join(dir, 'report.png')}`, '--window-size=1100,1600'], url);
    expect((await stat(join(dir, 'report.pdf'))).size).toBeGreaterThan(10_000);
    expect((await stat(join(dir, 'report.png'))).size).toBeGreaterThan(10_000);
  });
});
