import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readJournal } from '../../src/core/journal/reader.js';
import { runCli } from '../helpers/cli.js';

/** An unfinished run of an embedded sandbox: nothing to reach, so abort closes it without AWS. */
function sandboxRunLines(scenario: string, runId: string, runDir: string): string {
  const at = '2026-11-26T10:15:00.000Z';
  const started = { seq: 0, at, type: 'run-started', runId, gamedayVersion: 't', plan: { scenario: { name: scenario }, target: { region: 'us-east-1' } }, mode: 'sandbox', account: '123456789012', region: 'us-east-1', runDir, pid: 0 };
  return `${JSON.stringify(started)}\n`;
}

async function run(dir: string, scenario: string, runId: string, text: (runDir: string) => string): Promise<string> {
  const runDir = join(dir, scenario, runId);
  await mkdir(runDir, { recursive: true });
  await writeFile(join(runDir, 'journal.jsonl'), text(runDir));
  return runDir;
}

describe('gameday abort --all: crash recovery', () => {
  it('skips and names a corrupt journal of another scenario, and still closes the real unfinished run (whose last line is torn)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gameday-abort-'));
    const corrupt = await run(dir, 'other-scenario', '20261126T090000Z-aaaaaa', (d) => `${sandboxRunLines('other-scenario', '20261126T090000Z-aaaaaa', d)}{"seq":1,"type":"no\n{"seq":2,"at":"x","type":"note","author":"a","text":"b"}\n`);
    const torn = await run(dir, 'checkout', '20261126T101500Z-bbbbbb', (d) => `${sandboxRunLines('checkout', '20261126T101500Z-bbbbbb', d)}{"seq":1,"at":"2026-11-26T10:15:01.000Z","type":"no`);
    const result = await runCli(['abort', '--all', '--reports-dir', dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`skipped (journal unreadable): ${corrupt}`);
    expect(result.stdout).toContain(`aborted: ${torn}`);
    const { events, truncatedTail } = await readJournal(torn);
    expect(truncatedTail).toBe(false);
    expect(events.at(-1)).toMatchObject({ type: 'run-ended', status: 'aborted' });
    expect((await readFile(join(torn, 'journal.jsonl'), 'utf8')).split('\n').filter(Boolean).every((line) => JSON.parse(line))).toBe(true);
  });

  it('finds unfinished runs in a scenario folder that is a symlink', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gameday-abort-'));
    const elsewhere = await mkdtemp(join(tmpdir(), 'gameday-abort-target-'));
    const real = await run(elsewhere, 'linked', '20261126T101500Z-cccccc', (d) => sandboxRunLines('linked', '20261126T101500Z-cccccc', d));
    await symlink(join(elsewhere, 'linked'), join(dir, 'linked'));
    const result = await runCli(['abort', '--all', '--reports-dir', dir]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`aborted: ${join(dir, 'linked', '20261126T101500Z-cccccc')}`);
    expect((await readJournal(real)).events.at(-1)).toMatchObject({ type: 'run-ended', status: 'aborted' });
  });
});
