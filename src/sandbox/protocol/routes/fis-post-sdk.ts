import type { RestRoute } from '../rest-json.js';

/**
 * FIS operations added after @aws-sdk/client-fis 3.523.0, so the generated FIS_ROUTES cannot hold
 * them: bound as botocore's FIS model (boto/botocore 0e6e2404, botocore/data/fis/2020-12-01) binds
 * them; test/sandbox/fis-model-check.test.ts checks them against that model.
 */
export const FIS_POST_SDK_ROUTES: readonly RestRoute[] = [
  { operation: 'GetSafetyLever', method: 'GET', path: '/safetyLevers/{id}', query: [] },
  { operation: 'UpdateSafetyLeverState', method: 'PATCH', path: '/safetyLevers/{id}/state', query: [] },
];
