/** sObject Collections: create, update, delete and retrieve up to 200 records in one call. */
import { scalarText } from '../scalar-text.ts';
import type { ObjectSchema } from './catalogue.ts';
import { exceededIdLimit, precheck, readBatch, recordSchema, runBatch } from './collection-batch.ts';
import type { ItemResult } from './collection-batch.ts';
import { keyPrefixOf, normalizeId } from './ids.ts';
import { isResult, resolveObject, sfError } from './op.ts';
import type { OpContext, Operation, OpResult } from './op.ts';
import { apiRecord, selectFields } from './serialize.ts';
import type { WriteResult } from './writes.ts';
import { createRecord, deleteRecord, updateRecord } from './writes.ts';

/** Retrieve by POST accepts up to 2,000 ids (GET is bounded by URL length instead). */
const MAX_RETRIEVE_IDS = 2000;

const item = (result: WriteResult, isNew: boolean, reportId?: string): ItemResult => (result.ok ? { ok: true, id: result.id, isNew } : { ok: false, ...(reportId ? { id: reportId } : {}), error: result.error });

/** Resolve each record's object and refuse the request on a bad type, unknown field or bad value. */
function resolveAll(ctx: OpContext, records: Record<string, unknown>[]): ObjectSchema[] | OpResult {
  const schemas: ObjectSchema[] = [];
  for (const record of records) {
    const schema = recordSchema(ctx, record);
    if (isResult(schema)) return schema;
    const refused = precheck(schema, record);
    if (refused) return refused;
    schemas.push(schema);
  }
  return schemas;
}

/** A collection record's id, canonicalised and checked against its object. */
function recordId(schema: ObjectSchema, raw: unknown): string | ItemResult {
  if (raw === undefined || raw === null || raw === '') {
    return { ok: false, error: { errorCode: 'MISSING_ARGUMENT', message: 'Id not specified in an update call', fields: [] } };
  }
  const id = typeof raw === 'string' ? normalizeId(raw) : undefined;
  if (!id) return { ok: false, error: { errorCode: 'MALFORMED_ID', message: `malformed id ${scalarText(raw)}`, fields: [] } };
  if (keyPrefixOf(id) !== schema.def.keyPrefix) {
    return { ok: false, id, error: { errorCode: 'MALFORMED_ID', message: `${schema.name} ID: id value of incorrect type: ${id}`, fields: ['Id'] } };
  }
  return id;
}

/** POST /composite/sobjects `{allOrNone, records}` → per-record save results. */
export const collectionCreate: Operation = (ctx, req) => {
  const batch = readBatch(ctx, req.body);
  if (isResult(batch)) return batch;
  const schemas = resolveAll(ctx, batch.records);
  if (isResult(schemas)) return schemas;
  return runBatch(
    ctx,
    batch.allOrNone,
    batch.records.map((record, i) => () => item(createRecord(ctx.org, schemas[i]!, record), true)),
  );
};

/** PATCH /composite/sobjects — records carry `id` (any case) and `attributes.type`. */
export const collectionUpdate: Operation = (ctx, req) => {
  const batch = readBatch(ctx, req.body);
  if (isResult(batch)) return batch;
  const schemas = resolveAll(ctx, batch.records);
  if (isResult(schemas)) return schemas;
  return runBatch(
    ctx,
    batch.allOrNone,
    batch.records.map((record, i) => () => {
      const schema = schemas[i]!;
      const key = Object.keys(record).find((k) => k.toLowerCase() === 'id');
      const id = recordId(schema, key === undefined ? undefined : record[key]);
      if (typeof id !== 'string') return id;
      return item(updateRecord(ctx.org, schema, id, record), false, id);
    }),
  );
};

/** DELETE /composite/sobjects?ids=a,b[&allOrNone=true] — ids of any objects. */
export const collectionDelete: Operation = (ctx, req) => {
  const ids = (req.query['ids'] ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (ids.length === 0) return sfError(400, 'MISSING_ARGUMENT', 'The ids parameter is required');
  if (ids.length > 200) return exceededIdLimit();
  const allOrNone = ctx.forceAllOrNone === true || req.query['allOrNone']?.toLowerCase() === 'true';
  return runBatch(
    ctx,
    allOrNone,
    ids.map((raw) => () => {
      const id = normalizeId(raw);
      if (!id) return { ok: false, error: { errorCode: 'MALFORMED_ID', message: `malformed id ${raw}`, fields: [] } };
      const schema = ctx.org.catalogue.byKeyPrefix(keyPrefixOf(id));
      if (!schema) return { ok: false, id, error: { errorCode: 'INVALID_CROSS_REFERENCE_KEY', message: 'invalid cross reference id', fields: [] } };
      return item(deleteRecord(ctx.org, schema, id), false, id);
    }),
  );
};

/** Records by id, `null` for ids that are malformed, of another object, missing or deleted. */
function retrieveMany(ctx: OpContext, objectName: string | undefined, ids: unknown, fields: unknown): OpResult {
  const schema = resolveObject(ctx, objectName);
  if (isResult(schema)) return schema;
  if (!Array.isArray(ids) || !Array.isArray(fields) || fields.length === 0) {
    return sfError(400, 'MISSING_ARGUMENT', 'Both ids and fields are required');
  }
  if (ids.length > MAX_RETRIEVE_IDS) return exceededIdLimit(MAX_RETRIEVE_IDS);
  const selected = selectFields(schema, fields.map(String));
  if (isResult(selected)) return selected;
  const body = ids.map((raw) => {
    const id = typeof raw === 'string' ? normalizeId(raw) : undefined;
    const record = id && keyPrefixOf(id) === schema.def.keyPrefix ? ctx.org.store.get(schema.name, id) : undefined;
    return record && record['IsDeleted'] !== true ? apiRecord(ctx, schema, record, selected) : null;
  });
  return { status: 200, body };
}

/** POST /composite/sobjects/:object `{ids, fields}`. */
export const collectionRetrievePost: Operation = (ctx, req) => {
  const body = (req.body ?? {}) as { ids?: unknown; fields?: unknown };
  return retrieveMany(ctx, req.params['object'], body.ids, body.fields);
};

/** GET /composite/sobjects/:object?ids=a,b&fields=X,Y. */
export const collectionRetrieveGet: Operation = (ctx, req) => retrieveMany(ctx, req.params['object'], (req.query['ids'] ?? '').split(',').filter(Boolean), (req.query['fields'] ?? '').split(',').filter(Boolean));
