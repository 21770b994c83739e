import type { AwsConnectionOptions } from './client-factory.js';
import { SignedRestJsonRequests } from './signed-rest-json-requests.js';

/**
 * The FIS calls @aws-sdk/client-fis 3.523 cannot make: its serializers and deserializers keep only
 * the members its model knew in Feb 2024, so safety levers (GetSafetyLever), `actionsMode`,
 * experiment reports and `state.error` never reach the wire or the caller.
 */
export class FisSignedRequests extends SignedRestJsonRequests {
  constructor(options: AwsConnectionOptions) {
    // FIS's endpoint rules send FIPS in GovCloud to fis.<region>.amazonaws.com (test/unit/aws/regional-endpoint.test.ts).
    super({ signingName: 'fis', endpoint: 'fis', endpointPrefix: 'fis', govCloudIsFips: true }, options);
  }
}
