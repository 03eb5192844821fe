/**
 * Reading a client's record body into field changes. Unknown fields and undecodable values fail
 * the whole request (Salesforce rejects the body while deserialising it); value problems such as
 * a too-long string fail only that record.
 */
import type { FieldDef } from './fields.ts';
import type { ObjectSchema } from './catalogue.ts';
import { coerceValue } from './values.ts';
import type { RecordError } from './values.ts';

/** Audit fields a seed may set, as a user with "Set Audit Fields upon Record Creation" can. */
export const AUDIT_FIELDS: ReadonlySet<string> = new Set(['CreatedDate', 'CreatedById', 'LastModifiedDate', 'LastModifiedById']);

export type ParsedInput = { ok: true; changes: Map<FieldDef, unknown>; recordError?: RecordError } | { ok: false; error: RecordError };

/** Salesforce's message for a field name that does not exist on the object. */
export function noSuchColumn(schema: ObjectSchema, name: string): RecordError {
  return { errorCode: 'INVALID_FIELD', message: `No such column '${name}' on sobject of type ${schema.name}`, fields: [] };
}

/**
 * Parse a body for create or update. `Id` is identification, not a change: ignored on update,
 * refused (per record) on create. `attributes` is metadata and skipped.
 */
export function parseInput(schema: ObjectSchema, body: unknown, mode: 'create' | 'update', audit = false): ParsedInput {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    const token = Array.isArray(body) ? 'START_ARRAY' : 'VALUE_STRING';
    return { ok: false, error: { errorCode: 'JSON_PARSER_ERROR', message: `Cannot deserialize instance of ${schema.name} from ${token}`, fields: [] } };
  }
  const changes = new Map<FieldDef, unknown>();
  let recordError: RecordError | undefined;
  const notWritable: string[] = [];
  for (const [key, raw] of Object.entries(body)) {
    if (key === 'attributes') continue;
    const f = schema.field(key);
    if (!f) return { ok: false, error: noSuchColumn(schema, key) };
    if (f.name === 'Id') {
      if (mode === 'create' && raw !== null) recordError ??= { errorCode: 'INVALID_FIELD', message: 'cannot specify Id in an insert call', fields: ['Id'] };
      continue;
    }
    const coerced = coerceValue(f, raw);
    if (!coerced.ok) {
      if (coerced.scope === 'request') return { ok: false, error: coerced.error };
      recordError ??= coerced.error;
      continue;
    }
    const writable = mode === 'create' ? f.createable || (audit && AUDIT_FIELDS.has(f.name)) : f.updateable;
    if (!writable) notWritable.push(f.name);
    changes.set(f, coerced.value);
  }
  if (notWritable.length > 0) {
    // Checked before value errors: Salesforce refuses the field before looking at its value.
    recordError = {
      errorCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
      message: `Unable to create/update fields: ${notWritable.join(', ')}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
      fields: notWritable,
    };
  }
  return recordError ? { ok: true, changes, recordError } : { ok: true, changes };
}
