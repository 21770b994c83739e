import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

describe('--reports-dir naming a file', () => {
  it.each([[['report', 'list']], [['abort', '--all']], [['report', 'index']], [['run', 'scenarios/catalog-cpu-stress.yaml', '--sandbox']], [['note', 'some-run', 'hello']]])('%j: a clear usage error (exit 2), not an internal error', async (args) => {
    const file = join(await mkdtemp(join(tmpdir(), 'gameday-rd-')), 'not-a-dir');
    await writeFile(file, 'x');
    const r = await runCli([...args, '--reports-dir', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`--reports-dir ${file} is not a directory`);
    expect(r.stderr).not.toMatch(/internal error/);
  });
});
