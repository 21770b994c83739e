import type { ServiceError } from '../contracts.js';

/** An HTTP request as the protocol layer sees it: already read, decompressed and size-checked. */
export interface WireRequest {
  method: string;
  /** raw path, still percent-encoded */
  path: string;
  query: URLSearchParams;
  /** lower-cased header names */
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: Buffer;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface ParsedCall {
  operation: string;
  input: Record<string, unknown>;
}

/**
 * One wire protocol, stateless: request → (operation, input) and output/error → response.
 * parse() throws ServiceError for requests the service would reject before reaching an operation.
 */
export interface WireProtocol {
  parse(request: WireRequest): ParsedCall;
  serialize(operation: string, output: unknown, requestId: string): WireResponse;
  serializeError(error: ServiceError, requestId: string): WireResponse;
  /** The error each protocol uses for the faults the control API injects. */
  faultError(kind: FaultErrorKind, operation?: string): ServiceError;
}

export function header(request: WireRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export type FaultErrorKind = 'throttle' | 'error500' | 'error503' | 'accessDenied' | 'tooLarge' | 'unknownOperation';
