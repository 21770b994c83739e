import { execFile, execFileSync } from 'node:child_process';

/**
 * The AWS CLI v2 (Debian's awscli in CI) as an independent client of the sandbox. Another `aws` on
 * PATH (e.g. a v1 shim) is not the client these tests are about, so /usr/bin/aws is tried first.
 */
export function findAwsCliV2(): string | undefined {
  for (const candidate of ['/usr/bin/aws', '/usr/local/bin/aws', 'aws']) {
    try {
      const version = execFileSync(candidate, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30_000 });
      if (version.startsWith('aws-cli/2.')) return candidate;
    } catch {
      // not installed here; try the next place
    }
  }
  return undefined;
}

export interface AwsCliResult {
  code: number;
  stdout: string;
  stderr: string;
  json: unknown;
}

/** Runs `aws <args> --endpoint-url <url>` with dummy credentials and no config, metadata or pager. */
export function awsCli(bin: string, url: string, args: string[]): Promise<AwsCliResult> {
  return new Promise((resolve) => {
    execFile(
      bin,
      [...args, '--endpoint-url', url, '--output', 'json', '--no-cli-pager'],
      {
        timeout: 60_000,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          AWS_ACCESS_KEY_ID: 'AKIDSANDBOXTEST',
          AWS_SECRET_ACCESS_KEY: 'sandbox-secret-not-real',
          AWS_REGION: 'us-east-1',
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_EC2_METADATA_DISABLED: 'true',
          AWS_CONFIG_FILE: '/dev/null',
          AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
          AWS_PAGER: '',
          AWS_MAX_ATTEMPTS: '1',
        },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        let json: unknown;
        try {
          json = stdout.trim() === '' ? undefined : JSON.parse(stdout);
        } catch {
          json = undefined;
        }
        resolve({ code, stdout, stderr, json });
      },
    );
  });
}
