import { ServiceError } from '../contracts.js';
import { queryForm, unflattenQuery } from './aws-query.js';
import { escapeXml, toXmlContent, xmlResponse } from './xml.js';
import type { FaultErrorKind, ParsedCall, WireProtocol, WireRequest, WireResponse } from './wire.js';

const EC2_CONTENT_TYPE = 'text/xml;charset=UTF-8';
const XMLNS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

/**
 * EC2's query protocol: awsQuery's form in, but lists are `Name.N` (no `.member`), and the XML
 * out has no <…Result> wrapper, lists of <item>, a lower-case <requestId>, and errors as
 * <Response><Errors><Error>… (the SDK's de_…Result and loadEc2ErrorCode read exactly these).
 * Backends get EC2's request member names (InstanceId, Filter) with `.N` lists as arrays.
 */
export function ec2QueryProtocol(): WireProtocol {
  return {
    parse(request: WireRequest): ParsedCall {
      const { operation, entries } = queryForm(request);
      return { operation, input: numberedListsToArrays(unflattenQuery(entries)) as Record<string, unknown> };
    },

    serialize(operation: string, output: unknown, requestId: string): WireResponse {
      const content = output === undefined || output === null ? '' : toXmlContent(output, () => 'item');
      return xmlResponse(200, requestId, `<${operation}Response xmlns="${XMLNS}"><requestId>${requestId}</requestId>${content}</${operation}Response>`, EC2_CONTENT_TYPE);
    },

    serializeError(error: ServiceError, requestId: string): WireResponse {
      return xmlResponse(
        error.httpStatus,
        requestId,
        `<Response><Errors><Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error></Errors><RequestID>${requestId}</RequestID></Response>`,
        EC2_CONTENT_TYPE,
      );
    },

    faultError: ec2FaultError,
  };
}

/** EC2's codes for these conditions (the SDK retries RequestLimitExceeded, 500 and 503). */
function ec2FaultError(kind: FaultErrorKind, operation?: string): ServiceError {
  switch (kind) {
    case 'throttle':
      return new ServiceError('RequestLimitExceeded', 'Request limit exceeded.', 503);
    case 'error500':
      return new ServiceError('InternalError', 'An internal error has occurred.', 500);
    case 'error503':
      return new ServiceError('Unavailable', 'The server is overloaded and can\'t handle the request.', 503);
    case 'accessDenied':
      return new ServiceError('AuthFailure', 'AWS was not able to validate the provided access credentials', 401);
    case 'tooLarge':
      return new ServiceError('RequestEntityTooLarge', 'Request size exceeded the limit.', 413);
    case 'unknownOperation':
      return new ServiceError('InvalidAction', `The action ${operation ?? ''} is not valid for this web service.`, 400);
  }
}

/** `{ "1": a, "2": b }` → `[a, b]`, at every depth (EC2 numbers list items directly under the member). */
function numberedListsToArrays(node: unknown): unknown {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return node;
  const keys = Object.keys(node);
  const record = node as Record<string, unknown>;
  if (keys.length > 0 && keys.every((k) => /^\d+$/.test(k))) {
    return keys.sort((a, b) => Number(a) - Number(b)).map((k) => numberedListsToArrays(record[k]));
  }
  return Object.fromEntries(keys.map((k) => [k, numberedListsToArrays(record[k])]));
}
