/**
 * What every sObject Collections write shares: the ≤ 200 record limit, request-level checks that
 * refuse the whole body, per-record results in input order, and allOrNone rollback.
 */
import type { ObjectSchema } from './catalogue.ts';
import { sfError } from './op.ts';
import type { OpContext, OpResult } from './op.ts';
import { collectionError } from './serialize.ts';
import type { RecordError } from './values.ts';
import { parseInput } from './write-input.ts';

/** Records one sObject Collections write may carry. */
export const MAX_BATCH_RECORDS = 200;

/** 400 EXCEEDED_ID_LIMIT, Salesforce's answer to more than 200 records in one call. */
export function exceededIdLimit(max = MAX_BATCH_RECORDS): OpResult {
  return sfError(400, 'EXCEEDED_ID_LIMIT', `record limit reached. cannot submit more than ${max} records into this call`);
}

/** Outcome of one record; `isNew` marks inserts, whose ids vanish when rolled back. */
export type ItemResult = { ok: true; id: string; isNew: boolean; created?: boolean } | { ok: false; id?: string; error: RecordError };

export interface Batch {
  allOrNone: boolean;
  records: Record<string, unknown>[];
}

/** Read `{allOrNone, records}`; a composite allOrNone overrides the batch's own flag. */
export function readBatch(ctx: OpContext, body: unknown): Batch | OpResult {
  const b = body as { allOrNone?: unknown; records?: unknown } | null;
  if (b === null || typeof b !== 'object' || !Array.isArray(b.records)) {
    return sfError(400, 'JSON_PARSER_ERROR', 'Cannot deserialize the request body: expected {"allOrNone": boolean, "records": [...]}');
  }
  if (b.records.length > MAX_BATCH_RECORDS) return exceededIdLimit();
  if (b.records.some((r) => r === null || typeof r !== 'object' || Array.isArray(r))) {
    return sfError(400, 'JSON_PARSER_ERROR', 'Cannot deserialize instance of sObject: every record must be a JSON object');
  }
  return { allOrNone: ctx.forceAllOrNone === true || b.allOrNone === true, records: b.records as Record<string, unknown>[] };
}

/** The object a record names in `attributes.type` (or the URL's object); unknown refuses the request. */
export function recordSchema(ctx: OpContext, record: Record<string, unknown>, fallback?: ObjectSchema): ObjectSchema | OpResult {
  const attributes = record['attributes'] as { type?: unknown } | undefined;
  const type = typeof attributes?.type === 'string' ? attributes.type : undefined;
  if (type === undefined) return fallback ?? sfError(400, 'INVALID_TYPE', 'Must send a concrete entity type.');
  const schema = ctx.org.catalogue.get(type);
  if (!schema) return sfError(400, 'INVALID_TYPE', `sObject type '${type}' is not supported.`);
  return schema;
}

/** Unknown fields and undecodable values refuse the whole request, before any record is written. */
export function precheck(schema: ObjectSchema, record: Record<string, unknown>): OpResult | undefined {
  const parsed = parseInput(schema, record, 'update');
  if (parsed.ok) return undefined;
  const { errorCode, message, fields } = parsed.error;
  return sfError(400, errorCode, message, fields.length > 0 ? fields : undefined);
}

const ROLLED_BACK = {
  statusCode: 'ALL_OR_NONE_OPERATION_ROLLED_BACK',
  message: 'Record rolled back because not all records were valid and the request was using AllOrNone header',
  fields: [] as string[],
};

/**
 * Run the per-record steps in input order. With allOrNone and any failure, everything written
 * is undone and the successes are reported as rolled back.
 */
export function runBatch(ctx: OpContext, allOrNone: boolean, steps: Array<() => ItemResult>, upsert = false): OpResult {
  const store = ctx.org.store;
  const savepoint = store.savepoint();
  const results = steps.map((step) => step());
  const failed = results.some((r) => !r.ok);
  if (allOrNone && failed) store.rollback(savepoint);
  store.release(savepoint);
  const body = results.map((r) => {
    const created = upsert ? { created: r.ok && r.created === true && !(allOrNone && failed) } : {};
    if (!r.ok) return { ...(r.id ? { id: r.id } : {}), success: false, errors: [collectionError(r.error)], ...created };
    if (allOrNone && failed) return { ...(r.isNew ? {} : { id: r.id }), success: false, errors: [ROLLED_BACK], ...created };
    return { id: r.id, success: true, errors: [], ...created };
  });
  return { status: 200, body };
}
