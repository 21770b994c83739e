import { ServiceError } from '../contracts.js';
import { queryFaultError } from './aws-query.js';
import { parseJsonObject, toJsonBody } from './json.js';
import { jsonFaultError } from './rest-json.js';
import { type FaultErrorKind, type ParsedCall, type WireProtocol, type WireRequest, type WireResponse, header } from './wire.js';

export interface AwsJsonOptions {
  /** X-Amz-Target prefix: "<target>.<Operation>" */
  target: string;
  /** awsJson1_0 (CloudWatch) or awsJson1_1 (ECS): only the content type differs on the wire. */
  version: '1.0' | '1.1';
  /**
   * awsQuery compatibility (CloudWatch from SDK 3.949 on): error codes are the awsQuery ones, also sent
   * in x-amzn-query-error "Code;Sender|Receiver", which the SDK uses to find the modelled error
   * (findQueryCompatibleError) and to fill err.Code / err.Type.
   */
  queryCompatible?: boolean;
}

/**
 * awsJson1_0 / awsJson1_1: POST /, operation in X-Amz-Target "<target>.<Operation>", JSON body with
 * the model's member names; errors {"__type": code, "message"}, as the SDK's loadRestJsonErrorCode reads them.
 */
export function awsJsonProtocol(options: AwsJsonOptions): WireProtocol {
  const prefix = `${options.target}.`;
  const contentType = `application/x-amz-json-${options.version}`;
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
      return { status: 200, headers: { 'content-type': contentType, 'x-amzn-requestid': requestId }, body: toJsonBody(output) };
    },

    serializeError(error: ServiceError, requestId: string): WireResponse {
      return {
        status: error.httpStatus,
        headers: {
          'content-type': contentType,
          'x-amzn-requestid': requestId,
          ...(options.queryCompatible ? { 'x-amzn-query-error': `${error.code};${error.fault}` } : {}),
        },
        body: JSON.stringify({ __type: error.code, message: error.message }),
      };
    },

    faultError(kind: FaultErrorKind, operation?: string): ServiceError {
      if (kind === 'unknownOperation') return new ServiceError('UnknownOperationException', `Unknown operation ${operation ?? ''}.`, 400);
      return options.queryCompatible ? queryFaultError(kind, operation) : jsonFaultError(kind, operation);
    },
  };
}
