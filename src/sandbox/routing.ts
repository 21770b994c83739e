import type { SandboxService } from './contracts.js';

export const SANDBOX_SERVICES: readonly SandboxService[] = ['fis', 'resiliencehub', 'monitoring', 'sts', 'ec2', 'rds', 'elasticache', 'ecs', 'iam', 'arc-zonal-shift'];

export interface CredentialScope {
  accessKeyId: string;
  region: string;
  service: string;
}

/**
 * The SigV4 credential scope, from the Authorization header or a presigned URL's X-Amz-Credential.
 * FIS and Resilience Hub share paths (/tags/{arn}), so the signing service is what tells them apart.
 * Signatures are not verified: the sandbox has no secrets to check them against.
 */
export function credentialScope(authorization: string | undefined, query: URLSearchParams): CredentialScope | undefined {
  const credential = authorization?.match(/Credential=([^,\s]+)/)?.[1] ?? query.get('X-Amz-Credential') ?? undefined;
  if (!credential) return undefined;
  const [accessKeyId, , region, service, terminator] = credential.split('/');
  if (!accessKeyId || !region || !service || terminator !== 'aws4_request') return undefined;
  return { accessKeyId, region, service };
}

export function isSandboxService(service: string): service is SandboxService {
  return (SANDBOX_SERVICES as readonly string[]).includes(service);
}

/** The API version each query-protocol service sends (Version=…); CloudWatch's is the fallback. */
const QUERY_VERSIONS: Readonly<Record<string, SandboxService>> = { '2016-11-15': 'ec2', '2011-06-15': 'sts', '2014-10-31': 'rds', '2015-02-02': 'elasticache', '2010-05-08': 'iam' };
const JSON_TARGETS: Readonly<Record<string, SandboxService>> = { GraniteServiceVersion20100801: 'monitoring', AmazonEC2ContainerServiceV20141113: 'ecs' };

/**
 * Without a credential scope (unsigned request) the service is guessed from the request's shape,
 * only so the AccessDenied-style error comes back in a form that client can parse.
 */
export function guessService(headers: Readonly<Record<string, string | string[] | undefined>>, body: string): SandboxService {
  const target = String(headers['x-amz-target'] ?? '').split('.')[0] ?? '';
  if (JSON_TARGETS[target]) return JSON_TARGETS[target];
  if (String(headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded') || /(^|&)Action=/.test(body)) {
    const version = /(?:^|&)Version=([^&]*)/.exec(body)?.[1] ?? '';
    return QUERY_VERSIONS[version] ?? 'monitoring';
  }
  return 'fis';
}
