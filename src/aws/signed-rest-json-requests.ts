import type { Readable } from 'node:stream';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { credentialsFor, endpointFor, retryDelayFromEnv, defaultRetryDelayMs, type AwsConnectionOptions, type AwsServiceName } from './client-factory.js';
import { awsRegionalEndpoint, type RegionalService } from './regional-endpoint.js';

/**
 * restJson1 requests signed with SigV4 from the @smithy packages the pinned SDK clients are built on
 * (one tree), with the same endpoint, credentials, retries and service clock as the SDK clients: for
 * calls no installed client can make (FIS members newer than @aws-sdk/client-fis 3.523, and ARC zonal
 * shift, which has no client installed). The @smithy modules are imported on the first call, so
 * commands that never call AWS never load them.
 */

/** The service a request goes to: its SigV4 signing name, and how its endpoint is found. */
export interface SignedService extends RegionalService {
  /** SigV4 signing name (aws.auth#sigv4 in the service's model) */
  signingName: string;
  /** The endpoint: --endpoint-url, AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL, else the regional one (regional-endpoint.ts), FIPS and dual-stack as configured */
  endpoint: AwsServiceName;
}

export interface SignedRequest {
  /** The model's operation name, for errors. */
  operation: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** Already URI-encoded path, e.g. /safetyLevers/default */
  path: string;
  query?: Record<string, string>;
  body?: Record<string, unknown>;
}

/** The error shape toGamedayError and isNotFound read (the SDK's ServiceException fields). */
export class SignedRequestError extends Error {
  constructor(
    name: string,
    message: string,
    readonly $metadata: { httpStatusCode: number; attempts: number },
  ) {
    super(message);
    this.name = name;
  }
}

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);
const RETRYABLE_NAMES = /Throttling|TooManyRequests|RequestLimitExceeded|ServiceUnavailable|InternalFailure/;

interface Wire {
  signer: { sign(request: unknown): Promise<{ headers: Record<string, string> }> };
  handler: { handle(request: unknown, options?: { abortSignal?: AbortSignal }): Promise<{ response: { statusCode: number; headers: Record<string, string>; body: unknown } }> };
  HttpRequest: new (init: Record<string, unknown>) => unknown;
  url: URL;
}

export class SignedRestJsonRequests {
  private wire: Promise<Wire> | undefined;

  constructor(
    private readonly service: SignedService,
    private readonly options: AwsConnectionOptions,
  ) {}

  /** Sends one request and returns its JSON body; a service error rejects with SignedRequestError. */
  async send<T>(request: SignedRequest): Promise<T> {
    const wire = await (this.wire ??= this.connect());
    const maxAttempts = this.options.maxAttempts ?? 5;
    const delay = this.options.retryDelayMs ?? retryDelayFromEnv(this.options.env) ?? defaultRetryDelayMs;
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.once<T>(wire, request, attempt);
      } catch (error) {
        const retryable = error instanceof SignedRequestError ? RETRYABLE_STATUS.has(error.$metadata.httpStatusCode) || RETRYABLE_NAMES.test(error.name) : isNetworkError(error);
        if (!retryable || attempt >= maxAttempts) throw error;
        await new Promise((resolve) => setTimeout(resolve, delay(attempt)));
      }
    }
  }

  private async once<T>(wire: Wire, request: SignedRequest, attempt: number): Promise<T> {
    const body = request.body === undefined ? undefined : JSON.stringify(request.body);
    const basePath = wire.url.pathname.replace(/\/$/, '');
    const unsigned = new wire.HttpRequest({
      protocol: wire.url.protocol,
      hostname: wire.url.hostname,
      ...(wire.url.port ? { port: Number(wire.url.port) } : {}),
      method: request.method,
      path: `${basePath}${request.path}`,
      query: request.query ?? {},
      headers: {
        host: wire.url.host,
        ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) }),
      },
      ...(body === undefined ? {} : { body }),
    });
    const signed = await wire.signer.sign(unsigned);
    const timeout = this.options.requestTimeoutMs ?? 15_000;
    const { response } = await wire.handler.handle(signed, { abortSignal: AbortSignal.timeout(timeout) });
    const text = await readAll(response.body as Readable | undefined);
    const date = response.headers['date'];
    if (date && this.options.onServiceTime) {
      const parsed = new Date(date);
      if (!Number.isNaN(parsed.getTime())) this.options.onServiceTime(parsed);
    }
    const parsed = jsonObject(text);
    const metadata = { httpStatusCode: response.statusCode, attempts: attempt };
    if (response.statusCode >= 300) {
      // A proxy or load balancer in between answers its own (HTML) page: still this status, retried as such.
      const fields = parsed ?? {};
      const type = (response.headers['x-amzn-errortype'] ?? (fields['__type'] as string | undefined) ?? fields['code'] ?? 'UnknownError') as string;
      const message = (fields['message'] ?? fields['Message'] ?? `HTTP ${response.statusCode}${parsed ? '' : `, an answer that is not JSON: ${snippet(text)}`}`) as string;
      throw new SignedRequestError(type.split(':')[0]!.split('#').pop()!, message, metadata);
    }
    if (!parsed) throw new SignedRequestError('InvalidResponse', `the answer is not a JSON object: ${snippet(text)}`, metadata);
    return parsed as T;
  }

  private async connect(): Promise<Wire> {
    const { SignatureV4, HttpRequest, NodeHttpHandler, sha256 } = await import('./signed-request-parts.js');
    const { region } = this.options;
    const credentials: AwsCredentialIdentity | AwsCredentialIdentityProvider = (await credentialsFor(this.options)) ?? (await import('@aws-sdk/credential-provider-node')).defaultProvider({ ...(this.options.profile ? { profile: this.options.profile } : {}) });
    const timeout = this.options.requestTimeoutMs ?? 15_000;
    return {
      signer: new SignatureV4({ service: this.service.signingName, region, credentials, sha256, uriEscapePath: true }) as unknown as Wire['signer'],
      handler: new NodeHttpHandler({ requestTimeout: timeout, connectionTimeout: Math.min(timeout, 5000) }) as unknown as Wire['handler'],
      HttpRequest: HttpRequest as unknown as Wire['HttpRequest'],
      url: new URL(endpointFor(this.service.endpoint, this.options) ?? (await awsRegionalEndpoint(this.service, this.options))),
    };
  }
}

/** The body as restJson1 answers it (an object; empty is {}), or undefined for anything else. */
function jsonObject(text: string): Record<string, unknown> | undefined {
  if (text.trim() === '') return {};
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The start of an answer, on one line, for an error message. */
function snippet(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return JSON.stringify(line.length > 80 ? `${line.slice(0, 80)}…` : line);
}

function isNetworkError(error: unknown): boolean {
  const e = error as { code?: string; name?: string } | undefined;
  return e?.name === 'TimeoutError' || /^E(CONNRESET|CONNREFUSED|PIPE|TIMEDOUT)$/.test(e?.code ?? '');
}

async function readAll(stream: Readable | undefined): Promise<string> {
  if (!stream) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return Buffer.concat(chunks).toString('utf8');
}
