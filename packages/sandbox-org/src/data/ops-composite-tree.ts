/**
 * POST /composite/tree/:object: create record trees (root records of the URL's object, children
 * nested under their child relationship names as `{records: [...]}`), each record with
 * `attributes: {type, referenceId}`. At most 200 records in all and 5 levels; all or nothing: the
 * first failure rolls everything back and the answer names only the failing record.
 *
 * Counting: "The entire request counts as a single call toward your API limits" (REST API Developer
 * Guide, sObject Tree: https://developer.salesforce.com/docs/platform/api-rest/guide/resources-composite-sobject-tree.html):
 * the gate's one count, nothing more here.
 */
import { bareRecord } from './bare-record.ts';
import type { ObjectSchema } from './catalogue.ts';
import { childRelationshipsOf } from './child-relationships.ts';
import { resolveObject, isResult, sfError } from './op.ts';
import type { Operation, OpContext, OpResult } from './op.ts';
import { createRecord } from './writes.ts';

const MAX_RECORDS = 200;
const MAX_DEPTH = 5;

interface TreeError {
  referenceId: string;
  errors: { statusCode: string; message: string; fields: string[] }[];
}

class TreeFailure extends Error {
  constructor(readonly result: OpResult) {
    super('tree failed');
  }
}

const recordFailure = (referenceId: string, statusCode: string, message: string, fields: string[] = []): TreeFailure => {
  const body: { hasErrors: true; results: TreeError[] } = { hasErrors: true, results: [{ referenceId, errors: [{ statusCode, message, fields }] }] };
  return new TreeFailure({ status: 400, body });
};

/** Count every record of a tree list (and check the depth) before anything is written. */
function countRecords(list: unknown, depth: number): number {
  if (!Array.isArray(list)) throw new TreeFailure(sfError(400, 'JSON_PARSER_ERROR', 'records must be an array of records'));
  if (depth > MAX_DEPTH) throw new TreeFailure(sfError(400, 'INVALID_INPUT', `sObject trees can be at most ${MAX_DEPTH} levels deep`));
  let n = 0;
  for (const r of list as unknown[]) {
    if (typeof r !== 'object' || r === null || Array.isArray(r)) throw new TreeFailure(sfError(400, 'JSON_PARSER_ERROR', 'Each record must be a JSON object'));
    n += 1;
    for (const v of Object.values(r)) if (v && typeof v === 'object' && 'records' in v) n += countRecords((v as { records: unknown }).records, depth + 1);
  }
  return n;
}

/** Create one record and then its children, appending `{referenceId, id}` in request order. */
function createTree(ctx: OpContext, schema: ObjectSchema, input: Record<string, unknown>, out: { referenceId: string; id: string }[], seen: Set<string>): void {
  const attributes = (input['attributes'] ?? {}) as { type?: unknown; referenceId?: unknown };
  const referenceId = typeof attributes.referenceId === 'string' ? attributes.referenceId : '';
  if (referenceId === '') throw new TreeFailure(sfError(400, 'INVALID_INPUT', 'Include a reference ID for each record in the request.'));
  if (seen.has(referenceId)) throw recordFailure(referenceId, 'INVALID_INPUT', `Duplicate ReferenceId provided in the request: ${referenceId}`);
  seen.add(referenceId);
  if (typeof attributes.type !== 'string' || attributes.type.toLowerCase() !== schema.name.toLowerCase()) {
    throw recordFailure(referenceId, 'INVALID_TYPE', `The type of the record (${String(attributes.type)}) is not ${schema.name}`);
  }
  const relationships = childRelationshipsOf(ctx.org.catalogue, schema.name);
  const fields: Record<string, unknown> = bareRecord();
  const children: { schema: ObjectSchema; field: string; records: Record<string, unknown>[] }[] = [];
  for (const [key, value] of Object.entries(input)) {
    if (key === 'attributes') continue;
    const rel = relationships.find((c) => c.relationshipName?.toLowerCase() === key.toLowerCase());
    if (rel && value && typeof value === 'object' && 'records' in value) {
      children.push({ schema: ctx.org.catalogue.get(rel.childSObject)!, field: rel.field, records: (value as { records: Record<string, unknown>[] }).records });
    } else fields[key] = value;
  }
  const created = createRecord(ctx.org, schema, fields);
  if (!created.ok) throw recordFailure(referenceId, created.error.errorCode, created.error.message, created.error.fields);
  out.push({ referenceId, id: created.id });
  for (const child of children) {
    for (const record of child.records) createTree(ctx, child.schema, { ...record, [child.field]: created.id }, out, seen);
  }
}

/** POST /composite/tree/:object `{records: [...]}`. */
export const compositeTree: Operation = (ctx, req) => {
  const schema = resolveObject(ctx, req.params['object']);
  if (isResult(schema)) return schema;
  const records = (req.body as { records?: unknown } | null)?.records;
  const store = ctx.org.store;
  const savepoint = store.savepoint();
  try {
    const total = countRecords(records, 1);
    if (total === 0) return sfError(400, 'INVALID_INPUT', 'No records found in the request');
    if (total > MAX_RECORDS) return sfError(400, 'LIMIT_EXCEEDED', `A request can contain up to ${MAX_RECORDS} records; this one has ${total}`);
    const results: { referenceId: string; id: string }[] = [];
    const seen = new Set<string>();
    for (const record of records as Record<string, unknown>[]) createTree(ctx, schema, record, results, seen);
    store.release(savepoint);
    return { status: 201, body: { hasErrors: false, results } };
  } catch (e) {
    store.rollback(savepoint);
    store.release(savepoint);
    if (e instanceof TreeFailure) return e.result;
    throw e;
  }
};
