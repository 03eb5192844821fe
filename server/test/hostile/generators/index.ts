/**
 * fast-check generators of malformed requests for every route the app registered. Each request
 * carries at least one part that is invalid by construction (a bad key, a missing org, a body the
 * schema must refuse, a query the pull must refuse, a hostile passthrough target, …) and, around
 * it, parts that are valid or merely noisy. So every answer must be a 4xx, and nothing may reach
 * Salesforce: if something does, the generator made a valid request, or the server has a hole.
 */
export { codesFor } from './catalogue.ts';
export { rawRequestsFor, type RawFuzzRequest } from './raw.ts';
export { pushesOfBadRecords, type RecordFuzzRequest } from './records.ts';
export { requestsFor } from './requests.ts';
export { enc, hostileString, INJECTIONS } from './strings.ts';
export type { FuzzContext, FuzzRequest } from './types.ts';
