import { ServiceError } from '../contracts.js';
import { queryFaultError } from './aws-query.js';
import { parseJsonObject, toJsonBody } from './json.js';
import { type FaultErrorKind, type ParsedCall, type WireProtocol, type WireRequest, type WireResponse, header } from './wire.js';

/**
 * awsJson1_0 with awsQuery compatibility (CloudWatch from SDK 3.949 on): POST /, operation in
 * X-Amz-Target "<target>.<Operation>", JSON body with the model's member names. Errors carry the
 * awsQuery code in __type and in x-amzn-query-error "Code;Sender|Receiver", which the SDK uses
 * to find the modelled error (findQueryCompatibleError) and to fill err.Code / err.Type.
 */
export function awsJsonProtocol(options: { target: string }): WireProtocol {
  const prefix = `${options.target}.`;
  return {
    parse(request: WireRequest): ParsedCall {
      const target = header(request, 'x-amz-target') ?? '';
      if (request.method !== 'POST' || !target.startsWith(prefix)) {
        throw new ServiceError('UnknownOperationException', `Expected POST with X-Amz-Target ${prefix}<Operation>.`, 400);
      }
      const operation = target.slice(prefix.length);
      if (!/^[A-Za-z][A-Za-z0-9]*$/.test(operation)) throw new ServiceError('UnknownOperationException', `Unknown operation ${operation}.`, 400);
      return { operation, input: parseJsonObject(request.body, 'SerializationException') };
    },

    serialize(_operation: string, output: unknown, requestId: string): WireResponse {
      return { status: 200, headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': requestId }, body: toJsonBody(output) };
    },

    serializeError(error: ServiceError, requestId: string): WireResponse {
      return {
        status: error.httpStatus,
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amzn-requestid': requestId,
          'x-amzn-query-error': `${error.code};${error.fault}`,
        },
        body: JSON.stringify({ __type: error.code, message: error.message }),
      };
    },

    faultError(kind: FaultErrorKind, operation?: string): ServiceError {
      if (kind === 'unknownOperation') return new ServiceError('UnknownOperationException', `Unknown operation ${operation ?? ''}.`, 400);
      return queryFaultError(kind, operation);
    },
  };
}
