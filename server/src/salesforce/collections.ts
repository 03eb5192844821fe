/**
 * sObject Collections requests (≤ 200 records, one call each), built the way Salesforce documents
 * them and jsforce sends them: create `POST /composite/sobjects`, update `PATCH /composite/sobjects`
 * (records carry `id`), upsert `PATCH /composite/sobjects/{type}/{field}`. Never split: the caller
 * chunks, and one chunk is one call.
 */
import type { ClientRequest } from './client.ts';

export type SaveOperation = 'create' | 'update' | 'upsert';

type SaveRecord = Record<string, unknown>;

function shaped(operation: SaveOperation, object: string, record: SaveRecord, upsertKey: string): SaveRecord {
  const { Id: id, type: _type, attributes: _attributes, ...fields } = record;
  const attributes = { type: object };
  switch (operation) {
    case 'create':
      return { attributes, ...fields };
    case 'update':
      if (!id) throw new Error('Record id is not found in record.');
      return { id, attributes, ...fields };
    case 'upsert': {
      const { [upsertKey]: key, type: _t, attributes: _a, ...rest } = record;
      if (!key) throw new Error('External ID is not found in record.');
      return { [upsertKey]: key, attributes, ...rest };
    }
  }
}

/** The one request that saves `records` of `object`; `upsertKey` is the field an upsert matches on. */
export function saveRequest(operation: SaveOperation, object: string, records: readonly SaveRecord[], options: { allOrNone: boolean; upsertKey?: string }): ClientRequest {
  const upsertKey = options.upsertKey ?? 'Id';
  const url = operation === 'upsert' ? `/composite/sobjects/${object}/${upsertKey}` : '/composite/sobjects';
  return {
    method: operation === 'create' ? 'POST' : 'PATCH',
    url,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ allOrNone: options.allOrNone, records: records.map((r) => shaped(operation, object, r, upsertKey)) }),
  };
}
