/**
 * sObject describes, cached per org and object in shared state: fresh for 15 minutes (0 calls), then
 * revalidated with If-Modified-Since (Salesforce answers 304 without a body). A stale copy is kept
 * for days and served when the limiter refuses the revalidation, so the mapping page still loads
 * when the daily limit is reached (the seed's product could not show it then).
 */
import type { Org } from '../orgs/org.ts';
import type { ConnectionPool } from '../salesforce/connection-pool.ts';
import type { CallContext } from '../salesforce/call-context.ts';
import { CallDeniedError } from '../salesforce/call-denied.ts';
import type { SharedState } from '../state/shared-state.ts';
import { salesforceErrorCode } from './salesforce-failure.ts';
import { SALESFORCE_NAME } from './soql.ts';
import { syncKeys } from './sync-keys.ts';

/** What sync needs of one field of a describe. */
export interface FieldInfo {
  name: string;
  label: string;
  type: string;
  custom: boolean;
  createable: boolean;
  updateable: boolean;
  externalId: boolean;
  idLookup: boolean;
}

export interface CachedDescribe {
  object: string;
  /** Our clock when Salesforce last confirmed this describe (200 or 304). */
  checkedAt: number;
  fields: FieldInfo[];
}

export interface DescribeResult {
  describe: CachedDescribe;
  /** Salesforce calls this lookup spent (0 or 1). */
  calls: number;
  /** True when Salesforce could not be asked and an older copy was served. */
  stale: boolean;
}

export type DescribeDeps = { state: SharedState; pool: ConnectionPool };

/** How long a describe is used without asking Salesforce. */
export const DESCRIBE_FRESH_MS = 15 * 60_000;
/** How long a stale describe is kept for when Salesforce cannot be asked. */
export const DESCRIBE_KEEP_MS = 7 * 24 * 60 * 60_000;

// Per shared state, so two API instances in one process (tests) never share a promise across stores.
const inFlight = new WeakMap<SharedState, Map<string, Promise<DescribeResult>>>();

function trim(object: string, body: unknown, now: number): CachedDescribe | undefined {
  const fields = (body as { fields?: unknown } | null)?.fields;
  if (typeof body !== 'object' || !Array.isArray(fields)) return undefined;
  const info = fields.map((raw: Record<string, unknown>) => ({
    name: String(raw['name']),
    label: String(raw['label'] ?? raw['name']),
    type: String(raw['type']),
    custom: raw['custom'] === true,
    createable: raw['createable'] === true,
    updateable: raw['updateable'] === true,
    externalId: raw['externalId'] === true,
    idLookup: raw['idLookup'] === true,
  }));
  return { object, checkedAt: now, fields: info.filter((f) => SALESFORCE_NAME.test(f.name)) };
}

async function revalidate(deps: DescribeDeps, org: Org, object: string, key: string, cached: CachedDescribe | undefined, context: CallContext, now: number): Promise<DescribeResult> {
  // HTTP dates have whole seconds; asking from a second earlier can only cost a full describe, never miss a change.
  const headers: Record<string, string> = cached ? { 'If-Modified-Since': new Date(Math.floor(cached.checkedAt / 1000) * 1000 - 1000).toUTCString() } : {};
  let body: unknown;
  try {
    const client = await deps.pool.get(org);
    body = await client.json(context, { method: 'GET', url: `/sobjects/${object}/describe`, headers });
  } catch (error) {
    // Refused by the limiter or Salesforce unreachable: an older describe beats no page at all.
    if (cached && (error instanceof CallDeniedError || !salesforceErrorCode(error))) return { describe: cached, calls: 0, stale: true };
    throw error;
  }
  // A 304 has an empty body, read as ''.
  const fresh = trim(object, body, now) ?? (cached && (body === '' || body === undefined) ? { ...cached, checkedAt: now } : undefined);
  if (!fresh) throw new Error(`Salesforce answered the ${object} describe with something else`);
  await deps.state.setJson(key, fresh, DESCRIBE_KEEP_MS);
  return { describe: fresh, calls: 1, stale: false };
}

/** The describe of `object` in the org's Salesforce, from cache when fresh; calls run under `context`. */
export async function describeObject(deps: DescribeDeps, org: Org, object: string, context: CallContext, now = Date.now()): Promise<DescribeResult> {
  if (!SALESFORCE_NAME.test(object)) throw new RangeError(`not an object name: ${object}`);
  const key = syncKeys.describe(org.id, org.salesforce?.orgId ?? 'unverified', object);
  const cached = await deps.state.getJson<CachedDescribe>(key);
  if (cached && now - cached.checkedAt < DESCRIBE_FRESH_MS) return { describe: cached, calls: 0, stale: false };
  // Concurrent page loads share one describe call instead of each spending one.
  const running = inFlight.get(deps.state) ?? new Map<string, Promise<DescribeResult>>();
  inFlight.set(deps.state, running);
  const pending = running.get(key);
  if (pending) return pending.then((r) => ({ ...r, calls: 0 }));
  const work = revalidate(deps, org, object, key, cached, context, now).finally(() => running.delete(key));
  running.set(key, work);
  return work;
}
