import { ServiceError } from '../contracts.js';
import { parseJsonObject, toJsonBody } from './json.js';
import type { FaultErrorKind, ParsedCall, WireProtocol, WireRequest, WireResponse } from './wire.js';

/** One operation's HTTP binding, extracted from the SDK (scripts/extract-rest-routes.js). */
export interface RestRoute {
  operation: string;
  method: string;
  /** URI template, e.g. /experimentTemplates/{id} */
  path: string;
  query: readonly { key: string; member: string; kind: 'string' | 'number' | 'boolean' | 'list' | 'timestamp' }[];
}

interface CompiledRoute extends RestRoute {
  segments: { literal?: string; label?: string }[];
  literals: number;
}

/**
 * restJson1 (FIS, Resilience Hub): operation from method + URI template; input = JSON body members
 * + path labels + query parameters under their model member names (numbers, booleans, lists and
 * timestamps (as Date) typed from the binding). Errors: status, x-amzn-errortype, {"message"} —
 * what the SDK's loadRestJsonErrorCode and de_*Res read.
 */
export function restJsonProtocol(routes: readonly RestRoute[]): WireProtocol {
  const compiled: CompiledRoute[] = routes
    .map((r) => {
      const segments = r.path
        .split('/')
        .slice(1)
        .map((s) => (s.startsWith('{') ? { label: s.slice(1, -1) } : { literal: s }));
      return { ...r, segments, literals: segments.filter((s) => s.literal !== undefined).length };
    })
    .sort((a, b) => b.literals - a.literals);

  return {
    parse(request: WireRequest): ParsedCall {
      const segments = request.path.split('/').slice(1);
      let pathMatched = false;
      for (const route of compiled) {
        const labels = matchPath(route, segments);
        if (!labels) continue;
        pathMatched = true;
        if (route.method !== request.method) continue;
        const body = ['POST', 'PUT', 'PATCH'].includes(request.method) ? parseJsonObject(request.body, 'SerializationException') : {};
        return { operation: route.operation, input: { ...body, ...queryMembers(route, request.query), ...labels } };
      }
      throw new ServiceError(
        'UnknownOperationException',
        pathMatched ? `Method ${request.method} is not allowed on ${request.path}.` : `No operation matches ${request.method} ${request.path}.`,
        pathMatched ? 405 : 404,
      );
    },

    serialize(_operation: string, output: unknown, requestId: string): WireResponse {
      return { status: 200, headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId }, body: toJsonBody(output) };
    },

    serializeError(error: ServiceError, requestId: string): WireResponse {
      return {
        status: error.httpStatus,
        headers: { 'content-type': 'application/json', 'x-amzn-requestid': requestId, 'x-amzn-errortype': error.code },
        body: JSON.stringify({ message: error.message }),
      };
    },

    faultError: jsonFaultError,
  };
}

/** The error codes the JSON protocols (restJson1, awsJson1_1) use for these conditions; the SDK retries ThrottlingException, 500 and 503. */
export function jsonFaultError(kind: FaultErrorKind, operation?: string): ServiceError {
  switch (kind) {
    case 'throttle':
      return new ServiceError('ThrottlingException', 'Rate exceeded', 429);
    case 'error500':
      return new ServiceError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500);
    case 'error503':
      return new ServiceError('ServiceUnavailable', 'The service is unavailable. Please try again later.', 503);
    case 'accessDenied':
      return new ServiceError('AccessDeniedException', 'Missing Authentication Token: the request is not signed (no Authorization header).', 403);
    case 'tooLarge':
      return new ServiceError('RequestEntityTooLargeException', 'Request size exceeded the 1 MiB limit.', 413);
    case 'unknownOperation':
      return new ServiceError('UnknownOperationException', `The sandbox does not emulate the operation ${operation ?? ''}.`, 404);
  }
}

function matchPath(route: CompiledRoute, segments: string[]): Record<string, string> | undefined {
  if (segments.length !== route.segments.length) return undefined;
  const labels: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const want = route.segments[i] as { literal?: string; label?: string };
    const got = decodeSegment(segments[i] as string);
    if (want.literal !== undefined) {
      if (want.literal !== got) return undefined;
    } else if (got === '') return undefined;
    else labels[want.label as string] = got;
  }
  return labels;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    throw new ServiceError('ValidationException', `The path segment ${segment} is not valid percent-encoding.`, 400);
  }
}

function queryMembers(route: RestRoute, query: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const q of route.query) {
    const values = query.getAll(q.key);
    const raw = values[0];
    if (raw === undefined) continue;
    switch (q.kind) {
      case 'list':
        out[q.member] = values;
        break;
      case 'number': {
        const n = Number(raw);
        if (raw.trim() === '' || !Number.isFinite(n)) throw new ServiceError('ValidationException', `${q.key} must be a number, got "${raw}".`, 400);
        out[q.member] = n;
        break;
      }
      case 'boolean':
        if (raw !== 'true' && raw !== 'false') throw new ServiceError('ValidationException', `${q.key} must be true or false, got "${raw}".`, 400);
        out[q.member] = raw === 'true';
        break;
      case 'timestamp': {
        const ms = Date.parse(raw);
        if (!Number.isFinite(ms)) throw new ServiceError('ValidationException', `${q.key} must be an ISO 8601 timestamp, got "${raw}".`, 400);
        out[q.member] = new Date(ms);
        break;
      }
      default:
        out[q.member] = raw;
    }
  }
  return out;
}
