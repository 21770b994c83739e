import type { SandboxService } from './contracts.js';
import { awsQueryProtocol } from './protocol/aws-query.js';
import type { WireProtocol, WireRequest } from './protocol/wire.js';

const cloudwatchQuery = awsQueryProtocol({ xmlns: 'http://monitoring.amazonaws.com/doc/2010-08-01/', version: '2010-08-01' });
const stsQuery = awsQueryProtocol({ xmlns: 'https://sts.amazonaws.com/doc/2011-06-15/', version: '2011-06-15' });

/** Which wire protocol each service speaks, per request: CloudWatch speaks awsQuery and (newer SDKs) awsJson1_0. */
export function protocolFor(service: SandboxService, _request: WireRequest): WireProtocol {
  switch (service) {
    case 'monitoring':
      return cloudwatchQuery;
    case 'sts':
      return stsQuery;
    default:
      return cloudwatchQuery;
  }
}
