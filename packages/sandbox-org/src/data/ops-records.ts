/** Single-record resources: `/sobjects/:object[/:id]` and `/sobjects/:object/:extIdField/:value`. */
import { isResult, notFound, recordUrl, resolveId, resolveObject, sfError } from './op.ts';
import type { OpContext, Operation, OpResult } from './op.ts';
import { apiRecord, selectFields, writeFailure } from './serialize.ts';
import { matchExternalId, resolveExternalIdField, withExternalId } from './upsert-match.ts';
import { createRecord, deleteRecord, updateRecord } from './writes.ts';

/** 300 Multiple Choices: the URLs of every record an external id matched. */
function multipleChoices(ctx: OpContext, object: string, ids: string[]): OpResult {
  return { status: 300, body: ids.map((id) => recordUrl(ctx, object, id)) };
}

/** POST /sobjects/:object → 201 `{id, success, errors}`. */
export const createOne: Operation = (ctx, req) => {
  const schema = resolveObject(ctx, req.params['object']);
  if (isResult(schema)) return schema;
  const result = createRecord(ctx.org, schema, req.body);
  if (!result.ok) return writeFailure(result);
  return {
    status: 201,
    body: { id: result.id, success: true, errors: [] },
    headers: { Location: recordUrl(ctx, schema.name, result.id) },
  };
};

/** GET /sobjects/:object/:id[?fields=A,B] → the record with `attributes`. */
export const retrieveOne: Operation = (ctx, req) => {
  const schema = resolveObject(ctx, req.params['object']);
  if (isResult(schema)) return schema;
  const id = resolveId(schema, req.params['id']);
  if (isResult(id)) return id;
  const record = ctx.org.store.get(schema.name, id);
  if (!record || record['IsDeleted'] === true) return notFound();
  const list = req.query['fields'];
  const fields = list === undefined ? schema.fields : selectFields(schema, list.split(','));
  if (isResult(fields)) return fields;
  return { status: 200, body: apiRecord(ctx, schema, record, fields) };
};

/** PATCH /sobjects/:object/:id → 204. */
export const updateOne: Operation = (ctx, req) => {
  const schema = resolveObject(ctx, req.params['object']);
  if (isResult(schema)) return schema;
  const id = resolveId(schema, req.params['id']);
  if (isResult(id)) return id;
  const result = updateRecord(ctx.org, schema, id, req.body);
  return result.ok ? { status: 204 } : writeFailure(result);
};

/** DELETE /sobjects/:object/:id → 204 (the record moves to the recycle bin). */
export const deleteOne: Operation = (ctx, req) => {
  const schema = resolveObject(ctx, req.params['object']);
  if (isResult(schema)) return schema;
  const id = resolveId(schema, req.params['id']);
  if (isResult(id)) return id;
  const result = deleteRecord(ctx.org, schema, id);
  return result.ok ? { status: 204 } : writeFailure(result);
};

/**
 * PATCH /sobjects/:object/:field/:value — upsert: 201 `{…, created: true}` when nothing matched,
 * 200 `{…, created: false}` when one record did, 300 when several did.
 */
export const upsertOne: Operation = (ctx, req) => {
  const schema = resolveObject(ctx, req.params['object']);
  if (isResult(schema)) return schema;
  const f = resolveExternalIdField(schema, req.params['field']);
  if (isResult(f)) return f;
  const value = req.params['value'] ?? '';
  const match = matchExternalId(ctx.org, schema, f, value);
  if ('error' in match) return sfError(400, match.error.errorCode, match.error.message, match.error.fields);
  const { ids } = match;
  if (ids.length > 1) return multipleChoices(ctx, schema.name, ids);
  if (ids.length === 1) {
    const result = updateRecord(ctx.org, schema, ids[0]!, req.body);
    if (!result.ok) return writeFailure(result);
    return { status: 200, body: { id: result.id, success: true, errors: [], created: false } };
  }
  if (f.name === 'Id') return notFound();
  const result = createRecord(ctx.org, schema, withExternalId(req.body, f, value));
  if (!result.ok) return writeFailure(result);
  return {
    status: 201,
    body: { id: result.id, success: true, errors: [], created: true },
    headers: { Location: recordUrl(ctx, schema.name, result.id) },
  };
};

/** GET /sobjects/:object/:field/:value — a record by external id (300 when several match). */
export const retrieveByExternalId: Operation = (ctx, req) => {
  const schema = resolveObject(ctx, req.params['object']);
  if (isResult(schema)) return schema;
  const f = resolveExternalIdField(schema, req.params['field']);
  if (isResult(f)) return f;
  const match = matchExternalId(ctx.org, schema, f, req.params['value'] ?? '');
  if ('error' in match || match.ids.length === 0) return notFound();
  if (match.ids.length > 1) return multipleChoices(ctx, schema.name, match.ids);
  const record = ctx.org.store.get(schema.name, match.ids[0]!)!;
  const list = req.query['fields'];
  const fields = list === undefined ? schema.fields : selectFields(schema, list.split(','));
  if (isResult(fields)) return fields;
  return { status: 200, body: apiRecord(ctx, schema, record, fields) };
};
