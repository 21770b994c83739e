import { ServiceError } from '../contracts.js';
import { MEMBER_ITEMS, escapeXml, toXmlContent, xmlResponse, type ListItemName } from './xml.js';
import type { FaultErrorKind, ParsedCall, WireProtocol, WireRequest, WireResponse } from './wire.js';

/**
 * awsQuery (CloudWatch with SDK ≤ 3.7xx and AWS CLI 2.9, STS, RDS, ElastiCache): form-encoded
 * Action/Version and flattened members in, XML out. Request members keep the model's names;
 * `X.member.N` becomes an array and `X.entry.N.key/.value` a map. Scalars stay strings (the form has
 * no types): backends coerce with services/members.ts. Output lists are <member> lists unless the
 * service's model names their items (`listItems`).
 */
export function awsQueryProtocol(options: { xmlns: string; listItems?: ListItemName }): WireProtocol {
  const { xmlns, listItems = MEMBER_ITEMS } = options;
  return {
    parse(request: WireRequest): ParsedCall {
      const { operation, entries } = queryForm(request);
      return { operation, input: unflattenQuery(entries) };
    },

    serialize(operation: string, output: unknown, requestId: string): WireResponse {
      const result = output === undefined || output === null ? '' : `<${operation}Result>${toXmlContent(output, listItems)}</${operation}Result>`;
      return xmlResponse(
        200,
        requestId,
        `<${operation}Response xmlns="${xmlns}">${result}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${operation}Response>`,
      );
    },

    serializeError(error: ServiceError, requestId: string): WireResponse {
      return xmlResponse(
        error.httpStatus,
        requestId,
        `<ErrorResponse xmlns="${xmlns}"><Error><Type>${error.fault}</Type><Code>${escapeXml(error.code)}</Code>` +
          `<Message>${escapeXml(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
      );
    },

    faultError: queryFaultError,
  };
}

/** The form of a query-protocol request (awsQuery and EC2): its Action and the other members' flattened entries. */
export function queryForm(request: WireRequest): { operation: string; entries: [string, string][] } {
  const contentType = String(request.headers['content-type'] ?? '');
  const form =
    request.method === 'GET'
      ? request.query
      : contentType === '' || contentType.startsWith('application/x-www-form-urlencoded')
        ? new URLSearchParams(request.body.toString('utf8'))
        : undefined;
  if (!form) throw new ServiceError('InvalidAction', `Content-Type ${contentType} is not supported; send application/x-www-form-urlencoded.`);
  const action = form.get('Action');
  if (!action) throw new ServiceError('MissingAction', 'The request must contain the parameter Action.');
  if (!/^[A-Za-z][A-Za-z0-9]*$/.test(action)) throw new ServiceError('InvalidAction', `The action ${action} is not valid for this web service.`);
  const entries: [string, string][] = [];
  for (const [key, value] of form) if (key !== 'Action' && key !== 'Version') entries.push([key, value]);
  return { operation: action, entries };
}

/** The error codes awsQuery services use for these conditions (the SDK retries Throttling, 500 and 503). */
export function queryFaultError(kind: FaultErrorKind, operation?: string): ServiceError {
  switch (kind) {
    case 'throttle':
      return new ServiceError('Throttling', 'Rate exceeded', 400, 'Sender');
    case 'error500':
      return new ServiceError('InternalFailure', 'The request processing has failed because of an unknown error, exception or failure.', 500);
    case 'error503':
      return new ServiceError('ServiceUnavailable', 'The request has failed due to a temporary failure of the server.', 503);
    case 'accessDenied':
      return new ServiceError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403);
    case 'tooLarge':
      return new ServiceError('RequestEntityTooLarge', 'Request size exceeded the 1 MiB limit.', 413);
    case 'unknownOperation':
      return new ServiceError('InvalidAction', `The action ${operation ?? ''} is not valid for this web service.`, 400);
  }
}


type Tree = { [key: string]: Tree | string };

/** Rebuilds nested members from awsQuery's flattened keys. */
export function unflattenQuery(entries: Iterable<[string, string]>): Record<string, unknown> {
  const root: Tree = {};
  for (const [key, value] of entries) {
    const parts = key.split('.');
    let node: Tree = root;
    for (let i = 0; i < parts.length - 1; i++) {
      const part = parts[i] as string;
      const next = node[part];
      if (typeof next === 'object') node = next;
      else {
        const created: Tree = {};
        node[part] = created;
        node = created;
      }
    }
    const last = parts[parts.length - 1] as string;
    if (typeof node[last] !== 'object') node[last] = value;
  }
  return normalize(root) as Record<string, unknown>;
}

function normalize(node: Tree | string): unknown {
  if (typeof node === 'string') return node;
  const keys = Object.keys(node);
  if (keys.length === 1 && (keys[0] === 'member' || keys[0] === 'entry')) {
    const items = node[keys[0]];
    if (typeof items === 'object' && Object.keys(items).every((k) => /^\d+$/.test(k))) {
      const ordered = Object.keys(items)
        .sort((a, b) => Number(a) - Number(b))
        .map((k) => items[k] as Tree | string);
      if (keys[0] === 'member') return ordered.map(normalize);
      const map: Record<string, unknown> = {};
      for (const entry of ordered) if (typeof entry === 'object' && typeof entry.key === 'string') map[entry.key] = normalize(entry.value ?? '');
      return map;
    }
  }
  const out: Record<string, unknown> = {};
  for (const key of keys) out[key] = normalize(node[key] as Tree | string);
  return out;
}
