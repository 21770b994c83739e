import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';

/**
 * Common configuration for every SDK client gameday creates. The SDK modules themselves are loaded
 * lazily by each adapter, so `validate` and `plan` never pay for (or depend on) them.
 */
export type AwsServiceName = 'fis' | 'cloudwatch' | 'resiliencehub' | 'sts' | 'ec2' | 'rds' | 'elasticache' | 'ecs' | 'iam' | 'arc-zonal-shift';

export interface AwsConnectionOptions {
  region: string;
  profile?: string;
  /** One endpoint for every service (--endpoint-url); else AWS_ENDPOINT_URL_<SERVICE>, AWS_ENDPOINT_URL. */
  endpoint?: string;
  /** Explicit credentials (the in-process sandbox uses dummy ones); else --profile, else the default chain. */
  credentials?: AwsCredentialIdentity;
  /** Attempts per call, first included (default 5). */
  maxAttempts?: number;
  /** Delay before retry n (1-based), ms. Default: exponential from 200 ms with full jitter, capped at 5 s. */
  retryDelayMs?: (attempt: number) => number;
  /** Real-time bound on one HTTP attempt, ms (default 15 s): a hung connection counts as lost contact. */
  requestTimeoutMs?: number;
  /** Called with the service's clock (the HTTP Date header) on every response. */
  onServiceTime?: (date: Date) => void;
  /**
   * A gameday sandbox, embedded or followed: it is its own endpoint, with no FIPS or dual-stack
   * variant, so AWS_USE_FIPS_ENDPOINT / AWS_USE_DUALSTACK_ENDPOINT in the shell do not apply to it
   * (the SDK refuses a custom endpoint with either).
   */
  sandbox?: boolean;
  env?: NodeJS.ProcessEnv;
}

const ENV_SUFFIX: Record<AwsServiceName, string> = { fis: 'FIS', cloudwatch: 'CLOUDWATCH', resiliencehub: 'RESILIENCEHUB', sts: 'STS', ec2: 'EC2', rds: 'RDS', elasticache: 'ELASTICACHE', ecs: 'ECS', iam: 'IAM', 'arc-zonal-shift': 'ARC_ZONAL_SHIFT' };

export function endpointFor(service: AwsServiceName, options: Pick<AwsConnectionOptions, 'endpoint' | 'env'>): string | undefined {
  const env = options.env ?? process.env;
  return options.endpoint ?? env[`AWS_ENDPOINT_URL_${ENV_SUFFIX[service]}`] ?? env.AWS_ENDPOINT_URL ?? undefined;
}

/** Exponential backoff with full jitter (AWS's recommended retry shape). */
export function defaultRetryDelayMs(attempt: number): number {
  const cap = Math.min(5000, 200 * 2 ** Math.max(0, attempt - 1));
  return Math.floor(Math.random() * cap);
}

/** GAMEDAY_AWS_RETRY_DELAY_MS pins every retry delay (tests set 0 so injected throttling costs no time). */
export function retryDelayFromEnv(env: NodeJS.ProcessEnv = process.env): ((attempt: number) => number) | undefined {
  const raw = env.GAMEDAY_AWS_RETRY_DELAY_MS;
  if (raw === undefined || raw === '') return undefined;
  const ms = Number(raw);
  return Number.isFinite(ms) && ms >= 0 ? () => ms : undefined;
}

export interface ClientConfig {
  region: string;
  endpoint?: string;
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  retryStrategy: unknown;
  requestHandler: { requestTimeout: number; connectionTimeout: number };
  useFipsEndpoint?: boolean;
  useDualstackEndpoint?: boolean;
}

/**
 * Explicit credentials, else --profile's, else undefined: the SDK clients then use their default
 * chain (@aws-sdk/credential-provider-node), as the signed FIS requests do.
 */
export async function credentialsFor(options: Pick<AwsConnectionOptions, 'credentials' | 'profile'>): Promise<ClientConfig['credentials']> {
  if (options.credentials) return options.credentials;
  if (!options.profile) return undefined;
  const { fromIni } = await import('@aws-sdk/credential-provider-ini');
  return fromIni({ profile: options.profile }) as AwsCredentialIdentityProvider;
}

/** The config object handed to `new XClient(config)`; the middleware is added by `instrument`. */
async function clientConfig(service: AwsServiceName, options: AwsConnectionOptions): Promise<ClientConfig> {
  const { ConfiguredRetryStrategy } = await import('@smithy/util-retry');
  const delay = options.retryDelayMs ?? retryDelayFromEnv(options.env) ?? defaultRetryDelayMs;
  const endpoint = endpointFor(service, options);
  const credentials = await credentialsFor(options);
  const timeout = options.requestTimeoutMs ?? 15_000;
  return {
    region: options.region,
    ...(endpoint ? { endpoint } : {}),
    ...(credentials ? { credentials } : {}),
    retryStrategy: new ConfiguredRetryStrategy(options.maxAttempts ?? 5, delay),
    requestHandler: { requestTimeout: timeout, connectionTimeout: Math.min(timeout, 5000) },
    ...(options.sandbox ? { useFipsEndpoint: false, useDualstackEndpoint: false } : {}),
  };
}

