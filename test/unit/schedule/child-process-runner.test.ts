import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { childProcessRunner } from '../../../src/core/schedule/child-process-runner.js';

const FAKE = fileURLToPath(new URL('../../fixtures/schedule/fake-gameday.mjs', import.meta.url));
const request = { file: 'scenarios/checkout-az-power.yaml', scenario: 'checkout-az-power', scheduledFor: '2026-12-08T09:00:00.000Z' };

afterEach(() => {
  delete process.env.FAKE_EXIT;
  delete process.env.FAKE_ARGV_FILE;
});

async function argvFile(): Promise<string> {
  const file = join(await mkdtemp(join(tmpdir(), 'gameday-child-')), 'argv.json');
  process.env.FAKE_ARGV_FILE = file;
  return file;
}

describe('child-process runner', () => {
  it('starts `run <file> --yes --scheduled-for <ISO> --sandbox --reports-dir DIR` and returns its exit code', async () => {
    const file = await argvFile();
    process.env.FAKE_EXIT = '3';
    const code = await childProcessRunner({ sandbox: true, reportsDir: 'out/reports', outputFd: 2, bin: FAKE }).run(request);
    expect(code).toBe(3);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual([
      'run', 'scenarios/checkout-az-power.yaml', '--yes', '--scheduled-for', '2026-12-08T09:00:00.000Z', '--sandbox', '--reports-dir', 'out/reports',
    ]);
  });

  it('without --sandbox the flag is not passed', async () => {
    const file = await argvFile();
    process.env.FAKE_EXIT = '0';
    expect(await childProcessRunner({ sandbox: false, reportsDir: 'reports', outputFd: 2, bin: FAKE }).run(request)).toBe(0);
    expect(JSON.parse(await readFile(file, 'utf8'))).not.toContain('--sandbox');
  });

  it('passes run-due’s --endpoint-url on, so the game day talks to what the live check read', async () => {
    const file = await argvFile();
    process.env.FAKE_EXIT = '0';
    expect(await childProcessRunner({ sandbox: false, endpoint: 'http://127.0.0.1:4590', reportsDir: 'reports', outputFd: 2, bin: FAKE }).run(request)).toBe(0);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(['run', 'scenarios/checkout-az-power.yaml', '--yes', '--scheduled-for', '2026-12-08T09:00:00.000Z', '--endpoint-url', 'http://127.0.0.1:4590', '--reports-dir', 'reports']);
  });

  it('forwards SIGINT sent to run-due to the running game day once', async () => {
    const file = await argvFile();
    process.env.FAKE_EXIT = 'wait-for-signal';
    const running = childProcessRunner({ sandbox: true, reportsDir: 'reports', outputFd: 2, bin: FAKE }).run(request);
    while (!existsSync(`${file}.ready`)) await new Promise((r) => setTimeout(r, 20));
    const before = process.listenerCount('SIGINT');
    process.emit('SIGINT', 'SIGINT');
    expect(await running).toBe(130);
    expect(process.listenerCount('SIGINT')).toBe(before - 1); // its forwarder is gone once the child exits
  });
});
