import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import { sandboxClients } from '../helpers/aws-clients.js';
import { BIN, ROOT } from '../helpers/cli.js';

/** `gameday sandbox` as a long-running process: ready output, serving, clean stop on a signal. */
function startCli(args: string[]): { child: ChildProcessWithoutNullStreams; firstOutput: Promise<string>; exit: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(process.execPath, [BIN, 'sandbox', ...args], { cwd: ROOT, env: { ...process.env, NO_COLOR: '1' } });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const firstOutput = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString();
      if (stdout.includes('Ctrl-C') || (args.includes('--json') && stdout.includes('\n'))) resolve(stdout);
    });
    child.on('close', () => reject(new Error(`exited before printing: ${stderr}`)));
  });
  firstOutput.catch(() => undefined);
  const exit = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stderr })));
  return { child, firstOutput, exit };
}

describe('gameday sandbox', () => {
  it('--json prints one line with the endpoint, serves, and exits 0 on SIGTERM', async () => {
    const { child, firstOutput, exit } = startCli(['--port', '0', '--json', '--speed', '60']);
    try {
      const ready = JSON.parse((await firstOutput).split('\n')[0] as string) as { url: string; port: number; account: string; region: string; speed: number };
      expect(ready).toEqual({ url: `http://127.0.0.1:${ready.port}`, port: ready.port, account: '123456789012', region: 'us-east-1', speed: 60 });
      const identity = await sandboxClients(ready.url).sts.send(new GetCallerIdentityCommand({}));
      expect(identity.Account).toBe('123456789012');
    } finally {
      child.kill('SIGTERM');
    }
    expect((await exit).code).toBe(0);
  });

  it('prints the environment to paste and stops cleanly on Ctrl-C', async () => {
    const { child, firstOutput, exit } = startCli(['--port', '0']);
    let text = '';
    try {
      text = await firstOutput;
    } finally {
      child.kill('SIGINT');
    }
    const { code } = await exit;
    expect(code).toBe(0);
    const url = text.match(/on (http:\/\/127\.0\.0\.1:\d+)/)?.[1];
    expect(url).toBeDefined();
    expect(text).toContain(`export AWS_ENDPOINT_URL=${url}`);
    expect(text).toContain('export AWS_EC2_METADATA_DISABLED=true');
    expect(text).toContain(`aws --endpoint-url ${url} sts get-caller-identity`);
    expect(text).toContain('This is a simulation');
  });

  it('exits 2 with a message for a world file that does not exist', async () => {
    const { exit } = startCli(['--port', '0', '--world', 'no/such/world.yaml']);
    const { code, stderr } = await exit;
    expect(code).toBe(2);
    expect(stderr).toContain('no/such/world.yaml');
  });
});