interface MiddlewareAdd {
  add(middleware: unknown, options: { step: 'deserialize'; name: string }): void;
}

/**
 * An adapter's SDK client, built on first use: the SDK module is imported only then, so commands that
 * never call AWS (validate, plan) never load it, and each adapter builds its client once.
 */
export function lazyClient<M, C extends { middlewareStack: object }>(
  service: AwsServiceName,
  options: AwsConnectionOptions,
  load: () => Promise<M>,
  create: (sdk: M, config: ClientConfig) => C,
): () => Promise<{ sdk: M; client: C }> {
  let connecting: Promise<{ sdk: M; client: C }> | undefined;
  return () =>
    (connecting ??= (async () => {
      const sdk = await load();
      const config = await clientConfig(service, options);
      return { sdk, client: reuseResolved(instrument(create(sdk, config), options)) };
    })());
}

/** Adds to one command a look at one header of its response; the function returned gives what it saw. */
export function responseHeader(command: { middlewareStack: object }, name: string): () => string | undefined {
  let seen: string | undefined;
  (command.middlewareStack as MiddlewareAdd).add(
    (next: (args: unknown) => Promise<{ response: { headers?: Record<string, string> } }>) => async (args: unknown) => {
      const result = await next(args);
      seen = result.response?.headers?.[name];
      return result;
    },
    { step: 'deserialize', name: `gamedayHeader:${name}` },
  );
  return () => seen;
}

type Handler = (command: unknown) => Promise<{ output: unknown }>;
interface ClientParts {
  config: { endpointProvider?: (params: Record<string, unknown>, context?: unknown) => unknown };
  middlewareStack: unknown;
  send(command: unknown, options?: unknown): Promise<unknown>;
}
interface CommandParts {
  middlewareStack: { identify(): string[] };
  resolveMiddleware(stack: unknown, config: unknown, options: unknown): Handler;
}

/** Endpoint rule sets evaluated per client, kept as long as the SDK's later releases keep them (EndpointCache). */
const ENDPOINTS_KEPT = 50;

/**
 * What the pinned SDK works out again for every call, worked out once per client, as its later releases
 * do: the endpoint its rule set gives for the same parameters (EndpointCache), and each command type's
 * middleware chain (Client.send with cacheMiddleware). A command with middleware of its own
 * (responseHeader) or sent with options still resolves its own chain.
 */
function reuseResolved<T>(client: T): T {
  const parts = client as unknown as ClientParts;
  const provider = parts.config.endpointProvider;
  if (provider) {
    const endpoints = new Map<string, unknown>();
    parts.config.endpointProvider = (params, context) => {
      const key = JSON.stringify(params);
      if (endpoints.has(key)) return endpoints.get(key);
      const endpoint = provider(params, context);
      if (endpoints.size >= ENDPOINTS_KEPT) endpoints.delete(endpoints.keys().next().value as string);
      endpoints.set(key, endpoint);
      return endpoint;
    };
  }
  const handlers = new WeakMap<object, Handler>();
  const send = parts.send.bind(parts);
  parts.send = (command, options) => {
    const own = command as CommandParts;
    if (options !== undefined || own.middlewareStack.identify().length > 0) return send(command, options);
    let handler = handlers.get((command as object).constructor);
    if (!handler) handlers.set((command as object).constructor, (handler = own.resolveMiddleware(parts.middlewareStack, parts.config, undefined)));
    return handler(command).then((result) => result.output);
  };
  return client;
}

/** Reports the service's Date header (the sandbox sends its virtual time) to options.onServiceTime. */
function instrument<T extends { middlewareStack: object }>(client: T, options: AwsConnectionOptions): T {
  const onServiceTime = options.onServiceTime;
  if (!onServiceTime) return client;
  (client.middlewareStack as MiddlewareAdd).add(
    (next: (args: unknown) => Promise<{ response: { headers?: Record<string, string> } }>) => async (args: unknown) => {
      const result = await next(args);
      const date = result.response?.headers?.date;
      if (date) {
        const parsed = new Date(date);
        if (!Number.isNaN(parsed.getTime())) onServiceTime(parsed);
      }
      return result;
    },
    { step: 'deserialize', name: 'gamedayServiceTime' },
  );
  return client;
}
