import { randomUUID } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { gunzipSync } from 'node:zlib';
import { type SandboxService, type ServiceBackend, ServiceError } from './contracts.js';
import { CONTROL_PREFIX, type ControlTarget, handleControl } from './control.js';
import type { FaultInjector } from './faults.js';
import { type WireProtocol, type WireRequest, type WireResponse } from './protocol/wire.js';
import { SANDBOX_SERVICES, credentialScope, guessService, isSandboxService } from './routing.js';
import { SANDBOX_HEADER } from '../core/sandbox-header.js';

/** CloudWatch's PutMetricData limit is 1 MB; no other sandboxed call comes near it. */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export interface SandboxServerOptions {
  backends: readonly ServiceBackend[];
  /** the wire protocol a service speaks for this request (CloudWatch speaks two) */
  protocolFor(service: SandboxService, request: WireRequest): WireProtocol;
  faults: FaultInjector;
  control: ControlTarget;
  /** steps the simulation to the clock's now; called before every request */
  advance(): void;
  bodyLimit?: number;
  onError?(error: unknown): void;
  /** the simulated world's name, sent on every response (SANDBOX_HEADER) */
  world: string;
}

/**
 * The sandbox's HTTP edge: reads the request, finds the service from the SigV4 credential scope,
 * lets the service's protocol parse it, applies injected faults, calls the backend and writes the
 * protocol's response. Bind it to 127.0.0.1 only (index.ts does).
 */
export function createSandboxServer(options: SandboxServerOptions): Server {
  // Operations by name in maps with no prototype: `constructor` or `__proto__` is not an operation.
  const operations = new Map(options.backends.map((b) => [b.service, new Map(Object.entries(b.operations))]));
  const limit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader(SANDBOX_HEADER, options.world);
    const requestId = randomUUID();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const { body, tooLarge } = await readBody(req, limit);

    if (url.pathname.startsWith(CONTROL_PREFIX)) {
      const reply = tooLarge ? { status: 413, body: { error: 'body too large' } } : handleControl(options.control, req.method ?? 'GET', url.pathname, body.toString('utf8'));
      send(res, { status: reply.status, headers: { 'content-type': 'application/json' }, body: `${JSON.stringify(reply.body)}\n` });
      return;
    }

    const scope = credentialScope(req.headers.authorization, url.searchParams);
    const service = scope && isSandboxService(scope.service) ? scope.service : guessService(req.headers, tooLarge ? '' : body.toString('latin1', 0, 4096));
    const wire: WireRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body };
    const protocol = options.protocolFor(service, wire);
    try {
      if (tooLarge) throw protocol.faultError('tooLarge');
      if (!scope) throw protocol.faultError('accessDenied');
      if (!isSandboxService(scope.service)) {
        throw new ServiceError('UnrecognizedClientException', `The sandbox does not emulate the service "${scope.service}" (it has ${SANDBOX_SERVICES.join(', ')}).`, 400);
      }
      wire.body = decodeContent(body, String(req.headers['content-encoding'] ?? ''), limit, protocol);
      options.advance();
      const call = protocol.parse(wire);
      const fault = options.faults.take(service, call.operation);
      if (fault?.kind === 'reset') {
        req.socket.destroy();
        return;
      }
      if (fault?.kind === 'latency') {
        await sleep(fault.latencyMs ?? 0);
        // the virtual clock moved on while the request waited
        options.advance();
      } else if (fault) throw protocol.faultError(fault.kind);
      const handler = operations.get(service)?.get(call.operation);
      if (!handler) throw protocol.faultError('unknownOperation', call.operation);
      const output = await handler(call.input, { region: scope.region, requestId });
      send(res, protocol.serialize(call.operation, output, requestId));
    } catch (error) {
      if (error instanceof ServiceError) {
        send(res, protocol.serializeError(error, requestId));
        return;
      }
      options.onError?.(error);
      send(res, protocol.serializeError(protocol.faultError('error500'), requestId));
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      options.onError?.(error);
      if (!res.headersSent) send(res, { status: 500, headers: { 'content-type': 'text/plain' }, body: 'internal error' });
      else res.destroy();
    });
  });
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  return server;
}

/**
 * Reads the whole body; past the limit it keeps draining (so the client sees the 413) but keeps nothing.
 * Events, not `for await`: an async iterator per request costs more than the rest of reading it.
 */
function readBody(req: IncomingMessage, limit: number): Promise<{ body: Buffer; tooLarge: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => resolve(size > limit ? { body: Buffer.alloc(0), tooLarge: true } : { body: chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), tooLarge: false });
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (size > limit * 16) {
        req.socket.destroy();
        done();
      }
    });
    req.on('end', done);
    req.on('error', reject);
    // A client gone mid-body: nothing to answer (a promise already settled ignores this).
    req.on('close', () => (req.complete ? done() : reject(new Error('the request was aborted before its body ended'))));
  });
}

/** CloudWatch's PutMetricData accepts gzip (the SDK compresses bodies ≥ 10 KiB); encodings apply in order listed. */
function decodeContent(body: Buffer, contentEncoding: string, limit: number, protocol: WireProtocol): Buffer {
  const encodings = contentEncoding
    .split(',')
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e !== '' && e !== 'identity');
  let decoded = body;
  for (const encoding of encodings.reverse()) {
    if (encoding !== 'gzip') throw new ServiceError('InvalidParameterValue', `Content-Encoding ${encoding} is not supported; use gzip.`, 415);
    decoded = gunzip(decoded, limit, protocol);
  }
  return decoded;
}

function gunzip(body: Buffer, limit: number, protocol: WireProtocol): Buffer {
  try {
    return gunzipSync(body, { maxOutputLength: limit * 4 });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') throw protocol.faultError('tooLarge');
    throw new ServiceError('InvalidParameterValue', 'The request body is not valid gzip (Content-Encoding: gzip).', 400);
  }
}

function send(res: ServerResponse, response: WireResponse): void {
  if (res.destroyed) return;
  const body = Buffer.from(response.body, 'utf8');
  res.writeHead(response.status, { ...response.headers, 'content-length': String(body.length) });
  res.end(body);
}
