import type { RestRoute } from '../rest-json.js';

/**
 * ARC zonal shift (API 2022-10-30) as its model binds it: aws/aws-sdk-js-v3
 * codegen/sdk-codegen/aws-models/arc-zonal-shift.json at 0aec325470217be9c0c1b696039ce90c7b3c3041
 * (no @aws-sdk/client-arc-zonal-shift is installed to extract them from). Every operation routes;
 * those the backend does not implement answer 404 UnknownOperationException.
 */
export const ARC_ZONAL_SHIFT_ROUTES: readonly RestRoute[] = [
  { operation: 'CancelPracticeRun', method: 'DELETE', path: '/practiceruns/{zonalShiftId}', query: [] },
  { operation: 'CancelZonalShift', method: 'DELETE', path: '/zonalshifts/{zonalShiftId}', query: [] },
  { operation: 'CreatePracticeRunConfiguration', method: 'POST', path: '/configuration', query: [] },
  { operation: 'DeletePracticeRunConfiguration', method: 'DELETE', path: '/configuration/{resourceIdentifier}', query: [] },
  { operation: 'GetAutoshiftObserverNotificationStatus', method: 'GET', path: '/autoshift-observer-notification', query: [] },
  { operation: 'GetManagedResource', method: 'GET', path: '/managedresources/{resourceIdentifier}', query: [] },
  { operation: 'ListAutoshifts', method: 'GET', path: '/autoshifts', query: [{ key: 'nextToken', member: 'nextToken', kind: 'string' }, { key: 'status', member: 'status', kind: 'string' }, { key: 'maxResults', member: 'maxResults', kind: 'number' }] },
  { operation: 'ListManagedResources', method: 'GET', path: '/managedresources', query: [{ key: 'nextToken', member: 'nextToken', kind: 'string' }, { key: 'maxResults', member: 'maxResults', kind: 'number' }] },
  { operation: 'ListZonalShifts', method: 'GET', path: '/zonalshifts', query: [{ key: 'nextToken', member: 'nextToken', kind: 'string' }, { key: 'status', member: 'status', kind: 'string' }, { key: 'maxResults', member: 'maxResults', kind: 'number' }, { key: 'resourceIdentifier', member: 'resourceIdentifier', kind: 'string' }] },
  { operation: 'StartPracticeRun', method: 'POST', path: '/practiceruns', query: [] },
  { operation: 'StartZonalShift', method: 'POST', path: '/zonalshifts', query: [] },
  { operation: 'UpdateAutoshiftObserverNotificationStatus', method: 'PUT', path: '/autoshift-observer-notification', query: [] },
  { operation: 'UpdatePracticeRunConfiguration', method: 'PATCH', path: '/configuration/{resourceIdentifier}', query: [] },
  { operation: 'UpdateZonalAutoshiftConfiguration', method: 'PUT', path: '/managedresources/{resourceIdentifier}', query: [] },
  { operation: 'UpdateZonalShift', method: 'PATCH', path: '/zonalshifts/{zonalShiftId}', query: [] },
];
