/**
 * Reduction before sending: updates with nothing left to write are not sent, identical updates and
 * upserts in one request are sent once, and the rest is coalesced into sObject Collections
 * requests of at most 200 records of one object: each request is one call.
 */
import type { PushOperation } from './push-input.ts';
import type { Translated } from './push-translate.ts';

/** Salesforce's sObject Collections limit. */
export const COLLECTION_SIZE = 200;

/** One Salesforce record to send, and every input index it answers for. */
export interface Outgoing {
  record: Record<string, unknown>;
  indexes: number[];
}

export interface Chunk {
  object: string;
  items: Outgoing[];
}

export interface Plan {
  chunks: Chunk[];
  /** Updates that would change nothing: answered without a call. */
  unchanged: Translated[];
}

function salesforceRecord(t: Translated, operation: PushOperation): Record<string, unknown> {
  // jsforce reads `Id` from update records and from upsert records matched on Id.
  return t.id !== undefined && operation !== 'create' ? { Id: t.id, ...t.values } : { ...t.values };
}

/** A key equal for records that would send the same thing. */
function sameWriteKey(object: string, record: Record<string, unknown>): string {
  return JSON.stringify([object, Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))]);
}

/** Plan the requests for translated records, keeping input order within each object. */
export function planChunks(records: readonly Translated[], operation: PushOperation): Plan {
  const unchanged: Translated[] = [];
  const byObject = new Map<string, Outgoing[]>();
  const seen = new Map<string, Outgoing>();
  for (const t of records) {
    if (operation === 'update' && Object.keys(t.values).length === 0) {
      unchanged.push(t);
      continue;
    }
    const record = salesforceRecord(t, operation);
    // Creates are never merged: two equal new records may be two real people.
    const key = operation === 'create' ? undefined : sameWriteKey(t.object, record);
    const twin = key === undefined ? undefined : seen.get(key);
    if (twin) {
      twin.indexes.push(t.index);
      continue;
    }
    const outgoing: Outgoing = { record, indexes: [t.index] };
    if (key !== undefined) seen.set(key, outgoing);
    const list = byObject.get(t.object) ?? [];
    list.push(outgoing);
    byObject.set(t.object, list);
  }
  const chunks: Chunk[] = [];
  for (const [object, items] of byObject) {
    for (let i = 0; i < items.length; i += COLLECTION_SIZE) chunks.push({ object, items: items.slice(i, i + COLLECTION_SIZE) });
  }
  return { chunks, unchanged };
}
