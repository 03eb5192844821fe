/**
 * The three writes (create, update, soft delete) as plain functions over an org. They return a
 * value, never throw, so single-record routes, collections, composite and seeding share them.
 */
import { bareRecord } from './bare-record.ts';
import type { ObjectSchema } from './catalogue.ts';
import type { StoredRecord } from './record-store.ts';
import { formatDateTime } from './values.ts';
import type { RecordError } from './values.ts';
import { parseInput } from './write-input.ts';
import { checkReferences, checkUnique, clearedRequired, missingOnCreate, requiredMissing } from './write-checks.ts';
import type { WriteTarget } from './write-target.ts';

/** Outcome of one write. `scope: 'request'` means the whole HTTP request is refused (400). */
export type WriteResult = { ok: true; id: string } | { ok: false; scope: 'request' | 'record'; status: number; error: RecordError };

const failRecord = (error: RecordError, status = 400): WriteResult => ({ ok: false, scope: 'record', status, error });

/** Salesforce's answer for an id that names no record. */
export const NOT_FOUND_ERROR: RecordError = { errorCode: 'NOT_FOUND', message: 'The requested resource does not exist', fields: [] };
const DELETED_ERROR: RecordError = { errorCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] };

function refusedType(schema: ObjectSchema, verb: string): WriteResult {
  return failRecord({ errorCode: 'INVALID_TYPE_FOR_OPERATION', message: `entity type cannot be ${verb}: ${schema.name}`, fields: [] });
}

/** Stamp the audit fields of a change made now by the org's user. */
function touch(org: WriteTarget, record: StoredRecord): void {
  record['LastModifiedDate'] = formatDateTime(org.clock.now());
  record['LastModifiedById'] = org.userId;
  record['SystemModstamp'] = org.nextStamp();
}

/** Insert one record; `audit` lets seeds set CreatedDate and friends. */
export function createRecord(org: WriteTarget, schema: ObjectSchema, body: unknown, audit = false): WriteResult {
  if (!schema.def.createable) return refusedType(schema, 'inserted');
  const parsed = parseInput(schema, body, 'create', audit);
  if (!parsed.ok) return { ok: false, scope: 'request', status: 400, error: parsed.error };
  if (parsed.recordError) return failRecord(parsed.recordError);
  const record: StoredRecord = bareRecord();
  for (const f of schema.fields) record[f.name] = f.defaultValue ?? null;
  if (schema.field('OwnerId')) record['OwnerId'] = org.userId;
  for (const [f, value] of parsed.changes) record[f.name] = value;
  const missing = requiredMissing(missingOnCreate(schema, record));
  if (missing) return failRecord(missing);
  const refError = checkReferences(org, parsed.changes, record) ?? checkUnique(org, schema, record);
  if (refError) return failRecord(refError);

  const id = org.minter.next(schema.def.keyPrefix);
  const now = formatDateTime(org.clock.now());
  record['Id'] = id;
  record['IsDeleted'] = false;
  record['CreatedDate'] ??= now;
  record['CreatedById'] ??= org.userId;
  record['LastModifiedDate'] ??= record['CreatedDate'];
  record['LastModifiedById'] ??= record['CreatedById'];
  record['SystemModstamp'] = org.nextStamp();
  schema.def.derive?.(record, new Set([...parsed.changes.keys()].map((f) => f.name)));
  org.store.put(schema.name, id, record);
  return { ok: true, id };
}

/** Look up a live record for update or delete, with Salesforce's errors for missing/deleted ones. */
function liveRecord(org: WriteTarget, schema: ObjectSchema, id: string): { record: StoredRecord } | { fail: WriteResult } {
  const existing = org.store.get(schema.name, id);
  if (!existing) return { fail: failRecord(NOT_FOUND_ERROR, 404) };
  if (existing['IsDeleted'] === true) return { fail: failRecord(DELETED_ERROR, 404) };
  return { record: existing };
}

/** Update one record by canonical id. */
export function updateRecord(org: WriteTarget, schema: ObjectSchema, id: string, body: unknown): WriteResult {
  if (!schema.def.updateable) return refusedType(schema, 'updated');
  const parsed = parseInput(schema, body, 'update');
  if (!parsed.ok) return { ok: false, scope: 'request', status: 400, error: parsed.error };
  const existing = liveRecord(org, schema, id);
  if ('fail' in existing) return existing.fail;
  if (parsed.recordError) return failRecord(parsed.recordError);
  const missing = requiredMissing(clearedRequired(parsed.changes));
  if (missing) return failRecord(missing);
  const record: StoredRecord = bareRecord(existing.record);
  for (const [f, value] of parsed.changes) record[f.name] = value;
  const refError = checkReferences(org, parsed.changes, record) ?? checkUnique(org, schema, record, id);
  if (refError) return failRecord(refError);
  touch(org, record);
  schema.def.derive?.(record, new Set([...parsed.changes.keys()].map((f) => f.name)));
  org.store.put(schema.name, id, record);
  return { ok: true, id };
}

/** Move one record to the recycle bin (IsDeleted = true; queryAll still sees it). */
export function deleteRecord(org: WriteTarget, schema: ObjectSchema, id: string): WriteResult {
  if (!schema.def.deletable) return refusedType(schema, 'deleted');
  const existing = liveRecord(org, schema, id);
  if ('fail' in existing) return existing.fail;
  const record: StoredRecord = bareRecord(existing.record);
  record['IsDeleted'] = true;
  touch(org, record);
  org.store.put(schema.name, id, record);
  return { ok: true, id };
}
