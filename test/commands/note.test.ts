import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { fixtureReportsDir } from '../helpers/fixture-runs.js';

let reportsDir: string;
let runDirs: Record<string, string>;

beforeAll(async () => {
  ({ reportsDir, runDirs } = await fixtureReportsDir(['multi-az-pass', 'interrupted']));
});

describe('gameday note', () => {
  it('appends a note event as one line and the report shows it', async () => {
    const dir = runDirs['multi-az-pass']!;
    const before = (await readFile(join(dir, 'journal.jsonl'), 'utf8')).trim().split('\n');
    const r = await runCli(['note', '20261126T100000Z-a1b2c3', 'DB failover <took> 40 s', '--author', 'Mei', '--reports-dir', reportsDir]);
    expect(r.code).toBe(0);
    const after = (await readFile(join(dir, 'journal.jsonl'), 'utf8')).trim().split('\n');
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after).toHaveLength(before.length + 1);
    expect(JSON.parse(after.at(-1)!)).toMatchObject({ type: 'note', text: 'DB failover <took> 40 s', author: 'Mei', seq: before.length });
    const show = await runCli(['report', 'show', dir]);
    expect(show.stdout).toContain('Mei: DB failover <took> 40 s');
    await runCli(['report', 'render', dir, '--format', 'html']);
    expect(await readFile(join(dir, 'report.html'), 'utf8')).toContain('DB failover &lt;took&gt; 40 s');
  });

  it('notes from two terminals at once both land, each on its own line', async () => {
    const dir = runDirs.interrupted!;
    const results = await Promise.all([1, 2, 3].map((n) => runCli(['note', dir, `note ${n}`])));
    expect(results.map((r) => r.code)).toEqual([0, 0, 0]);
    const lines = (await readFile(join(dir, 'journal.jsonl'), 'utf8')).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.filter((e) => e.type === 'note').map((e) => e.text).sort()).toEqual(['note 1', 'note 2', 'note 3']);
  });

  it('a note ending in a bare URL, by an author with an e-mail address, leaves the journal readable (credential redaction stays inside one JSON string)', async () => {
    const dir = runDirs['multi-az-pass']!;
    const r = await runCli(['note', dir, 'dashboard: https://grafana.example.com', '--author', 'mei@example.com']);
    expect(r.code).toBe(0);
    const last = JSON.parse((await readFile(join(dir, 'journal.jsonl'), 'utf8')).trim().split('\n').at(-1)!);
    expect(last).toMatchObject({ type: 'note', text: 'dashboard: https://grafana.example.com', author: 'mei@example.com' });
    const show = await runCli(['report', 'show', dir]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('mei@example.com: dashboard: https://grafana.example.com');
  });

  it('refuses an empty note with exit 2', async () => {
    const r = await runCli(['note', runDirs['multi-az-pass']!, '  ']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('the note is empty');
  });
});
