/** PATCH /composite/sobjects/:object/:extIdField — upsert up to 200 records by external id. */
import { scalarText } from '../scalar-text.ts';
import { precheck, readBatch, recordSchema, runBatch } from './collection-batch.ts';
import type { ItemResult } from './collection-batch.ts';
import { isResult, resolveObject, sfError } from './op.ts';
import type { Operation } from './op.ts';
import { matchExternalId, resolveExternalIdField, withExternalId } from './upsert-match.ts';
import { createRecord, updateRecord } from './writes.ts';

/** The record's value for a field named in any case, or undefined. */
function valueOf(record: Record<string, unknown>, field: string): unknown {
  const lower = field.toLowerCase();
  const key = Object.keys(record).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : record[key];
}

/** Upsert results add `created`; duplicates inside one request fail with DUPLICATE_EXTERNAL_ID. */
export const collectionUpsert: Operation = (ctx, req) => {
  const schema = resolveObject(ctx, req.params['object']);
  if (isResult(schema)) return schema;
  const f = resolveExternalIdField(schema, req.params['field']);
  if (isResult(f)) return f;
  const batch = readBatch(ctx, req.body);
  if (isResult(batch)) return batch;
  for (const record of batch.records) {
    const own = recordSchema(ctx, record, schema);
    if (isResult(own)) return own;
    // Upsert collections take one object only (unlike create and update).
    if (own !== schema) return sfError(400, 'INVALID_TYPE', `Upsert of mixed sObject types is not supported; expected ${schema.name}, got ${own.name}`);
    const refused = precheck(schema, record);
    if (refused) return refused;
  }

  // Values sent more than once in this request: Salesforce refuses each such record.
  const seen = new Map<string, number>();
  for (const record of batch.records) {
    const v = valueOf(record, f.name);
    if (v !== undefined && v !== null) seen.set(scalarText(v).toLowerCase(), (seen.get(scalarText(v).toLowerCase()) ?? 0) + 1);
  }

  const steps = batch.records.map((record) => (): ItemResult => {
    const value = valueOf(record, f.name);
    if (value === undefined || value === null || value === '') {
      return { ok: false, error: { errorCode: 'MISSING_ARGUMENT', message: `${f.name} not specified`, fields: [f.name] } };
    }
    if ((seen.get(scalarText(value).toLowerCase()) ?? 0) > 1) {
      return { ok: false, error: { errorCode: 'DUPLICATE_EXTERNAL_ID', message: `Duplicate external id specified: ${scalarText(value)}`, fields: [f.name] } };
    }
    const match = matchExternalId(ctx.org, schema, f, value);
    if ('error' in match) return { ok: false, error: match.error };
    if (match.ids.length > 1) {
      return { ok: false, error: { errorCode: 'DUPLICATE_EXTERNAL_ID', message: `More than 1 record found for external id field: [${match.ids.join(', ')}]`, fields: [f.name] } };
    }
    const existing = match.ids[0];
    if (existing !== undefined) {
      const result = updateRecord(ctx.org, schema, existing, record);
      return result.ok ? { ok: true, id: result.id, isNew: false, created: false } : { ok: false, id: existing, error: result.error };
    }
    if (f.name === 'Id') return { ok: false, error: { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist', fields: [] } };
    const result = createRecord(ctx.org, schema, withExternalId(record, f, value));
    return result.ok ? { ok: true, id: result.id, isNew: true, created: true } : { ok: false, error: result.error };
  });
  return runBatch(ctx, batch.allOrNone, steps, true);
};
