import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { JournalEvent } from '../../src/core/journal/events.js';
import { BIN, ROOT } from '../helpers/cli.js';
import { WORLDS, fisState, journalOf, reportsDir, scaledSandboxFor, type Sandbox } from './run-harness.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ENV = { GAMEDAY_AWS_RETRY_DELAY_MS: '0', NO_COLOR: '1' };
/** Fast enough to see the fault, the alarms and the probes within seconds; slow enough that a 30-minute fault outlasts the test's clicks. */
const LIVE_SPEED = '60';

interface Child {
  proc: ChildProcessWithoutNullStreams;
  stdout: () => string;
  stderr: () => string;
  exited: Promise<number | null>;
  /** The first line of output (stdout or stderr) matching the pattern: its first capture group. */
  shows: (pattern: RegExp) => Promise<string>;
}

const children: ChildProcessWithoutNullStreams[] = [];
function gameday(args: string[]): Child {
  const proc = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: { ...process.env, ...ENV }, stdio: ['pipe', 'pipe', 'pipe'] });
  children.push(proc);
  proc.stdin.end();
  let stdout = '';
  let stderr = '';
  proc.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  proc.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => proc.on('close', (code) => resolve(code)));
  const shows = async (pattern: RegExp): Promise<string> => {
    for (;;) {
      const m = pattern.exec(stdout) ?? pattern.exec(stderr);
      if (m) return m[1] ?? m[0];
      if (proc.exitCode !== null) throw new Error(`gameday exited ${proc.exitCode} before showing ${pattern}:\n${stdout}\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  return { proc, stdout: () => stdout, stderr: () => stderr, exited, shows };
}

async function until<T>(what: string, read: () => Promise<T | undefined> | T | undefined, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const ofType = <T extends JournalEvent['type']>(events: JournalEvent[], type: T) => events.filter((e): e is Extract<JournalEvent, { type: T }> => e.type === type);

/** What the page did that a locked-down page must never do: load from elsewhere, run into its CSP, throw. */
function watchPage(page: Page, origin: string): { problems: string[] } {
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (!r.url().startsWith(origin)) problems.push(`request elsewhere: ${r.url()}`);
  });
  return { problems };
}

let browser: Browser | undefined;
let sandbox: Sandbox | undefined;
beforeAll(async () => {
  if (!existsSync(CHROMIUM)) return;
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async () => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  await sandbox?.stop();
  sandbox = undefined;
});

describe.skipIf(!existsSync(CHROMIUM))(`the live view in headless Chromium (${CHROMIUM}; without it these tests are skipped: apt-get install chromium or set CHROMIUM_PATH)`, () => {
  it('run --sandbox --live: the page builds up while the game day runs, a note from its form lands in the journal, and Stop stops the experiment (exit 130)', async () => {
    const dir = await reportsDir();
    const run = gameday(['run', 'scenarios/checkout-az-power.yaml', '--sandbox', '--live', '--speed', LIVE_SPEED, '--yes', '--reports-dir', dir]);
    const url = await run.shows(/"code":"RUN_LIVE","url":"([^"]+)"/);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const response = await fetch(url);
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'none'; script-src 'sha256-[^']+'; style-src 'sha256-[^']+'; connect-src 'self'/);

    const page = await browser!.newPage();
    const { problems } = watchPage(page, url.replace(/\/$/, ''));
    await page.goto(url);
    await page.locator('#scenario', { hasText: 'checkout-az-power' }).waitFor();
    await expect.poll(() => page.locator('#simulation').isVisible()).toBe(true);

    // Live: the fault starts, the alarms and the probe chart arrive, the log keeps growing, the budget counts down.
    await page.locator('#actions li', { hasText: 'running' }).first().waitFor();
    await page.locator('#alarms li', { hasText: 'ALARM' }).first().waitFor({ timeout: 20_000 });
    await page.locator('#chart svg.timeline polyline').first().waitFor();
    // The impact interval (the steady state broken) is drawn as it happens, not only in the final report.
    await page.locator('#chart svg.timeline rect.impact').first().waitFor({ timeout: 20_000 });
    const logged = await page.locator('#entries tr').count();
    const points = await page.locator('#chart svg.timeline circle').count();
    await expect.poll(() => page.locator('#entries tr').count(), { timeout: 20_000 }).toBeGreaterThan(logged);
    await expect.poll(() => page.locator('#chart svg.timeline circle').count(), { timeout: 20_000 }).toBeGreaterThan(points);
    await expect.poll(() => page.locator('#budget-note').textContent()).toMatch(/RTO budget of 5m/);
    const budget = await page.locator('#budget-value').textContent();
    expect(budget).toMatch(/^\+?\d+:\d\d$/);
    await expect.poll(() => page.locator('#budget-value').textContent(), { timeout: 5000 }).not.toBe(budget);

    // The reporter's note: hostile markup stays text, on the page and in the journal.
    const text = 'Ravi paged <img src=x onerror="window.__pwned=1"> <b>DB failover</b> & SOP';
    await page.fill('#by', 'Ana');
    await page.fill('#note-text', text);
    await page.selectOption('#note-tag', 'wrong');
    await page.click('#note-form button[type=submit]');
    await page.locator('#said', { hasText: 'note added' }).waitFor();
    const runDir = await run.shows(/"journal":"run-started".*?"runDir":"([^"]+)"/);
    const note = await until('the note in the journal', async () => ofType(await journalOf(runDir), 'note')[0]);
    expect(note).toMatchObject({ text, author: 'Ana', tag: 'wrong' });
    // Timed on the run's service clock (the sandbox's), not at the last observation before it.
    expect(Date.parse(note.time!)).toBeGreaterThan(Date.parse(ofType(await journalOf(runDir), 'experiment-state')[0]!.startTime!));
    await page.locator('#entries td', { hasText: `note (Ana) [wrong]: ${text}` }).waitFor();
    expect(await page.locator('#entries img, #entries b, #chart img').count()).toBe(0);
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

    // A mark from its button: the same journal event as `gameday mark`, on the service clock.
    await page.click('button[data-mark="detected"]');
    await page.locator('#said', { hasText: 'detected marked' }).waitFor();
    const mark = await until('the mark in the journal', async () => ofType(await journalOf(runDir), 'mark')[0]);
    expect(mark).toMatchObject({ mark: 'detected', by: 'Ana', timeSource: 'service-clock' });
    await page.locator('#marks li', { hasText: /^detected \d\d:\d\d:\d\dZ \(\+[^)]+\) by Ana$/ }).waitFor();

    // Stop: armed by the first click, done by the second; the same stop as Ctrl-C.
    await page.click('#stop');
    await expect.poll(() => page.locator('#stop').textContent()).toBe('Click again to STOP');
    await page.click('#stop');
    expect(await run.exited).toBe(130);
    const events = await journalOf(runDir);
    const stop = ofType(events, 'stop-requested')[0]!;
    expect(stop).toMatchObject({ by: 'signal', reason: 'stopped by the Stop button on the live page' });
    expect(['stopped', 'cancelled']).toContain(stop.stoppedState);
    const ended = ofType(events, 'run-ended');
    expect(ended).toHaveLength(1);
    expect(ended[0]!.status).toBe('interrupted');
    expect(ended[0]!.reason).toMatch(/^stopped by the Stop button on the live page; FIS reported the experiment (stopped|cancelled)$/);
    expect(run.stderr()).toContain('gameday: the Stop button on the live page: stopping experiment');
    expect(run.stdout()).toMatch(/INCOMPLETE/);

    // The page keeps the end on screen and says gameday has finished.
    await page.locator('#status', { hasText: 'INCOMPLETE (interrupted)' }).waitFor();
    await page.locator('#stops li', { hasText: 'stop by signal: stopped by the Stop button on the live page' }).waitFor();
    await page.locator('#connection', { hasText: /finished|ended/ }).waitFor();
    expect(await page.locator('#stop').isDisabled()).toBe(true);
    expect(problems).toEqual([]);
  });

  it('watch RUN: the page of a run in another process; Stop does what gameday abort does', async () => {
    sandbox = await scaledSandboxFor(WORLDS.multiAz, Number(LIVE_SPEED));
    const dir = await reportsDir();
    const run = gameday(['run', 'scenarios/checkout-az-power.yaml', '--endpoint-url', sandbox.url, '--yes', '--reports-dir', dir]);
    const runDir = await run.shows(/"journal":"run-started".*?"runDir":"([^"]+)"/);
    const experimentId = await run.shows(/"journal":"experiment-started".*?"experimentId":"([^"]+)"/);
    const runId = runDir.split('/').at(-1)!;

    const watch = gameday(['watch', runId, '--reports-dir', dir]);
    const url = await watch.shows(/live view of .*: (http:\S+)/);
    const page = await browser!.newPage();
    const { problems } = watchPage(page, url.replace(/\/$/, ''));
    await page.goto(url);
    await page.locator('#meta', { hasText: `experiment ${experimentId}` }).waitFor();
    await page.locator('#actions li', { hasText: 'running' }).first().waitFor();
    await expect.poll(() => page.locator('#stop-note').textContent()).toMatch(/gameday abort/);

    await page.click('#stop');
    await page.click('#stop');
    await expect.poll(() => page.locator('#said').textContent(), { timeout: 30_000 }).toBe(`aborted: experiment ${experimentId} running → stopped`);
    expect(await watch.exited).toBe(0);
    expect(watch.stdout()).toContain(`the run ended: ${runDir}`);
    const events = await journalOf(runDir);
    expect(ofType(events, 'stop-requested')[0]).toMatchObject({ by: 'abort', stoppedState: 'stopped' });
    expect(ofType(events, 'run-ended')[0]).toMatchObject({ status: 'aborted' });
    expect((await fisState(sandbox.url)).experiments.find((e) => e.id === experimentId)?.state).toBe('stopped');
    await page.locator('#status', { hasText: 'aborted' }).waitFor();
    expect(problems).toEqual([]);
  });
});
