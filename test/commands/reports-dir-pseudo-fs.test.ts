import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

// Node's recursive mkdir never returns under /proc/self (issue 16): gameday must answer, not spin.
describe('--reports-dir on a pseudo file system', () => {
  it('run --sandbox refuses at once with exit 2, naming the folder it cannot create', async () => {
    const r = await runCli(['run', 'scenarios/catalog-cpu-stress.yaml', '--sandbox', '--reports-dir', '/proc/self']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot create the folder /proc/self/catalog-cpu-stress (ENOENT)');
    expect(r.stderr).not.toContain('internal error');
  });

  it('report index says it cannot write there, exit 2, not an internal error', async () => {
    const r = await runCli(['report', 'index', '--reports-dir', '/proc/self']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('cannot write /proc/self/index.html (ENOENT)');
    expect(r.stderr).not.toContain('internal error');
  });
});
