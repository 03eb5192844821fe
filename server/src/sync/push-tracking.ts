/**
 * What a push leaves behind besides its results: the records Salesforce refused inside successful
 * collection calls go to the error log (failed calls are logged by the org gate), and the records
 * it saved feed field usage. Our own validation failures were never sent and appear in neither.
 */
import type { ErrorLog } from '../usage/error-log.ts';
import { recordFailureEntries } from '../usage/error-log.ts';
import { phoneFieldOf, type FieldUsage, type TrackedRecord } from '../usage/field-usage.ts';
import type { FieldMapping } from './default-mappings.ts';
import type { Chunk } from './push-batches.ts';
import type { PushOperation } from './push-input.ts';
import type { ChunkOutcome } from './push-send.ts';
import type { Relationship } from './relationships.ts';

/** Optional services a push and a pull report to; absent ones are skipped. */
export interface SyncTracking {
  errorLog?: ErrorLog;
  fieldUsage?: FieldUsage;
}

export interface SentPush {
  orgId: string;
  relationship: Relationship;
  operation: PushOperation;
  upsertKey: string | undefined;
  mappings: readonly FieldMapping[];
  chunks: readonly Chunk[];
  outcomes: readonly ChunkOutcome[];
  at: number;
}

/** The sObject Collections request a chunk went out as (jsforce's endpoints for each operation). */
function requestOf(operation: PushOperation, object: string, upsertKey: string | undefined): { method: string; path: string } {
  if (operation === 'create') return { method: 'POST', path: '/composite/sobjects' };
  if (operation === 'update') return { method: 'PATCH', path: '/composite/sobjects' };
  return { method: 'PATCH', path: `/composite/sobjects/${object}/${upsertKey ?? 'Id'}` };
}

/**
 * The CRM values a saved record carried. A create writes every assigned field, so a field it left
 * out is empty; an update or upsert only names the fields it changes, so only those took part.
 */
function crmValues(sent: Record<string, unknown>, mappings: readonly FieldMapping[], operation: PushOperation): Record<string, unknown> {
  const bySalesforce = new Map(Object.entries(sent).map(([k, v]) => [k.toLowerCase(), v]));
  const values: Record<string, unknown> = {};
  for (const m of mappings) {
    if (m.salesforceField === null) continue;
    const key = m.salesforceField.toLowerCase();
    if (bySalesforce.has(key)) values[m.crmField] = bySalesforce.get(key);
    else if (operation === 'create') values[m.crmField] = null;
  }
  return values;
}

/** Log refused records and count field usage of saved ones. */
export async function trackPush(deps: SyncTracking, push: SentPush): Promise<void> {
  const failures = [];
  const saved: TrackedRecord[] = [];
  for (const [n, chunk] of push.chunks.entries()) {
    const outcome = push.outcomes[n];
    if (!outcome || !('saved' in outcome)) continue;
    const records = chunk.items.map((item, k) => ({ item, result: outcome.saved[k] as { success?: unknown; id?: unknown; created?: unknown } | undefined }));
    failures.push(
      ...recordFailureEntries({
        at: push.at,
        relationship: push.relationship.name,
        object: chunk.object,
        ...requestOf(push.operation, chunk.object, push.upsertKey),
        records: records.map(({ item, result }) => ({ result, ...(typeof item.record['Id'] === 'string' ? { sentId: item.record['Id'] } : {}) })),
      }),
    );
    for (const { item, result } of records) {
      if (result?.success !== true) continue;
      const id = typeof result.id === 'string' ? result.id : item.record['Id'];
      const { Id: _, ...sent } = item.record;
      // A create's results carry no `created` flag; an upsert's say whether it inserted.
      const created = push.operation === 'create' || result.created === true;
      saved.push({ ...(typeof id === 'string' ? { id } : {}), ...(created ? { created } : {}), values: crmValues(sent, push.mappings, push.operation) });
    }
  }
  const phoneField = phoneFieldOf(push.relationship.name, push.mappings);
  await Promise.all([
    failures.length > 0 ? deps.errorLog?.appendMany(push.orgId, failures) : undefined,
    deps.fieldUsage?.track(push.orgId, { relationship: push.relationship.name, direction: 'push', at: push.at, records: saved, ...(phoneField ? { phoneField } : {}) }),
  ]);
}
