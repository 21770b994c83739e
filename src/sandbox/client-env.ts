/**
 * What a person pastes to point the AWS CLI and SDKs at a sandbox: dummy credentials (the sandbox
 * never verifies signatures), the endpoint, and no instance-metadata lookups.
 */
export const SANDBOX_ACCESS_KEY_ID = 'AKIDGAMEDAYSANDBOX';
export const SANDBOX_SECRET_ACCESS_KEY = 'gameday-sandbox-not-a-secret';

export function sandboxClientEnv(url: string, region: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: url,
    AWS_ACCESS_KEY_ID: SANDBOX_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: SANDBOX_SECRET_ACCESS_KEY,
    AWS_REGION: region,
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

export function sandboxWelcome(s: { url: string; account: string; region: string; speed: number }): string {
  const env = Object.entries(sandboxClientEnv(s.url, s.region))
    .map(([k, v]) => `  export ${k}=${v}`)
    .join('\n');
  const aws = `aws --endpoint-url ${s.url}`;
  return `gameday sandbox: simulated FIS, Resilience Hub, CloudWatch, STS and read-only EC2, RDS, ElastiCache, ECS and IAM on ${s.url}
account ${s.account}, region ${s.region}, clock ×${s.speed} (one virtual minute every ${(60 / s.speed).toFixed(2)} s)
This is a simulation: no AWS resources exist behind it and nothing reaches AWS.

Point the AWS CLI and SDKs at it (paste into a shell):
${env}

Try:
  ${aws} sts get-caller-identity
  ${aws} cloudwatch describe-alarms
  ${aws} fis list-actions
  ${aws} ec2 describe-instances
  ${aws} rds describe-db-clusters
  ${aws} resiliencehub list-apps
  curl -s ${s.url}/_sandbox/state

Control API (clock, faults, state): docs/sandbox.md. Ctrl-C stops it.
`;
}
