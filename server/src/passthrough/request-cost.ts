/**
 * What one passthrough request costs against the org's daily requests, known before it is sent.
 * Salesforce counts a Composite Batch (`POST …/composite/batch`) once per subrequest ("Each
 * subrequest counts against rate limits", REST API Developer Guide, Composite Batch); every other
 * request counts once (Composite and sObject Tree too: "counts as a single call").
 */
import type { ForwardMethod } from './forward-request.ts';
import type { UpstreamTarget } from './upstream-target.ts';

/** Salesforce's ceiling on subrequests in one batch; a longer batch is refused (400) and counts once. */
export const MAX_BATCH_SUBREQUESTS = 25;
/** A batch body is a few KB of JSON; past this it is not read for its cost (Salesforce refuses it anyway). */
export const MAX_BATCH_BODY_BYTES = 1024 * 1024;

const COMPOSITE_BATCH = /^\/services\/data\/v\d{1,3}\.\d\/composite\/batch\/?$/;

/** True for the one request whose cost depends on its body: read that body before admitting it. */
export function costDependsOnBody(method: ForwardMethod, target: UpstreamTarget): boolean {
  return method === 'POST' && COMPOSITE_BATCH.test(target.path);
}

/**
 * Requests Salesforce will count for this one. A body it will refuse (not JSON, no `batchRequests`
 * array, empty or over 25 subrequests) costs 1: the refusal itself is a counted call.
 */
export function requestCost(method: ForwardMethod, target: UpstreamTarget, body: Buffer | undefined): number {
  if (!costDependsOnBody(method, target) || !body || body.length > MAX_BATCH_BODY_BYTES) return 1;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    return 1;
  }
  const subrequests = (parsed as { batchRequests?: unknown } | null)?.batchRequests;
  if (!Array.isArray(subrequests) || subrequests.length === 0 || subrequests.length > MAX_BATCH_SUBREQUESTS) return 1;
  return subrequests.length;
}
