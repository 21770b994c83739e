import { GamedayError } from '../core/errors.js';

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNABORTED']);

interface SdkError {
  name?: string;
  message?: string;
  code?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

/** The error's name when it is the service saying the resource does not exist. */
export function isNotFound(error: unknown): boolean {
  if (GamedayError.is(error)) return isNotFound(error.cause);
  const name = (error as SdkError | undefined)?.name ?? '';
  return /NotFound/.test(name) || (error as SdkError | undefined)?.$metadata?.httpStatusCode === 404;
}

/** The call's answer, or undefined when the service says the resource does not exist. */
export async function unlessNotFound<T>(call: Promise<T>): Promise<T | undefined> {
  try {
    return await call;
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw error;
  }
}

/** Looks each distinct id up with its own call, in parallel: for Describe calls that take one identifier. */
export async function describeEach<T>(ids: string[], describe: (id: string) => Promise<T>): Promise<Record<string, T>> {
  return Object.fromEntries(await Promise.all([...new Set(ids)].map(async (id) => [id, await describe(id)] as const)));
}

/** Whether the call never got an answer from the service (network, timeout), as opposed to a refusal. */
export function isUnreachable(error: unknown): boolean {
  const e = error as SdkError | undefined;
  if (!e) return false;
  if (e.code && NETWORK_CODES.has(e.code)) return true;
  return e.name === 'TimeoutError' || e.name === 'RequestTimeout' || (e.$metadata === undefined && /socket|network|connect/i.test(e.message ?? ''));
}

/**
 * Maps an SDK error to a GamedayError naming the operation. Only the service's error name and
 * message are kept: never the request, its headers or the credentials it was signed with.
 */
export function toGamedayError(operation: string, error: unknown): GamedayError {
  if (GamedayError.is(error)) return error;
  const e = (error ?? {}) as SdkError;
  const status = e.$metadata?.httpStatusCode;
  const attempts = e.$metadata?.attempts;
  const detail = `${e.name ?? 'Error'}: ${e.message ?? String(error)}`;
  if (isUnreachable(error)) {
    return new GamedayError('AWS_UNREACHABLE', `${operation}: no answer from the service (${detail})`, {
      hint: 'check the network, the region and --endpoint-url / AWS_ENDPOINT_URL',
      cause: error,
    });
  }
  const where = `${operation}${status ? ` (HTTP ${status}${attempts && attempts > 1 ? `, after ${attempts} attempts` : ''})` : ''}`;
  const hint = /AccessDenied|UnrecognizedClient|InvalidClientToken|ExpiredToken|SignatureDoesNotMatch|CredentialsProvider/i.test(detail)
    ? 'check the credentials (--profile, AWS_PROFILE) and that their role may call this operation'
    : undefined;
  return new GamedayError('AWS_ERROR', `${where}: ${detail}`, { ...(hint ? { hint } : {}), cause: error });
}

/** Runs one AWS operation, mapping failures to GamedayError with the operation named. */
export async function awsCall<T>(operation: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw toGamedayError(operation, error);
  }
}
