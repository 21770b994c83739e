import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { FisClient } from '@aws-sdk/client-fis';
import { ResiliencehubClient } from '@aws-sdk/client-resiliencehub';
import { STSClient } from '@aws-sdk/client-sts';
import { ConfiguredRetryStrategy } from '@smithy/util-retry';
import { expect } from 'vitest';

/** Dummy credentials: the sandbox reads only the credential scope and never verifies signatures. */
export const SANDBOX_CREDENTIALS = { accessKeyId: 'AKIDSANDBOXTEST', secretAccessKey: 'sandbox-secret-not-real' };
export const SANDBOX_REGION = 'us-east-1';

/** Up to 4 attempts with no delay: retries are exercised without any test sleeping. */
export function instantRetries(maxAttempts = 4): ConfiguredRetryStrategy {
  return new ConfiguredRetryStrategy(maxAttempts, () => 0);
}

export function clientConfig(url: string, maxAttempts = 4) {
  return { endpoint: url, region: SANDBOX_REGION, credentials: SANDBOX_CREDENTIALS, retryStrategy: instantRetries(maxAttempts) };
}

/** The real SDK clients (3.523.0) pointed at a sandbox. */
export function sandboxClients(url: string, options: { maxAttempts?: number } = {}) {
  const config = clientConfig(url, options.maxAttempts);
  return {
    fis: new FisClient(config),
    resiliencehub: new ResiliencehubClient(config),
    cloudwatch: new CloudWatchClient(config),
    sts: new STSClient(config),
  };
}

/** The error an SDK call was rejected with; fails the test when the call succeeded. */
export async function rejected(promise: Promise<unknown>): Promise<{ name: string; message: string; $metadata: { httpStatusCode?: number } }> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeDefined();
  return error as never;
}
